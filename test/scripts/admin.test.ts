import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samling-admin-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** `npm run admin -- …` with the answers piped in, as an operator at a console would type them. */
function admin(args: string[], input: string) {
  const child = run(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/admin.ts'), ...args], { cwd: root, env: { ...process.env, DATA_DIR: dir } });
  child.child.stdin!.end(input);
  return child;
}

it('creates an admin whose typed password is one-time, and so is one set later with `password`', async () => {
  const created = await admin(['create', 'it@fylke.no', 'IT-drift'], 'et langt passord\net langt passord\n');
  expect(created.stdout).toContain('the password must be changed then');
  const { db, sqlite } = openSqlite(join(dir, 'samling.sqlite'));
  const row = () => sqlite.prepare('select must_change_password from organisers where email = ?').get('it@fylke.no') as { must_change_password: number };
  expect(row().must_change_password).toBe(1);
  sqlite.prepare('update organisers set must_change_password = 0').run();
  await admin(['password', 'it@fylke.no'], 'et annet langt passord\net annet langt passord\n');
  expect(row().must_change_password).toBe(1);
  await db.destroy();
}, 60_000);
