import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database, EventRow, ItemKind, ProgrammeChange, ProgrammeChangeRow, ProgrammeItemRow, RoomRow } from '../../db/schema';
import { groupBy } from '../group-by';
import { eventDays, localDate, localDateTime, zonedToUtc } from '../time';
import { type FormErrors, type FormResult, fieldErrors } from './forms';
import { shiftLocal } from './local-shift';
import { nextPosition, touchEvent } from './ordered-list';
import { itemTimeProblems } from './time-rules';

type Db = Kysely<Database> | Transaction<Database>;

export const ITEM_KINDS = ['talk', 'panel', 'workshop', 'break', 'meal', 'other'] as const satisfies readonly ItemKind[];

const TIME = /^([01]\d|2[0-3])[:.]([0-5]\d)$/;

export type ItemField = 'day' | 'start' | 'end' | 'room_id' | 'kind' | 'title' | 'abstract' | 'speaker_ids';
/** The item form as typed: day 'YYYY-MM-DD', times 'HH:mm' in the event's zone, ids as text. */
export type ItemFormValues = Record<Exclude<ItemField, 'speaker_ids'>, string> & { speaker_ids: string[] };

export interface ItemInput {
  room_id: number | null;
  kind: ItemKind;
  title: string;
  abstract: string | null;
  starts_at: string;
  ends_at: string;
  speaker_ids: number[];
}

const itemSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'edit_day_invalid' }),
  start: z.string().trim().regex(TIME, { error: 'edit_time_invalid' }),
  end: z.string().trim().regex(TIME, { error: 'edit_time_invalid' }),
  room_id: z.string().regex(/^(\d{1,15})?$/, { error: 'edit_choice_invalid' }),
  kind: z.enum(ITEM_KINDS, { error: 'edit_choice_invalid' }),
  title: z.string().trim().min(1, { error: 'edit_required' }).max(300, { error: 'edit_too_long' }),
  abstract: z.string().trim().max(10_000, { error: 'edit_too_long' }),
  speaker_ids: z.array(z.string().regex(/^\d{1,15}$/, { error: 'edit_choice_invalid' })).max(100),
});

/** Picks the item form out of a body parsed with `{ all: true }` (speaker_ids may repeat). */
export function itemFormValues(body: Record<string, unknown>): ItemFormValues {
  const one = (k: string) => {
    const v = body[k];
    return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  };
  const ids = body.speaker_ids;
  return {
    day: one('day'),
    start: one('start'),
    end: one('end'),
    room_id: one('room_id'),
    kind: one('kind'),
    title: one('title'),
    abstract: one('abstract'),
    speaker_ids: (Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]).filter((v): v is string => typeof v === 'string'),
  };
}

export function itemToForm(item: ProgrammeItemRow, speakerIds: number[], timeZone: string): ItemFormValues {
  const start = localDateTime(item.starts_at, timeZone);
  const end = localDateTime(item.ends_at, timeZone);
  return {
    day: start.slice(0, 10),
    start: start.slice(11),
    end: end.slice(11),
    room_id: item.room_id === null ? '' : String(item.room_id),
    kind: item.kind,
    title: item.title,
    abstract: item.abstract ?? '',
    speaker_ids: speakerIds.map(String),
  };
}

export function blankItemForm(event: EventRow): ItemFormValues {
  return { day: eventDays(event.starts_at, event.ends_at, event.time_zone)[0] ?? '', start: '', end: '', room_id: '', kind: 'talk', title: '', abstract: '', speaker_ids: [] };
}

/**
 * Validates a programme item against its event: a day of the event, times on that day in the event's zone, the end
 * after the start, and both within the event; a room and speakers of this event. An end at 00:00 means midnight.
 */
