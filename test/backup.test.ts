import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backupDataDir, restoreDataDir } from '../src/adapters/backup';
import { readSettings } from '../src/config';
import { type RunningServer, startServer } from '../src/server';
import { insertEvent } from './fixtures';

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samling-backup-'));
  server = await startServer(readSettings({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), DEMO: '1' }), () => {});
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run backup / restore', () => {
  it('a backup taken under write load, restored, holds every registration acknowledged before it began, and the files', async () => {
    const event = await insertEvent(server.deps.db, { capacity: 100_000, slug: 'under-load' });
    const acknowledged: { email: string; at: number }[] = [];
    let running = true;
    let n = 0;
    const client = async () => {
      while (running) {
        const email = `p${n++}@example.no`;
        const res = await fetch(`${server.url}/events/${event.slug}/register`, {
          method: 'POST',
          body: new URLSearchParams({ name: `Person ${n}`, email, organisation: 'Nav' }),
          redirect: 'manual',
        });
        await res.arrayBuffer();
        if (res.status === 303) acknowledged.push({ email, at: performance.now() });
      }
    };
    const load = Array.from({ length: 8 }, client);
    // Enough acknowledged before the backup begins to mean something, however loaded the machine.
    await vi.waitFor(() => expect(acknowledged.length).toBeGreaterThanOrEqual(20), { timeout: 30_000, interval: 50 });
    const began = performance.now();
    const report = await backupDataDir(join(dir, 'data'), join(dir, 'backup'));
    const during = acknowledged.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await Promise.all(load);
    const before = acknowledged.filter((a) => a.at < began).map((a) => a.email);
    expect(before.length).toBeGreaterThanOrEqual(20);
    // The writes went on while the backup ran.
    expect(acknowledged.length).toBeGreaterThan(during);
    expect(report.missing).toEqual([]);
    expect(report.filesCopied).toBe(report.filesReferenced);
    expect(report.filesReferenced).toBeGreaterThan(0);

    const restored = join(dir, 'restored');
    await restoreDataDir(join(dir, 'backup'), restored);
    const db = new SQLite(join(restored, 'samling.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const emails = new Set((db.prepare('select email from registrations where event_id = ?').all(event.id) as { email: string }[]).map((r) => r.email));
      expect(before.filter((e) => !emails.has(e))).toEqual([]);
      // Every stored file the restored database names is there, byte for byte.
      const files = db.prepare('select storage_key, size from files').all() as { storage_key: string; size: number }[];
      for (const f of files) expect((await readFile(join(restored, 'files', f.storage_key))).length, f.storage_key).toBe(f.size);
    } finally {
      db.close();
    }
  }, 60_000);

  it('refuses to write into a folder that is not empty', async () => {
    await expect(backupDataDir(join(dir, 'data'), join(dir, 'backup'))).rejects.toThrow(/not empty/);
  });
});
