import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Runs `fn` in a transaction, or in the caller's when `db` already is one, so that a domain function can be both
 * a whole change of its own and one step of a larger change that must commit or fail as one.
 * @example await inTransaction(db, (trx) => rescheduleEvent(trx, id, changes, now, settings))
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
