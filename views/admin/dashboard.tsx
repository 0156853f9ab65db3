import type { DashboardEvent } from '../../src/domain/auth';
import type { MessageKey } from '../../src/i18n/index';
import { formatDateRange } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage } from './components';
import { adminEventPath } from '../../src/urls';

/** The organiser's start page: the events they may manage, with their state and registrations. */
export function DashboardPage({ events }: { events: DashboardEvent[] }) {
  const { t, lang } = useI18n();
  return (
    <AdminPage title={t('admin_dashboard_title')} current="events">
      <p>
        <a href="/admin/events/new" class="button">
          {t('admin_new_event')}
        </a>
      </p>
      {events.length === 0 ? (
        <p>{t('admin_no_events')}</p>
      ) : (
        <table class="admin-events">
          <thead>
            <tr>
              <th scope="col">{t('admin_col_event')}</th>
              <th scope="col">{t('admin_col_when')}</th>
              <th scope="col">{t('admin_col_status')}</th>
              <th scope="col" class="num">{t('admin_col_confirmed')}</th>
              <th scope="col" class="num">{t('admin_col_waitlisted')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr>
                <th scope="row">
                  <a href={adminEventPath(event)}>{event.title}</a>
                </th>
                <td>
                  <time datetime={event.starts_at}>{formatDateRange(event.starts_at, event.ends_at, event.time_zone, lang)}</time>
                </td>
                <td class={`status status-${event.status}`}>{t(`admin_status_${event.status}` as MessageKey)}</td>
                <td class="num">{event.confirmed}</td>
                <td class="num">{event.waitlisted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminPage>
  );
}
