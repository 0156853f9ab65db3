import type { Kysely } from 'kysely';
import type { Database, EventRow } from '../../db/schema';
import { DomainError, NotFound } from '../errors';
import { type MailSettings, queueMail } from './registration-mail';
import { inTransaction } from './transaction';

type Db = Kysely<Database>;

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
      for (const registration of due) await queueMail(trx, { kind: 'reminder' }, event, registration, now, settings);
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
      if (r.status === 'confirmed') await queueMail(trx, { kind: 'updated', calendar: 'REQUEST' }, updated, r, now, settings);
      else await queueMail(trx, { kind: 'updated_waitlisted' }, updated, r, now, settings);
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
      await queueMail(trx, { kind: 'event_cancelled', ...(r.status === 'confirmed' ? { calendar: 'CANCEL' as const } : {}) }, updated, r, now, settings);
    }
    return people.length;
  });
}
