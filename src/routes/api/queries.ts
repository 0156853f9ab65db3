import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database, EventRow, FileRow, QuestionRow, RegistrationRow, RoomRow, SpeakerRow } from '../../../db/schema';
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
import type { DashboardEvent, SessionOrganiser } from '../../domain/auth';
import * as editing from '../../domain/event-editing';
import * as programme from '../../domain/programme-editing';
import { speakerList } from '../../domain/speaker-editing';
import { listQuestions } from '../../domain/questions';
import { cancelEvent } from '../../domain/event-changes';
import { fillSeats } from '../../domain/registration';
import { type MailSettings } from '../../domain/registration-mail';
import { inTransaction } from '../../domain/transaction';
import type { MessageKey, Translate } from '../../i18n/index';
import type { ApiIssue } from './errors';
import { absolute, eventPath, filePath } from '../../urls';
import { type EventTimeProblem, eventTimeProblems, itemTimeProblems } from '../../domain/time-rules';
import { jsonValues } from '../../domain/bound-parameters';

// Row-to-JSON mappings and the queries of /api/v1. Programme items, rooms and speakers are written through the
// organiser pages' own domain functions (src/domain/programme-editing.ts, event-editing.ts), so that a change made
// through the API is recorded on a published programme exactly as one made on the pages.

type Db = Kysely<Database> | Transaction<Database>;
type Base = Pick<AppConfig, 'baseUrl'>;
type Out<T extends z.ZodType> = z.output<T>;

const bool = (n: number) => n !== 0;

export const publicUrl = (config: Base, slug: string) => absolute(config.baseUrl, eventPath({ slug }));
export const fileUrl = (config: Base, file: Pick<FileRow, 'id' | 'filename'>) => absolute(config.baseUrl, filePath(file));

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

