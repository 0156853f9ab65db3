import type { EventRow } from '../../db/schema';
import { useI18n } from '../context';

export type EventPage = 'participants' | 'checkin' | 'messages' | 'dashboard';

export const eventAdminUrl = (eventId: number, page = '') => `/admin/events/${eventId}${page}`;

/** Links between an event's organiser pages: its overview and the participant pages; the current one is marked. */
export function EventPagesNav({ event, current }: { event: Pick<EventRow, 'id'>; current: EventPage }) {
  const { t } = useI18n();
  const pages: { key: EventPage | 'overview'; href: string; label: string }[] = [
    { key: 'overview', href: eventAdminUrl(event.id), label: t('ap_nav_overview') },
    { key: 'participants', href: eventAdminUrl(event.id, '/participants'), label: t('ap_nav_participants') },
    { key: 'checkin', href: eventAdminUrl(event.id, '/checkin'), label: t('ap_nav_checkin') },
    { key: 'messages', href: eventAdminUrl(event.id, '/messages'), label: t('ap_nav_messages') },
    { key: 'dashboard', href: eventAdminUrl(event.id, '/dashboard'), label: t('ap_nav_dashboard') },
  ];
  return (
    <nav class="event-admin-nav" aria-label={t('ap_event_nav_label')}>
      <ul>
        {pages.map((p) => (
          <li>
            <a href={p.href} aria-current={p.key === current ? 'page' : undefined}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
