import { Hono } from 'hono';
import { type EventFormState, EventOverviewPage, NewEventPage } from '../../../views/admin/event-form';
import { LinkEditPage, LinksPage } from '../../../views/admin/event-links';
import type { AdminEnv } from '../../admin-session';
import {
  LINK_FIELDS,
  activeRegistrationCount,
  blankEventForm,
  createEvent,
  daysUntil,
  deleteLink,
  duplicateEvent,
  eventFormValues,
  eventToForm,
  findLink,
  linkToForm,
  listLinks,
  moveRow,
  parseEventForm,
  parseLinkForm,
  pickFields,
  publishEvent,
  saveLink,
  unpublishEvent,
  updateEvent,
} from '../../domain/event-editing';
import { cancelEvent } from '../../domain/registration';
import { DomainError, NotFound } from '../../errors';
import { type C, accessEvent, confirmed, formBody, idParam, noticeFor, one, redirectWith, renderConfirm, single } from './event-helpers';
import { programmeRoutes } from './programme';
import { questionRoutes } from './questions';
import { speakerRoutes } from './speakers';
import { logAction } from '../audit';

const OVERVIEW_NOTICES = {
  created: 'edit_created',
  saved: 'edit_saved',
  notified: 'edit_saved_notified',
  published: 'edit_published',
  unpublished: 'edit_unpublished',
  cancelled: 'edit_cancelled',
  duplicated: 'edit_duplicated',
} as const;

async function renderOverview(c: C, eventId: number, state?: EventFormState, status: 200 | 422 = 200) {
  const event = await accessEvent(c, eventId);
  const registrations = await activeRegistrationCount(c.var.deps.db, event.id);
  c.status(status);
  return c.render(
    <EventOverviewPage
      event={event}
      state={state ?? { values: eventToForm(event), errors: {} }}
      registrations={registrations}
      notice={status === 200 ? noticeFor(c, OVERVIEW_NOTICES) : undefined}
    />,
    { title: c.var.t('edit_event_title', { title: event.title }) },
  );
}

const mailSettings = (c: C) => ({ baseUrl: c.var.deps.config.baseUrl, mailFrom: c.var.deps.config.mailFrom });

const eventRoutes = new Hono<AdminEnv>()
  .get('/new', (c) => {
    const values = { ...blankEventForm(c.var.deps.clock()), organiser_name: '' };
    return c.render(<NewEventPage state={{ values, errors: {} }} />, { title: c.var.t('edit_new_event_title') });
  })
  .post('/new', async (c) => {
    const values = eventFormValues(single(await formBody(c)));
    const parsed = parseEventForm(values);
    const result = parsed.ok ? await createEvent(c.var.deps.db, parsed.data, c.var.organiser, c.var.deps.clock()) : parsed;
    if (!result.ok) {
      c.status(422);
      return c.render(<NewEventPage state={{ values, errors: result.errors }} />, { title: c.var.t('edit_new_event_title') });
    }
    return redirectWith(c, `/admin/events/${result.data.id}`, 'created');
  })
  .get('/:id{[0-9]+}', async (c) => renderOverview(c, idParam(c, 'id')))
  .post('/:id{[0-9]+}', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    if (event.status === 'cancelled') throw new DomainError(409, 'edit_not_allowed_now');
    const values = eventFormValues(single(await formBody(c)));
    const parsed = parseEventForm(values);
    const result = parsed.ok ? await updateEvent(c.var.deps.db, event, parsed.data, c.var.deps.clock(), mailSettings(c)) : parsed;
    if (!result.ok) return renderOverview(c, event.id, { values, errors: result.errors }, 422);
    if (result.data.notified > 0) {
      c.var.deps.outboxChanged();
      return redirectWith(c, `/admin/events/${event.id}`, 'notified', { n: result.data.notified });
    }
    return redirectWith(c, `/admin/events/${event.id}`, 'saved');
  })
  .post('/:id{[0-9]+}/publish', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    if (!(await publishEvent(c.var.deps.db, event, c.var.deps.clock()))) throw new DomainError(409, 'edit_not_allowed_now');
    return redirectWith(c, `/admin/events/${event.id}`, 'published');
  })
  .post('/:id{[0-9]+}/unpublish', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    const body = await formBody(c);
    if (!confirmed(body)) {
      const count = await activeRegistrationCount(c.var.deps.db, event.id);
      return renderConfirm(c, { question: c.var.t('edit_confirm_unpublish', { title: event.title, count }), back: `/admin/events/${event.id}` });
    }
    if (!(await unpublishEvent(c.var.deps.db, event, c.var.deps.clock()))) throw new DomainError(409, 'edit_not_allowed_now');
    return redirectWith(c, `/admin/events/${event.id}`, 'unpublished');
  })
  .post('/:id{[0-9]+}/cancel', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    if (event.status === 'cancelled') throw new DomainError(409, 'edit_not_allowed_now');
    const body = await formBody(c);
    if (!confirmed(body)) {
      const count = await activeRegistrationCount(c.var.deps.db, event.id);
      return renderConfirm(c, { question: c.var.t('edit_confirm_cancel', { title: event.title, count }), back: `/admin/events/${event.id}` });
    }
    const told = await cancelEvent(c.var.deps.db, event.id, c.var.deps.clock(), mailSettings(c));
    if (told > 0) c.var.deps.outboxChanged();
    return redirectWith(c, `/admin/events/${event.id}`, 'cancelled', { n: told });
  })
  .post('/:id{[0-9]+}/duplicate', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    const body = await formBody(c);
    const daysText = one(body, 'days').trim();
    const date = one(body, 'start_date').trim();
    let days: number;
    if (/^-?\d{1,5}$/.test(daysText)) days = Number(daysText);
    else if (!daysText && /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`))) days = daysUntil(event, date);
    else throw new DomainError(422, 'edit_duplicate_need');
    const copy = await duplicateEvent(c.var.deps.db, event, days, c.var.organiser, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${copy.id}`, 'duplicated');
  });

