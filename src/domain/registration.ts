import type { Kysely } from 'kysely';
import type { Database, EventRow, NewRegistration, RegistrationRow, RegistrationStatus } from '../../db/schema';
import { invitation } from '../calendar';
import type { AppConfig } from '../deps';
import { DomainError, NotFound } from '../errors';
import { type Lang, isLang } from '../i18n/index';
import { enqueueMail, type OutgoingMail } from '../mail/outbox';
import { type MailKind, renderMail } from '../mail/templates';
import { type RegistrationWindow, registrationWindow } from './availability';
import type { AnswerValue, RegistrationInput } from './questions';
import { isToken, randomToken, sha256Base64url, sha256Hex } from './tokens';
import { inSharedTransaction, inTransaction } from './transaction';
import { insertBatches } from './bound-parameters';

/** What mail-writing domain functions need from the configuration: links and the organiser's address. */
export type MailSettings = Pick<AppConfig, 'baseUrl' | 'mailFrom'>;

type Db = Kysely<Database>;

// ——— Tokens ———

/** A manage-link token: 256 random bits, base64url (43 characters). Only its hash is stored. */
export const newToken = () => randomToken();

export { isToken };

/** SHA-256 hex: what token_hash and feed_token_hash hold. */
export const hashToken = sha256Hex;

/**
 * The personal calendar feed's token, derived one-way from the manage token: the manage page can show the feed URL
 * again, while the feed URL (which calendar services store and fetch) does not reveal the manage link.
 * @example feedTokenFor(token) // 'q0Hc…' (43 characters)
 */
export function feedTokenFor(token: string): string {
  return sha256Base64url(`feed:${token}`);
}

/** A new manage token and the two hashes a registration row stores (of it, and of the feed token derived from it). */
export function issueTokens() {
  const token = newToken();
  return { token, tokenHash: hashToken(token), feedHash: hashToken(feedTokenFor(token)) };
}

/** One registration per address per event: compared trimmed and lower-cased. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * A registration row as it is first written: the person's details, the address's key and the token hashes.
 * @example newRegistration(event.id, 'confirmed', input, 'nb', issueTokens(), now.toISOString())
 */
export function newRegistration(
  eventId: number,
  status: 'confirmed' | 'waitlisted',
  person: Pick<RegistrationInput, 'name' | 'email' | 'organisation' | 'job_title' | 'listed'>,
  lang: Lang,
  hashes: { tokenHash: string; feedHash: string },
  at: string,
): NewRegistration {
  return {
    event_id: eventId,
    status,
    name: person.name,
    email: person.email.trim(),
    email_key: emailKey(person.email),
    organisation: person.organisation,
    job_title: person.job_title,
    listed: person.listed ? 1 : 0,
    lang,
    token_hash: hashes.tokenHash,
    feed_token_hash: hashes.feedHash,
    created_at: at,
    updated_at: at,
    cancelled_at: null,
    promoted_at: null,
    checked_in_at: null,
    reminder_sent_at: null,
  };
}

