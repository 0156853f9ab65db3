import type { EventRow, QuestionRow } from '../../db/schema';
import { type ParticipantList, type ParticipantQuery, type ParticipantRow, STATUS_FILTERS, type StatusCounts, answerText } from '../../src/domain/participants';
import type { MessageKey } from '../../src/i18n/index';
import { formatDate, formatTime } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage, CsrfField } from './components';
import { EventPagesNav } from './participants-nav';
import { adminEventPath } from '../../src/urls';

/** The list's address (or its CSV's) with the given filters (defaults left out, so that URLs stay short). */
export function participantsUrl(eventId: number, query: Partial<ParticipantQuery>, path = '/participants'): string {
  const params = new URLSearchParams();
  if (query.status && query.status !== 'active') params.set('status', query.status);
  if (query.q) params.set('q', query.q);
  if (query.org) params.set('org', query.org);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return adminEventPath(eventId, `${path}${search ? `?${search}` : ''}`);
}

export interface Notice {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ParticipantsPageProps {
  event: EventRow;
  counts: StatusCounts;
  list: ParticipantList;
  questions: QuestionRow[];
  query: ParticipantQuery;
  notices: Notice[];
  /** The organiser asked to confirm someone while the event is full: ask again before overbooking. */
  overbook?: { person: Pick<ParticipantRow, 'id' | 'name'>; confirmed: number; capacity: number } | undefined;
}

const STATUS_LABEL: Record<(typeof STATUS_FILTERS)[number], MessageKey> = {
  active: 'ap_filter_active',
  confirmed: 'ap_filter_confirmed',
  waitlisted: 'ap_filter_waitlisted',
  checked_in: 'ap_filter_checked_in',
  cancelled: 'ap_filter_cancelled',
  all: 'ap_filter_all',
};

/** The organiser's participant list: counts, filters, organisations, and a page of people grouped by organisation. */
export function ParticipantsPage(props: ParticipantsPageProps) {
  const { t } = useI18n();
  const { event, counts, query } = props;
  return (
    <AdminPage title={t('ap_participants_title', { title: event.title })} current="events">
      <EventPagesNav event={event} current="participants" />
      {props.notices.length ? (
        <div class="success" role="status">
          {props.notices.map((n) => (
            <p>{t(n.key, n.params)}</p>
          ))}
        </div>
      ) : null}
      {props.overbook ? <OverbookWarning event={event} query={query} {...props.overbook} /> : null}
      <p>
        {t('ap_counts', { confirmed: counts.confirmed, waitlisted: counts.waitlisted, cancelled: counts.cancelled, checked: counts.checkedIn })}
        <br />
        {event.capacity === null ? t('ap_capacity_none') : t('ap_capacity', { capacity: event.capacity })}
      </p>
      <p id="csv-export">
        {/* The export follows the filter and search (htmx swaps this link along with the results). */}
        <a href={participantsUrl(event.id, { ...query, page: 1 }, '/participants.csv')} download>
          {t('ap_export_csv')}
        </a>
      </p>
      <form
        method="get"
        action={adminEventPath(event.id, '/participants')}
        class="participant-filter"
        role="search"
        data-hx-get={adminEventPath(event.id, '/participants')}
        data-hx-trigger="submit, input changed delay:400ms from:#f-q, change from:#f-status"
        data-hx-target="#participant-results"
        data-hx-select="#participant-results"
        data-hx-select-oob="#csv-export"
        data-hx-swap="outerHTML"
        data-hx-push-url="true"
      >
        <fieldset>
          <legend>{t('ap_filter_legend')}</legend>
          {query.org ? <input type="hidden" name="org" value={query.org} /> : null}
          <label for="f-q">{t('ap_search')}</label>
          <input type="search" id="f-q" name="q" value={query.q} maxlength={200} autocomplete="off" />
          <label for="f-status">{t('ap_status')}</label>
          <select id="f-status" name="status">
            {STATUS_FILTERS.map((s) => (
              <option value={s} selected={s === query.status}>
                {t(STATUS_LABEL[s])}
              </option>
            ))}
          </select>
          <p>
            <button type="submit">{t('ap_filter_submit')}</button>
          </p>
        </fieldset>
      </form>
      <Results {...props} />
    </AdminPage>
  );
}

function OverbookWarning(props: { event: EventRow; query: ParticipantQuery; person: Pick<ParticipantRow, 'id' | 'name'>; confirmed: number; capacity: number }) {
  const { t } = useI18n();
  return (
    <div class="error-summary" role="alert" id="overbook">
      <p>{t('ap_overbook_warning', { confirmed: props.confirmed, capacity: props.capacity, name: props.person.name })}</p>
      <form method="post" action={adminEventPath(props.event.id, `/participants/${props.person.id}/confirm`)} class="inline-form">
        <CsrfField />
        <input type="hidden" name="overbook" value="1" />
        <input type="hidden" name="back" value={participantsUrl(props.event.id, props.query)} />
        <button type="submit">{t('ap_overbook_submit')}</button>
      </form>{' '}
      <a href={participantsUrl(props.event.id, props.query)}>{t('ap_overbook_back')}</a>
    </div>
  );
}

function Results(props: ParticipantsPageProps) {
  const { t } = useI18n();
  const { event, list, query } = props;
  const from = (list.page - 1) * list.pageSize + 1;
  const to = from + list.rows.length - 1;
  const filteredOrg = query.org ? list.groups.find((g) => g.key === query.org) : undefined;
  return (
    <div id="participant-results">
      {query.org ? (
        <p>
          {t('ap_org_filtered', { name: filteredOrg?.name ?? query.org })}{' '}
          <a href={participantsUrl(event.id, { ...query, org: '', page: 1 })}>{t('ap_org_clear')}</a>
        </p>
      ) : null}
      <h2 id="orgs-heading">{t('ap_orgs_heading', { count: list.groups.length })}</h2>
      {list.groups.length ? (
        <details open={list.groups.length <= 30 ? true : undefined}>
          <summary>{t('ap_orgs_caption')}</summary>
          <table class="org-counts">
            <caption class="visually-hidden">{t('ap_orgs_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ap_col_organisation')}</th>
                <th scope="col" class="num">
                  {t('ap_col_count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.groups.map((g) => (
                <tr>
                  <th scope="row">
                    <a href={participantsUrl(event.id, { ...query, org: g.key, page: 1 })} aria-current={g.key === query.org ? 'true' : undefined}>
                      {g.name}
                    </a>
                  </th>
                  <td class="num">{g.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      <h2 id="list-heading">{t('ap_list_heading')}</h2>
      {list.total === 0 ? (
        <p>{t('ap_none_found')}</p>
      ) : (
        <>
          <p>{t('ap_showing', { from, to, total: list.total })}</p>
          <Pager {...props} />
          <ParticipantTable {...props} />
          <Pager {...props} />
        </>
      )}
    </div>
  );
}

function Pager({ event, list, query }: ParticipantsPageProps) {
  const { t } = useI18n();
  if (list.pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('ap_pages_label')}>
      {list.page > 1 ? <a href={participantsUrl(event.id, { ...query, page: list.page - 1 })}>{t('ap_prev')}</a> : null}{' '}
      <span>{t('ap_page_of', { page: list.page, pages: list.pages })}</span>{' '}
      {list.page < list.pages ? <a href={participantsUrl(event.id, { ...query, page: list.page + 1 })}>{t('ap_next')}</a> : null}
    </nav>
  );
}

function ParticipantTable(props: ParticipantsPageProps) {
  const { t, lang } = useI18n();
  const { event, list, questions, query } = props;
  const back = participantsUrl(event.id, query);
  const groupCount = new Map(list.groups.map((g) => [g.name, g.count]));
  // Consecutive rows of one group share a <tbody> headed by the group's name and count.
  const sections: { name: string; rows: typeof list.rows }[] = [];
  for (const row of list.rows) {
    const last = sections[sections.length - 1];
    if (last && last.name === row.group) last.rows.push(row);
    else sections.push({ name: row.group, rows: [row] });
  }
  const columns = 7 + questions.length;
  return (
    <div class="table-scroll" role="region" aria-labelledby="list-heading" tabindex={0}>
      <table class="participants-table">
        <caption class="visually-hidden">{t('ap_list_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ap_col_name')}</th>
            <th scope="col">{t('ap_col_org_typed')}</th>
            <th scope="col">{t('ap_col_job_title')}</th>
            <th scope="col">{t('ap_col_status')}</th>
            <th scope="col">{t('ap_col_registered')}</th>
            <th scope="col">{t('ap_col_checked_in')}</th>
            {questions.map((q) => (
              <th scope="col">{q.label}</th>
            ))}
            <th scope="col">{t('ap_col_actions')}</th>
          </tr>
        </thead>
        {sections.map((section) => (
          <tbody>
            <tr class="group-row">
              <th scope="colgroup" colspan={columns}>
                {t('ap_group_row', { name: section.name, count: groupCount.get(section.name) ?? section.rows.length })}
              </th>
            </tr>
            {section.rows.map((p) => (
              <tr id={`p-${p.id}`} class={`status-${p.status}`}>
                <th scope="row">
                  {p.name}
                  <br />
                  <span class="meta">{p.email}</span>
                </th>
                <td>{p.organisation}</td>
                <td>{p.job_title ?? ''}</td>
                <td>{t(`ap_status_${p.status}` as MessageKey)}</td>
                <td>
                  <time datetime={p.created_at}>
                    {formatDate(p.created_at, event.time_zone, lang)} {formatTime(p.created_at, event.time_zone, lang)}
                  </time>
                </td>
                <td>{p.checked_in_at ? <time datetime={p.checked_in_at}>{formatTime(p.checked_in_at, event.time_zone, lang)}</time> : ''}</td>
                {questions.map((q) => (
                  <td>{answerText(q, p.answers.get(q.id), lang)}</td>
                ))}
                <td class="actions">
                  {p.status === 'waitlisted' ? <Action event={event} id={p.id} back={back} action="confirm" label={t('ap_confirm')} who={p.name} /> : null}
                  {p.status === 'confirmed' ? <Action event={event} id={p.id} back={back} action="waitlist" label={t('ap_to_waitlist')} who={p.name} /> : null}
                  {p.status !== 'cancelled' ? <Action event={event} id={p.id} back={back} action="cancel" label={t('ap_cancel')} who={p.name} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/** A row's action button; its accessible name starts with the visible label (WCAG 2.5.3) and says whom it concerns. */
function Action(props: { event: EventRow; id: number; back: string; action: 'confirm' | 'waitlist' | 'cancel'; label: string; who: string }) {
  return (
    <form method="post" action={adminEventPath(props.event.id, `/participants/${props.id}/${props.action}`)} class="inline-form">
      <CsrfField />
      <input type="hidden" name="back" value={props.back} />
      <button type="submit" class={props.action === 'cancel' ? 'danger' : undefined}>
        {props.label}
        <span class="visually-hidden"> – {props.who}</span>
      </button>
    </form>
  );
}
