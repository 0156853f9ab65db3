import type { AuditLogRow } from '../../db/schema';
import type { MessageKey } from '../../src/i18n/index';
import { formatDate, formatTime } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage } from './components';

// Organisers have no zone of their own; the app's home zone reads right for them.
const ZONE = 'Europe/Oslo';

const pageUrl = (page: number) => (page === 1 ? '/admin/audit' : `/admin/audit?page=${page}`);

/** Admins: the audit log, newest first, a page at a time. */
export function AuditPage(props: { rows: AuditLogRow[]; page: number; hasOlder: boolean }) {
  const { t, lang } = useI18n();
  const when = (iso: string) => `${formatDate(iso, ZONE, lang)} ${formatTime(iso, ZONE, lang)}`;
  return (
    <AdminPage title={t('audit_title')} current="audit">
      <p>{t('audit_intro')}</p>
      {props.rows.length === 0 ? (
        <p>{t('audit_empty')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="audit-caption" tabindex={0}>
          <table class="audit-log">
            <caption id="audit-caption" class="visually-hidden">
              {t('audit_title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('audit_col_time')}</th>
                <th scope="col">{t('audit_col_actor')}</th>
                <th scope="col">{t('audit_col_action')}</th>
                <th scope="col">{t('audit_col_target')}</th>
                <th scope="col">{t('audit_col_ip')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  <td>
                    <time datetime={row.at}>{when(row.at)}</time>
                  </td>
                  <td>{row.actor ?? t('audit_anonymous')}</td>
                  <td>{t(`audit_action_${row.action}` as MessageKey)}</td>
                  <td>
                    {row.target}
                    {row.detail ? <span class="audit-detail"> {row.detail}</span> : null}
                  </td>
                  <td>{row.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.page > 1 || props.hasOlder ? (
        <nav class="pager" aria-label={t('audit_pages')}>
          {props.page > 1 ? <a href={pageUrl(props.page - 1)} rel="prev">{t('audit_newer')}</a> : null}{' '}
          {props.hasOlder ? <a href={pageUrl(props.page + 1)} rel="next">{t('audit_older')}</a> : null}
        </nav>
      ) : null}
    </AdminPage>
  );
}
