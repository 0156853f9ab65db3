import type { ProgrammeChange } from '../db/schema';
import type { EventDetails, ProgrammeItem } from '../src/domain/events';
import { groupProgramme } from '../src/domain/programme';
import { type ProgrammeChangeView, latestChangeByItem } from '../src/domain/programme-editing';
import type { MessageKey } from '../src/i18n/index';
import { eventDays, formatDate, formatDay, formatTime, formatTimeRange, localDate } from '../src/time';
import { AddToCalendar, EventNav, FileLink, venueText } from './components';
import { useI18n } from './context';
import { eventPath } from '../src/urls';

function Item({ details, item, change }: { details: EventDetails; item: ProgrammeItem; change?: ProgrammeChange | undefined }) {
  const { t, lang } = useI18n();
  const { event } = details;
  const cancelled = item.status === 'cancelled';
  return (
    <li class={`item item-${item.kind}${cancelled ? ' item-cancelled' : ''}`} id={`item-${item.id}`}>
      <p class="item-time">
        <time datetime={item.starts_at}>{formatTimeRange(item.starts_at, item.ends_at, event.time_zone, lang)}</time>
        {item.room ? <span class="room"> · {item.room.name}</span> : null}
        {item.kind !== 'talk' && item.kind !== 'other' ? <span class="item-kind"> · {t(`item_kind_${item.kind}` as MessageKey)}</span> : null}
        {cancelled ? <strong class="cancelled"> · {t('programme_cancelled')}</strong> : null}
        {change && !cancelled ? <strong class={`change-mark change-${change}`}>{t(`programme_mark_${change}` as MessageKey)}</strong> : null}
      </p>
      <h3 class="item-title">{cancelled ? <s>{item.title}</s> : item.title}</h3>
      {item.speakers.length ? (
        <p class="item-speakers">
          <span class="visually-hidden">{t('programme_speakers')}: </span>
          {item.speakers.map((speaker, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={eventPath(event, `/speakers/${speaker.id}`)}>{speaker.name}</a>
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
      {cancelled || event.status === 'cancelled' || item.kind === 'break' || item.kind === 'meal' ? null : (
        <AddToCalendar
          ics={eventPath(event, `/items/${item.id}.ics`)}
          title={`${item.title} – ${event.title}`}
          start={item.starts_at}
          end={item.ends_at}
          location={[item.room?.name, venueText(event)].filter(Boolean).join(', ')}
        />
      )}
    </li>
  );
}

export function ProgrammePage({ details, changes = [] }: { details: EventDetails; changes?: ProgrammeChangeView[] }) {
  const { t, lang } = useI18n();
  const { event } = details;
  const days = groupProgramme(details.items, event.time_zone);
  const changed = latestChangeByItem(changes);
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
                    <Item details={details} item={item} change={changed.get(item.id)} />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ))}
      <ProgrammeChanges details={details} changes={changes} />
      <p class="note">{t('event_time_zone_note', { zone: event.time_zone })}</p>
      <ul class="programme-formats">
        {/* A cancelled event offers nothing to put in a calendar. */}
        {event.status === 'cancelled' ? null : (
          <li>
            <a href={eventPath(event, '/programme.ics')}>{t('programme_download_all')}</a>
          </li>
        )}
        <li>
          <a href={eventPath(event, '/schedule.json')}>{t('programme_json')}</a>
        </li>
        <li>
          <a href={eventPath(event, '/schedule.xml')}>{t('programme_xml')}</a>
        </li>
      </ul>
    </article>
  );
}

/** "Endringer i programmet": what moved, was added, changed or cancelled since publication, newest first. */
function ProgrammeChanges({ details, changes }: { details: EventDetails; changes: ProgrammeChangeView[] }) {
  const { t, lang } = useI18n();
  const { event } = details;
  if (!changes.length) return null;
  const zone = event.time_zone;
  const multiDay = eventDays(event.starts_at, event.ends_at, zone).length > 1;
  const when = (instant: string | null, room: string | null) => {
    if (!instant) return '';
    const time = `${lang === 'nb' ? 'kl. ' : ''}${formatTime(instant, zone, lang)}`;
    return `${multiDay ? `${formatDay(localDate(instant, zone), lang)} ` : ''}${time}${room ? ` (${room})` : ''}`;
  };
  const text = (c: ProgrammeChangeView) => {
    const from = when(c.old_starts_at, c.old_room);
    const to = when(c.new_starts_at, c.new_room);
    if (c.change === 'moved') return t('programme_change_moved', { title: c.title, from, to });
    if (c.change === 'cancelled') return t('programme_change_cancelled', { title: c.title, when: from });
    return t(c.change === 'added' ? 'programme_change_added' : 'programme_change_changed', { title: c.title, when: to });
  };
  return (
    <section class="programme-changes" id="programme-changes" aria-labelledby="programme-changes-title">
      <h2 id="programme-changes-title">{t('programme_changes_title')}</h2>
      <p>{t('programme_changes_intro')}</p>
      <ul>
        {changes.map((c) => (
          <li>
            <a href={`#item-${c.item_id}`}>{text(c)}</a>{' '}
            <span class="change-at">
              ({t('programme_change_at', { date: `${formatDate(c.at, zone, lang)} ${lang === 'nb' ? 'kl. ' : ''}${formatTime(c.at, zone, lang)}` })})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
