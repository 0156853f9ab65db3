import type { EventRow } from '../db/schema';
import type { RegistrationWindow } from '../src/domain/availability';
import { formatDate } from '../src/time';
import { EventWhen, KindLabel, venueText } from './components';
import { useI18n } from './context';
import { type FieldContext, RegistrationForm } from './registration-form';
import { eventPath } from '../src/urls';

/** Whether the event has public pages to link to: a draft (unpublished) has none, its address answers 404. */
export const hasPublicPage = (event: Pick<EventRow, 'status'>) => event.status !== 'draft';

/** The event's name, kind, time and place above every registration page. */
export function EventHeading({ event, heading }: { event: EventRow; heading: string }) {
  const { lang } = useI18n();
  const venue = venueText(event);
  return (
    <header>
      <p class="meta">
        <KindLabel kind={event.kind} /> ·{' '}
        {hasPublicPage(event) ? (
          <a href={eventPath(event)} lang={event.language === lang ? undefined : event.language}>
            {event.title}
          </a>
        ) : (
          <span lang={event.language === lang ? undefined : event.language}>{event.title}</span>
        )}
      </p>
      <h1>{heading}</h1>
      <p class="meta">
        <EventWhen event={event} />
        {venue ? `, ${venue}` : ''}
      </p>
    </header>
  );
}

export const registerUrl = (event: Pick<EventRow, 'slug'>, page = '') => eventPath(event, `/register${page}`);

export function RegisterPage({ ctx, window }: { ctx: FieldContext; window: RegistrationWindow }) {
  const { t } = useI18n();
  const { event } = ctx;
  return (
    <article class="registration">
      <EventHeading event={event} heading={t('reg_heading')} />
      {window.state === 'full' ? (
        <p class="notice" role="status">
          {t('reg_full_notice')}
        </p>
      ) : window.state === 'open' && window.placesLeft !== null ? (
        <p id="places-left">{t('reg_places_left', { count: window.placesLeft })}</p>
      ) : null}
      <RegistrationForm
        ctx={ctx}
        action={registerUrl(event)}
        submitLabel={window.state === 'full' ? t('reg_submit_waitlist') : t('reg_submit')}
      />
    </article>
  );
}

/** Not yet open, closed, or the event cancelled: says which, and when it opens. */
export function RegistrationUnavailablePage({
  event,
  window,
}: {
  event: EventRow;
  window: Exclude<RegistrationWindow, { state: 'open' | 'full' }>;
}) {
  const { t, lang } = useI18n();
  const [title, message] =
    window.state === 'not_yet'
      ? [t('reg_not_yet_title'), t('reg_not_yet', { date: formatDate(window.opensAt, event.time_zone, lang) })]
      : window.state === 'cancelled'
        ? [t('reg_cancelled_title'), t('reg_cancelled')]
        : [t('reg_closed_title'), t('reg_closed')];
  return (
    <article class="registration">
      <EventHeading event={event} heading={title} />
      <p role="alert">{message}</p>
      <p>
        <a href={eventPath(event)}>{t('reg_back_to_event')}</a>
      </p>
    </article>
  );
}

export const unavailableTitle = (window: Exclude<RegistrationWindow, { state: 'open' | 'full' }>) =>
  window.state === 'not_yet' ? 'reg_not_yet_title' : window.state === 'cancelled' ? 'reg_cancelled_title' : 'reg_closed_title';

/** A second registration with the same address: explain, and offer to mail the manage link (never show it). */
export function DuplicateNotice({ event, email }: { event: EventRow; email: string }) {
  const { t } = useI18n();
  return (
    <section class="notice" id="registration-form" tabindex={-1} autofocus aria-labelledby="duplicate-title">
      <h2 id="duplicate-title">{t('reg_duplicate_title')}</h2>
      <p>{t('reg_duplicate', { email })}</p>
      <p>{t('reg_duplicate_help')}</p>
      <form method="post" action={registerUrl(event, '/resend')}>
        <input type="hidden" name="email" value={email} />
        <button type="submit" class="secondary">
          {t('reg_resend_button')}
        </button>
      </form>
    </section>
  );
}

export function DuplicatePage({ event, email }: { event: EventRow; email: string }) {
  const { t } = useI18n();
  return (
    <article class="registration">
      <EventHeading event={event} heading={t('reg_duplicate_title')} />
      <DuplicateNotice event={event} email={email} />
    </article>
  );
}

export function ManageLinkSentPage({ event }: { event: EventRow }) {
  const { t } = useI18n();
  return (
    <article class="registration">
      <EventHeading event={event} heading={t('reg_resent_title')} />
      <p class="success" role="status">
        {t('reg_resent')}
      </p>
      <p>
        <a href={eventPath(event)}>{t('reg_back_to_event')}</a>
      </p>
    </article>
  );
}

/** "Du er påmeldt" or "Du står som nr. 3 på ventelisten", with the way to the manage page. */
export function RegisteredNotice(props: {
  event: EventRow;
  status: 'confirmed' | 'waitlisted';
  email: string;
  position: number | null;
  manageHref: string;
  /** On its own (the htmx answer replacing the form) it takes the form's place and focus. */
  standalone?: boolean;
}) {
  const { t } = useI18n();
  const confirmed = props.status === 'confirmed';
  return (
    <section
      class="success"
      id={props.standalone ? 'registration-form' : 'registration-done'}
      tabindex={-1}
      autofocus={props.standalone ? true : undefined}
      aria-labelledby="registration-done-title"
    >
      <h2 id="registration-done-title">{confirmed ? t('reg_done_confirmed_title') : t('reg_done_waitlisted_title')}</h2>
      <p>
        {confirmed
          ? t('reg_done_confirmed', { title: props.event.title, email: props.email })
          : t('reg_done_waitlisted', { position: props.position ?? '' })}
      </p>
      {props.standalone ? (
        <>
          <p>
            <a href={props.manageHref} rel="noreferrer">
              {t('reg_done_manage')}
            </a>
          </p>
          <p class="note">{t('reg_done_keep_link')}</p>
        </>
      ) : null}
    </section>
  );
}
