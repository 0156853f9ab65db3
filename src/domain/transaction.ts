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

interface Job {
  fn: (trx: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const waiting = new WeakMap<Kysely<Database>, Job[]>();
// Node runs it after the requests that arrived together have been read; elsewhere the next timer turn does.
const { setImmediate } = globalThis as { setImmediate?: (fn: () => void) => unknown };
const nextTurn: (fn: () => void) => void = setImmediate ?? ((fn) => setTimeout(fn, 0));

async function commitTogether(db: Kysely<Database>): Promise<void> {
  const jobs = waiting.get(db) ?? [];
  waiting.delete(db);
  const outcomes: (() => void)[] = [];
  try {
    // Kysely's savepoint API rather than SAVEPOINT as SQL, which a Durable Object refuses (its dialect nests
    // storage transactions instead).
    const trx = await db.startTransaction().execute();
    try {
      for (const job of jobs) {
        const inJob = await trx.savepoint('job').execute();
        try {
          const value = await job.fn(inJob);
          await inJob.releaseSavepoint('job').execute();
          outcomes.push(() => job.resolve(value));
        } catch (error) {
          await inJob.rollbackToSavepoint('job').execute();
          await inJob.releaseSavepoint('job').execute();
          outcomes.push(() => job.reject(error));
        }
      }
      await trx.commit().execute();
    } catch (error) {
      // Also after a failed commit, which leaves the transaction open and its connection taken.
      await trx.rollback().execute().catch(() => {});
      throw error;
    }
  } catch {
    // Nothing was committed (the commit failed, or a job left the transaction unusable): give each job a transaction
    // of its own, so that one job's fault fails only that job.
    for (const job of jobs) await inTransaction(db, job.fn).then(job.resolve, job.reject);
    return;
  }
  for (const settle of outcomes) settle();
}

/**
 * Like inTransaction, but shares one transaction with the other changes queued in the same turn of the event loop,
 * each in a savepoint of its own: a job that throws rolls back only its own writes and gets its own error, and the
 * group pays for one commit. A SQLite connection runs one write transaction at a time anyway, so under load (many
 * registrations at once) this turns a commit per change into a commit per batch. Each caller's promise settles only
 * after the commit, exactly as with inTransaction. `fn` may be run a second time (when the shared commit fails), so
 * its only effects must be on the database; and it must use `trx`, never `db`, whose connection the batch holds.
 * @example const row = await inSharedTransaction(db, (trx) => trx.insertInto('registrations').values(v).returningAll().executeTakeFirstOrThrow())
 */
export function inSharedTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return new Promise<T>((resolve, reject) => {
    let jobs = waiting.get(db);
    if (!jobs) {
      jobs = [];
      waiting.set(db, jobs);
      nextTurn(() => void commitTogether(db));
    }
    jobs.push({ fn, resolve: resolve as (value: unknown) => void, reject });
  });
}
