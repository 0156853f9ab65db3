import type { EventRow, MessageAudience, MessageRow } from '../../db/schema';
import { type Progress } from '../../src/domain/mail-view';
import { AUDIENCES } from '../../src/domain/messages';
import type { MessageKey } from '../../src/i18n/index';
import { formatDate, formatTime } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage, CsrfField, ErrorSummary, type FieldErrors, errorId } from './components';
import { EventPagesNav } from './participants-nav';
import { adminEventPath } from '../../src/urls';

export type MessageField = 'audience' | 'subject' | 'body';

export interface MessageFormState {
  values: { audience: MessageAudience; subject: string; body: string };
  errors: FieldErrors<MessageField>;
  /** Set once the organiser asked for a preview of valid input. */
  preview?: { subject: string; text: string; recipients: number; sampleName: string } | undefined;
}

export const SUBJECT_MAX = 200;
export const BODY_MAX = 10_000;

const AUDIENCE_OPTION: Record<MessageAudience, MessageKey> = {
  all: 'ap_audience_all',
  confirmed: 'ap_audience_confirmed',
  waitlisted: 'ap_audience_waitlisted',
  checked_in: 'ap_audience_checked_in',
};
const AUDIENCE_NAME: Record<MessageAudience, MessageKey> = {
  all: 'ap_audience_name_all',
  confirmed: 'ap_audience_name_confirmed',
  waitlisted: 'ap_audience_name_waitlisted',
  checked_in: 'ap_audience_name_checked_in',
};

export type SentMessage = MessageRow & { progress: Progress };

/** "Sendt 12 av 40 · venter 28 · feilet 0"; the live region's text. */
export function ProgressText({ progress }: { progress: Progress }) {
  const { t } = useI18n();
  const total = progress.pending + progress.sending + progress.sent + progress.failed;
  return <>{t('ap_progress', { sent: progress.sent, total, pending: progress.pending + progress.sending, failed: progress.failed })}</>;
}

/** The progress as a live region that htmx refreshes while mail is still waiting (the server stops it with 286). */
export function ProgressLive({ event, message }: { event: Pick<EventRow, 'id'>; message: SentMessage }) {
  const { t } = useI18n();
  const waiting = message.progress.pending + message.progress.sending > 0;
  const total = message.progress.pending + message.progress.sending + message.progress.sent + message.progress.failed;
  return (
    <div class="message-progress">
      <progress max={String(Math.max(1, total))} value={String(message.progress.sent)} aria-label={t('ap_progress_label')}></progress>
      <p
        id={`progress-${message.id}`}
        role="status"
        data-hx-get={waiting ? adminEventPath(event.id, `/messages/${message.id}/progress`) : undefined}
        data-hx-trigger={waiting ? 'every 3s' : undefined}
        data-hx-swap="innerHTML"
      >
        <ProgressText progress={message.progress} />
      </p>
    </div>
  );
}

