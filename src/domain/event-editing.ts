import { type Kysely, type Transaction, sql } from 'kysely';
import { z } from 'zod';
import type { Database, EventRow, LinkRow, QuestionRow, SpeakerRow } from '../../db/schema';
import { DomainError } from '../errors';
import type { MessageKey } from '../i18n/index';
import { isInstantInRange, isLocalDateTime, isTimeZone, localDateTime, zonedToUtc } from '../time';
import type { SessionOrganiser } from './auth';
import { moveProgrammeWithEvent } from './programme-editing';
import { type EventChanges, type MailSettings, fillSeats, rescheduleEvent } from './registration';
import { inTransaction } from './transaction';

type Db = Kysely<Database> | Transaction<Database>;

/** Field name → message key of its first problem; 'form' for the form as a whole. */
export type FormErrors<F extends string> = Partial<Record<F | 'form', MessageKey>>;

export type FormResult<F extends string, T> = { ok: true; data: T } | { ok: false; errors: FormErrors<F> };

/** zod issues as field errors; every message in our schemas is a message key. */
function fieldErrors<F extends string>(error: z.ZodError): FormErrors<F> {
  const errors: Record<string, MessageKey> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= (issue.message.startsWith('edit_') ? issue.message : 'edit_invalid') as MessageKey;
  }
  return errors as FormErrors<F>;
}

function parseWith<F extends string, S extends z.ZodType>(schema: S, values: unknown): FormResult<F, z.output<S>> {
  const result = schema.safeParse(values);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: fieldErrors<F>(result.error) };
}

/** True for absolute http(s) URLs, the only kind we link to. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const text = (max: number) => z.string().trim().max(max, { error: 'edit_too_long' });
const required = (max: number) => text(max).min(1, { error: 'edit_required' });
const optional = (max: number) => text(max).transform((v) => v || null);
const httpUrl = text(2000)
  .refine((v) => v === '' || isHttpUrl(v), { error: 'edit_url_invalid' })
  .transform((v) => v || null);
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
// The shape first ("write a date and a time"), then whether that day and time exist (not 31 April, not 24:30).
const localDateTimeField = z
  .string()
  .trim()
  .regex(LOCAL_DATE_TIME, { error: 'edit_datetime_invalid' })
  .refine(isLocalDateTime, { error: 'edit_datetime_impossible', abort: true });
const optionalLocalDateTime = z
  .string()
  .trim()
  .refine((v) => v === '' || LOCAL_DATE_TIME.test(v), { error: 'edit_datetime_invalid', abort: true })
  .refine((v) => v === '' || isLocalDateTime(v), { error: 'edit_datetime_impossible' });
const wholeNumber = (min: number, max: number, error: MessageKey) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, { error })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error });

// ——— Events ———

export const EVENT_KINDS = ['seminar', 'conference', 'webinar', 'workshop'] as const;
export const PUBLIC_LIST_SETTINGS = ['off', 'organisations', 'names'] as const;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The event form exactly as typed: local times in the event's zone, numbers as text. */
export const eventFormSchema = z.object({
  title: required(200),
  slug: text(80).refine((v) => v === '' || SLUG_PATTERN.test(v), { error: 'edit_slug_invalid' }),
  kind: z.enum(EVENT_KINDS, { error: 'edit_choice_invalid' }),
  summary: text(500),
  description: text(50_000),
  language: z.string().trim().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: 'edit_language_invalid' }),
  time_zone: z.string().trim().refine(isTimeZone, { error: 'edit_zone_invalid' }),
  starts_local: localDateTimeField,
  ends_local: localDateTimeField,
  venue_name: optional(200),
  venue_address: optional(300),
  online_url: httpUrl,
  organiser_name: required(200),
  contact_name: optional(200),
  contact_email: text(254)
    .refine((v) => v === '' || z.email().safeParse(v).success, { error: 'edit_email_invalid' })
    .transform((v) => v || null),
  contact_phone: optional(50),
  capacity: z.union([z.literal('').transform(() => null), wholeNumber(1, 1_000_000, 'edit_capacity_invalid')], {
    error: 'edit_capacity_invalid',
  }),
  registration_opens_local: optionalLocalDateTime,
  registration_closes_local: optionalLocalDateTime,
  public_list: z.enum(PUBLIC_LIST_SETTINGS, { error: 'edit_choice_invalid' }),
  reminder_hours: wholeNumber(0, 24 * 30, 'edit_reminder_invalid'),
});

