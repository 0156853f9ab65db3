import type { EventCardRow } from '../src/domain/events';
import { EventWhen, KindLabel, venueText } from './components';
import { useI18n } from './context';
import { eventPath } from '../src/urls';

function EventCard({ event }: { event: EventCardRow }) {
  const { t } = useI18n();
  return (
    <li class="event-card">
      <h3>
        <a href={eventPath(event)}>{event.title}</a>
      </h3>
      <p class="meta">
        <KindLabel kind={event.kind} /> · <EventWhen event={event} />
        {venueText(event) ? ` · ${event.venue_name ?? venueText(event)}` : ''}
        {event.status === 'cancelled' ? <strong class="cancelled"> · {t('event_cancelled')}</strong> : null}
      </p>
      {event.summary ? <p>{event.summary}</p> : null}
    </li>
  );
}

export function HomePage({ upcoming, past }: { upcoming: EventCardRow[]; past: EventCardRow[] }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('home_title')}</h1>
      <p class="lead">{t('home_intro')}</p>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t('home_upcoming')}</h2>
        {upcoming.length ? (
          <ul class="event-list">
            {upcoming.map((event) => (
              <EventCard event={event} />
            ))}
          </ul>
        ) : (
          <p>{t('home_none_upcoming')}</p>
        )}
      </section>
      <section aria-labelledby="past">
        <h2 id="past">{t('home_past')}</h2>
        {past.length ? (
          <ul class="event-list">
            {past.map((event) => (
              <EventCard event={event} />
            ))}
          </ul>
        ) : (
          <p>{t('home_none_past')}</p>
        )}
      </section>
    </>
  );
}