export function MessagesPage(props: { event: EventRow; form: MessageFormState; audienceSizes: Record<MessageAudience, number>; messages: SentMessage[] }) {
  const { t, lang } = useI18n();
  const { event, form } = props;
  const action = adminEventPath(event.id, '/messages');
  return (
    <AdminPage title={t('ap_messages_title', { title: event.title })} current="events">
      <EventPagesNav event={event} current="messages" />
      <p>{t('ap_messages_intro')}</p>
      <ErrorSummary errors={form.errors} labels={{ audience: 'ap_message_audience', subject: 'ap_message_subject', body: 'ap_message_body' }} />
      <form method="post" action={action} novalidate>
        <CsrfField />
        <fieldset id="f-audience" aria-describedby={form.errors.audience ? errorId('audience') : undefined}>
          <legend>{t('ap_message_audience')}</legend>
          {form.errors.audience ? (
            <p class="field-error" id={errorId('audience')}>
              {t(form.errors.audience)}
            </p>
          ) : null}
          {AUDIENCES.map((a) => (
            <label class="choice">
              <input type="radio" name="audience" value={a} checked={form.values.audience === a} />
              {t(AUDIENCE_OPTION[a], { count: props.audienceSizes[a] })}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="f-subject">{t('ap_message_subject')}</label>
          {form.errors.subject ? (
            <p class="field-error" id={errorId('subject')}>
              {t(form.errors.subject, { max: SUBJECT_MAX })}
            </p>
          ) : null}
          <input
            type="text"
            id="f-subject"
            name="subject"
            value={form.values.subject}
            maxlength={SUBJECT_MAX}
            aria-required="true"
            aria-invalid={form.errors.subject ? 'true' : undefined}
            aria-describedby={form.errors.subject ? errorId('subject') : undefined}
          />
        </div>
        <div class="field">
          <label for="f-body">
            {t('ap_message_body')} <span class="hint" id="body-hint">{t('ap_message_body_hint')}</span>
          </label>
          {form.errors.body ? (
            <p class="field-error" id={errorId('body')}>
              {t(form.errors.body, { max: BODY_MAX })}
            </p>
          ) : null}
          <textarea
            id="f-body"
            name="body"
            rows={10}
            maxlength={BODY_MAX}
            aria-required="true"
            aria-invalid={form.errors.body ? 'true' : undefined}
            aria-describedby={form.errors.body ? `${errorId('body')} body-hint` : 'body-hint'}
          >
            {form.values.body}
          </textarea>
        </div>
        <p>
          <button type="submit" name="action" value="preview">
            {t('ap_message_preview')}
          </button>
        </p>
      </form>
      {form.preview ? (
        <section class="mail-preview" aria-labelledby="preview-heading" id="preview">
          <h2 id="preview-heading">{t('ap_preview_heading')}</h2>
          <p>{t('ap_preview_intro', { name: form.preview.sampleName, count: form.preview.recipients })}</p>
          <dl>
            <dt>{t('ap_message_subject')}</dt>
            <dd>{form.preview.subject}</dd>
            <dt>{t('ap_message_body')}</dt>
            <dd>
              <pre class="mail-text">{form.preview.text}</pre>
            </dd>
          </dl>
          <form method="post" action={action}>
            <CsrfField />
            <input type="hidden" name="audience" value={form.values.audience} />
            <input type="hidden" name="subject" value={form.values.subject} />
            <input type="hidden" name="body" value={form.values.body} />
            <button type="submit" name="action" value="send">
              {t('ap_message_send', { count: form.preview.recipients })}
            </button>
          </form>
        </section>
      ) : null}
      <h2>{t('ap_messages_sent_heading')}</h2>
      {props.messages.length === 0 ? (
        <p>{t('ap_messages_none')}</p>
      ) : (
        <ul class="message-list">
          {props.messages.map((m) => (
            <li>
              <a href={adminEventPath(event.id, `/messages/${m.id}`)}>{m.subject}</a>{' '}
              <span class="meta">
                {t('ap_message_meta', {
                  when: `${formatDate(m.created_at, event.time_zone, lang)} ${formatTime(m.created_at, event.time_zone, lang)}`,
                  audience: t(AUDIENCE_NAME[m.audience]),
                  count: m.recipients,
                })}
              </span>
              <br />
              <ProgressText progress={m.progress} />
            </li>
          ))}
        </ul>
      )}
    </AdminPage>
  );
}

/** One message: what was sent, to whom, and how far the sending has come. */
export function MessagePage(props: { event: EventRow; message: SentMessage; queued: boolean }) {
  const { t, lang } = useI18n();
  const { event, message } = props;
  return (
    <AdminPage title={t('ap_message_title', { subject: message.subject })} current="events">
      <EventPagesNav event={event} current="messages" />
      {props.queued ? (
        <p class="success" role="status">
          {t('ap_message_queued', { count: message.recipients })}
        </p>
      ) : null}
      <p>
        {t('ap_message_meta', {
          when: `${formatDate(message.created_at, event.time_zone, lang)} ${formatTime(message.created_at, event.time_zone, lang)}`,
          audience: t(AUDIENCE_NAME[message.audience]),
          count: message.recipients,
        })}
      </p>
      <ProgressLive event={event} message={message} />
      <pre class="mail-text">{message.body}</pre>
      <p>
        <a href={adminEventPath(event.id, '/messages')}>{t('ap_message_back')}</a>
      </p>
    </AdminPage>
  );
}