export const manageUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/registrations/${token}`;

// ——— Errors ———

/** Registration is not possible now (not yet open, closed, or the event cancelled). */
export class RegistrationClosed extends DomainError {
  constructor(readonly window: Exclude<RegistrationWindow, { state: 'open' | 'full' }>) {
    super(409, window.state === 'not_yet' ? 'reg_not_yet_title' : window.state === 'cancelled' ? 'reg_cancelled' : 'reg_closed');
  }
}

// ——— Queries ———

export type RegistrationWithEvent = { registration: RegistrationRow; event: EventRow };

async function findBy(db: Db, column: 'token_hash' | 'feed_token_hash', token: string): Promise<RegistrationWithEvent | undefined> {
  if (!isToken(token)) return undefined;
  const registration = await db.selectFrom('registrations').selectAll().where(column, '=', await hashToken(token)).executeTakeFirst();
  if (!registration) return undefined;
  const event = await db.selectFrom('events').selectAll().where('id', '=', registration.event_id).executeTakeFirst();
  return event ? { registration, event } : undefined;
}

/** The registration a manage link belongs to (cancelled ones too), or undefined for a forged or outdated link. */
export const findByToken = (db: Db, token: string) => findBy(db, 'token_hash', token);
export const findByFeedToken = (db: Db, feedToken: string) => findBy(db, 'feed_token_hash', feedToken);

async function countStatus(db: Db, eventId: number, status: RegistrationStatus): Promise<number> {
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** 1 for the first on the waiting list (arrival order), null when not waitlisted. */
export async function waitlistPosition(db: Db, registration: Pick<RegistrationRow, 'id' | 'event_id' | 'status'>): Promise<number | null> {
  if (registration.status !== 'waitlisted') return null;
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', registration.event_id)
    .where('status', '=', 'waitlisted')
    .where('id', '<=', registration.id)
    .executeTakeFirst();
  return Number(row?.n ?? 1);
}

/** Stored answers by question id, decoded. */
export async function loadAnswers(db: Db, registrationId: number): Promise<Map<number, AnswerValue>> {
  const rows = await db.selectFrom('answers').select(['question_id', 'value']).where('registration_id', '=', registrationId).execute();
  return new Map(rows.map((r) => [r.question_id, JSON.parse(r.value) as AnswerValue]));
}

async function saveAnswers(
  trx: Db,
  registrationId: number,
  eventId: number,
  answers: RegistrationInput['answers'],
  replace = true,
): Promise<void> {
  if (replace) await trx.deleteFrom('answers').where('registration_id', '=', registrationId).execute();
  if (answers.length === 0) return;
  // Only questions the event still has: one deleted meanwhile must not fail the registration.
  const ids = new Set(
    (await trx.selectFrom('questions').select('id').where('event_id', '=', eventId).execute()).map((q) => q.id),
  );
  const rows = answers
    .filter((a) => ids.has(a.questionId))
    .map((a) => ({ registration_id: registrationId, question_id: a.questionId, value: JSON.stringify(a.value) }));
  for (const batch of insertBatches(rows)) await trx.insertInto('answers').values(batch).execute();
}

// ——— Mail ———

/** "Samling <noreply@x.no>" → "noreply@x.no". */
const addressOf = (from: string) => (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();

interface MailOptions {
  manageUrl?: string | null;
  position?: number | null;
  calendar?: 'REQUEST' | 'CANCEL';
}

/** The calendar part of a participant's mail: the event's iTIP invitation (REQUEST) or withdrawal (CANCEL). */
export function invitationPart(
  event: EventRow,
  to: Pick<RegistrationRow, 'name' | 'email'>,
  method: 'REQUEST' | 'CANCEL',
  lang: Lang,
  now: Date,
  settings: MailSettings,
): NonNullable<OutgoingMail['calendar']> {
  return {
    method,
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invitation.ics',
    content: invitation({
      event,
      attendee: { name: to.name, email: to.email },
      method,
      baseUrl: settings.baseUrl,
      organiser: { name: event.organiser_name, email: addressOf(settings.mailFrom) },
      status: 'confirmed',
      lang,
      now,
    }),
  };
}

/** Renders a participant's mail in their language and writes it to the outbox of the caller's transaction. */
async function queueMail(
  trx: Db,
  kind: MailKind,
  event: EventRow,
  to: Pick<RegistrationRow, 'name' | 'email' | 'lang'> & { id: number | null },
  now: Date,
  settings: MailSettings,
  opts: MailOptions = {},
): Promise<void> {
  const lang: Lang = isLang(to.lang) ? to.lang : 'nb';
  const content = renderMail({ kind, event, name: to.name, lang, baseUrl: settings.baseUrl, manageUrl: opts.manageUrl, position: opts.position });
  const calendar = opts.calendar ? invitationPart(event, to, opts.calendar, lang, now, settings) : undefined;
  await enqueueMail(
    trx,
    { kind, eventId: event.id, registrationId: to.id, to: to.email, lang, ...content, ...(calendar ? { calendar } : {}) },
    now,
    new URL(settings.baseUrl).hostname,
  );
}

// ——— Registering ———

export type RegisterOutcome =
  | { kind: 'registered'; registration: RegistrationRow; token: string; position: number | null }
  | { kind: 'duplicate' };

const isDuplicateError = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed: registrations\.(event_id|email_key)/.test(error.message);

/**
 * Registers a person: confirmed while seats remain, otherwise waitlisted in arrival order. The seat count, the insert,
 * the answers and the mail are one transaction (or one savepoint of a transaction shared with registrations arriving at
 * the same moment, committed together), so concurrent registrations cannot overbook: the connection serialises them.
 * Throws NotFound for a draft, RegistrationClosed outside the registration window.
 * @example const outcome = await register(db, event.id, input, 'nb', new Date(), config)
 */
export async function register(
  db: Db,
  eventId: number,
  input: RegistrationInput,
  lang: Lang,
  now: Date,
  settings: MailSettings,
): Promise<RegisterOutcome> {
  const tokens = issueTokens();
  const at = now.toISOString();
  try {
    return await inSharedTransaction(db, async (trx) => {
      // The event and its seat count in one statement: this is the hot path under load.
      const found = await trx
        .selectFrom('events')
        .selectAll('events')
        .select((eb) =>
          eb
            .selectFrom('registrations')
            .select((r) => r.fn.countAll<number>().as('n'))
            .where('registrations.event_id', '=', eventId)
            .where('registrations.status', '=', 'confirmed')
            .as('confirmed'),
        )
        .where('id', '=', eventId)
        .where('status', 'in', ['published', 'cancelled'])
        .executeTakeFirst();
      if (!found) throw new NotFound();
      const { confirmed: seatsTaken, ...event } = found;
      const window = registrationWindow(event, Number(seatsTaken ?? 0), now);
      if (window.state !== 'open' && window.state !== 'full') throw new RegistrationClosed(window);
      // A second registration with the address is refused by the unique index registrations_active_email (below).

      const registration = await trx
        .insertInto('registrations')
        .values(newRegistration(event.id, window.state === 'open' ? 'confirmed' : 'waitlisted', input, lang, tokens, at))
        .returningAll()
        .executeTakeFirstOrThrow();
      await saveAnswers(trx, registration.id, event.id, input.answers, false);
      const position = await waitlistPosition(trx, registration);
      const confirmed = registration.status === 'confirmed';
      await queueMail(trx, confirmed ? 'confirmation' : 'waitlisted', event, registration, now, settings, {
        manageUrl: manageUrl(settings.baseUrl, tokens.token),
        position,
        ...(confirmed ? { calendar: 'REQUEST' as const } : {}),
      });
      return { kind: 'registered', registration, token: tokens.token, position } as const;
    });
  } catch (error) {
    if (isDuplicateError(error)) return { kind: 'duplicate' };
    throw error;
  }
}

/** Changes the person's details and answers (not the e-mail, which identifies the registration). False if cancelled. */
export async function updateRegistration(db: Db, registrationId: number, input: RegistrationInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('registrations')
      .set({
        name: input.name,
        organisation: input.organisation,
        job_title: input.job_title,
        listed: input.listed ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where('id', '=', registrationId)
      .where('status', '<>', 'cancelled')
      .returning(['id', 'event_id'])
      .executeTakeFirst();
    if (!updated) return false;
    await saveAnswers(trx, updated.id, updated.event_id, input.answers);
    return true;
  });
}

/**
 * Gives free seats to the waiting list, first come first served, and tells each promoted person — in the caller's
 * transaction. Nobody is promoted once the event has started or when it is not published.
 */
export async function fillSeats(trx: Db, event: EventRow, now: Date, settings: MailSettings): Promise<RegistrationRow[]> {
  if (event.status !== 'published' || now.toISOString() >= event.starts_at) return [];
  const free = event.capacity === null ? null : event.capacity - (await countStatus(trx, event.id, 'confirmed'));
  if (free !== null && free <= 0) return [];
  let query = trx
    .selectFrom('registrations')
    .select('id')
    .where('event_id', '=', event.id)
    .where('status', '=', 'waitlisted')
    .orderBy('id');
  if (free !== null) query = query.limit(free);
  const next = await query.execute();
  const promoted: RegistrationRow[] = [];
  for (const { id } of next) promoted.push(await promote(trx, event, id, now, settings));
  return promoted;
}

/**
 * Gives a waitlisted person a place, with the "you got a place" mail and its invitation, in the caller's transaction:
 * the one way anyone gets a place from the waiting list, whether a seat freed up or an organiser decided.
 */
export async function promote(trx: Db, event: EventRow, registrationId: number, now: Date, settings: MailSettings): Promise<RegistrationRow> {
  const row = await trx
    .updateTable('registrations')
    .set({ status: 'confirmed', promoted_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', registrationId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await queueMail(trx, 'promoted', event, row, now, settings, { calendar: 'REQUEST' });
  return row;
}

/**
 * Cancels a registration (the participant's own "Meld deg av"): a CANCEL invitation if they held a seat, and the seat
 * goes to the first on the waiting list, all in one transaction. Returns null when it was already cancelled.
 */
export async function cancelRegistration(
  db: Db,
  registrationId: number,
  now: Date,
  settings: MailSettings,
): Promise<{ promoted: RegistrationRow[] } | null> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('registrations')
      .selectAll()
      .where('id', '=', registrationId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
    if (!before) return null;
    const event = await trx.selectFrom('events').selectAll().where('id', '=', before.event_id).executeTakeFirstOrThrow();
    const at = now.toISOString();
    await trx.updateTable('registrations').set({ status: 'cancelled', cancelled_at: at, updated_at: at }).where('id', '=', before.id).execute();
    await queueMail(trx, 'cancelled', event, before, now, settings, before.status === 'confirmed' ? { calendar: 'CANCEL' } : {});
    return { promoted: before.status === 'confirmed' ? await fillSeats(trx, event, now, settings) : [] };
  });
}

/**
 * Deletes a registration, its answers and the mails written to it (they hold the person's data), promoting from the
 * waiting list as a cancellation does. A confirmed participant gets one last mail whose CANCEL removes the event from
 * their calendar. Returns false when there was nothing to delete.
 */
export async function deleteRegistration(db: Db, registrationId: number, now: Date, settings: MailSettings): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('registrations').selectAll().where('id', '=', registrationId).executeTakeFirst();
    if (!before) return false;
    const event = await trx.selectFrom('events').selectAll().where('id', '=', before.event_id).executeTakeFirstOrThrow();
    await trx.deleteFrom('outbox').where('registration_id', '=', before.id).execute();
    await trx.deleteFrom('answers').where('registration_id', '=', before.id).execute();
    await trx.deleteFrom('registrations').where('id', '=', before.id).execute();
    if (before.status === 'confirmed') {
      await queueMail(trx, 'deleted', event, { ...before, id: null }, now, settings, { calendar: 'CANCEL' });
      await fillSeats(trx, event, now, settings);
    }
    return true;
  });
}

/** Do not send the manage link to one address more often than this (anyone may type an address). */
const MANAGE_LINK_INTERVAL_MS = 5 * 60_000;

/**
 * Mails a fresh manage link to an address registered for the event. The old link stops working (only hashes are
 * stored, so a link cannot be sent twice). Quietly does nothing for an unknown address or a repeat within minutes.
 */
export async function sendManageLink(db: Db, eventId: number, email: string, now: Date, settings: MailSettings): Promise<boolean> {
  const { token, tokenHash, feedHash } = await issueTokens();
  return db.transaction().execute(async (trx) => {
    const registration = await trx
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('email_key', '=', emailKey(email))
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
    if (!registration) return false;
    const recent = await trx
      .selectFrom('outbox')
      .select('id')
      .where('registration_id', '=', registration.id)
      .where('kind', '=', 'manage_link')
      .where('created_at', '>', new Date(now.getTime() - MANAGE_LINK_INTERVAL_MS).toISOString())
      .executeTakeFirst();
    if (recent) return false;
    const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    await trx
      .updateTable('registrations')
      .set({ token_hash: tokenHash, feed_token_hash: feedHash })
      .where('id', '=', registration.id)
      .execute();
    await queueMail(trx, 'manage_link', event, registration, now, settings, { manageUrl: manageUrl(settings.baseUrl, token) });
    return true;
  });
}

/** Everything stored about one registration, for "download your data" (GDPR art. 15 and 20). */
export async function exportRegistration(db: Db, { registration, event }: RegistrationWithEvent) {
  const [answers, mails] = await Promise.all([
    db
      .selectFrom('answers')
      .innerJoin('questions', 'questions.id', 'answers.question_id')
      .select(['questions.label', 'questions.type', 'answers.value'])
      .where('answers.registration_id', '=', registration.id)
      .orderBy('questions.position')
      .orderBy('questions.id')
      .execute(),
    db
      .selectFrom('outbox')
      .select(['kind', 'to_address', 'status', 'created_at', 'sent_at'])
      .where('registration_id', '=', registration.id)
      .orderBy('id')
      .execute(),
  ]);
  const { token_hash: _t, feed_token_hash: _f, ...person } = registration;
  return {
    event: { title: event.title, url_slug: event.slug, starts_at: event.starts_at, ends_at: event.ends_at, organiser: event.organiser_name },
    registration: { ...person, listed: person.listed === 1 },
    answers: answers.map((a) => ({ question: a.label, type: a.type, answer: JSON.parse(a.value) as AnswerValue })),
    mails,
  };
}

// ——— Reminders and the organiser's changes ———

/**
 * Queues the reminder for confirmed participants of published events starting within their `reminder_hours`, once
 * per participant: reminder_sent_at is set in the same transaction, and only rows still unset are taken.
 * Returns the number of reminders queued. Call it periodically.
 */
export async function enqueueDueReminders(db: Db, now: Date, settings: MailSettings): Promise<number> {
  const at = now.toISOString();
  const events = await db.selectFrom('events').selectAll().where('status', '=', 'published').where('starts_at', '>', at).execute();
  let queued = 0;
  for (const event of events) {
    if (event.reminder_hours <= 0 || Date.parse(event.starts_at) - event.reminder_hours * 3_600_000 > now.getTime()) continue;
    queued += await db.transaction().execute(async (trx) => {
      const due = await trx
        .updateTable('registrations')
        .set({ reminder_sent_at: at })
        .where('event_id', '=', event.id)
        .where('status', '=', 'confirmed')
        .where('reminder_sent_at', 'is', null)
        .returningAll()
        .execute();
      for (const registration of due) await queueMail(trx, 'reminder', event, registration, now, settings);
      return due.length;
    });
  }
  return queued;
}

export type EventChanges = Partial<Pick<EventRow, 'starts_at' | 'ends_at' | 'venue_name' | 'venue_address' | 'online_url'>>;

async function activeRegistrations(trx: Db, eventId: number) {
  return trx
    .selectFrom('registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .orderBy('id')
    .execute();
}

/**
 * Changes an event's time or place. When anything really changes, SEQUENCE rises and every confirmed participant of a
 * published event gets an update with a new REQUEST (their calendar moves the entry); the waiting list is told
 * without an invitation. A new start time re-arms the reminder. One transaction.
 * @example await rescheduleEvent(db, event.id, { venue_name: 'Scandic Hamar' }, new Date(), config) // { changed: true, notified: 31 }
 */
export async function rescheduleEvent(
  db: Db,
  eventId: number,
  changes: EventChanges,
  now: Date,
  settings: MailSettings,
): Promise<{ changed: boolean; notified: number }> {
  return inTransaction(db, async (trx) => {
    const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!event) throw new NotFound();
    const changed = (Object.keys(changes) as (keyof EventChanges)[]).filter((k) => changes[k] !== undefined && changes[k] !== event[k]);
    if (changed.length === 0) return { changed: false, notified: 0 };
    const next = { ...event, ...changes };
    if (next.starts_at >= next.ends_at) throw new DomainError(422, 'error_bad_request');
    const updated = await trx
      .updateTable('events')
      .set({ ...changes, sequence: event.sequence + 1, updated_at: now.toISOString() })
      .where('id', '=', eventId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (changed.includes('starts_at')) {
      await trx.updateTable('registrations').set({ reminder_sent_at: null }).where('event_id', '=', eventId).execute();
    }
    if (updated.status !== 'published') return { changed: true, notified: 0 };
    const people = await activeRegistrations(trx, eventId);
    for (const r of people) {
      if (r.status === 'confirmed') await queueMail(trx, 'updated', updated, r, now, settings, { calendar: 'REQUEST' });
      else await queueMail(trx, 'updated_waitlisted', updated, r, now, settings);
    }
    return { changed: true, notified: people.length };
  });
}

/**
 * Cancels an event: status cancelled, SEQUENCE raised, METHOD:CANCEL to every confirmed participant and a notice to
 * the waiting list, in one transaction. Returns the number of people told (0 if it was already cancelled or a draft).
 */
export async function cancelEvent(db: Db, eventId: number, now: Date, settings: MailSettings): Promise<number> {
  return inTransaction(db, async (trx) => {
    const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!event) throw new NotFound();
    if (event.status === 'cancelled') return 0;
    const updated = await trx
      .updateTable('events')
      .set({ status: 'cancelled', sequence: event.sequence + 1, updated_at: now.toISOString() })
      .where('id', '=', eventId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (event.status !== 'published') return 0;
    const people = await activeRegistrations(trx, eventId);
    for (const r of people) {
      await queueMail(trx, 'event_cancelled', updated, r, now, settings, r.status === 'confirmed' ? { calendar: 'CANCEL' } : {});
    }
    return people.length;
  });
}
