import type { EventDetails, ProgrammeItem } from '../src/domain/events';
import { groupProgramme } from '../src/domain/programme';
import type { MessageKey } from '../src/i18n/index';
import { formatDay, formatTimeRange } from '../src/time';
import { AddToCalendar, EventNav, FileLink, eventUrl, venueText } from './components';
import { useI18n } from './context';

function Item({ details, item }: { details: EventDetails; item: ProgrammeItem }) {
  const { t, lang } = useI18n();
  const { event } = details;
  const cancelled = item.status === 'cancelled';
  return (
    <li class={`item item-${item.kind}${cancelled ? ' item-cancelled' : ''}`} id={`item-${item.id}`}>
      <p class="item-time">
        <time datetime={item.starts_at}>{formatTimeRange(item.starts_at, item.ends_at, event.time_zone, lang)}</time>
        {item.room ? <span class="room"> · {item.room.name}</span> : null}
        {item.kind !== 'talk' ? <span class="item-kind"> · {t(`item_kind_${item.kind}` as MessageKey)}</span> : null}
        {cancelled ? <strong class="cancelled"> · {t('programme_cancelled')}</strong> : null}
      </p>
      <h3 class="item-title">{cancelled ? <s>{item.title}</s> : item.title}</h3>
      {item.speakers.length ? (
        <p class="item-speakers">
          <span class="visually-hidden">{t('programme_speakers')}: </span>
          {item.speakers.map((speaker, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={eventUrl(event, `/speakers/${speaker.id}`)}>{speaker.name}</a>
              {speaker.organisation ? <span class="org"> ({speaker.organisation})</span> : null}
            </>
          ))}
        </p>
      ) : null}
      {item.abstract ? <p class="abstract">{item.abstract}</p> : null}
      {item.materials.length ? (
        <ul class="files" aria-label={t('programme_materials')}>
          {item.materials.map((file) => (
            <li>
              <FileLink file={file} />
            </li>
          ))}
        </ul>
      ) : null}
      {cancelled || item.kind === 'break' || item.kind === 'meal' ? null : (
        <AddToCalendar
          ics={eventUrl(event, `/items/${item.id}.ics`)}
          title={`${item.title} – ${event.title}`}
          start={item.starts_at}
          end={item.ends_at}
          location={[item.room?.name, venueText(event)].filter(Boolean).join(', ')}
        />
      )}
    </li>
  );
}

export function ProgrammePage({ details }: { details: EventDetails }) {
  const { t, lang } = useI18n();
  const { event } = details;
  const days = groupProgramme(details.items, event.time_zone);
  return (
    <article class="programme">
      <h1>{t('programme_title', { title: event.title })}</h1>
      <EventNav event={event} current="programme" />
      {days.length === 0 ? <p>{t('programme_empty')}</p> : null}
      {days.map((day) => (
        <section class="day" aria-labelledby={`day-${day.day}`}>
          <h2 id={`day-${day.day}`}>
            <time datetime={day.day}>{formatDay(day.day, lang)}</time>
          </h2>
          {day.rooms.length ? (
            <p class="rooms">
              {t('programme_rooms')}: {day.rooms.join(', ')}
            </p>
          ) : null}
          <ol class="slots">
            {day.slots.map((slot) => (
              <li class={`slot${slot.items.length > 1 ? ' parallel' : ''}`}>
                <ul class="slot-items">
                  {slot.items.map((item) => (
                    <Item details={details} item={item} />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ))}
      <p class="note">{t('event_time_zone_note', { zone: event.time_zone })}</p>
      <ul class="programme-formats">
        <li>
          <a href={eventUrl(event, '/programme.ics')}>{t('programme_download_all')}</a>
        </li>
        <li>
          <a href={eventUrl(event, '/schedule.json')}>{t('programme_json')}</a>
        </li>
        <li>
          <a href={eventUrl(event, '/schedule.xml')}>{t('programme_xml')}</a>
        </li>
      </ul>
    </article>
  );
}
