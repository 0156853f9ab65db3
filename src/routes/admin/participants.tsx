import { type Context, Hono } from 'hono';
import type { EventRow } from '../../../db/schema';
import { type Notice, ParticipantsPage, participantsUrl } from '../../../views/admin/participants-page';
import { requireEventAccess, safeNext } from './session';
import { csvStream } from '../../domain/csv';
import { cancelParticipant, confirmParticipant, waitlistParticipant } from '../../domain/participant-actions';
import { type ParticipantQuery, type StatusCounts, answerText, exportPage, isStatusFilter, listParticipants, organisationNames, statusCounts } from '../../domain/participants';
import { listQuestions } from '../../domain/questions';
import type { AppEnv } from '../../env';
import type { MessageKey } from '../../i18n/index';
import { NotFound } from '../../errors';
import { localDateTime } from '../../time';
import { field, formData, idParam } from '../request-helpers';
import { ConfirmPage } from '../../../views/admin/event-fields';
import { logAction } from '../audit';

// Hono<AppEnv>, not AdminEnv: requireEventAccess takes the app's context; requireOrganiser ran before these routes.
type C = Context<AppEnv>;

/** An HTML fragment for htmx, rendered with the request context so that components can translate. */


function readQuery(c: C): ParticipantQuery {
  const status = c.req.query('status');
  const page = Number(c.req.query('page') ?? '1');
  return {
    status: isStatusFilter(status) ? status : 'active',
    q: (c.req.query('q') ?? '').trim().slice(0, 200),
    org: (c.req.query('org') ?? '').slice(0, 200),
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

/** Where to go after an action: the list as it was (only this event's list, never elsewhere), plus a notice. */
function backTo(c: C, event: EventRow, form: FormData, notices: Record<string, string>) {
  const list = participantsUrl(event.id, {});
  const asked = safeNext(field(form, 'back', 2000));
  const url = new URL(asked && asked.startsWith(list) ? asked : list, 'http://local.invalid');
  for (const [k, v] of Object.entries(notices)) url.searchParams.set(k, v);
  return c.redirect(`${url.pathname}${url.search}`, 303);
}

const NOTICES: Record<string, MessageKey> = {
  confirmed: 'ap_notice_confirmed',
  waitlisted: 'ap_notice_waitlisted',
  cancelled: 'ap_notice_cancelled',
  unchanged: 'ap_notice_unchanged',
};

async function renderList(c: C, event: EventRow, query: ParticipantQuery, extra: { overbook?: { id: number; name: string; counts: StatusCounts } } = {}) {
  const { db } = c.var.deps;
  const [counts, list, questions] = await Promise.all([statusCounts(db, event.id), listParticipants(db, event.id, query), listQuestions(db, event.id)]);
  const notices: Notice[] = [];
  const done = c.req.query('done');
  if (done && NOTICES[done]) notices.push({ key: NOTICES[done] });
  const promoted = Number(c.req.query('promoted') ?? '0');
  if (Number.isSafeInteger(promoted) && promoted > 0) notices.push({ key: 'ap_notice_promoted', params: { count: promoted } });
  const overbook = extra.overbook
    ? { person: { id: extra.overbook.id, name: extra.overbook.name }, confirmed: extra.overbook.counts.confirmed, capacity: event.capacity ?? 0 }
    : undefined;
  if (overbook) c.status(409);
  return c.render(
    <ParticipantsPage event={event} counts={counts} list={list} questions={questions} query={query} notices={notices} overbook={overbook} />,
    { title: c.var.t('ap_participants_title', { title: event.title }) },
  );
}

async function registrationIn(c: C, event: EventRow) {
  const id = idParam(c, 'rid');
  const row = await c.var.deps.db
    .selectFrom('registrations')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('event_id', '=', event.id)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

/** A file name from the event's slug: letters, digits and dashes only. */
const csvFilename = (prefix: string, slug: string) => `${prefix}-${slug.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 80) || 'arrangement'}.csv`;

/**
 * An event's participant list and its actions and the CSV, mounted at /admin/events after requireOrganiser. Every
 * route starts with requireEventAccess (404 for others' events).
 */
export const participantRoutes = new Hono<AppEnv>()
  .get('/:id/participants', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    return renderList(c, event, readQuery(c));
  })
  .get('/:id/participants.csv', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const { db } = c.var.deps;
    const { t, lang } = c.var;
    const [questions, names] = await Promise.all([listQuestions(db, event.id), organisationNames(db, event.id)]);
    const header = [
      t('ap_col_name'),
      t('ap_col_email'),
      t('ap_col_org_group'),
      t('ap_col_org_typed'),
      t('ap_col_job_title'),
      t('ap_col_status'),
      t('ap_col_registered'),
      t('ap_col_checked_in'),
      ...questions.map((q) => q.label),
    ];
    // Excel reads "2026-11-23 13:05" as a date and time.
    const local = (iso: string | null) => (iso ? localDateTime(iso, event.time_zone).replace('T', ' ') : '');
    let after = 0;
    const body = csvStream(header, async () => {
      // Pages small enough that the pause between them keeps other requests waiting well under 50 ms.
      const rows = await exportPage(db, event.id, after, 250);
      after = rows[rows.length - 1]?.id ?? after;
      return rows.map((r) => [
        r.name,
        r.email,
        names.get(r.organisation) ?? r.organisation,
        r.organisation,
        r.job_title,
        t(`ap_status_${r.status}` as MessageKey),
        local(r.created_at),
        local(r.checked_in_at),
        ...questions.map((q) => answerText(q, r.answers.get(q.id), lang)),
      ]);
    });
    const filename = csvFilename(t('ap_csv_filename'), event.slug);
    await logAction(c, 'participants_exported', `event:${event.id}`);
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    });
  })
  .post('/:id/participants/:rid/confirm', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const person = await registrationIn(c, event);
    const form = await formData(c);
    const { db, clock, config } = c.var.deps;
    const outcome = await confirmParticipant(db, event.id, person.id, { overbook: field(form, 'overbook', 1) === '1', now: clock(), settings: config });
    if (!outcome) throw new NotFound();
    if (outcome.kind === 'full') {
      const asked = safeNext(field(form, 'back', 2000));
      const query = asked ? queryOf(asked) : readQuery(c);
      return renderList(c, event, query, { overbook: { ...person, counts: await statusCounts(db, event.id) } });
    }
    if (outcome.kind === 'confirmed') c.var.deps.outboxChanged();
    return backTo(c, event, form, { done: outcome.kind });
  })
  .post('/:id/participants/:rid/waitlist', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const person = await registrationIn(c, event);
    const form = await formData(c);
    if (form.get('confirm') !== 'yes') return confirmStep(c, event, person, form, 'waitlist');
    const outcome = await waitlistParticipant(c.var.deps.db, event.id, person.id, { now: c.var.deps.clock(), settings: c.var.deps.config });
    if (!outcome) throw new NotFound();
    if (outcome === 'moved') c.var.deps.outboxChanged();
    return backTo(c, event, form, { done: outcome === 'moved' ? 'waitlisted' : 'unchanged' });
  })
  .post('/:id/participants/:rid/cancel', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const person = await registrationIn(c, event);
    const form = await formData(c);
    if (form.get('confirm') !== 'yes') return confirmStep(c, event, person, form, 'cancel');
    const outcome = await cancelParticipant(c.var.deps.db, event.id, person.id, { now: c.var.deps.clock(), settings: c.var.deps.config });
    if (!outcome) throw new NotFound();
    c.var.deps.outboxChanged();
    return backTo(c, event, form, { done: 'cancelled', ...(outcome.promoted.length ? { promoted: String(outcome.promoted.length) } : {}) });
  });