export type EventField = keyof z.input<typeof eventFormSchema>;
export type EventFormValues = Record<EventField, string>;

/** The columns an event form writes; slug may be '' (made from the title). */
export type EventInput = Pick<
  EventRow,
  | 'title'
  | 'kind'
  | 'summary'
  | 'description'
  | 'language'
  | 'time_zone'
  | 'starts_at'
  | 'ends_at'
  | 'venue_name'
  | 'venue_address'
  | 'online_url'
  | 'organiser_name'
  | 'contact_name'
  | 'contact_email'
  | 'contact_phone'
  | 'capacity'
  | 'registration_opens_at'
  | 'registration_closes_at'
  | 'public_list'
  | 'reminder_hours'
> & { slug: string };

export const EVENT_FIELDS = Object.keys(eventFormSchema.shape) as EventField[];

/** Picks the event form's fields out of a submitted body (missing ones as ''). */
export function eventFormValues(body: Record<string, unknown>): EventFormValues {
  return Object.fromEntries(EVENT_FIELDS.map((f) => [f, typeof body[f] === 'string' ? body[f] : ''])) as EventFormValues;
}

/** A new event's form: tomorrow-ish defaults in Oslo, the organiser's name filled in later. */
export function blankEventForm(now: Date): EventFormValues {
  const day = localDateTime(new Date(now.getTime() + 30 * 86_400_000), 'Europe/Oslo').slice(0, 10);
  return {
    ...eventFormValues({}),
    kind: 'seminar',
    language: 'nb',
    time_zone: 'Europe/Oslo',
    starts_local: `${day}T09:00`,
    ends_local: `${day}T15:30`,
    public_list: 'off',
    reminder_hours: '24',
  };
}

/** An existing event as its form shows it: times in its own zone. */
export function eventToForm(event: EventRow): EventFormValues {
  const local = (v: string | null) => (v ? localDateTime(v, event.time_zone) : '');
  return {
    title: event.title,
    slug: event.slug,
    kind: event.kind,
    summary: event.summary,
    description: event.description,
    language: event.language,
    time_zone: event.time_zone,
    starts_local: local(event.starts_at),
    ends_local: local(event.ends_at),
    venue_name: event.venue_name ?? '',
    venue_address: event.venue_address ?? '',
    online_url: event.online_url ?? '',
    organiser_name: event.organiser_name,
    contact_name: event.contact_name ?? '',
    contact_email: event.contact_email ?? '',
    contact_phone: event.contact_phone ?? '',
    capacity: event.capacity === null ? '' : String(event.capacity),
    registration_opens_local: local(event.registration_opens_at),
    registration_closes_local: local(event.registration_closes_at),
    public_list: event.public_list,
    reminder_hours: String(event.reminder_hours),
  };
}

/**
 * Validates an event form: each field, then the times together in the event's zone (end after start, registration
 * closing no later than the end and after it opens).
 * @example parseEventForm({ ...values, starts_local: '2027-03-01T10:00', ends_local: '2027-03-01T09:00' }) // errors.ends_local: 'edit_end_before_start'
 */
