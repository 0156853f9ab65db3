import { Hono } from 'hono';
import { type EventFormState, EventOverviewPage, NewEventPage } from '../../../views/admin/event-form';
import { LinkEditPage, LinksPage } from '../../../views/admin/event-links';
import type { AdminEnv } from './session';
import { duplicateEvent } from '../../domain/event-duplication';
import {
  activeRegistrationCount,
  blankEventForm,
  createEvent,
  eventFormValues,
  eventToForm,
  parseEventForm,
  publishEvent,
  unpublishEvent,
  updateEvent,
} from '../../domain/event-editing';
import { LINK_FIELDS, linkList, linkToForm, listLinks, parseLinkForm } from '../../domain/link-editing';
import { daysUntil } from '../../domain/local-shift';
import { cancelEvent } from '../../domain/event-changes';
import { DomainError } from '../../errors';
import { isCalendarDate } from '../../time';
import { type C, accessEvent, confirmed, formBody, idParam, noticeFor, one, redirectWith, renderConfirm, single } from './event-helpers';
import { orderedListRoutes } from './ordered-list-routes';
import { programmeRoutes } from './programme';
import { questionRoutes } from './questions';
import { speakerRoutes } from './speakers';
import { adminEventPath } from '../../urls';

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
    return redirectWith(c, adminEventPath(result.data), 'created');
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
      return redirectWith(c, adminEventPath(event), 'notified', { n: result.data.notified });
    }
    return redirectWith(c, adminEventPath(event), 'saved');
  })
  .post('/:id{[0-9]+}/publish', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    if (!(await publishEvent(c.var.deps.db, event, c.var.deps.clock()))) throw new DomainError(409, 'edit_not_allowed_now');
    return redirectWith(c, adminEventPath(event), 'published');
  })
  .post('/:id{[0-9]+}/unpublish', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    const body = await formBody(c);
    if (!confirmed(body)) {
      const count = await activeRegistrationCount(c.var.deps.db, event.id);
      return renderConfirm(c, { question: c.var.t('edit_confirm_unpublish', { title: event.title, count }), back: adminEventPath(event) });
    }
    if (!(await unpublishEvent(c.var.deps.db, event, c.var.deps.clock()))) throw new DomainError(409, 'edit_not_allowed_now');
    return redirectWith(c, adminEventPath(event), 'unpublished');
  })
  .post('/:id{[0-9]+}/cancel', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    if (event.status === 'cancelled') throw new DomainError(409, 'edit_not_allowed_now');
    const body = await formBody(c);
    if (!confirmed(body)) {
      const count = await activeRegistrationCount(c.var.deps.db, event.id);
      return renderConfirm(c, { question: c.var.t('edit_confirm_cancel', { title: event.title, count }), back: adminEventPath(event) });
    }
    const told = await cancelEvent(c.var.deps.db, event.id, c.var.deps.clock(), mailSettings(c));
    if (told > 0) c.var.deps.outboxChanged();
    return redirectWith(c, adminEventPath(event), 'cancelled', { n: told });
  })
  .post('/:id{[0-9]+}/duplicate', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    const body = await formBody(c);
    const daysText = one(body, 'days').trim();
    const date = one(body, 'start_date').trim();
    let days: number;
    if (/^-?\d{1,5}$/.test(daysText)) days = Number(daysText);
    else if (!daysText && isCalendarDate(date)) days = daysUntil(event, date);
    else throw new DomainError(422, 'edit_duplicate_need');
    const copy = await duplicateEvent(c.var.deps.db, event, days, c.var.organiser, c.var.deps.clock());
    return redirectWith(c, adminEventPath(copy), 'duplicated');
  });

/** /admin/events/:id/links: the links on the event page (video, read more, …). */
const linkRoutes = orderedListRoutes({
  path: 'links',
  param: 'lid',
  fields: LINK_FIELDS,
  blank: { kind: 'read_more', title: '', url: '' },
  notices: { saved: 'edit_link_saved', deleted: 'edit_saved' },
  parse: parseLinkForm,
  toForm: linkToForm,
  rows: linkList,
  listPage: async (c, event, form, notice) =>
    c.render(<LinksPage event={event} links={await listLinks(c.var.deps.db, event.id)} form={form} notice={notice} />, {
      title: c.var.t('edit_links_title', { title: event.title }),
    }),
  editPage: (c, event, link, form) => c.render(<LinkEditPage event={event} link={link} form={form} />, { title: c.var.t('edit_link_edit_title', { title: link.title }) }),
  beforeDelete: async (c, link) => ({ confirm: c.var.t('edit_confirm_delete_link', { title: link.title }), audit: { link: link.id } }),
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
