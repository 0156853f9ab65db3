import type { EventRow } from '../../db/schema';
import type { MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';
import { adminEventPath } from '../../src/urls';

export type EventAdminPage =
  | 'overview'
  | 'programme'
  | 'speakers'
  | 'questions'
  | 'links'
  | 'files'
  | 'participants'
  | 'checkin'
  | 'messages'
  | 'dashboard';

const PAGES: { key: EventAdminPage; path: string; label: MessageKey }[] = [
  { key: 'overview', path: '', label: 'edit_overview' },
  { key: 'programme', path: '/programme', label: 'edit_page_programme' },
  { key: 'speakers', path: '/speakers', label: 'edit_page_speakers' },
  { key: 'questions', path: '/questions', label: 'edit_page_questions' },
  { key: 'links', path: '/links', label: 'edit_page_links' },
  { key: 'files', path: '/files', label: 'edit_page_files' },
  { key: 'participants', path: '/participants', label: 'edit_page_participants' },
  { key: 'checkin', path: '/checkin', label: 'edit_page_checkin' },
  { key: 'messages', path: '/messages', label: 'edit_page_messages' },
  { key: 'dashboard', path: '/dashboard', label: 'edit_page_dashboard' },
];

/** Every organiser page of one event, the current one marked; shared by the event's admin pages. */
export function EventAdminNav({ event, current }: { event: Pick<EventRow, 'id' | 'title'>; current?: EventAdminPage }) {
  const { t } = useI18n();
  return (
    <nav class="event-admin-nav" aria-label={t('edit_pages')}>
      <ul>
        {PAGES.map((p) => (
          <li>
            <a href={adminEventPath(event, p.path)} aria-current={p.key === current ? 'page' : undefined}>
              {t(p.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