export function parseEventForm(values: EventFormValues): FormResult<EventField, EventInput> {
  const parsed = parseWith<EventField, typeof eventFormSchema>(eventFormSchema, values);
  if (!parsed.ok) return parsed;
  const { starts_local, ends_local, registration_opens_local, registration_closes_local, ...rest } = parsed.data;
  const zone = rest.time_zone;
  const starts_at = zonedToUtc(starts_local, zone);
  const ends_at = zonedToUtc(ends_local, zone);
  const opens = registration_opens_local ? zonedToUtc(registration_opens_local, zone) : null;
  const closes = registration_closes_local ? zonedToUtc(registration_closes_local, zone) : null;
  const errors: FormErrors<EventField> = {};
  if (ends_at <= starts_at) errors.ends_local = 'edit_end_before_start';
  if (closes && closes > ends_at) errors.registration_closes_local = 'edit_closes_after_end';
  if (opens && closes && closes <= opens) errors.registration_closes_local = 'edit_closes_before_opens';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { ...rest, starts_at, ends_at, registration_opens_at: opens, registration_closes_at: closes } };
}

const FOLD: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', ß: 'ss', đ: 'd', ł: 'l' };

/**
 * A URL-friendly slug from a title: lower case, Norwegian letters folded, words joined by hyphens, at most 60 characters.
 * @example slugify('Inkludering i arbeidslivet – Hamar 2027') // 'inkludering-i-arbeidslivet-hamar-2027'
 */
