import type { OutboxStatus } from '../../db/schema';
import type { outboxOverview } from '../../src/domain/mail-view';
import type { MessageKey } from '../../src/i18n/index';
import { formatDate, formatTime } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage, CsrfField } from './components';
import { MailKindText, RecentMails, mailPath } from './mail-page';

const STATUSES: OutboxStatus[] = ['pending', 'sending', 'sent', 'failed'];

/** Mail status: counts per status and the mails that failed, each with its last error and a retry button. */
export function OutboxPage(props: {
  overview: Awaited<ReturnType<typeof outboxOverview>>;
  recent?: Parameters<typeof RecentMails>[0]['mails'];
  isAdmin: boolean;
  retried: boolean;
}) {
  const { t, lang } = useI18n();
  const { summary, failed } = props.overview;
  return (
    <AdminPage title={t('ap_outbox_title')} current="outbox">
      {props.retried ? (
        <p class="success" role="status">
          {t('ap_outbox_retried')}
        </p>
      ) : null}
      <p>{t(props.isAdmin ? 'ap_outbox_intro_admin' : 'ap_outbox_intro_organiser')}</p>
      <table class="outbox-counts">
        <caption class="visually-hidden">{t('ap_outbox_counts_caption')}</caption>
        <thead>
          <tr>
            {STATUSES.map((s) => (
              <th scope="col" class="num">
                {t(`ap_outbox_status_${s}` as MessageKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {STATUSES.map((s) => (
              <td class="num" data-status={s}>
                {summary[s]}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <h2 id="failed-heading">{t('ap_outbox_failed_heading')}</h2>
      {failed.length === 0 ? (
        <p>{t('ap_outbox_failed_none')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="failed-heading" tabindex={0}>
          <table class="outbox-failed">
            <thead>
              <tr>
                <th scope="col">{t('ap_outbox_col_to')}</th>
                <th scope="col">{t('ap_outbox_col_kind')}</th>
                <th scope="col">{t('ap_outbox_col_event')}</th>
                <th scope="col" class="num">{t('ap_outbox_col_attempts')}</th>
                <th scope="col">{t('ap_outbox_col_error')}</th>
                <th scope="col">{t('ap_col_actions')}</th>
              </tr>
            </thead>
            <tbody>
              {failed.map((m) => (
                <tr id={`mail-${m.id}`}>
                  <th scope="row">
                    <a href={mailPath(m.id)}>{m.to_address}</a>
                  </th>
                  <td>
                    <MailKindText kind={m.kind} />
                  </td>
                  <td>{m.event_title ?? ''}</td>
                  <td class="num">{m.attempts}</td>
                  <td>
                    <code>{m.last_error ?? ''}</code>
                    <br />
                    <time class="meta" datetime={m.created_at}>
                      {formatDate(m.created_at, 'Europe/Oslo', lang)} {formatTime(m.created_at, 'Europe/Oslo', lang)}
                    </time>
                  </td>
                  <td>
                    <form method="post" action={`/admin/outbox/${m.id}/retry`} class="inline-form">
                      <CsrfField />
                      <button type="submit" aria-label={t('ap_outbox_retry_label', { to: m.to_address })}>
                        {t('ap_outbox_retry')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.recent ? <RecentMails mails={props.recent} /> : null}
    </AdminPage>
  );
}
