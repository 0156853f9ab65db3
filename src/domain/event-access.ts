import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database, EventRow } from '../../db/schema';

/** Who asks: an admin manages every event, an organiser the events they were given. */
export interface Manager {
  id: number;
  role: string;
}

/**
 * Narrows a query on events to the ones this organiser may manage; used by the pages, the API and the dashboard alike.
 * @example db.selectFrom('events').selectAll().$call(managedBy(organiser))
 */
export const managedBy =
  (organiser: Manager) =>
  <O>(query: SelectQueryBuilder<Database, 'events', O>): SelectQueryBuilder<Database, 'events', O> =>
    organiser.role === 'admin'
      ? query
      : query.where('events.id', 'in', (eb) => eb.selectFrom('event_organisers').select('event_id').where('organiser_id', '=', organiser.id));

/** The event if the organiser may manage it; undefined both when it does not exist and when it is someone else's. */
export async function findManagedEvent(db: Kysely<Database>, organiser: Manager, eventId: number): Promise<EventRow | undefined> {
  if (!Number.isSafeInteger(eventId)) return undefined;
  return db.selectFrom('events').selectAll().where('id', '=', eventId).$call(managedBy(organiser)).executeTakeFirst();
}
