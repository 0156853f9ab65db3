import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
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

/** One chart, then the same figures as a table (its text alternative); a note when there is nothing to draw. */
function ChartSection(props: { id: string; title: string; svg: string | null; tableTitle: string; head: Child; rows: Child }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`chart-${props.id}-heading`} class="chart-section">
      <h2 id={`chart-${props.id}-heading`}>{props.title}</h2>
      {props.svg ? (
        <>
          <figure class="chart-figure">{raw(props.svg)}</figure>
          <details>
            <summary>{props.tableTitle}</summary>
            <table class="chart-table" id={`table-${props.id}`}>
              <caption class="visually-hidden">{props.tableTitle}</caption>
              <thead>{props.head}</thead>
              <tbody>{props.rows}</tbody>
            </table>
          </details>
        </>
      ) : (
        <p>{t('ap_chart_empty')}</p>
      )}
    </section>
  );
}

/** An event's statistics as pictures, each followed by the same figures as a table (the text alternative). */
export function EventDashboardPage(props: EventDashboardProps) {
  const { t, lang } = useI18n();
  const { event } = props;
  let total = 0;
  return (
    <AdminPage title={t('ap_dashboard_title', { title: event.title })} current="events">
      <EventPagesNav event={event} current="dashboard" />
      <ChartSection
        id="days"
        title={t('ap_chart_days_title')}
        svg={props.daysChart}
        tableTitle={t('ap_chart_table_days')}
        head={
          <tr>
            <th scope="col">{t('ap_col_day')}</th>
            <th scope="col" class="num">{t('ap_col_registrations')}</th>
            <th scope="col" class="num">{t('ap_col_cumulative')}</th>
          </tr>
        }
        rows={props.days.map((d) => {
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
      />
      <ChartSection
        id="orgs"
        title={t('ap_chart_orgs_title')}
        svg={props.organisationsChart}
        tableTitle={t('ap_chart_table_orgs')}
        head={
          <tr>
            <th scope="col">{t('ap_col_organisation')}</th>
            <th scope="col" class="num">{t('ap_col_count')}</th>
          </tr>
        }
        rows={props.organisations.map((o) => (
          <tr>
            <th scope="row">{o.name}</th>
            <td class="num">{o.count}</td>
          </tr>
        ))}
      />
    </AdminPage>
  );
}
