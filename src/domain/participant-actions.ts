import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { statusCounts } from './participants';
import { cancelRegistration, promote } from './registration';
import { type MailSettings, queueMail } from './registration-mail';
import { waitlistPosition } from './registration-queries';

type Db = Kysely<Database>;

export type ConfirmOutcome = { kind: 'confirmed' } | { kind: 'full'; confirmed: number; capacity: number } | { kind: 'unchanged' };

async function registrationOf(trx: Db, eventId: number, registrationId: number) {
  return trx.selectFrom('registrations').selectAll().where('id', '=', registrationId).where('event_id', '=', eventId).executeTakeFirst();
}

/**
 * Gives a waitlisted person a seat, with the "you got a place" mail and invitation, in one transaction. When the
 * event is full the organiser must say `overbook: true` (they may overbook on purpose; the page warns first).
 * Returns undefined when the registration does not exist in this event.
 */
export async function confirmParticipant(
  db: Db,
  eventId: number,
  registrationId: number,
  opts: { overbook: boolean; now: Date; settings: MailSettings },
): Promise<ConfirmOutcome | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await registrationOf(trx, eventId, registrationId);
    if (!before) return undefined;
    if (before.status !== 'waitlisted') return { kind: 'unchanged' };
    const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    const confirmed = (await statusCounts(trx, eventId)).confirmed;
    if (event.capacity !== null && confirmed >= event.capacity && !opts.overbook) {
      return { kind: 'full', confirmed, capacity: event.capacity };
    }
    await promote(trx, event, before.id, opts.now, opts.settings);
    return { kind: 'confirmed' };
  });
}

/**
 * Moves a confirmed person to the waiting list (their place in it by registration order), telling them and withdrawing
 * the calendar entry, in one transaction. The seat is not given to anyone: the organiser is making room on purpose.
 */
export async function waitlistParticipant(
  db: Db,
  eventId: number,
  registrationId: number,
  opts: { now: Date; settings: MailSettings },
): Promise<'moved' | 'unchanged' | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await registrationOf(trx, eventId, registrationId);
    if (!before) return undefined;
    if (before.status !== 'confirmed') return 'unchanged';
    const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    const at = opts.now.toISOString();
    await trx
      .updateTable('registrations')
      .set({ status: 'waitlisted', promoted_at: null, checked_in_at: null, updated_at: at })
      .where('id', '=', before.id)
      .execute();
    const position = (await waitlistPosition(trx, { ...before, status: 'waitlisted' })) ?? 1;
    await queueMail(trx, { kind: 'waitlisted', movedBack: { position }, calendar: 'CANCEL' }, event, before, opts.now, opts.settings);
    return 'moved';
  });
}

/**
 * Cancels a registration of this event as the participant's own cancellation does (registration.ts): CANCEL mail,
 * and the freed seat goes to the first on the waiting list with their mail. Undefined when not in this event.
 */
export async function cancelParticipant(db: Db, eventId: number, registrationId: number, opts: { now: Date; settings: MailSettings }) {
  const found = await db.selectFrom('registrations').select('id').where('id', '=', registrationId).where('event_id', '=', eventId).executeTakeFirst();
  if (!found) return undefined;
  return (await cancelRegistration(db, found.id, opts.now, opts.settings)) ?? { promoted: [] };
}
