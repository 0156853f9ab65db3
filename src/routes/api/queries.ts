import { type Kysely, type Transaction, sql } from 'kysely';
import type { z } from 'zod';
import type { Database, EventRow, EventUpdate, FileRow, QuestionRow, RegistrationRow, RoomRow, SpeakerRow } from '../../../db/schema';
import type {
  Event,
  EventCreateInput,
  EventUpdateInput,
  EventSummary,
  Item,
  ItemCreateInput,
  ItemUpdateInput,
  Material,
  Question,
  QuestionsPutInput,
  Registration,
  RegistrationPage,
  Room,
  Speaker,
  SpeakerCreateInput,
  SpeakerUpdateInput,
} from '../../api/schemas';
import type { AppConfig } from '../../deps';
import type { DashboardEvent } from '../../domain/auth';
import { grantEvent } from '../../domain/auth';
import type { ProgrammeItem } from '../../domain/events';
import { listQuestions } from '../../domain/questions';
import { type EventChanges, type MailSettings, cancelEvent, fillSeats, rescheduleEvent } from '../../domain/registration';
import type { Translate } from '../../i18n/index';
import type { ApiIssue } from './errors';

// Plain queries and row-to-JSON mappings for /api/v1. Where the organiser pages get their own editing functions
// (src/domain/event-editing.ts, programme-editing.ts), these should give way to them.

type Db = Kysely<Database> | Transaction<Database>;
type Base = Pick<AppConfig, 'baseUrl'>;
type Out<T extends z.ZodType> = z.output<T>;

const origin = (config: Base) => config.baseUrl.replace(/\/+$/, '');
const bool = (n: number) => n !== 0;

export const publicUrl = (config: Base, slug: string) => `${origin(config)}/events/${encodeURIComponent(slug)}`;
export const fileUrl = (config: Base, file: Pick<FileRow, 'id' | 'filename'>) =>
  `${origin(config)}/files/${file.id}/${encodeURIComponent(file.filename)}`;

export function eventSummaryJson(config: Base, e: DashboardEvent): Out<typeof EventSummary> {
  const { id, slug, status, kind, title, time_zone, starts_at, ends_at } = e;
  return {
    id,
    slug,
    status,
    kind,
    title,
    time_zone,
    starts_at,
    ends_at,
    confirmed: Number(e.confirmed),
    waitlisted: Number(e.waitlisted),
    public_url: publicUrl(config, slug),
  };
}

export function eventJson(config: Base, e: EventRow): Out<typeof Event> {
  return { ...e, public_url: publicUrl(config, e.slug) };
}

export const roomJson = ({ id, name, position }: RoomRow): Out<typeof Room> => ({ id, name, position });

export function speakerJson(config: Base, s: SpeakerRow, photo: Pick<FileRow, 'id' | 'filename'> | undefined): Out<typeof Speaker> {
  const { id, name, role, organisation, bio, position } = s;
  return { id, name, role, organisation, bio, position, photo_url: photo ? fileUrl(config, photo) : null };
}

export function itemJson(item: Omit<ProgrammeItem, 'room' | 'materials' | 'speakers'> & { speaker_ids: number[] }): Out<typeof Item> {
  const { id, kind, title, abstract, starts_at, ends_at, room_id, status, speaker_ids, created_at, updated_at } = item;
  return { id, kind, title, abstract, starts_at, ends_at, room_id, status, speaker_ids, created_at, updated_at };
}

export function questionJson(q: QuestionRow): Out<typeof Question> {
  let options: string[] | null = null;
  if (q.options) {
    try {
      const parsed: unknown = JSON.parse(q.options);
      if (Array.isArray(parsed)) options = parsed.filter((o): o is string => typeof o === 'string');
    } catch {
      options = null;
    }
  }
  return { id: q.id, position: q.position, type: q.type, label: q.label, help: q.help, options, required: bool(q.required) };
}

export function materialJson(config: Base, f: FileRow): Out<typeof Material> {
  const { storage_key: _key, event_id: _event, ...rest } = f;
  return {
    ...rest,
    download_url: fileUrl(config, f),
    content_url: `${origin(config)}/api/v1/events/${f.event_id}/materials/${f.id}/content`,
  };
}

