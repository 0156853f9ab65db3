import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database, RegistrationRow } from '../../db/schema';
import { searchFilter } from './participants';

type Db = Kysely<Database>;
type RegistrationsEb = ExpressionBuilder<Database, 'registrations'>;

/**
 * Checks a confirmed person in (or undoes it); a second check-in keeps the first time. Returns the row as it is now,
 * or undefined when there is no confirmed registration with that id in the event.
 */
export async function setCheckedIn(db: Db, eventId: number, registrationId: number, checkedIn: boolean, now: Date) {
  const confirmed = (eb: RegistrationsEb) =>
    eb.and([eb('id', '=', registrationId), eb('event_id', '=', eventId), eb('status', '=', 'confirmed')]);
  await db
    .updateTable('registrations')
    .set({ checked_in_at: checkedIn ? sql<string>`coalesce(checked_in_at, ${now.toISOString()})` : null })
    .where(confirmed)
    .execute();
  return db.selectFrom('registrations').select(CHECKIN_COLUMNS).where(confirmed).executeTakeFirst();
}

const CHECKIN_COLUMNS = ['id', 'name', 'organisation', 'checked_in_at'] as const;
export type CheckinRow = Pick<RegistrationRow, (typeof CHECKIN_COLUMNS)[number]>;

/** Confirmed participants for the door, by name, matching the search (name, e-mail, organisation), at most `limit`. */
export async function checkinList(db: Db, eventId: number, q: string, limit = 100): Promise<CheckinRow[]> {
  let query = db.selectFrom('registrations').select(CHECKIN_COLUMNS).where('event_id', '=', eventId).where('status', '=', 'confirmed');
  if (q.trim()) query = query.where(await searchFilter(db, eventId, 'confirmed', q));
  return query.orderBy(sql`name collate nocase`).orderBy('id').limit(limit).execute();
}
