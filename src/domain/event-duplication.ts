import { type Kysely, sql } from 'kysely';
import type { Database, EventRow } from '../../db/schema';
import type { SessionOrganiser } from './auth';
import { slugify, uniqueSlug } from './event-editing';
import { shiftLocal } from './local-shift';
import { DomainError } from '../errors';
import { isInstantInRange } from '../time';

/** How far a new edition may be moved, either way: ten years. */
export const MAX_DUPLICATE_SHIFT_DAYS = 3660;

/**
 * A new draft edition of an event, `days` later at the same local times: its fields, rooms, speakers, programme
 * (without cancelled items), questions, links and organisers — not registrations, files or change history.
 */
export async function duplicateEvent(
  db: Kysely<Database>,
  event: EventRow,
  days: number,
  organiser: Pick<SessionOrganiser, 'id' | 'role'>,
  now: Date,
): Promise<EventRow> {
  // A new edition is a few days to a few years away; 99,999 days is a slip of the keyboard.
  if (!Number.isInteger(days) || Math.abs(days) > MAX_DUPLICATE_SHIFT_DAYS) throw new DomainError(422, 'edit_duplicate_range');
  const shift = (v: string) => shiftLocal(v, event.time_zone, days);
  if (!isInstantInRange(shift(event.starts_at)) || !isInstantInRange(shift(event.ends_at))) throw new DomainError(422, 'edit_duplicate_range');
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const { id, slug, status, sequence, published_at, created_at, updated_at, ...fields } = event;
    const startYear = shift(event.starts_at).slice(0, 4);
    const base = slugify(event.title).includes(startYear) ? slugify(event.title) : `${slugify(event.title)}-${startYear}`.slice(0, 70);
    const copy = await trx
      .insertInto('events')
      .values({
        ...fields,
        slug: await uniqueSlug(trx, base),
        status: 'draft',
        published_at: null,
        // A new edition starts with nobody registered: nothing anonymised, no calendar history.
        anonymised_at: null,
        sequence: 0,
        starts_at: shift(event.starts_at),
        ends_at: shift(event.ends_at),
        registration_opens_at: event.registration_opens_at && shift(event.registration_opens_at),
        registration_closes_at: event.registration_closes_at && shift(event.registration_closes_at),
        created_at: stamp,
        updated_at: stamp,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('event_organisers')
      .columns(['event_id', 'organiser_id'])
      .expression((eb) =>
        eb.selectFrom('event_organisers').select([sql.lit(copy.id).as('event_id'), 'organiser_id']).where('event_id', '=', event.id),
      )
      .execute();
    if (organiser.role !== 'admin') {
      await trx
        .insertInto('event_organisers')
        .values({ event_id: copy.id, organiser_id: organiser.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const roomIds = new Map<number, number>();
    for (const room of await trx.selectFrom('rooms').selectAll().where('event_id', '=', event.id).execute()) {
      const { id: old, ...r } = room;
      const row = await trx.insertInto('rooms').values({ ...r, event_id: copy.id }).returning('id').executeTakeFirstOrThrow();
      roomIds.set(old, row.id);
    }
    const speakerIds = new Map<number, number>();
    for (const speaker of await trx.selectFrom('speakers').selectAll().where('event_id', '=', event.id).execute()) {
      const { id: old, ...s } = speaker;
      const row = await trx
        .insertInto('speakers')
        .values({ ...s, event_id: copy.id, photo_file_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      speakerIds.set(old, row.id);
    }
    const items = await trx
      .selectFrom('programme_items')
      .selectAll()
      .where('event_id', '=', event.id)
      .where('status', '=', 'scheduled')
      .execute();
    for (const item of items) {
      const { id: old, ...i } = item;
      const row = await trx
        .insertInto('programme_items')
        .values({
          ...i,
          event_id: copy.id,
          room_id: i.room_id === null ? null : (roomIds.get(i.room_id) ?? null),
          starts_at: shift(i.starts_at),
          ends_at: shift(i.ends_at),
          created_at: stamp,
          updated_at: stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const links = await trx.selectFrom('item_speakers').selectAll().where('item_id', '=', old).execute();
      for (const link of links) {
        const speaker = speakerIds.get(link.speaker_id);
        if (speaker) await trx.insertInto('item_speakers').values({ item_id: row.id, speaker_id: speaker, position: link.position }).execute();
      }
    }
    for (const question of await trx.selectFrom('questions').selectAll().where('event_id', '=', event.id).execute()) {
      const { id: _, ...q } = question;
      await trx.insertInto('questions').values({ ...q, event_id: copy.id }).execute();
    }
    for (const link of await trx.selectFrom('links').selectAll().where('event_id', '=', event.id).execute()) {
      const { id: _, ...l } = link;
      await trx.insertInto('links').values({ ...l, event_id: copy.id }).execute();
    }
    return copy;
  });
}