// ---------------------------------------------------------------- events

/** Everything under an event, for GET /events/:id. */
export async function eventDetail(db: Db, config: Base, event: EventRow) {
  const [rooms, speakers, items, questions] = await Promise.all([
    listRooms(db, event.id),
    listSpeakers(db, config, event.id),
    listItems(db, event.id),
    listQuestions(db, event.id),
  ]);
  return { ...eventJson(config, event), rooms, speakers, items, questions: questions.map(questionJson) };
}

/**
 * A slug from a title: lower case, Norwegian letters spelled out, anything else a hyphen.
 * @example slugFrom('Inkluderende arbeidsliv på Hamar') // 'inkluderende-arbeidsliv-pa-hamar'
 */
export function slugFrom(title: string): string {
  const base = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base || 'arrangement';
}

export async function slugTaken(db: Db, slug: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom('events').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return !!(await query.executeTakeFirst());
}

/** The title's slug, or with -2, -3 … when taken. */
export async function freeSlug(db: Db, title: string): Promise<string> {
  const base = slugFrom(title);
  const taken = new Set(
    (await db.selectFrom('events').select('slug').where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)])).execute()).map(
      (r) => r.slug,
    ),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Checks what a whole event must satisfy; the issues, empty when it is fine. */
export function eventIssues(e: Pick<EventRow, 'starts_at' | 'ends_at' | 'registration_opens_at' | 'registration_closes_at'>, t: Translate): ApiIssue[] {
  const issues: ApiIssue[] = [];
  if (e.ends_at <= e.starts_at) issues.push({ path: ['ends_at'], message: t('api_issue_ends_before_starts'), code: 'ends_before_starts' });
  if (e.registration_opens_at && e.registration_closes_at && e.registration_closes_at <= e.registration_opens_at) {
    issues.push({ path: ['registration_closes_at'], message: t('api_issue_registration_window'), code: 'registration_window' });
  }
  return issues;
}

/** A new event, given to the organiser who made it, in one transaction. */
export async function insertEvent(db: Kysely<Database>, organiserId: number, input: EventCreateInput & { slug: string }, now: Date): Promise<EventRow> {
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const event = await trx
      .insertInto('events')
      .values({ ...input, published_at: input.status === 'published' ? stamp : null, created_at: stamp, updated_at: stamp })
      .returningAll()
      .executeTakeFirstOrThrow();
    await grantEvent(trx, organiserId, event.id);
    return event;
  });
}

// ---------------------------------------------------------------- rooms, speakers, items

export async function listRooms(db: Db, eventId: number) {
  const rows = await db.selectFrom('rooms').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
  return rows.map(roomJson);
}

async function nextPosition(db: Db, table: 'rooms' | 'speakers', eventId: number): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`coalesce(max(position), -1) + 1`.as('next'))
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

export async function insertRoom(db: Db, eventId: number, input: { name: string; position?: number | undefined }) {
  const position = input.position ?? (await nextPosition(db, 'rooms', eventId));
  const row = await db.insertInto('rooms').values({ event_id: eventId, name: input.name, position }).returningAll().executeTakeFirstOrThrow();
  return roomJson(row);
}

export async function listSpeakers(db: Db, config: Base, eventId: number, onlyId?: number) {
  let query = db
    .selectFrom('speakers')
    .leftJoin('files', 'files.id', 'speakers.photo_file_id')
    .selectAll('speakers')
    .select(['files.id as photo_id', 'files.filename as photo_filename'])
    .where('speakers.event_id', '=', eventId)
    .orderBy('speakers.position')
    .orderBy('speakers.name');
  if (onlyId !== undefined) query = query.where('speakers.id', '=', onlyId);
  const rows = await query.execute();
  return rows.map(({ photo_id, photo_filename, ...s }) =>
    speakerJson(config, s, photo_id !== null && photo_filename !== null ? { id: photo_id, filename: photo_filename } : undefined),
  );
}

