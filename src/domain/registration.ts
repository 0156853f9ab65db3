import type { Kysely } from 'kysely';
import type { Database, EventRow, RegistrationRow } from '../../db/schema';
import { DomainError, NotFound } from '../errors';
import type { Lang } from '../i18n/index';
import { type RegistrationWindow, registrationWindow } from './availability';
import type { AnswerValue, RegistrationInput } from './questions';
import { type MailSettings, queueMail } from './registration-mail';
import { type RegistrationWithEvent, countStatus, saveAnswers, waitlistPosition } from './registration-queries';
import { emailKey, issueTokens, newRegistration } from './registration-tokens';
import { inSharedTransaction } from './transaction';

type Db = Kysely<Database>;

// ——— Errors ———

/** Registration is not possible now (not yet open, closed, or the event cancelled). */
export class RegistrationClosed extends DomainError {
  constructor(readonly window: Exclude<RegistrationWindow, { state: 'open' | 'full' }>) {
    super(409, window.state === 'not_yet' ? 'reg_not_yet_title' : window.state === 'cancelled' ? 'reg_cancelled' : 'reg_closed');
  }
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
      await queueMail(
        trx,
        {
          kind: confirmed ? 'confirmation' : 'waitlisted',
          token: tokens.token,
          position,
          ...(confirmed ? { calendar: 'REQUEST' as const } : {}),
        },
        event,
        registration,
        now,
        settings,
      );
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
  await queueMail(trx, { kind: 'promoted', calendar: 'REQUEST' }, event, row, now, settings);
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
    await queueMail(trx, { kind: 'cancelled', ...(before.status === 'confirmed' ? { calendar: 'CANCEL' as const } : {}) }, event, before, now, settings);
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
    await trx.deleteFrom('manage_tokens').where('registration_id', '=', before.id).execute();
    await trx.deleteFrom('registrations').where('id', '=', before.id).execute();
    if (before.status === 'confirmed') {
      await queueMail(trx, { kind: 'deleted', calendar: 'CANCEL' }, event, { ...before, id: null }, now, settings);
      await fillSeats(trx, event, now, settings);
    }
    return true;
  });
}

/** Do not send the manage link to one address more often than this (anyone may type an address). */
const MANAGE_LINK_INTERVAL_MS = 5 * 60_000;

/**
 * Mails a further manage link to an address registered for the event (only hashes are stored, so a link cannot be sent
 * twice). Earlier links and the calendar feeds derived from them keep working: whoever types the address cannot break
 * someone's link or calendar subscription. Quietly does nothing for an unknown address or a repeat within minutes.
 */
export async function sendManageLink(db: Db, eventId: number, email: string, now: Date, settings: MailSettings): Promise<boolean> {
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
    await queueMail(trx, { kind: 'manage_link' }, event, registration, now, settings);
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
