import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { randomToken, sha256Hex } from './tokens';

type Db = Kysely<Database> | Transaction<Database>;

/** A new link for the speaker, replacing any earlier one; the token is returned this once and stored only as a hash. */
export async function rotateUploadLink(db: Db, speaker: { id: number; event_id: number }, now: Date): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('upload_links')
    .values({ speaker_id: speaker.id, event_id: speaker.event_id, token_hash: await sha256Hex(token), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('speaker_id').doUpdateSet({ token_hash: (eb) => eb.ref('excluded.token_hash'), created_at: now.toISOString() }))
    .execute();
  return token;
}

export async function revokeUploadLink(db: Db, speakerId: number): Promise<void> {
  await db.deleteFrom('upload_links').where('speaker_id', '=', speakerId).execute();
}

export async function uploadLinkCreatedAt(db: Db, speakerId: number): Promise<string | null> {
  const row = await db.selectFrom('upload_links').select('created_at').where('speaker_id', '=', speakerId).executeTakeFirst();
  return row?.created_at ?? null;
}

/** The speaker and event behind an upload link token, or undefined for an unknown or revoked one. */
export async function findUploadLink(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('upload_links')
    .innerJoin('speakers', 'speakers.id', 'upload_links.speaker_id')
    .innerJoin('events', 'events.id', 'upload_links.event_id')
    .selectAll('speakers')
    .select(['events.title as event_title', 'events.time_zone', 'events.status as event_status', 'events.slug as event_slug'])
    .where('upload_links.token_hash', '=', await sha256Hex(token))
    .executeTakeFirst();
  return row;
}

/** The programme items a speaker is on, and the presentations already linked to them. */
export async function speakerUploads(db: Db, speaker: { id: number; event_id: number }) {
  const [items, files] = await Promise.all([
    db
      .selectFrom('programme_items')
      .innerJoin('item_speakers', 'item_speakers.item_id', 'programme_items.id')
      .select(['programme_items.id', 'programme_items.title', 'programme_items.starts_at'])
      .where('item_speakers.speaker_id', '=', speaker.id)
      .where('programme_items.event_id', '=', speaker.event_id)
      .orderBy('programme_items.starts_at')
      .execute(),
    db
      .selectFrom('files')
      .selectAll()
      .where('speaker_id', '=', speaker.id)
      .where('event_id', '=', speaker.event_id)
      .where('kind', '=', 'presentation')
      .orderBy('id')
      .execute(),
  ]);
  return { items, files };
}
