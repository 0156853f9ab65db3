import type { SpeakerRow } from '../db/schema';
import { type EventDetails, detailsIndex, speakerContributions } from '../src/domain/events';
import { formatDay, formatTimeRange, localDate } from '../src/time';
import { EventNav, FileSection } from './components';
import { useI18n } from './context';
import { eventPath, filePath } from '../src/urls';

function SpeakerPhoto({ details, speaker }: { details: EventDetails; speaker: SpeakerRow }) {
  const { t } = useI18n();
  const photo = speaker.photo_file_id === null ? undefined : detailsIndex(details).files.get(speaker.photo_file_id);
  if (!photo) return null;
  return <img class="speaker-photo" src={filePath(photo)} alt={t('speaker_photo_alt', { name: speaker.name })} width={120} height={120} />;
}

function roleLine(speaker: SpeakerRow): string {
  return [speaker.role, speaker.organisation].filter(Boolean).join(', ');
}

export function SpeakersPage({ details }: { details: EventDetails }) {
  const { t } = useI18n();
  const { event, speakers } = details;
  return (
    <article class="speakers">
      <h1>{t('speakers_title', { title: event.title })}</h1>
      <EventNav event={event} current="speakers" />
      {speakers.length === 0 ? <p>{t('speakers_empty')}</p> : null}
      <ul class="speaker-list">
        {speakers.map((speaker) => (
          <li class="speaker-card">
            <SpeakerPhoto details={details} speaker={speaker} />
            <h2>
              <a href={eventPath(event, `/speakers/${speaker.id}`)}>{speaker.name}</a>
            </h2>
            {roleLine(speaker) ? <p class="meta">{roleLine(speaker)}</p> : null}
          </li>
        ))}
      </ul>
    </article>
  );
}

export function SpeakerPage({ details, speaker }: { details: EventDetails; speaker: SpeakerRow }) {
  const { t, lang } = useI18n();
  const { event } = details;
  const { items, files } = speakerContributions(details, speaker.id);
  return (
    <article class="speaker">
      <p class="breadcrumb">
        <a href={eventPath(event)}>{event.title}</a> › <a href={eventPath(event, '/speakers')}>{t('tab_speakers')}</a>
      </p>
      <h1>{speaker.name}</h1>
      {roleLine(speaker) ? <p class="lead">{roleLine(speaker)}</p> : null}
      <SpeakerPhoto details={details} speaker={speaker} />
      {speaker.bio ? <p class="bio">{speaker.bio}</p> : null}
      {items.length ? (
        <section aria-labelledby="speaker-items">
          <h2 id="speaker-items">{t('speaker_items')}</h2>
          <ul class="speaker-items">
            {items.map((item) => (
              <li>
                <a href={eventPath(event, `/programme#item-${item.id}`)}>{item.title}</a>
                <span class="meta">
                  {' '}
                  – {formatDay(localDate(item.starts_at, event.time_zone), lang)},{' '}
                  {formatTimeRange(item.starts_at, item.ends_at, event.time_zone, lang)}
                  {item.room ? `, ${item.room.name}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <FileSection id="speaker-files" title={t('speaker_materials')} files={files} />
    </article>
  );
}
