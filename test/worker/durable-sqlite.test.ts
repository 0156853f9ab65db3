import { env, runInDurableObject } from 'cloudflare:test';
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { type DurableSqlStorage, durableSqliteDialect } from '../../src/adapters/durable-sqlite';
import { inSharedTransaction } from '../../src/domain/transaction';

// The dialect on a real SQLite-backed Durable Object, on a table of its own (the app's tables: worker.test.ts).

interface Db {
  notes: { id: import('kysely').Generated<number>; text: string; flag: number | null };
}

/** Runs `fn` inside a Durable Object of its own, with a Kysely over its storage and a fresh `notes` table. */
function withDb<T>(fn: (db: Kysely<Db>, storage: DurableObjectStorage) => Promise<T>): Promise<T> {
  const stub = env.SAMLING.get(env.SAMLING.idFromName(`dialect-${crypto.randomUUID()}`));
  return runInDurableObject(stub, async (_instance, state) => {
    const db = new Kysely<Db>({ dialect: durableSqliteDialect(state.storage as unknown as DurableSqlStorage) });
    await sql`create table notes (id integer primary key, text text not null unique, flag integer)`.execute(db);
    return fn(db, state.storage);
  });
}

const texts = async (db: Kysely<Db>) => (await db.selectFrom('notes').select('text').orderBy('id').execute()).map((n) => n.text);
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the Durable Object dialect', () => {
  it('reports exact affected rows and insert ids, and binds booleans as 1/0', async () => {
    await withDb(async (db) => {
      const two = await db.insertInto('notes').values([{ text: 'a' }, { text: 'b' }]).executeTakeFirstOrThrow();
      // The cursor's rowsWritten would count the unique index's writes too.
      expect(two.numInsertedOrUpdatedRows).toBe(2n);
      expect(two.insertId).toBe(2n);
      const updated = await db.updateTable('notes').set({ flag: true as unknown as number }).where('text', '=', 'a').executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(1n);
      expect(await db.selectFrom('notes').select('flag').where('text', '=', 'a').executeTakeFirst()).toEqual({ flag: 1 });
      const removed = await db.deleteFrom('notes').executeTakeFirst();
      expect(removed.numDeletedRows).toBe(2n);
    });
  });

  it('leaves nothing of a transaction that throws after an await', async () => {
    await withDb(async (db) => {
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('notes').values({ text: 'written first' }).execute();
          await later();
          await crypto.subtle.digest('SHA-256', new Uint8Array(8));
          await trx.insertInto('notes').values({ text: 'written after awaits' }).execute();
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await texts(db)).toEqual([]);
    });
  });

  it('rolls back to a savepoint, keeping what came before it', async () => {
    await withDb(async (db) => {
      const trx = await db.startTransaction().execute();
      await trx.insertInto('notes').values({ text: 'kept' }).execute();
      const inner = await trx.savepoint('inner').execute();
      await inner.insertInto('notes').values({ text: 'undone' }).execute();
      await later();
      await inner.rollbackToSavepoint('inner').execute();
      await inner.insertInto('notes').values({ text: 'after the rollback' }).execute();
      await inner.releaseSavepoint('inner').execute();
      await trx.commit().execute();
      expect(await texts(db)).toEqual(['kept', 'after the rollback']);
    });
  });

  it('makes a query from outside wait for the open transaction, so a rollback does not take it along', async () => {
    await withDb(async (db) => {
      const trx = await db.startTransaction().execute();
      await trx.insertInto('notes').values({ text: 'in the transaction' }).execute();
      const outside = db.insertInto('notes').values({ text: 'outside' }).execute();
      await later();
      await trx.rollback().execute();
      await outside;
      expect(await texts(db)).toEqual(['outside']);
    });
  });

  it('runs shared transactions: a failing job undoes only its own writes', async () => {
    await withDb(async (db) => {
      const job = (text: string, fail = false) =>
        inSharedTransaction(db as never, async (trx) => {
          await (trx as unknown as Kysely<Db>).insertInto('notes').values({ text }).execute();
          await later();
          if (fail) throw new Error(`no ${text}`);
          return text;
        });
      const results = await Promise.allSettled([job('one'), job('two', true), job('one'), job('three')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(await texts(db)).toEqual(['one', 'three']);
    });
  });

  it('still migrates once the Durable Object has made its own _cf_ tables (an alarm was set)', async () => {
    await withDb(async (db, storage) => {
      await storage.setAlarm(Date.now() + 60_000);
      const tables = await sql<{ name: string }>`select name from sqlite_master where name like '_cf_%'`.execute(db);
      expect(tables.rows.length).toBeGreaterThan(0);
      await migrateToLatest(db as never);
      await migrateToLatest(db as never);
      const names = (await db.introspection.getTables()).map((t) => t.name);
      expect(names).toContain('events');
      expect(names.some((n) => n.startsWith('_cf_'))).toBe(false);
      await storage.deleteAlarm();
    });
  });
});