export async function insertSpeaker(db: Db, config: Base, eventId: number, input: SpeakerCreateInput) {
  const position = input.position ?? (await nextPosition(db, 'speakers', eventId));
  const row = await db
    .insertInto('speakers')
    .values({ event_id: eventId, name: input.name, role: input.role, organisation: input.organisation, bio: input.bio, photo_file_id: null, position })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await listSpeakers(db, config, eventId, row.id))[0]!;
}

/** Null when the speaker is not the event's. */
export async function updateSpeaker(db: Db, config: Base, eventId: number, speakerId: number, input: SpeakerUpdateInput) {
  if (Object.keys(input).length) {
    const result = await db.updateTable('speakers').set(input).where('id', '=', speakerId).where('event_id', '=', eventId).executeTakeFirst();
    if (result.numUpdatedRows === 0n) return null;
  }
  return (await listSpeakers(db, config, eventId, speakerId))[0] ?? null;
}

export async function listItems(db: Db, eventId: number, onlyId?: number) {
  let query = db.selectFrom('programme_items').selectAll().where('event_id', '=', eventId).orderBy('starts_at').orderBy('room_id').orderBy('id');
  if (onlyId !== undefined) query = query.where('id', '=', onlyId);
  const [items, links] = await Promise.all([
    query.execute(),
    db
      .selectFrom('item_speakers')
      .innerJoin('programme_items', 'programme_items.id', 'item_speakers.item_id')
      .select(['item_speakers.item_id', 'item_speakers.speaker_id'])
      .where('programme_items.event_id', '=', eventId)
      .orderBy('item_speakers.position')
      .execute(),
  ]);
  return items.map((item) => itemJson({ ...item, speaker_ids: links.filter((l) => l.item_id === item.id).map((l) => l.speaker_id) }));
}

/**
 * What must hold for an item of this event: inside the event's time, after its own start, and with the event's own
 * room and speakers. Returns the issues (translated), empty when the item is fine.
 */
export async function itemIssues(
  db: Db,
  event: EventRow,
  item: { starts_at: string; ends_at: string; room_id: number | null; speaker_ids?: number[] | undefined },
  t: Translate,
  zoneFormat: (instant: string) => string,
): Promise<ApiIssue[]> {
  const issues: ApiIssue[] = [];
  if (item.ends_at <= item.starts_at) issues.push({ path: ['ends_at'], message: t('api_issue_ends_before_starts'), code: 'ends_before_starts' });
  const range = { start: zoneFormat(event.starts_at), end: zoneFormat(event.ends_at) };
  if (item.starts_at < event.starts_at || item.starts_at > event.ends_at) {
    issues.push({ path: ['starts_at'], message: t('api_issue_outside_event', range), code: 'outside_event' });
  }
  if (item.ends_at > event.ends_at || item.ends_at < event.starts_at) {
    issues.push({ path: ['ends_at'], message: t('api_issue_outside_event', range), code: 'outside_event' });
  }
  if (item.room_id !== null) {
    const room = await db.selectFrom('rooms').select('id').where('id', '=', item.room_id).where('event_id', '=', event.id).executeTakeFirst();
    if (!room) issues.push({ path: ['room_id'], message: t('api_issue_unknown_room'), code: 'unknown_room' });
  }
  if (item.speaker_ids?.length) {
    const known = new Set(
      (await db.selectFrom('speakers').select('id').where('event_id', '=', event.id).where('id', 'in', item.speaker_ids).execute()).map((s) => s.id),
    );
    item.speaker_ids.forEach((id, index) => {
      if (!known.has(id)) issues.push({ path: ['speaker_ids', index], message: t('api_issue_unknown_speaker'), code: 'unknown_speaker' });
    });
  }
  return issues;
}

async function setItemSpeakers(trx: Db, itemId: number, speakerIds: number[]) {
  await trx.deleteFrom('item_speakers').where('item_id', '=', itemId).execute();
  if (speakerIds.length) {
    await trx
      .insertInto('item_speakers')
      .values(speakerIds.map((speaker_id, position) => ({ item_id: itemId, speaker_id, position })))
      .execute();
  }
}

export async function insertItem(db: Kysely<Database>, eventId: number, input: ItemCreateInput, now: Date) {
  const stamp = now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const { speaker_ids, ...columns } = input;
    const row = await trx
      .insertInto('programme_items')
      .values({ ...columns, event_id: eventId, created_at: stamp, updated_at: stamp })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setItemSpeakers(trx, row.id, speaker_ids);
    return row.id;
  });
  return (await listItems(db, eventId, id))[0]!;
}