export function itemJson(item: programme.AdminItem): Out<typeof Item> {
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
    content_url: absolute(config.baseUrl, `/api/v1/events/${f.event_id}/materials/${f.id}/content`),
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

const EVENT_TIME_ISSUES = {
  ends_before_starts: 'api_issue_ends_before_starts',
  registration_window: 'api_issue_registration_window',
  closes_after_end: 'api_issue_closes_after_end',
} as const satisfies Record<EventTimeProblem['code'], MessageKey>;

/** Checks what a whole event must satisfy; the issues, empty when it is fine. */
export function eventIssues(e: Pick<EventRow, 'starts_at' | 'ends_at' | 'registration_opens_at' | 'registration_closes_at'>, t: Translate): ApiIssue[] {
  return eventTimeProblems(e).map(({ field, code }) => ({ path: [field], message: t(EVENT_TIME_ISSUES[code]), code }));
}

/** The fields the organiser pages' createEvent and updateEvent take, from an event (with changes laid over it). */
function eventInput(e: EventRow): editing.EventInput {
  return {
    slug: e.slug,
    title: e.title,
    kind: e.kind,
    summary: e.summary,
    description: e.description,
    language: e.language,
    time_zone: e.time_zone,
    starts_at: e.starts_at,
    ends_at: e.ends_at,
    venue_name: e.venue_name,
    venue_address: e.venue_address,
    online_url: e.online_url,
    organiser_name: e.organiser_name,
    contact_name: e.contact_name,
    contact_email: e.contact_email,
    contact_phone: e.contact_phone,
    capacity: e.capacity,
    registration_opens_at: e.registration_opens_at,
    registration_closes_at: e.registration_closes_at,
    public_list: e.public_list,
    reminder_hours: e.reminder_hours,
  };
}

/**
 * A new event through the organiser pages' createEvent (a free slug made from the title when none is given; the
 * organiser who made it may manage it), published at once when asked. Null when the slug asked for is in use.
 */
export async function createEvent(
  db: Kysely<Database>,
  organiser: Pick<SessionOrganiser, 'id' | 'role'>,
  input: EventCreateInput,
  now: Date,
): Promise<EventRow | null> {
  const { status, slug, ...fields } = input;
  const created = await editing.createEvent(db, { ...fields, slug: slug ?? '' }, organiser, now);
  if (!created.ok) return null;
  if (status === 'published') await editing.publishEvent(db, created.data, now);
  return db.selectFrom('events').selectAll().where('id', '=', created.data.id).executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- rooms, speakers, items

export async function listRooms(db: Db, eventId: number) {
  return (await programme.listRooms(db, eventId)).map(roomJson);
}

export async function insertRoom(db: Kysely<Database>, eventId: number, name: string, now: Date) {
  const id = await programme.addRoom(db, eventId, name, now);
  return (await listRooms(db, eventId)).find((r) => r.id === id)!;
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

/** Adds (id null) or changes a speaker through the organiser pages' saveSpeaker; null when the speaker is not the event's. */
export async function saveSpeaker(
  db: Kysely<Database>,
  config: Base,
  eventId: number,
  input: SpeakerCreateInput | SpeakerUpdateInput,
  id: number | null,
  now: Date,
) {
  let full: SpeakerCreateInput;
  if (id === null) full = input as SpeakerCreateInput;
  else {
    const old = await findSpeaker(db, eventId, id);
    if (!old) return null;
    full = { name: old.name, role: old.role, organisation: old.organisation, bio: old.bio, ...input };
  }
  const saved = await speakerList.save(db, eventId, full, id, now);
  return (await listSpeakers(db, config, eventId, saved))[0] ?? null;
}

export async function listItems(db: Db, eventId: number) {
  return (await programme.listItems(db, eventId)).map(itemJson);
}

export async function findItem(db: Db, eventId: number, itemId: number) {
  const item = await programme.findItem(db, eventId, itemId);
  return item ? itemJson(item) : undefined;
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
  const range = { start: zoneFormat(event.starts_at), end: zoneFormat(event.ends_at) };
  const issues: ApiIssue[] = itemTimeProblems(item, event).map(({ field, code }) => ({
    path: [field],
    message: code === 'outside_event' ? t('api_issue_outside_event', range) : t('api_issue_ends_before_starts'),
    code,
  }));
  if (item.room_id !== null) {
    const room = await db.selectFrom('rooms').select('id').where('id', '=', item.room_id).where('event_id', '=', event.id).executeTakeFirst();
    if (!room) issues.push({ path: ['room_id'], message: t('api_issue_unknown_room'), code: 'unknown_room' });
  }
  if (item.speaker_ids?.length) {
    const known = new Set(
      (await db.selectFrom('speakers').select('id').where('event_id', '=', event.id).where('id', 'in', jsonValues(item.speaker_ids)).execute()).map((s) => s.id),
    );
    item.speaker_ids.forEach((id, index) => {
      if (!known.has(id)) issues.push({ path: ['speaker_ids', index], message: t('api_issue_unknown_speaker'), code: 'unknown_speaker' });
    });
  }
  return issues;
}

const itemInput = (item: programme.ItemInput): programme.ItemInput => {
  const { room_id, kind, title, abstract, starts_at, ends_at, speaker_ids } = item;
  return { room_id, kind, title, abstract, starts_at, ends_at, speaker_ids };
};

/** A new item through the organiser pages' saveItem (which records it as added on a published programme). */
export async function insertItem(db: Kysely<Database>, event: EventRow, input: ItemCreateInput, now: Date) {
  const id = await programme.saveItem(db, event, itemInput(input), null, now);
  return (await findItem(db, event.id, id))!;
}

/**
 * Changes an item: its fields through saveItem (recorded as moved or changed on a published programme), then, if
 * asked, cancels it through cancelItem.
 */
export async function updateItem(db: Kysely<Database>, event: EventRow, old: Out<typeof Item>, input: ItemUpdateInput, now: Date) {
  const { status, ...fields } = input;
  if (Object.keys(fields).length) await programme.saveItem(db, event, itemInput({ ...old, ...fields }), old.id, now);
  if (status === 'cancelled' && old.status !== 'cancelled') await programme.cancelItem(db, event, old.id, now);
  return (await findItem(db, event.id, old.id))!;
}

export const itemsDeletable = programme.canDeleteItems;

/** False when the item is not the event's. */
export const deleteItem = (db: Kysely<Database>, event: EventRow, itemId: number, now: Date) => programme.deleteItem(db, event, itemId, now);

async function findSpeaker(db: Db, eventId: number, id: number) {
  return db.selectFrom('speakers').selectAll().where('id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
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
    .where('answers.registration_id', 'in', jsonValues(ids))
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

/**
 * Applies a validated PATCH in one transaction: the fields through the organiser pages' updateEvent (a new time or
 * place raises SEQUENCE and queues updated invitations), publishing or unpublishing, seats freed by a larger
 * capacity given to the waiting list, or a cancellation (METHOD:CANCEL to everyone) instead of any promotion.
 * Null when the slug asked for is in use (and nothing was written).
 */
const SLUG_TAKEN = Symbol('slug taken');

export async function updateEvent(db: Kysely<Database>, event: EventRow, patch: EventUpdateInput, now: Date, settings: MailSettings): Promise<EventRow | null> {
  const { status, ...fields } = patch;
  const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const reload = (trx: Kysely<Database>) => trx.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow();
  const saved = await inTransaction(db, async (trx) => {
    // Cancelling first: then nobody is promoted or sent an update just before the cancellation.
    if (status === 'cancelled') await cancelEvent(trx, event.id, now, settings);
    const before = status === 'cancelled' ? await reload(trx) : event;
    const result = await editing.updateEvent(trx, before, eventInput({ ...before, ...changes }), now, settings);
    // A slug in use: roll back everything, the cancellation included.
    if (!result.ok) throw SLUG_TAKEN;
    const current = result.data.event;
    if (status === 'published') await editing.publishEvent(trx, current, now);
    if (status === 'draft') await editing.unpublishEvent(trx, current, now);
    // Publishing may open seats to the waiting list.
    if (status === 'published') await fillSeats(trx, await reload(trx), now, settings);
    return reload(trx);
  }).catch((error: unknown) => {
    if (error === SLUG_TAKEN) return null;
    throw error;
  });
  return saved;
}
