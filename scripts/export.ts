// npm run export -- [file]    writes the whole instance under DATA_DIR to one backup file (default: samling-backup-<date>.ndjson)
// npm run import -- <file>    restores such a file (from Node or from Workers) into the empty instance under DATA_DIR
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { migrateToLatest } from '../db/migrate';
import { diskFileStore } from '../src/adapters/disk-file-store';
import { openSqlite } from '../src/adapters/sqlite';
import { BackupRefused, exportBackup, importBackup } from '../src/domain/backup';
import { translator } from '../src/i18n/index';

async function main([command, file]: string[]): Promise<number> {
  if ((command !== 'export' && command !== 'import') || (command === 'import' && !file)) {
    console.error('Usage: npm run export -- [file]   |   npm run import -- <file>');
    return 2;
  }
  const dataDir = process.env.DATA_DIR || './data';
  mkdirSync(dataDir, { recursive: true });
  const { db } = openSqlite(join(dataDir, 'samling.sqlite'));
  const files = diskFileStore(join(dataDir, 'files'));
  try {
    await migrateToLatest(db);
    if (command === 'export') {
      const target = file ?? `samling-backup-${new Date().toISOString().slice(0, 10)}.ndjson`;
      await exportBackup(db, files, new Date()).pipeTo(Writable.toWeb(createWriteStream(target)) as WritableStream<Uint8Array>);
      console.log(`Wrote the backup of ${dataDir} to ${target}.`);
      return 0;
    }
    const body = Readable.toWeb(createReadStream(file!)) as ReadableStream<Uint8Array>;
    const summary = await importBackup(db, files, body);
    const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    console.log(`Restored ${rows} rows and ${summary.files} files into ${dataDir}. Sign in with an account from the backup.`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    console.error(translator('en')(error.messageKey));
    return 1;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2));
