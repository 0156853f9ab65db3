import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database, EventRow } from '../../db/schema';
import type { MessageKey } from '../i18n/index';
import { isTimeZone, localDateTime, zonedToUtc } from '../time';
import type { SessionOrganiser } from './auth';
import { type FormErrors, type FormResult, httpUrl, localDateTimeField, optional, optionalLocalDateTime, parseWith, pickFields, required, text, wholeNumber } from './forms';
import { moveProgrammeWithEvent } from './programme-editing';
import { type EventChanges, rescheduleEvent } from './event-changes';
import { fillSeats } from './registration';
import { type MailSettings } from './registration-mail';
import { inTransaction } from './transaction';
import { type EventTimeProblem, eventTimeProblems } from './time-rules';

type Db = Kysely<Database> | Transaction<Database>;

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
export const eventFormValues = (body: Record<string, unknown>): EventFormValues => pickFields(body, EVENT_FIELDS);

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

const EVENT_TIME_ERRORS = {
  ends_before_starts: 'edit_end_before_start',
  registration_window: 'edit_closes_before_opens',
  closes_after_end: 'edit_closes_after_end',
} as const satisfies Record<EventTimeProblem['code'], MessageKey>;

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
  const problems = eventTimeProblems({ starts_at, ends_at, registration_opens_at: opens, registration_closes_at: closes });
  if (problems.length) {
    const errors: FormErrors<EventField> = {};
    for (const { field, code } of problems) errors[field === 'ends_at' ? 'ends_local' : 'registration_closes_local'] ??= EVENT_TIME_ERRORS[code];
    return { ok: false, errors };
  }
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
 * times; seats a larger capacity frees go to the waiting list. Returns how many people were sent the change
 * (`notified`) and how many on the waiting list got a place (`promoted`).
 */
export async function updateEvent(
  db: Kysely<Database>,
  event: EventRow,
  input: EventInput,
  now: Date,
  settings: MailSettings,
): Promise<FormResult<EventField, { event: EventRow; notified: number; promoted: number }>> {
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
    const promoted = (await fillSeats(trx, updated, now, settings)).length;
    return { ok: true, data: { event: updated, notified, promoted } };
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
