import { join } from 'node:path';
import { backupDataDir } from '../src/adapters/backup';
import { readSettings } from '../src/config';

// `npm run backup [-- <folder>]`: an online backup of DATA_DIR (database and stored files) while the server runs,
// into <folder> (default: DATA_DIR/../backups/<time>). See README, "Security".

const settings = readSettings(process.env);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = process.argv[2] ?? join(settings.dataDir, '..', 'backups', stamp);
const report = await backupDataDir(settings.dataDir, target);
console.log(`Backed up ${settings.dataDir} to ${report.target}: database ${Math.round(report.databaseBytes / 1024)} KiB, ${report.filesCopied} of ${report.filesReferenced} files.`);
if (report.missing.length) {
  console.warn(`${report.missing.length} file(s) were deleted while the backup ran and are not in it: ${report.missing.join(', ')}`);
}