export async function updateItem(db: Kysely<Database>, eventId: number, itemId: number, input: ItemUpdateInput, now: Date) {
  await db.transaction().execute(async (trx) => {
    const { speaker_ids, ...columns } = input;
    await trx
      .updateTable('programme_items')
      .set({ ...columns, updated_at: now.toISOString() })
      .where('id', '=', itemId)
      .where('event_id', '=', eventId)
      .execute();
    if (speaker_ids) await setItemSpeakers(trx, itemId, speaker_ids);
  });
  return (await listItems(db, eventId, itemId))[0] ?? null;
}

/** Deletes the item; its files stay with the event (no longer tied to the item). False when it is not the event's. */
export async function deleteItem(db: Kysely<Database>, eventId: number, itemId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('programme_items').select('id').where('id', '=', itemId).where('event_id', '=', eventId).executeTakeFirst();
    if (!item) return false;
    await trx.updateTable('files').set({ item_id: null }).where('item_id', '=', itemId).execute();
    await trx.deleteFrom('programme_items').where('id', '=', itemId).execute();
    return true;
  });
}

export async function findItem(db: Db, eventId: number, itemId: number) {
  return db.selectFrom('programme_items').selectAll().where('id', '=', itemId).where('event_id', '=', eventId).executeTakeFirst();
}

// ---------------------------------------------------------------- questions

/**
 * Replaces the event's questions with the list, in its order: listed ids are kept (with their answers), new ones
 * added, the rest deleted (their answers go with them). One transaction. The issues when an id is not the event's.
 */
export async function replaceQuestions(
  db: Kysely<Database>,
  eventId: number,
  input: QuestionsPutInput,
  t: Translate,
): Promise<{ issues: ApiIssue[] } | { questions: Out<typeof Question>[] }> {
  return db.transaction().execute(async (trx) => {
    const existing = new Set((await trx.selectFrom('questions').select('id').where('event_id', '=', eventId).execute()).map((q) => q.id));
    const issues: ApiIssue[] = [];
    const seen = new Set<number>();
    input.questions.forEach((q, index) => {
      if (q.id === undefined) return;
      if (!existing.has(q.id) || seen.has(q.id)) {
        issues.push({ path: ['questions', index, 'id'], message: t('api_issue_unknown_question'), code: 'unknown_question' });
      }
      seen.add(q.id);
    });
    if (issues.length) return { issues };
    const keep = input.questions.flatMap((q) => (q.id === undefined ? [] : [q.id]));
    let remove = trx.deleteFrom('questions').where('event_id', '=', eventId);
    if (keep.length) remove = remove.where('id', 'not in', keep);
    await remove.execute();
    for (const [position, q] of input.questions.entries()) {
      const values = {
        position,
        type: q.type,
        label: q.label,
        help: q.help,
        options: q.options?.length ? JSON.stringify(q.options) : null,
        required: q.required ? 1 : 0,
      };
      if (q.id === undefined) await trx.insertInto('questions').values({ ...values, event_id: eventId }).execute();
      else await trx.updateTable('questions').set(values).where('id', '=', q.id).execute();
    }
    return { questions: (await listQuestions(trx, eventId)).map(questionJson) };
  });
}

// ---------------------------------------------------------------- registrations, materials

export function registrationJson(r: RegistrationRow, answers: { question_id: number; value: string }[]): Out<typeof Registration> {
  return {
    id: r.id,
    status: r.status,
    name: r.name,
    email: r.email,
    organisation: r.organisation,
    job_title: r.job_title,
    listed: bool(r.listed),
    lang: r.lang,
    answers: answers.map((a) => ({ question_id: a.question_id, value: JSON.parse(a.value) as string | string[] | boolean })),
    created_at: r.created_at,
    updated_at: r.updated_at,
    cancelled_at: r.cancelled_at,
    promoted_at: r.promoted_at,
    checked_in_at: r.checked_in_at,
  };
}

