import type { MailView, recentMails } from '../../src/domain/mail-view';
import { MESSAGE_KEYS, type MessageKey } from '../../src/i18n/index';
import { formatDate, formatTime } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage } from './components';

export const mailPath = (id: number) => `/admin/outbox/${id}`;

/** What kind of mail an outbox row is, in words: the row's `kind` is an internal code. */
export function MailKindText({ kind }: { kind: string }) {
  const { t } = useI18n();
  const key = `am_kind_${kind}`;
  return <>{t((key in KNOWN_KINDS ? key : 'am_kind_other') as MessageKey)}</>;
}
const KNOWN_KINDS = Object.fromEntries(MESSAGE_KEYS.filter((k) => k.startsWith('am_kind_')).map((k) => [k, true]));

// Mail is not tied to one event's zone here (some has no event); the organisers are in Norway.
const ZONE = 'Europe/Oslo';

function When({ at }: { at: string }) {
  const { lang } = useI18n();
  return (
    <time datetime={at}>
      {formatDate(at, ZONE, lang)} {formatTime(at, ZONE, lang)}
    </time>
  );
}

/** The latest mails on /admin/outbox, each linked to its page. */
export function RecentMails({ mails }: { mails: Awaited<ReturnType<typeof recentMails>> }) {
  const { t } = useI18n();
  return (
    <>
      <h2 id="recent-heading">{t('am_recent_heading')}</h2>
      {mails.length === 0 ? (
        <p>{t('am_recent_none')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="recent-heading" tabindex={0}>
          <table class="outbox-recent">
            <caption class="visually-hidden">{t('am_recent_caption', { count: mails.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ap_outbox_col_to')}</th>
                <th scope="col">{t('am_col_subject')}</th>
                <th scope="col">{t('ap_outbox_col_kind')}</th>
                <th scope="col">{t('ap_outbox_col_event')}</th>
                <th scope="col">{t('am_col_status')}</th>
                <th scope="col">{t('am_col_created')}</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((m) => (
                <tr>
                  <th scope="row">
                    <a href={mailPath(m.id)} aria-label={t('am_open_label', { to: m.to_address })}>
                      {m.to_address}
                    </a>
                  </th>
                  <td>{m.subject ?? ''}</td>
                  <td>
                    <MailKindText kind={m.kind} />
                  </td>
                  <td>{m.event_title ?? ''}</td>
                  <td data-status={m.status}>{t(`ap_outbox_status_${m.status}` as MessageKey)}</td>
                  <td>
                    <When at={m.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/**
 * /admin/outbox/:id: one mail as it was queued. The body is shown as plain text only (escaped by JSX): it carries
 * what participants typed, so its HTML version is never rendered here.
 */
export function MailPage({ mail }: { mail: MailView }) {
  const { t } = useI18n();
  const subject = mail.message?.subject ?? '';
  const row = (label: MessageKey, value: unknown) => (
    <>
      <dt>{t(label)}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <AdminPage title={t('am_title', { subject })} current="outbox">
      <p>
        <a href="/admin/outbox">{t('am_back')}</a>
      </p>
      <h2>{t('am_details')}</h2>
      <dl class="mail-details">
        {row('am_to', mail.to_address)}
        {row('am_subject', subject)}
        {row('am_kind', <MailKindText kind={mail.kind} />)}
        {mail.event_title !== null ? row('am_event', mail.event_title) : null}
        {row('am_status', t(`ap_outbox_status_${mail.status}` as MessageKey))}
        {row('am_attempts', mail.attempts)}
        {mail.last_error ? row('am_last_error', <code>{mail.last_error}</code>) : null}
        {row('am_created', <When at={mail.created_at} />)}
        {row('am_sent', mail.sent_at ? <When at={mail.sent_at} /> : t('am_not_sent'))}
      </dl>
      {mail.message?.calendar ? (
        <p>
          <a href={`${mailPath(mail.id)}/invitation.ics`} download="invitation.ics">
            {t('am_invitation')}
          </a>
        </p>
      ) : null}
      <h2 id="mail-body-heading">{t('am_body')}</h2>
      {typeof mail.message?.text === 'string' ? (
        <pre class="mail-body">
          {mail.message.text}
        </pre>
      ) : (
        <p>{t('am_body_unreadable')}</p>
      )}
    </AdminPage>
  );
}