export function parseItemForm(
  values: ItemFormValues,
  event: EventRow,
  known: { roomIds: readonly number[]; speakerIds: readonly number[] },
): FormResult<ItemField, ItemInput> {
  const parsed = itemSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors<ItemField>(parsed.error) };
  const errors: FormErrors<ItemField> = {};
  const v = parsed.data;
  const zone = event.time_zone;
  if (!eventDays(event.starts_at, event.ends_at, zone).includes(v.day)) return { ok: false, errors: { day: 'edit_day_invalid' } };
  const hhmm = (t: string) => t.replace('.', ':');
  const starts_at = zonedToUtc(`${v.day}T${hhmm(v.start)}`, zone);
  let ends_at = zonedToUtc(`${v.day}T${hhmm(v.end)}`, zone);
  if (hhmm(v.end) === '00:00') {
    const next = new Date(Date.parse(`${v.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    ends_at = zonedToUtc(`${next}T00:00`, zone);
  }
  const problems = itemTimeProblems({ starts_at, ends_at }, event);
  if (problems.some((p) => p.code === 'ends_before_starts')) errors.end = 'edit_end_before_start';
  else if (problems.length) errors.start = 'edit_item_outside_event';
  const room_id = v.room_id === '' ? null : Number(v.room_id);
  if (room_id !== null && !known.roomIds.includes(room_id)) errors.room_id = 'edit_choice_invalid';
  const speaker_ids = [...new Set(v.speaker_ids.map(Number))];
  if (speaker_ids.some((id) => !known.speakerIds.includes(id))) errors.speaker_ids = 'edit_choice_invalid';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { room_id, kind: v.kind, title: v.title, abstract: v.abstract || null, starts_at, ends_at, speaker_ids } };
}

type Timed = Pick<ProgrammeItemRow, 'id' | 'room_id' | 'starts_at' | 'ends_at' | 'status'>;

/**
 * For each scheduled item, the other scheduled items in the same room whose times overlap it (items without a room
 * share one). Touching ends (10:00–11:00 and 11:00–12:00) do not overlap. Flagged to the organiser, never refused.
 * @example findOverlaps([{ id: 1, room_id: 2, starts_at: 'a', … }, …]).get(1) // [3]
 */
export function findOverlaps(items: readonly Timed[]): Map<number, number[]> {
  // Sort and sweep, per room: only items still running when the next one starts can overlap it, so the work grows with
  // the overlaps found, not with the square of the programme.
  const order = new Map(items.map((item, i) => [item.id, i]));
  const byRoom = groupBy(
    items.filter((i) => i.status !== 'cancelled'),
    (i) => i.room_id,
  );
  const pairs = new Map<number, number[]>();
  const link = (a: Timed, b: Timed) => {
    const list = pairs.get(a.id);
    if (list) list.push(b.id);
    else pairs.set(a.id, [b.id]);
  };
  for (const room of byRoom.values()) {
    room.sort((a, b) => (a.starts_at < b.starts_at ? -1 : a.starts_at > b.starts_at ? 1 : 0));
    let running: Timed[] = [];
    for (const item of room) {
      running = running.filter((r) => r.ends_at > item.starts_at);
      for (const other of running) {
        // Equal start and end (a zero-length item) overlaps nothing, as in the pairwise rule.
        if (item.starts_at < other.ends_at && other.starts_at < item.ends_at && item.id !== other.id) {
          link(item, other);
          link(other, item);
        }
      }
      running.push(item);
    }
  }
  // In the order the items were given, as the organiser sees them.
  const out = new Map<number, number[]>();
  for (const item of items) {
    const list = pairs.get(item.id);
    if (list) out.set(item.id, list.sort((a, b) => order.get(a)! - order.get(b)!));
  }
  return out;
}

export async function listRooms(db: Db, eventId: number): Promise<RoomRow[]> {
  return db.selectFrom('rooms').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
}

export type AdminItem = ProgrammeItemRow & { speaker_ids: number[] };

/** The programme for editing: every item (cancelled ones too) with its speakers' ids, in time order. */
export async function listItems(db: Db, eventId: number): Promise<AdminItem[]> {
  const [items, links] = await Promise.all([
    db.selectFrom('programme_items').selectAll().where('event_id', '=', eventId).orderBy('starts_at').orderBy('room_id').orderBy('id').execute(),
    db
      .selectFrom('item_speakers')
      .innerJoin('programme_items', 'programme_items.id', 'item_speakers.item_id')
      .select(['item_speakers.item_id', 'item_speakers.speaker_id'])
      .where('programme_items.event_id', '=', eventId)
      .orderBy('item_speakers.position')
      .execute(),
  ]);
  const speakerIds = groupBy(links, (l) => l.item_id);
  return items.map((i) => ({ ...i, speaker_ids: (speakerIds.get(i.id) ?? []).map((l) => l.speaker_id) }));
}

export async function findItem(db: Db, eventId: number, id: number): Promise<AdminItem | undefined> {
  return (await listItems(db, eventId)).find((i) => i.id === id);
}

const roomName = (rooms: readonly RoomRow[], id: number | null) => (id === null ? null : (rooms.find((r) => r.id === id)?.name ?? null));

async function recordChange(
  trx: Db,
  event: EventRow,
  itemId: number,
  change: ProgrammeChange,
  values: Partial<Pick<ProgrammeChangeRow, 'old_starts_at' | 'new_starts_at' | 'old_room' | 'new_room'>>,
  now: Date,
) {
  // Only a published programme has readers who could hold an old copy.
  if (event.status !== 'published') return;
  await trx
    .insertInto('programme_changes')
    .values({ event_id: event.id, item_id: itemId, change, old_starts_at: null, new_starts_at: null, old_room: null, new_room: null, ...values, at: now.toISOString() })
    .execute();
}

/**
 * Keeps the programme on the event's days after the event moved (another first day, or another time zone): every item
 * is put on the same day of the event at the same wall-clock time, and the move is recorded for a published programme.
 */
export async function moveProgrammeWithEvent(trx: Db, before: EventRow, after: EventRow, now: Date): Promise<void> {
  const days = Math.round(
    (Date.parse(localDate(after.starts_at, after.time_zone)) - Date.parse(localDate(before.starts_at, before.time_zone))) / 86_400_000,
  );
  if (days === 0 && before.time_zone === after.time_zone) return;
  const items = await trx.selectFrom('programme_items').select(['id', 'starts_at', 'ends_at']).where('event_id', '=', after.id).execute();
  for (const item of items) {
    const starts_at = shiftLocal(item.starts_at, before.time_zone, days, after.time_zone);
    const ends_at = shiftLocal(item.ends_at, before.time_zone, days, after.time_zone);
    if (starts_at === item.starts_at && ends_at === item.ends_at) continue;
    await trx.updateTable('programme_items').set({ starts_at, ends_at, updated_at: now.toISOString() }).where('id', '=', item.id).execute();
    await recordChange(trx, after, item.id, 'moved', { old_starts_at: item.starts_at, new_starts_at: starts_at }, now);
  }
}

/**
 * Adds (id null) or saves a programme item with its speakers, in one transaction; for a published event the change
 * is recorded: 'added', 'moved' (new start or room), or 'changed' (title, end or speakers). Returns the item's id.
 */
export async function saveItem(db: Kysely<Database>, event: EventRow, input: ItemInput, id: number | null, now: Date): Promise<number> {
  const { speaker_ids, ...columns } = input;
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const rooms = await listRooms(trx, event.id);
    let itemId: number;
    if (id === null) {
      const row = await trx
        .insertInto('programme_items')
        .values({ ...columns, event_id: event.id, created_at: stamp, updated_at: stamp })
        .returning('id')
        .executeTakeFirstOrThrow();
      itemId = row.id;
      await recordChange(trx, event, itemId, 'added', { new_starts_at: columns.starts_at, new_room: roomName(rooms, columns.room_id) }, now);
    } else {
      const old = await findItem(trx, event.id, id);
      if (!old) return -1;
      itemId = id;
      await trx.updateTable('programme_items').set({ ...columns, updated_at: stamp }).where('id', '=', id).execute();
      const moved = old.starts_at !== columns.starts_at || old.room_id !== columns.room_id;
      const changed = old.title !== columns.title || old.ends_at !== columns.ends_at || old.speaker_ids.join() !== speaker_ids.join();
      if (moved || changed) {
        await recordChange(
          trx,
          event,
          id,
          moved ? 'moved' : 'changed',
          { old_starts_at: old.starts_at, new_starts_at: columns.starts_at, old_room: roomName(rooms, old.room_id), new_room: roomName(rooms, columns.room_id) },
          now,
        );
      }
      await trx.deleteFrom('item_speakers').where('item_id', '=', id).execute();
    }
    for (const [position, speaker_id] of speaker_ids.entries()) {
      await trx.insertInto('item_speakers').values({ item_id: itemId, speaker_id, position }).execute();
    }
    await touchEvent(trx, event.id, now);
    return itemId;
  });
}

/** Cancels an item (kept in the programme, struck through), recording it for a published event. */
export async function cancelItem(db: Kysely<Database>, event: EventRow, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .updateTable('programme_items')
      .set({ status: 'cancelled', updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('event_id', '=', event.id)
      .where('status', '=', 'scheduled')
      .returning(['starts_at', 'room_id'])
      .executeTakeFirst();
    if (!item) return false;
    const rooms = await listRooms(trx, event.id);
    await recordChange(trx, event, id, 'cancelled', { old_starts_at: item.starts_at, old_room: roomName(rooms, item.room_id) }, now);
    await touchEvent(trx, event.id, now);
    return true;
  });
}

/** Whether items may still be deleted outright: only while the event has never been public. */
export const canDeleteItems = (event: Pick<EventRow, 'published_at' | 'status'>) => event.published_at === null && event.status === 'draft';

export async function deleteItem(db: Kysely<Database>, event: EventRow, id: number, now: Date): Promise<boolean> {
  if (!canDeleteItems(event)) return false;
  return db.transaction().execute(async (trx) => {
    // files.item_id has no foreign key: the slides stay with the event, no longer attached to the item.
    await trx.updateTable('files').set({ item_id: null }).where('item_id', '=', id).where('event_id', '=', event.id).execute();
    const result = await trx.deleteFrom('programme_items').where('id', '=', id).where('event_id', '=', event.id).executeTakeFirst();
    await touchEvent(trx, event.id, now);
    return Number(result.numDeletedRows) === 1;
  });
}

export const roomNameSchema = z.string().trim().min(1, { error: 'edit_required' }).max(100, { error: 'edit_too_long' });

export async function addRoom(db: Kysely<Database>, eventId: number, name: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('rooms')
      .values({ event_id: eventId, name, position: await nextPosition(trx, 'rooms', eventId) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await touchEvent(trx, eventId, now);
    return row.id;
  });
}

export async function renameRoom(db: Kysely<Database>, eventId: number, id: number, name: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('rooms').set({ name }).where('id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
    await touchEvent(trx, eventId, now);
    return Number(result.numUpdatedRows) === 1;
  });
}

/** Deletes a room; its items stay in the programme without a room. */
export async function deleteRoom(db: Kysely<Database>, eventId: number, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('programme_items').set({ room_id: null }).where('room_id', '=', id).where('event_id', '=', eventId).execute();
    const result = await trx.deleteFrom('rooms').where('id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
    await touchEvent(trx, eventId, now);
    return Number(result.numDeletedRows) === 1;
  });
}

export type ProgrammeChangeView = ProgrammeChangeRow & { title: string };

/** The changes to an event's published programme, newest first, with each item's current title. */
export async function listProgrammeChanges(db: Db, eventId: number): Promise<ProgrammeChangeView[]> {
  return db
    .selectFrom('programme_changes')
    .innerJoin('programme_items', 'programme_items.id', 'programme_changes.item_id')
    .selectAll('programme_changes')
    .select('programme_items.title')
    .where('programme_changes.event_id', '=', eventId)
    .orderBy('programme_changes.at', 'desc')
    .orderBy('programme_changes.id', 'desc')
    .execute();
}

/** Items with anything recorded, and the latest kind of change for each (to mark them in the programme). */
export function latestChangeByItem(changes: readonly ProgrammeChangeView[]): Map<number, ProgrammeChange> {
  const out = new Map<number, ProgrammeChange>();
  for (const c of changes) if (!out.has(c.item_id)) out.set(c.item_id, c.change);
  return out;
}

