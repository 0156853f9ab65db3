import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest } from '../db/migrate';
import { diskFileStore } from '../src/adapters/disk-file-store';
import { openSqlite } from '../src/adapters/sqlite';
import type { AppDeps } from '../src/deps';

/**
 * Real parts for a test: a SQLite file built by the real migrations and a file store in a fresh temporary folder.
 * `now` fixes the clock. Call `close()` in afterEach/afterAll.
 */
export async function createTestDeps(options: { now?: Date } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'samling-test-'));
  const { db, sqlite } = openSqlite(join(dir, 'test.sqlite'), { strictParameters: true });
  await migrateToLatest(db);
  let now = options.now ?? new Date('2026-11-23T12:00:00Z');
  const deps: AppDeps = {
    db,
    files: diskFileStore(join(dir, 'files')),
    clock: () => now,
    config: { baseUrl: 'http://localhost:3000', pageCacheSeconds: 60, mailFrom: 'Samling <noreply@localhost>' },
    outboxChanged: () => {},
    assets: {
      'style.css': { body: 'body{}', contentType: 'text/css; charset=utf-8' },
      'upload.js': { body: readFileSync(new URL('../views/upload.js', import.meta.url), 'utf8'), contentType: 'text/javascript; charset=utf-8' },
    },
  };
  return {
    deps,
    dir,
    sqlite,
    setNow(date: Date) {
      now = date;
    },
    async close() {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
