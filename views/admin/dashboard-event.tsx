import { raw } from 'hono/html';
import type { EventRow } from '../../db/schema';
import type { OrganisationCount } from '../../src/domain/participants';
import { formatDay } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage } from './components';
import { EventPagesNav } from './participants-nav';

export interface EventDashboardProps {
  event: EventRow;
  days: { day: string; count: number }[];
  organisations: OrganisationCount[];
  /** Server-rendered SVG (src/domain/charts.ts), escaped there. Null when there is nothing to draw. */
  daysChart: string | null;
  organisationsChart: string | null;
}

/** An event's statistics as pictures, each followed by the same figures as a table (the text alternative). */
export function EventDashboardPage(props: EventDashboardProps) {
  const { t, lang } = useI18n();
  const { event } = props;
  let total = 0;
  return (
    <AdminPage title={t('ap_dashboard_title', { title: event.title })} current="events">
      <EventPagesNav event={event} current="dashboard" />
      <section aria-labelledby="chart-days-heading" class="chart-section">
        <h2 id="chart-days-heading">{t('ap_chart_days_title')}</h2>
        {props.daysChart ? (
          <>
            <figure class="chart-figure">{raw(props.daysChart)}</figure>
            <details>
              <summary>{t('ap_chart_table_days')}</summary>
              <table class="chart-table" id="table-days">
                <caption class="visually-hidden">{t('ap_chart_table_days')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ap_col_day')}</th>
                    <th scope="col" class="num">{t('ap_col_registrations')}</th>
                    <th scope="col" class="num">{t('ap_col_cumulative')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.days.map((d) => {
                    total += d.count;
                    return (
                      <tr>
                        <th scope="row">
                          <time datetime={d.day}>{formatDay(d.day, lang)} {d.day.slice(0, 4)}</time>
                        </th>
                        <td class="num">{d.count}</td>
                        <td class="num">{total}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <p>{t('ap_chart_empty')}</p>
        )}
      </section>
      <section aria-labelledby="chart-orgs-heading" class="chart-section">
        <h2 id="chart-orgs-heading">{t('ap_chart_orgs_title')}</h2>
        {props.organisationsChart ? (
          <>
            <figure class="chart-figure">{raw(props.organisationsChart)}</figure>
            <details>
              <summary>{t('ap_chart_table_orgs')}</summary>
              <table class="chart-table" id="table-orgs">
                <caption class="visually-hidden">{t('ap_chart_table_orgs')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ap_col_organisation')}</th>
                    <th scope="col" class="num">{t('ap_col_count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.organisations.map((o) => (
                    <tr>
                      <th scope="row">{o.name}</th>
                      <td class="num">{o.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <p>{t('ap_chart_empty')}</p>
        )}
      </section>
    </AdminPage>
  );
}
