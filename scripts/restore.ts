import { restoreDataDir } from '../src/adapters/backup';
import { readSettings } from '../src/config';

// `npm run restore -- <folder>`: puts a backup made by `npm run backup` back into DATA_DIR. Stop the server first.

const backup = process.argv[2];
if (!backup) {
  console.error('Usage: npm run restore -- <backup folder>   (stop the server first)');
  process.exit(2);
}
const settings = readSettings(process.env);
await restoreDataDir(backup, settings.dataDir);
console.log(`Restored ${backup} into ${settings.dataDir}. Start the server again.`);
