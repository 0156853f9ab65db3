import { Hono } from 'hono';
import { BackupPage } from '../../../views/admin/backup-page';
import { type AdminEnv, requireAdmin } from './session';
import { BACKUP_TYPE, BackupRefused, exportBackup, importBackup } from '../../domain/backup';
import { readMultipart } from '../../domain/multipart';

/** /admin/backup (admins): the backup page, the download, and the restore into an empty instance. */
export const backupRoutes = new Hono<AdminEnv>()
  .use('*', requireAdmin)
  .get('/', (c) => c.render(<BackupPage />, { title: c.var.t('backup_title') }))
  .get('/export', (c) => {
    const { deps } = c.var;
    const day = deps.clock().toISOString().slice(0, 10);
    return new Response(exportBackup(deps.db, deps.files, deps.clock()), {
      headers: {
        'content-type': BACKUP_TYPE,
        'content-disposition': `attachment; filename="samling-backup-${day}.ndjson"`,
        'cache-control': 'no-store',
      },
    });
  })
  .post('/import', async (c) => {
    const { deps } = c.var;
    let summary: Awaited<ReturnType<typeof importBackup>> | undefined;
    await readMultipart(c.req.raw.body ?? new ReadableStream(), c.req.header('content-type'), async (file) => {
      if (file.field !== 'backup' || summary) return file.stream.cancel();
      summary = await importBackup(deps.db, deps.files, file.stream);
    });
    if (!summary) throw new BackupRefused(422, 'backup_err_format');
    const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    // Shown here rather than after a redirect: the restored accounts replaced the signed-in one, whose session is gone.
    return c.render(<BackupPage restored={{ rows, files: summary.files }} />, { title: c.var.t('backup_title') });
  });