async function answersOf(db: Db, ids: number[]) {
  if (!ids.length) return new Map<number, { question_id: number; value: string }[]>();
  const rows = await db
    .selectFrom('answers')
    .innerJoin('questions', 'questions.id', 'answers.question_id')
    .select(['answers.registration_id', 'answers.question_id', 'answers.value'])
    .where('answers.registration_id', 'in', ids)
    .orderBy('questions.position')
    .orderBy('questions.id')
    .execute();
  const map = new Map<number, { question_id: number; value: string }[]>();
  for (const row of rows) {
    const list = map.get(row.registration_id) ?? [];
    list.push({ question_id: row.question_id, value: row.value });
    map.set(row.registration_id, list);
  }
  return map;
}

/** One page of the event's registrations in arrival order, after the cursor (the last id of the previous page). */
export async function registrationPage(
  db: Db,
  eventId: number,
  query: { status?: RegistrationRow['status'] | undefined; limit: number; cursor?: string | undefined },
): Promise<Out<typeof RegistrationPage>> {
  let base = db.selectFrom('registrations').where('event_id', '=', eventId);
  if (query.status) base = base.where('status', '=', query.status);
  let page = base.selectAll().orderBy('id').limit(query.limit + 1);
  if (query.cursor) page = page.where('id', '>', Number(query.cursor));
  const [rows, count] = await Promise.all([page.execute(), base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()]);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const answers = await answersOf(db, data.map((r) => r.id));
  return {
    data: data.map((r) => registrationJson(r, answers.get(r.id) ?? [])),
    total: Number(count?.n ?? 0),
    next_cursor: more ? String(data[data.length - 1]!.id) : null,
  };
}

export async function findRegistration(db: Db, eventId: number, registrationId: number) {
  const row = await db.selectFrom('registrations').selectAll().where('id', '=', registrationId).where('event_id', '=', eventId).executeTakeFirst();
  if (!row) return null;
  return registrationJson(row, (await answersOf(db, [row.id])).get(row.id) ?? []);
}

export async function findMaterial(db: Db, eventId: number, fileId: number) {
  return db.selectFrom('files').selectAll().where('id', '=', fileId).where('event_id', '=', eventId).executeTakeFirst();
}

export async function listMaterials(db: Db, config: Base, eventId: number) {
  const rows = await db.selectFrom('files').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
  return rows.map((f) => materialJson(config, f));
}


// ---------------------------------------------------------------- event updates

const TIME_AND_PLACE = ['starts_at', 'ends_at', 'venue_name', 'venue_address', 'online_url'] as const;
const isTimeOrPlace = (key: string): key is keyof EventChanges => (TIME_AND_PLACE as readonly string[]).includes(key);

/**
 * Applies a validated PATCH. Plain fields and publishing go in one transaction that also gives newly free seats to the
 * waiting list; a new time or place then goes through rescheduleEvent (updated invitations, SEQUENCE + 1) and a
 * cancellation through cancelEvent (METHOD:CANCEL), each in its own transaction as the registration domain defines
 * them. The caller has validated the merged event first, so the later steps cannot refuse what the first one wrote.
 */
export async function updateEvent(db: Kysely<Database>, event: EventRow, input: EventUpdateInput, now: Date, settings: MailSettings): Promise<EventRow> {
  const { status, ...fields } = input;
  const changes: EventChanges = {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (isTimeOrPlace(key)) (changes as Record<string, unknown>)[key] = value;
    else plain[key] = value;
  }
  const stamp = now.toISOString();
  const publishing = status === 'published' || status === 'draft' ? status : undefined;
  if (Object.keys(plain).length || (publishing && publishing !== event.status)) {
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('events')
        .set({
          ...(plain as EventUpdate),
          ...(publishing ? { status: publishing } : {}),
          ...(publishing === 'published' && !event.published_at ? { published_at: stamp } : {}),
          updated_at: stamp,
        })
        .where('id', '=', event.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await fillSeats(trx, updated, now, settings);
    });
  }
  if (Object.keys(changes).length) await rescheduleEvent(db, event.id, changes, now, settings);
  if (status === 'cancelled') await cancelEvent(db, event.id, now, settings);
  return db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow();
}
