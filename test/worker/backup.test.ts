import { env, runInDurableObject } from 'cloudflare:test';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { r2FileStore } from '../../src/adapters/r2-file-store';
import { exportBackup, importBackup, tablesInOrder } from '../../src/domain/backup';
import type { Samling } from '../../src/worker';

// A backup of the Durable Object's data (the demo, its files in R2) restored into a second, emptied Durable Object:
// the same tables in the same order and the same number of rows each.

const object = (name: string) => env.SAMLING.get(env.SAMLING.idFromName(name));
const counts = (samling: Samling) =>
  tablesInOrder(samling.db).then(async (tables) => {
    const out: Record<string, number> = {};
    for (const table of tables) out[table] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(samling.db)).rows[0]!.n);
    return out;
  });

it('exports the Durable Object to one file and restores it into an empty one', async () => {
  const files = r2FileStore(env.FILES);
  const { backup, before } = await runInDurableObject(object('samling'), async (samling: Samling) => ({
    backup: new Uint8Array(await new Response(exportBackup(samling.db, files, new Date())).arrayBuffer()),
    before: await counts(samling),
  }));
  expect(before.events).toBeGreaterThan(0);
  expect(before.files).toBeGreaterThan(0);

  const after = await runInDurableObject(object('restore-target'), async (samling: Samling) => {
    // A fresh Durable Object loads the demo (DEMO=1 in the tests); empty it as a DEMO=0 deployment would be.
    for (const table of (await tablesInOrder(samling.db)).reverse()) await sql`delete from ${sql.table(table)}`.execute(samling.db);
    const summary = await importBackup(samling.db, files, new Blob([backup]).stream());
    expect(summary.files).toBe(before.files);
    return counts(samling);
  });
  expect(after).toEqual(before);
});
