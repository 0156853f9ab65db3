import { raw } from 'hono/html';
import type { RegistrationWindow } from '../src/domain/availability';
import type { EventDetails } from '../src/domain/events';
import { renderMarkdown } from '../src/markdown';
import { formatDate, formatShortDate } from '../src/time';
import { AddToCalendar, EventNav, EventWhen, Figure, FileSection, KindLabel, venueText } from './components';
import { useI18n } from './context';
import { eventPath } from '../src/urls';

function RegistrationBox({ details, window }: { details: EventDetails; window: RegistrationWindow }) {
  const { t, lang } = useI18n();
  const { event } = details;
  if (window.state === 'cancelled') return null;
  const registerLink = (
    <a class="button" href={eventPath(event, '/register')}>
      {t('event_register')}
    </a>
  );
  return (
    <section class="registration-box" aria-label={t('event_register')}>
      {window.state === 'open' ? (
        <>
          {window.placesLeft !== null ? <p>{t('event_places_left', { count: window.placesLeft })}</p> : null}
          {event.registration_closes_at ? (
            <p>{t('event_registration_deadline', { date: formatDate(event.registration_closes_at, event.time_zone, lang) })}</p>
          ) : null}
          {registerLink}
        </>
      ) : window.state === 'full' ? (
        <>
          <p>{t('event_full')}</p>
          {registerLink}
        </>
      ) : window.state === 'not_yet' ? (
        <p>{t('event_registration_opens', { date: formatDate(window.opensAt, event.time_zone, lang) })}</p>
      ) : (
        <p>{t('event_registration_closed')}</p>
      )}
    </section>
  );
}

export function EventPage({ details, window }: { details: EventDetails; window: RegistrationWindow }) {
  const { t, lang } = useI18n();
  const { event, files, links } = details;
  const images = files.filter((f) => f.kind === 'image' && f.item_id === null && f.speaker_id === null);
  const documents = files.filter((f) => f.kind === 'document');
  const presentations = files.filter((f) => f.kind === 'presentation');
  const venue = venueText(event);
  // The organiser's texts are in the event's language, which may differ from the interface's.
  const contentLang = event.language === lang ? undefined : event.language;
  return (
    <article class="event">
      <header>
        <p class="meta">
          <KindLabel kind={event.kind} />
        </p>
        <h1 lang={contentLang}>{event.title}</h1>
        {event.status === 'cancelled' ? (
          <p class="notice cancelled" role="status">
            {t('event_cancelled_notice')}
          </p>
        ) : null}
        {event.summary ? (
          <p class="lead" lang={contentLang}>
            {event.summary}
          </p>
        ) : null}
      </header>
      <EventNav event={event} current="about" />
      <dl class="facts">
        <dt>{t('event_when')}</dt>
        <dd>
          <EventWhen event={event} />
        </dd>
        {venue ? (
          <>
            <dt>{t('event_where')}</dt>
            <dd>{venue}</dd>
          </>
        ) : null}
        {event.online_url ? (
          <>
            <dt>{t('event_online')}</dt>
            <dd>
              <a href={event.online_url} rel="noopener noreferrer">
                {t('event_online_link')}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t('event_organiser')}</dt>
        <dd>{event.organiser_name}</dd>
        {event.contact_name || event.contact_email || event.contact_phone ? (
          <>
            <dt>{t('event_contact')}</dt>
            <dd>
              {event.contact_name}
              {event.contact_email ? (
                <>
                  {event.contact_name ? ', ' : ''}
                  <a href={`mailto:${event.contact_email}`}>{event.contact_email}</a>
                </>
              ) : null}
              {event.contact_phone ? (
                <>
                  , <a href={`tel:${event.contact_phone.replace(/\s+/g, '')}`}>{event.contact_phone}</a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {event.status === 'cancelled' ? null : (
        <AddToCalendar
          ics={eventPath(event, '/event.ics')}
          title={event.title}
          start={event.starts_at}
          end={event.ends_at}
          location={venue}
          details={event.summary}
        />
      )}
      <RegistrationBox details={details} window={window} />
      {images[0] ? <Figure file={images[0]} /> : null}
      <div class="description" lang={contentLang}>{raw(renderMarkdown(event.description))}</div>
      {images.slice(1).map((image) => (
        <Figure file={image} />
      ))}
      <FileSection id="documents" title={t('event_documents')} files={documents} />
      <FileSection id="presentations" title={t('materials_presentations')} files={presentations} />
      {links.length ? (
        <section aria-labelledby="links">
          <h2 id="links">{t('event_links')}</h2>
          <ul class="links">
            {links.map((link) => (
              <li>
                {link.kind === 'video' ? <span class="link-kind">{t('event_video')}: </span> : null}
                <a href={link.url} rel="noopener noreferrer">
                  {link.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <footer class="dates">
        {event.published_at ? <p>{t('event_published', { date: formatShortDate(event.published_at, event.time_zone, lang) })}</p> : null}
        <p>{t('event_updated', { date: formatShortDate(event.updated_at, event.time_zone, lang) })}</p>
      </footer>
    </article>
  );
}