const LINK_NOTICES = { saved: 'edit_link_saved', deleted: 'edit_saved' } as const;

async function renderLinks(c: C, eventId: number, form?: Parameters<typeof LinksPage>[0]['form'], status: 200 | 422 = 200) {
  const event = await accessEvent(c, eventId);
  const links = await listLinks(c.var.deps.db, event.id);
  c.status(status);
  return c.render(
    <LinksPage event={event} links={links} form={form ?? { values: { kind: 'read_more', title: '', url: '' }, errors: {} }} notice={status === 200 ? noticeFor(c, LINK_NOTICES) : undefined} />,
    { title: c.var.t('edit_links_title', { title: event.title }) },
  );
}

async function linkOf(c: C) {
  const event = await accessEvent(c, c.req.param('id'));
  const link = await findLink(c.var.deps.db, event.id, idParam(c, 'lid'));
  if (!link) throw new NotFound();
  return { event, link };
}

const linkRoutes = new Hono<AdminEnv>()
  .get('/:id{[0-9]+}/links', (c) => renderLinks(c, idParam(c, 'id')))
  .post('/:id{[0-9]+}/links', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    const values = pickFields(single(await formBody(c)), LINK_FIELDS);
    const parsed = parseLinkForm(values);
    if (!parsed.ok) return renderLinks(c, event.id, { values, errors: parsed.errors }, 422);
    await saveLink(c.var.deps.db, event.id, parsed.data, null, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${event.id}/links`, 'saved');
  })
  .get('/:id{[0-9]+}/links/:lid{[0-9]+}', async (c) => {
    const { event, link } = await linkOf(c);
    return c.render(<LinkEditPage event={event} link={link} form={{ values: linkToForm(link), errors: {} }} />, {
      title: c.var.t('edit_link_edit_title', { title: link.title }),
    });
  })
  .post('/:id{[0-9]+}/links/:lid{[0-9]+}', async (c) => {
    const { event, link } = await linkOf(c);
    const values = pickFields(single(await formBody(c)), LINK_FIELDS);
    const parsed = parseLinkForm(values);
    if (!parsed.ok) {
      c.status(422);
      return c.render(<LinkEditPage event={event} link={link} form={{ values, errors: parsed.errors }} />, {
        title: c.var.t('edit_link_edit_title', { title: link.title }),
      });
    }
    await saveLink(c.var.deps.db, event.id, parsed.data, link.id, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${event.id}/links`, 'saved');
  })
  .post('/:id{[0-9]+}/links/:lid{[0-9]+}/move', async (c) => {
    const { event, link } = await linkOf(c);
    const direction = one(await formBody(c), 'direction') === 'up' ? 'up' : 'down';
    await moveRow(c.var.deps.db, 'links', event.id, link.id, direction, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${event.id}/links`);
  })
  .post('/:id{[0-9]+}/links/:lid{[0-9]+}/delete', async (c) => {
    const { event, link } = await linkOf(c);
    if (!confirmed(await formBody(c))) {
      return renderConfirm(c, { question: c.var.t('edit_confirm_delete_link', { title: link.title }), back: `/admin/events/${event.id}/links` });
    }
    await deleteLink(c.var.deps.db, event.id, link.id, c.var.deps.clock());
    await logAction(c, 'event_content_deleted', `event:${event.id}`, { detail: { link: link.id } });
    return redirectWith(c, `/admin/events/${event.id}/links`, 'deleted');
  });

/**
 * Creating and editing events and everything in them: mounted at /admin/events after `requireOrganiser`
 * (`.route('/events', adminEventRoutes)`). Every /:id route starts with requireEventAccess, so another organiser's
 * event is a 404.
 */
export const adminEventRoutes = new Hono<AdminEnv>()
  .route('/', eventRoutes)
  .route('/', programmeRoutes)
  .route('/', speakerRoutes)
  .route('/', questionRoutes)
  .route('/', linkRoutes);
