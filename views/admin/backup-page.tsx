import { useI18n } from '../context';
import { AdminPage, CsrfField } from './components';
import { Notice } from './event-fields';

/** /admin/backup: download the instance as one file, or restore one into an empty instance (admins only). */
export function BackupPage(props: { restored?: { rows: number; files: number } | undefined }) {
  const { t } = useI18n();
  return (
    <AdminPage title={t('backup_title')} current="backup">
      <Notice text={props.restored ? t('backup_import_done', props.restored) : undefined} />
      <section aria-labelledby="backup-export">
        <h2 id="backup-export">{t('backup_export_heading')}</h2>
        <p>{t('backup_export_intro')}</p>
        <p>
          <a class="button" href="/admin/backup/export" download>
            {t('backup_export_action')}
          </a>
        </p>
      </section>
      <section aria-labelledby="backup-import">
        <h2 id="backup-import">{t('backup_import_heading')}</h2>
        <p>{t('backup_import_intro')}</p>
        {/* The token is the first field: the streamed body is read by the CSRF check only that far. */}
        <form method="post" enctype="multipart/form-data" action="/admin/backup/import">
          <CsrfField />
          <p>
            <label for="backup-file">{t('backup_import_file')}</label>
            <input id="backup-file" type="file" name="backup" accept=".ndjson,application/x-ndjson" required />
          </p>
          <p>
            <button type="submit">{t('backup_import_action')}</button>
          </p>
        </form>
      </section>
    </AdminPage>
  );
}