/**
 * Asks before an action that mails the participant and cannot be taken back quietly: the same POST again with
 * confirm=yes, or back to the list.
 */
function confirmStep(c: C, event: EventRow, person: { id: number; name: string }, form: FormData, action: 'cancel' | 'waitlist') {
  const list = participantsUrl(event.id, {});
  const asked = safeNext(field(form, 'back', 2000));
  const back = asked && asked.startsWith(list) ? asked : list;
  const t = c.var.t;
  return c.render(
    <ConfirmPage
      title={t(action === 'cancel' ? 'ap_confirm_cancel_title' : 'ap_confirm_waitlist_title')}
      question={t(action === 'cancel' ? 'ap_confirm_cancel_question' : 'ap_confirm_waitlist_question', { name: person.name })}
      action={`${list}/${person.id}/${action}`}
      back={back}
      fields={{ back }}
    />,
    { title: t(action === 'cancel' ? 'ap_confirm_cancel_title' : 'ap_confirm_waitlist_title') },
  );
}

/** The filters of a list URL given back by a form. */
function queryOf(url: string): ParticipantQuery {
  const params = new URL(url, 'http://local.invalid').searchParams;
  const status = params.get('status');
  const page = Number(params.get('page') ?? '1');
  return {
    status: isStatusFilter(status) ? status : 'active',
    q: (params.get('q') ?? '').slice(0, 200),
    org: (params.get('org') ?? '').slice(0, 200),
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}


