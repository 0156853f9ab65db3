import type { EventRow, FileRow, RegistrationRow } from '../db/schema';
import { formatDate } from '../src/time';
import { useI18n } from './context';
import { type FieldContext, RegistrationForm } from './registration-form';
import { EventHeading, RegisteredNotice, hasPublicPage, registerUrl } from './registration-pages';
import { eventPath, managePath, participantFilePath } from '../src/urls';

export interface ManagePageProps {
  event: EventRow;
  registration: RegistrationRow;
  position: number | null;
  token: string;
  /** The personal calendar feed, as an https URL; offered as webcal:// too. */
  feedUrl: string;
  files: FileRow[];
  /** The edit form; absent for a cancelled registration. */
  form: FieldContext | null;
  notice?: 'welcome' | 'saved' | 'cancelled';
}

export function ManagePage(props: ManagePageProps) {
  const { t, lang } = useI18n();
  const { event, registration, token } = props;
  const active = registration.status !== 'cancelled';
  const confirmed = registration.status === 'confirmed';
  const status =
    registration.status === 'confirmed'
      ? t('manage_status_confirmed')
      : registration.status === 'waitlisted'
        ? t('manage_status_waitlisted', { position: props.position ?? '' })
        : t('manage_status_cancelled');
  return (
    <article class="manage">
      <EventHeading event={event} heading={t('manage_heading')} />
      {props.notice === 'welcome' && active ? (
        <RegisteredNotice
          event={event}
          status={registration.status as 'confirmed' | 'waitlisted'}
          email={registration.email}
          position={props.position}
          manageHref={managePath(token)}
        />
      ) : null}
      {props.notice === 'cancelled' ? (
        <p class="success" role="status">
          {t('manage_cancelled_done')}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('manage_status')}</dt>
        <dd id="registration-status">{status}</dd>
        <dt>{t('reg_field_name')}</dt>
        <dd>{registration.name}</dd>
        <dt>{t('reg_field_email')}</dt>
        <dd>{registration.email}</dd>
      </dl>
      <p class="note">{t('manage_registered_at', { date: formatDate(registration.created_at, event.time_zone, lang) })}</p>

      {confirmed && event.status !== 'cancelled' ? (
        <section aria-labelledby="calendar-heading">
          <h2 id="calendar-heading">{t('manage_calendar')}</h2>
          <ul class="links">
            <li>
              <a href={managePath(token, '/event.ics')}>{t('manage_ics')}</a>
            </li>
            <li>
              <a href={props.feedUrl.replace(/^https?:/, 'webcal:')}>{t('manage_feed')}</a>
              <span class="hint">{t('manage_feed_hint')}</span>
              <input type="text" readonly value={props.feedUrl} aria-label={t('manage_feed')} />
            </li>
          </ul>
        </section>
      ) : null}

      {confirmed && props.files.length ? (
        <section aria-labelledby="files-heading">
          <h2 id="files-heading">{t('manage_files')}</h2>
          <ul class="files">
            {props.files.map((file) => (
              <li>
                <ParticipantFileLink token={token} file={file} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {props.form ? (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t('manage_edit')}</h2>
          <p class="note">{t('manage_email_fixed')}</p>
          <RegistrationForm
            ctx={props.form}
            action={managePath(token)}
            submitLabel={t('manage_save')}
            notice={props.notice === 'saved' ? t('manage_saved') : undefined}
          />
        </section>
      ) : null}

      {active ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t('manage_cancel_heading')}</h2>
          <p>
            <a class="button secondary" href={managePath(token, '/cancel')}>
              {t('manage_cancel_button')}
            </a>
          </p>
        </section>
      ) : event.status === 'published' ? (
        <p>
          <a class="button" href={registerUrl(event)}>
            {t('manage_register_again')}
          </a>
        </p>
      ) : null}

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('manage_your_data')}</h2>
        <ul class="links">
          <li>
            <a href={managePath(token, '/data.json')} download="registration.json">
              {t('manage_export')}
            </a>
          </li>
        </ul>
        <p>{t('manage_delete_help')}</p>
        <p>
          <a class="button secondary" href={managePath(token, '/delete')}>
            {t('manage_delete_button')}
          </a>
        </p>
      </section>
    </article>
  );
}

function ParticipantFileLink({ token, file }: { token: string; file: FileRow }) {
  const { t } = useI18n();
  return (
    <a href={participantFilePath(token, file)} class="file-link" download={file.filename}>
      {file.title}{' '}
      <span class="file-meta">({file.filename}, {t('file_size_kb', { size: Math.max(1, Math.round(file.size / 1024)) })})</span>
    </a>
  );
}

/** "Vil du melde deg av?" or "Vil du slette dataene dine?": a second step before an action that cannot be undone. */
export function ConfirmPage(props: {
  event: EventRow;
  token: string;
  action: 'cancel' | 'delete';
  waitlisted: boolean;
}) {
  const { t } = useI18n();
  const { event, token, action } = props;
  const cancel = action === 'cancel';
  return (
    <article class="manage">
      <EventHeading event={event} heading={cancel ? t('manage_cancel_confirm_title') : t('manage_delete_confirm_title')} />
      <p>
        {cancel
          ? t(props.waitlisted ? 'manage_cancel_confirm_waitlisted' : 'manage_cancel_confirm', { title: event.title })
          : t('manage_delete_confirm', { title: event.title })}
      </p>
      <form method="post" action={managePath(token, cancel ? '/cancel' : '/delete')}>
        <button type="submit" class="danger">
          {cancel ? t('manage_cancel_yes') : t('manage_delete_yes')}
        </button>{' '}
        <a class="button secondary" href={managePath(token)}>
          {t('manage_keep')}
        </a>
      </form>
    </article>
  );
}

export function DeletedPage({ event }: { event: EventRow }) {
  const { t } = useI18n();
  return (
    <article class="manage">
      <EventHeading event={event} heading={t('manage_deleted_title')} />
      <p class="success" role="status">
        {t('manage_deleted')}
      </p>
      {hasPublicPage(event) ? (
        <p>
          <a href={eventPath(event)}>{t('reg_back_to_event')}</a>
        </p>
      ) : null}
    </article>
  );
}
