import { copyFile, cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';

export const DB_FILE = 'samling.sqlite';
const FILES = 'files';
const MANIFEST = 'backup.json';

export interface BackupReport {
  target: string;
  /** Bytes of the database copy. */
  databaseBytes: number;
  /** Stored files the backed-up database refers to, and how many of them are in the backup. */
  filesReferenced: number;
  filesCopied: number;
  /** Referred to by the database copy but gone from disk (deleted while the backup ran). */
  missing: string[];
}

const isPart = (name: string) => /^\..*\.part$/.test(name.split('/').pop() ?? '');

/**
 * An online backup of a data folder while the server runs: SQLite's backup API copies a consistent snapshot of the
 * database page by page (the server goes on writing; WAL readers never block it), then the stored files that snapshot
 * refers to are copied (files are written under fresh keys and never changed in place, so a file the snapshot knows is
 * complete on disk). Writes `target/samling.sqlite`, `target/files/…` and `target/backup.json`.
 * @example await backupDataDir('./data', './backups/2026-12-01T22-00')
 */
export async function backupDataDir(dataDir: string, target: string, now = new Date()): Promise<BackupReport> {
  await mkdir(target, { recursive: true });
  if ((await readdir(target)).length > 0) throw new Error(`The backup folder ${target} is not empty.`);
  const source = new SQLite(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // All remaining pages in one step: copied bit by bit, a backup restarts whenever the running server writes, and
    // under steady load would never finish. One step is one read transaction: a consistent snapshot, not blocking writers.
    await source.backup(join(target, DB_FILE), { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new SQLite(join(target, DB_FILE), { readonly: true });
  let keys: string[];
  try {
    keys = (copy.prepare('select storage_key from files').all() as { storage_key: string }[]).map((r) => r.storage_key);
  } finally {
    copy.close();
  }
  const missing: string[] = [];
  let filesCopied = 0;
  for (const key of keys) {
    const from = join(dataDir, FILES, key);
    try {
      await mkdir(join(target, FILES, key, '..'), { recursive: true });
      await copyFile(from, join(target, FILES, key));
      filesCopied += 1;
    } catch {
      missing.push(key);
    }
  }
  const report: BackupReport = { target, databaseBytes: (await stat(join(target, DB_FILE))).size, filesReferenced: keys.length, filesCopied, missing };
  await writeFile(join(target, MANIFEST), `${JSON.stringify({ createdAt: now.toISOString(), ...report }, null, 2)}\n`);
  return report;
}

/**
 * Puts a backup back into a data folder, replacing its database and stored files. The server must be stopped: the
 * database is replaced as a file. The backup is checked (SQLite integrity check) before anything is touched, and the
 * old database and files are kept beside it as `*.before-restore` until the copy is complete.
 * @example await restoreDataDir('./backups/2026-12-01T22-00', './data')
 */
export async function restoreDataDir(backup: string, dataDir: string): Promise<void> {
  const check = new SQLite(join(backup, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`The backup's database is damaged: ${String(result)}`);
  } finally {
    check.close();
  }
  await mkdir(dataDir, { recursive: true });
  const db = join(dataDir, DB_FILE);
  const files = join(dataDir, FILES);
  await rm(`${db}.before-restore`, { force: true });
  await rm(`${files}.before-restore`, { recursive: true, force: true });
  await rename(db, `${db}.before-restore`).catch(() => {});
  await rename(files, `${files}.before-restore`).catch(() => {});
  // The old write-ahead log belongs to the old database; left in place, SQLite would replay it onto the restored one.
  for (const suffix of ['-wal', '-shm']) await rm(`${db}${suffix}`, { force: true });
  await copyFile(join(backup, DB_FILE), db);
  await cp(join(backup, FILES), files, { recursive: true, filter: (path) => !isPart(path) }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await mkdir(files, { recursive: true });
  });
  await rm(`${db}.before-restore`, { force: true });
  await rm(`${files}.before-restore`, { recursive: true, force: true });
}
