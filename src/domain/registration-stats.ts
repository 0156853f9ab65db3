import { type Kysely, sql } from 'kysely';
import type { Database, EventRow } from '../../db/schema';
import { localDate } from '../time';

type Db = Kysely<Database>;

/**
 * Registrations (not cancelled) per local day of the event's zone, from the first registration to the last, days
 * without any included as 0. Counted by SQL per UTC hour, then placed in local days.
 */
export async function registrationsPerDay(db: Db, event: Pick<EventRow, 'id' | 'time_zone'>): Promise<{ day: string; count: number }[]> {
  const rows = await db
    .selectFrom('registrations')
    .select((eb) => [sql<string>`substr(created_at, 1, 13)`.as('hour'), eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', event.id)
    .where('status', '<>', 'cancelled')
    .groupBy(sql`substr(created_at, 1, 13)`)
    .orderBy(sql`substr(created_at, 1, 13)`)
    .execute();
  const perDay = new Map<string, number>();
  for (const row of rows) {
    const day = localDate(`${row.hour}:00:00.000Z`, event.time_zone);
    perDay.set(day, (perDay.get(day) ?? 0) + Number(row.n));
  }
  const days = [...perDay.keys()].sort();
  if (days.length === 0) return [];
  const result: { day: string; count: number }[] = [];
  const [y, m, d] = days[0]!.split('-').map(Number) as [number, number, number];
  const last = days[days.length - 1]!;
  for (let i = 0; i < 3660; i++) {
    const day = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    if (day > last) break;
    result.push({ day, count: perDay.get(day) ?? 0 });
  }
  return result;
}
