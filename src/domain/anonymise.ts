import type { Kysely } from 'kysely';
import type { Database, EventRow } from '../../db/schema';
import { DomainError, NotFound } from '../errors';
import { translator } from '../i18n/index';
import { randomToken, sha256Hex } from './tokens';
import { inTransaction } from './transaction';

type Db = Kysely<Database>;

/** Refused: the event has not ended, so its participants may still need their links and mails. */
export class EventNotEnded extends DomainError {
  constructor(readonly endsAt: string) {
    super(409, 'anon_not_ended');
  }
}

/** Refused: done once already (the names are gone; a second run would only hide that it happened). */
export class AlreadyAnonymised extends DomainError {
  constructor(readonly anonymisedAt: string) {
    super(409, 'anon_already');
  }
}

/** What anonymising left behind, for the organiser's notice. */
export interface AnonymiseOutcome {
  registrations: number;
  /** Outbox rows deleted (sent or failed); pending ones stay until the worker has sent them. */
  mailsDeleted: number;
}

/** True when the event is over at `now` (its participants can then be anonymised). */
export const hasEnded = (event: Pick<EventRow, 'ends_at'>, now: Date) => event.ends_at <= now.toISOString();

// Sent and failed mails are copies of what the person already got (or never will get); they hold names and addresses
// and go. A pending or sending mail is still owed to the person (e.g. a thank-you message queued just before), and the
// worker needs its address, so it stays; anonymiseEndedEvents deletes it later, once it has been sent or has failed.
const SETTLED = ['sent', 'failed'] as const;

async function deleteSettledMail(trx: Db, eventId: number): Promise<number> {
  const result = await trx
    .deleteFrom('outbox')
    .where('status', 'in', SETTLED)
    .where((eb) =>
      eb.or([
        eb('event_id', '=', eventId),
        eb('registration_id', 'in', eb.selectFrom('registrations').select('id').where('registrations.event_id', '=', eventId)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Removes what identifies the participants of an ended event and keeps what the statistics need (status,
 * organisation as typed, registration and check-in times). Names become a neutral text in the event's language,
 * addresses unique non-addresses, job titles and answers go, nobody stays on the public list, and the token hashes
 * are replaced so that old manage links and calendar feeds stop working. One transaction; once per event.
 * Throws NotFound, EventNotEnded or AlreadyAnonymised (both 409).
 * @example await anonymiseEvent(db, 3, new Date()) // { registrations: 120, mailsDeleted: 361 }
 */
export async function anonymiseEvent(db: Db, eventId: number, now: Date): Promise<AnonymiseOutcome> {
  return inTransaction(db, async (trx) => {
    const event = await trx.selectFrom('events').select(['id', 'ends_at', 'language', 'anonymised_at']).where('id', '=', eventId).executeTakeFirst();
    if (!event) throw new NotFound();
    if (event.anonymised_at) throw new AlreadyAnonymised(event.anonymised_at);
    if (!hasEnded(event, now)) throw new EventNotEnded(event.ends_at);
    const at = now.toISOString();
    await trx.updateTable('events').set({ anonymised_at: at }).where('id', '=', event.id).execute();

    const name = translator(/^(nb|nn|no)\b/i.test(event.language) ? 'nb' : 'en')('anon_participant_name');
    const people = await trx.selectFrom('registrations').select('id').where('event_id', '=', event.id).execute();
    await trx
      .deleteFrom('answers')
      .where('registration_id', 'in', trx.selectFrom('registrations').select('id').where('event_id', '=', event.id))
      .execute();
    await trx
      .deleteFrom('manage_tokens')
      .where('registration_id', 'in', trx.selectFrom('registrations').select('id').where('event_id', '=', event.id))
      .execute();
    for (const { id } of people) {
      // Hashes of tokens nobody was given: the columns stay unique and well-formed, and no link can match them.
      await trx
        .updateTable('registrations')
        .set({
          name,
          email: `anonymised-${id}`,
          email_key: `anonymised-${id}`,
          job_title: null,
          listed: 0,
          token_hash: sha256Hex(randomToken()),
          feed_token_hash: sha256Hex(randomToken()),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    }
    // Who unsubscribed from the organiser's messages is personal data too; no message goes out after the event.
    await trx.deleteFrom('message_unsubscribes').where('event_id', '=', event.id).execute();
    const mailsDeleted = await deleteSettledMail(trx, event.id);
    return { registrations: people.length, mailsDeleted };
  });
}

/**
 * The retention rule: anonymises every event that ended more than `days` days before `now` and is not yet
 * anonymised (each in its own transaction), and deletes the mail of any anonymised event that was still pending when it
 * was anonymised and has since been sent or has failed. Returns the ids of the events anonymised now.
 * @example await anonymiseEndedEvents(db, new Date(), 365) // [4, 9]
 */
export async function anonymiseEndedEvents(db: Db, now: Date, days: number): Promise<number[]> {
  const cutoff = new Date(now.getTime() - days * 24 * 3600_000).toISOString();
  const due = await db.selectFrom('events').select('id').where('anonymised_at', 'is', null).where('ends_at', '<', cutoff).orderBy('id').execute();
  const done: number[] = [];
  for (const { id } of due) {
    try {
      await anonymiseEvent(db, id, now);
      done.push(id);
    } catch (error) {
      // Anonymised meanwhile by an organiser: nothing left to do for it.
      if (!(error instanceof AlreadyAnonymised)) throw error;
    }
  }
  // Two deletes, each searching an index (an OR of the two would scan the outbox every hour, even with nothing due):
  // the event's mail by (event_id, status), and mail without an event by its registration.
  const anonymised = db.selectFrom('events').select('id').where('anonymised_at', 'is not', null);
  await db.deleteFrom('outbox').where('event_id', 'in', anonymised).where('status', 'in', SETTLED).execute();
  await db
    .deleteFrom('outbox')
    .where('event_id', 'is', null)
    .where('status', 'in', SETTLED)
    .where('registration_id', 'in', db.selectFrom('registrations').select('id').where('registrations.event_id', 'in', anonymised))
    .execute();
  return done;
}
