import { Hono } from 'hono';
import { EventDashboardPage } from '../../../views/admin/dashboard-event';
import { requireEventAccess } from './session';
import { columnChart, horizontalBarChart } from '../../domain/charts';
import { organisationCounts } from '../../domain/participants';
import { registrationsPerDay } from '../../domain/registration-stats';
import type { AppEnv } from '../../env';
import { formatDate } from '../../time';

/** Bars drawn for organisations; the rest are summed into one "others" bar (the table lists them all). */
const TOP_ORGANISATIONS = 15;

/** /admin/events/:id/dashboard: registrations per day and participants per organisation, as SVG and as tables. */
export const eventDashboardRoutes = new Hono<AppEnv>().get('/:id/dashboard', async (c) => {
  const event = await requireEventAccess(c, c.req.param('id'));
  const { db } = c.var.deps;
  const { t, lang } = c.var;
  const [days, organisations] = await Promise.all([registrationsPerDay(db, event), organisationCounts(db, event.id, 'active')]);
  const dayLabel = (day: string) => formatDate(`${day}T12:00:00Z`, 'UTC', lang);
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const daysChart = days.length
    ? columnChart(
        {
          id: 'chart-days',
          title: t('ap_chart_days_title'),
          desc: t('ap_chart_days_desc', {
            total,
            first: dayLabel(days[0]!.day),
            last: dayLabel(days[days.length - 1]!.day),
            max: Math.max(...days.map((d) => d.count)),
          }),
        },
        days.map((d) => ({ label: dayLabel(d.day), value: d.count })),
      )
    : null;
  const top = organisations.slice(0, TOP_ORGANISATIONS).map((o) => ({ label: o.name, value: o.count }));
  const rest = organisations.slice(TOP_ORGANISATIONS);
  if (rest.length) top.push({ label: t('ap_chart_others', { count: rest.length }), value: rest.reduce((sum, o) => sum + o.count, 0) });
  const organisationsChart = organisations.length
    ? horizontalBarChart(
        {
          id: 'chart-orgs',
          title: t('ap_chart_orgs_title'),
          desc: t('ap_chart_orgs_desc', {
            count: organisations.length,
            top: organisations
              .slice(0, 3)
              .map((o) => `${o.name} (${o.count})`)
              .join(', '),
          }),
        },
        top,
      )
    : null;
  return c.render(<EventDashboardPage event={event} days={days} organisations={organisations} daysChart={daysChart} organisationsChart={organisationsChart} />, {
    title: t('ap_dashboard_title', { title: event.title }),
  });
});
