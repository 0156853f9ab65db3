import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { FileStore } from '../file-store';
import { type DemoEvent, type DemoFile, demoEvents } from './demo-events';
import { pdfWithTitlePage } from './pdf';
import { groupPicturePng } from './png';
import { seedDemoRegistrations } from './registrations';

export { HELSE_NORD_SLUG, INNLANDET_SLUG, UPCOMING_SLUG_PREFIX, upcomingDemoSlug } from './demo-events';

interface StoredFile {
  storage_key: string;
  content_type: string;
  size: number;
  sha256: string;
}

async function hasEvents(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('events').select('id').limit(1).executeTakeFirst()) !== undefined;
}

async function fileBytes(file: DemoFile): Promise<{ bytes: Uint8Array; content_type: string }> {
  if ('pdf' in file.source) return { bytes: pdfWithTitlePage(file.source.pdf.title, file.source.pdf.lines), content_type: 'application/pdf' };
  return { bytes: await groupPicturePng(file.source.png), content_type: 'image/png' };
}

async function storeFile(files: FileStore, slug: string, file: DemoFile): Promise<StoredFile> {
  const { bytes, content_type } = await fileBytes(file);
  // Event ids do not exist yet when the bytes are stored (rows come after), so the slug stands in for the id.
  const storage_key = `events/${slug}/${crypto.randomUUID()}`;
  const { size, sha256 } = await files.put(storage_key, bytes);
  return { storage_key, content_type, size, sha256 };
}

function lookup(ids: ReadonlyMap<string, number>, key: string, what: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`demo data: unknown ${what} '${key}'`);
  return id;
}

async function insertDemoEvent(trx: Transaction<Database>, demo: DemoEvent, stored: readonly StoredFile[]): Promise<void> {
  const { id: eventId } = await trx.insertInto('events').values(demo.event).returning('id').executeTakeFirstOrThrow();
  const stamp = demo.event.updated_at;

  const roomIds = new Map<string, number>();
  for (const [position, name] of demo.rooms.entries()) {
    const row = await trx.insertInto('rooms').values({ event_id: eventId, name, position }).returning('id').executeTakeFirstOrThrow();
    roomIds.set(name, row.id);
  }

  const speakerIds = new Map<string, number>();
  for (const [position, { key, ...speaker }] of demo.speakers.entries()) {
    const row = await trx
      .insertInto('speakers')
      .values({ ...speaker, event_id: eventId, photo_file_id: null, position })
      .returning('id')
      .executeTakeFirstOrThrow();
    speakerIds.set(key, row.id);
  }

  const itemIds = new Map<string, number>();
  for (const { key, room, speakers, ...item } of demo.items) {
    const row = await trx
      .insertInto('programme_items')
      .values({
        ...item,
        event_id: eventId,
        room_id: room === undefined ? null : lookup(roomIds, room, 'room'),
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (key !== undefined) itemIds.set(key, row.id);
    for (const [position, speaker] of (speakers ?? []).entries()) {
      await trx
        .insertInto('item_speakers')
        .values({ item_id: row.id, speaker_id: lookup(speakerIds, speaker, 'speaker'), position })
        .execute();
    }
  }

  for (const [position, { item, speaker, photoOf, source: _source, ...file }] of demo.files.entries()) {
    const bytes = stored[position];
    if (!bytes) throw new Error(`demo data: no stored bytes for '${file.title}'`);
    const row = await trx
      .insertInto('files')
      .values({
        ...file,
        ...bytes,
        event_id: eventId,
        item_id: item === undefined ? null : lookup(itemIds, item, 'programme item'),
        speaker_id: speaker === undefined ? null : lookup(speakerIds, speaker, 'speaker'),
        position,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (photoOf !== undefined) {
      await trx.updateTable('speakers').set({ photo_file_id: row.id }).where('id', '=', lookup(speakerIds, photoOf, 'speaker')).execute();
    }
  }

  if (demo.links.length > 0) {
    await trx
      .insertInto('links')
      .values(demo.links.map((link, position) => ({ ...link, event_id: eventId, position })))
      .execute();
  }
}

async function deleteAll(files: FileStore, keys: readonly string[]): Promise<void> {
  await Promise.allSettled(keys.map((key) => files.delete(key)));
}

/**
 * Loads the demo events (two past ones from the seed articles and one open for registration a few weeks after
 * `now`) when there are no events at all; returns whether it did. File bytes go into the store first, then all rows
 * in one transaction; if the rows cannot be written (or another process seeded meanwhile) the bytes are removed again.
 * The upcoming event's slug is `upcomingDemoSlug(now)`. Then the demo participants are registered (no mail is sent).
 * @example await seedDemo(deps.db, deps.files, deps.clock()) // true on an empty database, false afterwards
 */
export async function seedDemo(db: Kysely<Database>, files: FileStore, now: Date): Promise<boolean> {
  if (await hasEvents(db)) return false;
  const demo = demoEvents(now);
  // One at a time, so that on a failure every key already written is known and can be removed.
  const stored: StoredFile[][] = [];
  try {
    for (const event of demo) {
      const done: StoredFile[] = [];
      stored.push(done);
      for (const file of event.files) done.push(await storeFile(files, event.event.slug, file));
    }
  } catch (error) {
    await deleteAll(files, stored.flat().map((s) => s.storage_key));
    throw error;
  }
  const keys = stored.flat().map((s) => s.storage_key);
  try {
    const seeded = await db.transaction().execute(async (trx) => {
      if (await hasEvents(trx)) return false;
      for (const [i, event] of demo.entries()) await insertDemoEvent(trx, event, stored[i] ?? []);
      return true;
    });
    if (!seeded) await deleteAll(files, keys);
    else await seedDemoRegistrations(db, now);
    return seeded;
  } catch (error) {
    await deleteAll(files, keys);
    throw error;
  }
}