export function slugify(title: string): string {
  const folded = title
    .toLowerCase()
    .replace(/[æøåßđł]/g, (ch) => FOLD[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slug || 'arrangement';
}

async function slugTaken(db: Db, slug: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom('events').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return !!(await query.executeTakeFirst());
}

/** `base`, or `base-2`, `base-3` … whichever no other event uses. */
export async function uniqueSlug(db: Db, base: string, exceptId?: number): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 75)}-${n}`;
    if (!(await slugTaken(db, candidate, exceptId))) return candidate;
  }
}

/** The slug to store: a typed one must be free (else an error); an empty one is made from the title. */
async function resolveSlug(db: Db, input: EventInput, exceptId?: number): Promise<{ slug: string } | { error: MessageKey }> {
  if (input.slug) return (await slugTaken(db, input.slug, exceptId)) ? { error: 'edit_slug_taken' } : { slug: input.slug };
  return { slug: await uniqueSlug(db, slugify(input.title), exceptId) };
}

/**
 * A new draft event; the organiser who made it may manage it (admins manage everything anyway). A typed slug already
 * in use is an error; none typed, one is made from the title.
 */
export async function createEvent(
  db: Kysely<Database>,
  input: EventInput,
  organiser: Pick<SessionOrganiser, 'id' | 'role'>,
  now: Date,
): Promise<FormResult<EventField, EventRow>> {
  return db.transaction().execute(async (trx) => {
    const slug = await resolveSlug(trx, input);
    if ('error' in slug) return { ok: false, errors: { slug: slug.error } };
    const stamp = now.toISOString();
    const event = await trx
      .insertInto('events')
      .values({ ...input, slug: slug.slug, status: 'draft', published_at: null, created_at: stamp, updated_at: stamp })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (organiser.role !== 'admin') {
      await trx.insertInto('event_organisers').values({ event_id: event.id, organiser_id: organiser.id }).execute();
    }
    return { ok: true, data: event };
  });
}

const TIME_AND_PLACE = ['starts_at', 'ends_at', 'venue_name', 'venue_address', 'online_url'] as const;

/**
 * Saves an edited event in one transaction. The plain fields are written first (so the mails carry the new title);
 * the time and place go through `rescheduleEvent`, which raises SEQUENCE and queues an updated invitation for every
 * participant. When the event moves to other days or another time zone, its programme moves with it at the same local
 * times; seats a larger capacity frees go to the waiting list. Returns how many people were told.
 */
export async function updateEvent(
  db: Kysely<Database>,
  event: EventRow,
  input: EventInput,
  now: Date,
  settings: MailSettings,
): Promise<FormResult<EventField, { event: EventRow; notified: number }>> {
  // The plain fields and the time-and-place change (with its update mails) commit together or not at all.
  return inTransaction(db, async (trx) => {
    const slug = await resolveSlug(trx, input, event.id);
    if ('error' in slug) return { ok: false, errors: { slug: slug.error } };
    const { starts_at, ends_at, venue_name, venue_address, online_url, ...rest } = input;
    const moved: EventChanges = {};
    for (const key of TIME_AND_PLACE) if (input[key] !== event[key]) (moved as Record<string, unknown>)[key] = input[key];
    await trx
      .updateTable('events')
      .set({ ...rest, slug: slug.slug, updated_at: now.toISOString() })
      .where('id', '=', event.id)
      .execute();
    let notified = 0;
    if (Object.keys(moved).length) notified = (await rescheduleEvent(trx, event.id, moved, now, settings)).notified;
    const updated = await trx.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow();
    await moveProgrammeWithEvent(trx, event, updated, now);
    notified += (await fillSeats(trx, updated, now, settings)).length;
    return { ok: true, data: { event: updated, notified } };
  });
}

/** Makes a draft public; published_at keeps the first publication. False if it was not a draft. */
export async function publishEvent(db: Db, event: EventRow, now: Date): Promise<boolean> {
  const stamp = now.toISOString();
  const result = await db
    .updateTable('events')
    .set({ status: 'published', published_at: event.published_at ?? stamp, updated_at: stamp })
    .where('id', '=', event.id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Back to draft: hidden from the public pages. False if it was not published. */
export async function unpublishEvent(db: Db, event: EventRow, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('events')
    .set({ status: 'draft', updated_at: now.toISOString() })
    .where('id', '=', event.id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The same wall-clock time `days` later in the zone: 09:00 stays 09:00 across a daylight-saving change.
 * @example shiftLocal('2026-10-20T07:00:00.000Z', 'Europe/Oslo', 14) // '2026-11-03T08:00:00.000Z' (09:00 both)
 */
export function shiftLocal(instant: string, timeZone: string, days: number, toZone: string = timeZone): string {
  const local = localDateTime(instant, timeZone);
  const [y, m, d] = local.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  return zonedToUtc(`${date}${local.slice(10)}`, toZone);
}

/** Whole days from the event's first local day to `date` ('YYYY-MM-DD'). */
export function daysUntil(event: Pick<EventRow, 'starts_at' | 'time_zone'>, date: string): number {
  const from = localDateTime(event.starts_at, event.time_zone).slice(0, 10);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

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

/** Registrations still holding or waiting for a place. */
export async function activeRegistrationCount(db: Db, eventId: number): Promise<number> {
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks the event changed (updated_at), for edits of its programme, speakers, questions and links. */
export async function touchEvent(db: Db, eventId: number, now: Date): Promise<void> {
  await db.updateTable('events').set({ updated_at: now.toISOString() }).where('id', '=', eventId).execute();
}

/** Swaps a row with its neighbour in `position` order (renumbering the list 0…n first), within one event. */
export async function moveRow(
  db: Kysely<Database>,
  table: 'rooms' | 'speakers' | 'questions' | 'links',
  eventId: number,
  id: number,
  direction: 'up' | 'down',
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom(table).select(['id']).where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
    const ids = rows.map((r) => r.id);
    const at = ids.indexOf(id);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (at < 0 || to < 0 || to >= ids.length) return false;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    for (const [position, rowId] of ids.entries()) {
      await trx.updateTable(table).set({ position }).where('id', '=', rowId).where('event_id', '=', eventId).execute();
    }
    await touchEvent(trx, eventId, now);
    return true;
  });
}

export async function nextPosition(db: Db, table: 'rooms' | 'speakers' | 'questions' | 'links', eventId: number): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('max'))
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

// ——— Speakers ———

export const speakerFormSchema = z.object({
  name: required(200),
  role: optional(200),
  organisation: optional(200),
  bio: optional(5000),
});
export type SpeakerField = keyof z.input<typeof speakerFormSchema>;
export type SpeakerFormValues = Record<SpeakerField, string>;
export type SpeakerInput = z.output<typeof speakerFormSchema>;
export const SPEAKER_FIELDS = Object.keys(speakerFormSchema.shape) as SpeakerField[];

export const parseSpeakerForm = (values: SpeakerFormValues) => parseWith<SpeakerField, typeof speakerFormSchema>(speakerFormSchema, values);

export const speakerToForm = (s: SpeakerRow): SpeakerFormValues => ({
  name: s.name,
  role: s.role ?? '',
  organisation: s.organisation ?? '',
  bio: s.bio ?? '',
});

export async function listSpeakers(db: Db, eventId: number): Promise<SpeakerRow[]> {
  return db.selectFrom('speakers').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
}

export async function findSpeaker(db: Db, eventId: number, id: number): Promise<SpeakerRow | undefined> {
  return db.selectFrom('speakers').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function saveSpeaker(db: Kysely<Database>, eventId: number, input: SpeakerInput, id: number | null, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let savedId = id;
    if (id === null) {
      const row = await trx
        .insertInto('speakers')
        .values({ ...input, event_id: eventId, photo_file_id: null, position: await nextPosition(trx, 'speakers', eventId) })
        .returning('id')
        .executeTakeFirstOrThrow();
      savedId = row.id;
    } else {
      await trx.updateTable('speakers').set(input).where('id', '=', id).where('event_id', '=', eventId).execute();
    }
    await touchEvent(trx, eventId, now);
    return savedId!;
  });
}

export async function deleteSpeaker(db: Kysely<Database>, eventId: number, id: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // files.speaker_id has no foreign key: the slides stay, no longer attached to anyone.
    await trx.updateTable('files').set({ speaker_id: null }).where('speaker_id', '=', id).where('event_id', '=', eventId).execute();
    await trx.deleteFrom('speakers').where('id', '=', id).where('event_id', '=', eventId).execute();
    await touchEvent(trx, eventId, now);
  });
}

// ——— Registration questions ———

export const QUESTION_TYPES = ['short_text', 'long_text', 'single_choice', 'multi_choice', 'yes_no', 'days'] as const;
const CHOICE_TYPES = new Set<string>(['single_choice', 'multi_choice']);

export const questionFormSchema = z
  .object({
    type: z.enum(QUESTION_TYPES, { error: 'edit_choice_invalid' }),
    label: required(300),
    help: optional(1000),
    options: text(5000),
    required: z.string().transform((v) => (v === '1' || v === 'on' ? 1 : 0)),
  })
  .transform((q, ctx) => {
    const options = [...new Set(q.options.split(/\r?\n/).map((o) => o.trim()).filter(Boolean))];
    if (CHOICE_TYPES.has(q.type) && options.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'edit_options_needed' });
      return z.NEVER;
    }
    if (options.some((o) => o.length > 200)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'edit_too_long' });
      return z.NEVER;
    }
    return { ...q, options: CHOICE_TYPES.has(q.type) ? JSON.stringify(options) : null };
  });
export type QuestionField = 'type' | 'label' | 'help' | 'options' | 'required';
export type QuestionFormValues = Record<QuestionField, string>;
export type QuestionInput = z.output<typeof questionFormSchema>;
export const QUESTION_FIELDS: QuestionField[] = ['type', 'label', 'help', 'options', 'required'];

export const parseQuestionForm = (values: QuestionFormValues) => parseWith<QuestionField, typeof questionFormSchema>(questionFormSchema, values);

export function questionToForm(q: QuestionRow): QuestionFormValues {
  let options: string[] = [];
  try {
    const parsed: unknown = JSON.parse(q.options ?? '[]');
    if (Array.isArray(parsed)) options = parsed.map(String);
  } catch {
    // A broken list shows as empty; saving writes a good one.
  }
  return { type: q.type, label: q.label, help: q.help ?? '', options: options.join('\n'), required: q.required ? '1' : '' };
}

export async function listEventQuestions(db: Db, eventId: number): Promise<(QuestionRow & { answers: number })[]> {
  return db
    .selectFrom('questions')
    .selectAll()
    .select((eb) => eb.selectFrom('answers').select((e) => e.fn.countAll<number>().as('n')).whereRef('answers.question_id', '=', 'questions.id').as('answers'))
    .where('event_id', '=', eventId)
    .orderBy('position')
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, answers: Number(r.answers ?? 0) })));
}

export async function findQuestion(db: Db, eventId: number, id: number): Promise<QuestionRow | undefined> {
  return db.selectFrom('questions').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function answerCount(db: Db, questionId: number): Promise<number> {
  const row = await db
    .selectFrom('answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function saveQuestion(db: Kysely<Database>, eventId: number, input: QuestionInput, id: number | null, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let savedId = id;
    if (id === null) {
      const row = await trx
        .insertInto('questions')
        .values({ ...input, event_id: eventId, position: await nextPosition(trx, 'questions', eventId) })
        .returning('id')
        .executeTakeFirstOrThrow();
      savedId = row.id;
    } else {
      await trx.updateTable('questions').set(input).where('id', '=', id).where('event_id', '=', eventId).execute();
    }
    await touchEvent(trx, eventId, now);
    return savedId!;
  });
}

/** Deletes a question and, with it, every answer to it. */
export async function deleteQuestion(db: Kysely<Database>, eventId: number, id: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('answers').where('question_id', '=', id).execute();
    await trx.deleteFrom('questions').where('id', '=', id).where('event_id', '=', eventId).execute();
    await touchEvent(trx, eventId, now);
  });
}

// ——— Links ———

export const LINK_KINDS = ['video', 'read_more', 'other'] as const;

export const linkFormSchema = z.object({
  kind: z.enum(LINK_KINDS, { error: 'edit_choice_invalid' }),
  title: required(200),
  url: text(2000).refine(isHttpUrl, { error: 'edit_url_invalid' }),
});
export type LinkField = keyof z.input<typeof linkFormSchema>;
export type LinkFormValues = Record<LinkField, string>;
export type LinkInput = z.output<typeof linkFormSchema>;
export const LINK_FIELDS = Object.keys(linkFormSchema.shape) as LinkField[];

export const parseLinkForm = (values: LinkFormValues) => parseWith<LinkField, typeof linkFormSchema>(linkFormSchema, values);
export const linkToForm = (l: LinkRow): LinkFormValues => ({ kind: l.kind, title: l.title, url: l.url });

export async function listLinks(db: Db, eventId: number): Promise<LinkRow[]> {
  return db.selectFrom('links').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
}

export async function findLink(db: Db, eventId: number, id: number): Promise<LinkRow | undefined> {
  return db.selectFrom('links').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function saveLink(db: Kysely<Database>, eventId: number, input: LinkInput, id: number | null, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let savedId = id;
    if (id === null) {
      const row = await trx
        .insertInto('links')
        .values({ ...input, event_id: eventId, position: await nextPosition(trx, 'links', eventId) })
        .returning('id')
        .executeTakeFirstOrThrow();
      savedId = row.id;
    } else {
      await trx.updateTable('links').set(input).where('id', '=', id).where('event_id', '=', eventId).execute();
    }
    await touchEvent(trx, eventId, now);
    return savedId!;
  });
}

export async function deleteLink(db: Kysely<Database>, eventId: number, id: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('links').where('id', '=', id).where('event_id', '=', eventId).execute();
    await touchEvent(trx, eventId, now);
  });
}

/** Picks named string fields out of a form body ('' when missing). */
export function pickFields<F extends string>(body: Record<string, unknown>, fields: readonly F[]): Record<F, string> {
  return Object.fromEntries(fields.map((f) => [f, typeof body[f] === 'string' ? body[f] : ''])) as Record<F, string>;
}
