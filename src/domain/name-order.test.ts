import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { norwegianSortKey, norwegianSortKeyOf } from './name-order';

let t: Awaited<ReturnType<typeof createTestDeps>>;
beforeAll(async () => {
  t = await createTestDeps();
});
afterAll(() => t.close());

const NAMES = ['Haakon', 'Håkan', 'Hans', 'Åse Ås', 'zeta Zahl', 'Øyvind Øye', 'ærlig Ærø', 'Berg', 'aas', 'Émile', 'Ola', 'ødegård', 'Åsmund', 'Yngve', 'Ülrik', 'Eva', 'Anne'];

it('orders names in SQL as Norwegian does (æ, ø, å after z; é with e; ü with y; case ignored)', async () => {
  const rows = await sql<{ name: string }>`select value as name from json_each(${JSON.stringify(NAMES)}) order by ${norwegianSortKey(sql.ref('value'))}`.execute(t.deps.db);
  const expected = [...NAMES].sort(new Intl.Collator('nb').compare);
  expect(rows.rows.map((r) => r.name)).toEqual(expected);
  expect([...NAMES].sort((a, b) => (norwegianSortKeyOf(a) < norwegianSortKeyOf(b) ? -1 : 1))).toEqual(expected);
});
