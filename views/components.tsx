import type { EventRow, FileRow } from '../db/schema';
import { googleCalendarUrl } from '../src/calendar';
import type { MessageKey } from '../src/i18n/index';
import { formatDateRange, formatTimeRange, localDate } from '../src/time';
import { useI18n } from './context';
import { eventPath, filePath } from '../src/urls';


/** "26.–27. juni 2019" or, for one day, "26. juni 2019, kl. 09.00–15.30". */
export function EventWhen({ event }: { event: Pick<EventRow, 'starts_at' | 'ends_at' | 'time_zone'> }) {
  const { lang } = useI18n();
  const tz = event.time_zone;
  const oneDay = localDate(event.starts_at, tz) === localDate(new Date(new Date(event.ends_at).getTime() - 1), tz);
  return (
    <time datetime={event.starts_at}>
      {formatDateRange(event.starts_at, event.ends_at, tz, lang)}
      {oneDay ? `, ${formatTimeRange(event.starts_at, event.ends_at, tz, lang)}` : ''}
    </time>
  );
}

export function KindLabel({ kind }: { kind: EventRow['kind'] }) {
  const { t } = useI18n();
  return <span class="kind">{t(`kind_${kind}` as MessageKey)}</span>;
}

/** "Add to calendar": our .ics file (any calendar program) and a Google Calendar link. */
export function AddToCalendar(props: { ics: string; title: string; start: string; end: string; location?: string | null; details?: string }) {
  const { t } = useI18n();
  const google = googleCalendarUrl({
    title: props.title,
    start: props.start,
    end: props.end,
    location: props.location ?? undefined,
    details: props.details,
  });
  return (
    <p class="add-to-calendar">
      <span class="label">{t('add_to_calendar')}:</span> <a href={props.ics}>{t('add_to_calendar_ics')}</a> ·{' '}
      <a href={google} rel="noopener noreferrer">
        {t('add_to_calendar_google')}
      </a>
    </p>
  );
}

export function venueText(event: Pick<EventRow, 'venue_name' | 'venue_address'>): string | null {
  const parts = [event.venue_name, event.venue_address].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** The tabs shared by an event's pages; the current one is marked for screen readers. */
export function EventNav({ event, current }: { event: EventRow; current: 'about' | 'programme' | 'speakers' | 'materials' | 'participants' }) {
  const { t } = useI18n();
  const tabs: { key: typeof current; href: string; label: string }[] = [
    { key: 'about', href: eventPath(event), label: t('tab_about') },
    { key: 'programme', href: eventPath(event, '/programme'), label: t('tab_programme') },
    { key: 'speakers', href: eventPath(event, '/speakers'), label: t('tab_speakers') },
    { key: 'materials', href: eventPath(event, '/materials'), label: t('tab_materials') },
  ];
  if (event.public_list !== 'off') {
    tabs.push({ key: 'participants', href: eventPath(event, '/participants'), label: t('tab_participants') });
  }
  return (
    <nav class="event-nav" aria-label={t('event_subnav')}>
      <ul>
        {tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
  'application/vnd.apple.keynote': 'Keynote',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
};

/** A download link that says what and how big, e.g. "Bodø industri (PDF, 12 kB)". */
export function FileLink({ file }: { file: FileRow }) {
  const { t, lang } = useI18n();
  const size =
    file.size < 1024 * 1024
      ? t('file_size_kb', { size: Math.max(1, Math.round(file.size / 1024)) })
      : t('file_size_mb', { size: (file.size / 1024 / 1024).toLocaleString(lang === 'nb' ? 'nb-NO' : 'en-GB', { maximumFractionDigits: 1 }) });
  return (
    <a href={filePath(file)} class="file-link" download={file.filename}>
      {file.title} <span class="file-meta">({TYPE_LABELS[file.content_type] ?? file.content_type}, {size})</span>
    </a>
  );
}

export function Figure({ file }: { file: FileRow }) {
  const { t } = useI18n();
  return (
    <figure>
      <img src={filePath(file)} alt={file.alt ?? ''} loading="lazy" />
      {file.caption || file.credit ? (
        <figcaption>
          {file.caption}
          {file.credit ? <span class="credit"> {t('photo_credit', { name: file.credit })}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** A titled list of downloads; `context` adds who or what a file belongs to. Nothing when there are no files. */
export function FileSection(props: { id: string; title: string; files: FileRow[]; context?: (file: FileRow) => string }) {
  if (!props.files.length) return null;
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <ul class="files">
        {props.files.map((file) => {
          const context = props.context?.(file);
          return (
            <li>
              <FileLink file={file} />
              {context ? <span class="meta"> – {context}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
