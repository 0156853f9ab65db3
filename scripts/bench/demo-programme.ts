// The demo database in a temporary folder and the path of its conference's programme page, for the benchmarks that
// serve that page (bench:programme, bench:wire).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest } from '../../db/migrate';
import { diskFileStore } from '../../src/adapters/disk-file-store';
import { openSqlite } from '../../src/adapters/sqlite';
import { seedDemo } from '../../src/demo/seed';

export async function demoProgramme() {
  const dir = mkdtempSync(join(tmpdir(), 'samling-bench-'));
  const { db } = openSqlite(join(dir, 'bench.sqlite'));
  await migrateToLatest(db);
  const files = diskFileStore(join(dir, 'files'));
  await seedDemo(db, files, new Date());
  const conference = await db.selectFrom('events').select('slug').where('kind', '=', 'conference').executeTakeFirstOrThrow();
  return { db, files, slug: conference.slug, path: `/events/${conference.slug}/programme` };
}
