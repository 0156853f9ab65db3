import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { insertEvent } from '../../test/fixtures';
import { inSharedTransaction } from './transaction';

let t: Awaited<ReturnType<typeof createTestDeps>>;
beforeEach(async () => {
  t = await createTestDeps();
});
afterEach(() => t.close());

const db = () => t.deps.db;
const slugs = async () => (await db().selectFrom('events').select('slug').orderBy('id').execute()).map((e) => e.slug);

describe('inSharedTransaction', () => {
  it('commits changes queued together in one transaction, each settled with its own result', async () => {
    // The same SQLite connection, with Kysely telling which statements ran.
    const statements: string[] = [];
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: t.sqlite }),
      log: (event) => void statements.push(event.query.sql),
    });
    const writes = ['a', 'b', 'c'].map((slug) => inSharedTransaction(logged, async (trx) => (await insertEvent(trx, { slug })).slug));
    expect(await Promise.all(writes)).toEqual(['a', 'b', 'c']);
    expect(await slugs()).toEqual(['a', 'b', 'c']);
    expect(statements.filter((s) => s === 'commit')).toHaveLength(1);
    expect(statements.filter((s) => /^savepoint "?job"?$/.test(s))).toHaveLength(3);
  });

  it('rolls back only the change that failed, which alone gets the error', async () => {
    const results = await Promise.allSettled([
      inSharedTransaction(db(), (trx) => insertEvent(trx, { slug: 'first' })),
      inSharedTransaction(db(), async (trx) => {
        await insertEvent(trx, { slug: 'half-done' });
        throw new Error('changed my mind');
      }),
      inSharedTransaction(db(), (trx) => insertEvent(trx, { slug: 'first' })), // the slug is unique
      inSharedTransaction(db(), (trx) => insertEvent(trx, { slug: 'last' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain('changed my mind');
    expect(String((results[2] as PromiseRejectedResult).reason)).toContain('UNIQUE');
    expect(await slugs()).toEqual(['first', 'last']);
  });

  it('when the shared commit fails, runs each change again on its own: only the faulty one fails', async () => {
    const results = await Promise.allSettled([
      inSharedTransaction(db(), (trx) => insertEvent(trx, { slug: 'innocent' })),
      inSharedTransaction(db(), async (trx) => {
        // A deferred foreign key is checked at COMMIT: the whole shared transaction fails there.
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        await sql`insert into questions (event_id, position, type, label, required) values (9999, 0, 'short_text', 'x', 0)`.execute(trx);
      }),
      inSharedTransaction(db(), (trx) => insertEvent(trx, { slug: 'also-innocent' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain('FOREIGN KEY');
    expect(await slugs()).toEqual(['innocent', 'also-innocent']);
    expect(await db().selectFrom('questions').select('id').execute()).toEqual([]);
  });

  it('runs inside the caller’s transaction when given one', async () => {
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await inSharedTransaction(trx, (inner) => insertEvent(inner, { slug: 'inner' }));
          throw new Error('outer rolls back');
        }),
    ).rejects.toThrow('outer rolls back');
    expect(await slugs()).toEqual([]);
  });
});
