import { Hono } from 'hono';
import type { Context } from 'hono';
import { etag } from 'hono/etag';
import { eventCalendar, feedCalendar, itemCalendar, programmeCalendar } from '../calendar';
import { PUBLIC_VIEWER } from '../domain/access';
import { type EventDetails, findPublicEvent, listPublicEvents, loadEventDetails } from '../domain/events';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { scheduleJson, scheduleXml } from '../schedule-formats';
import { pageCache } from './page-cache';
import { contentDisposition } from './request-helpers';

const ICS = 'text/calendar; charset=utf-8';

function calendarFile(c: Context<AppEnv>, body: string, filename: string, type: 'inline' | 'attachment' = 'attachment') {
  return c.body(body, 200, { 'content-type': ICS, 'content-disposition': contentDisposition(type, filename) });
}

async function publicEvent(c: Context<AppEnv>) {
  const event = await findPublicEvent(c.var.deps.db, c.req.param('slug') ?? '');
  if (!event) throw new NotFound();
  return event;
}

async function publicDetails(c: Context<AppEnv>): Promise<EventDetails> {
  return loadEventDetails(c.var.deps.db, await publicEvent(c), PUBLIC_VIEWER);
}

/** What every calendar file here is built with: the site's address and sender, and the visitor's language. */
export const calendarOptions = (c: Context<AppEnv>) => {
  const { baseUrl, mailFrom } = c.var.deps.config;
  return { baseUrl, mailFrom, lang: c.var.lang };
};

/**
 * Calendar files, the subscription feed and the open schedule formats. Everything here is public and built from
 * what the public may see. The files are the same for the same content, so ETags let calendar programs that poll
 * the feed get a 304. (ETags per route: a `use` here would reach every route of the app this is mounted in.)
 */
export const calendarRoutes = new Hono<AppEnv>()
  // The feed of every event is the largest response of all and polled by calendar programs: cached like the pages,
  // so that a matching If-None-Match costs a version lookup.
  .get('/calendar.ics', pageCache(), async (c) => {
    const { db, clock } = c.var.deps;
    const { upcoming, past } = await listPublicEvents(db, clock());
    const name = c.var.t('calendar_feed_name', { site: c.var.t('site_name') });
    return calendarFile(c, feedCalendar([...upcoming, ...past], { ...calendarOptions(c), name }), 'calendar.ics', 'inline');
  })
  .get('/events/:slug/event.ics', etag(), async (c) => {
    const event = await publicEvent(c);
    return calendarFile(c, eventCalendar(event, calendarOptions(c)), `${event.slug}.ics`);
  })
  .get('/events/:slug/programme.ics', etag(), async (c) => {
    const details = await publicDetails(c);
    const ics = programmeCalendar(details, calendarOptions(c));
    return calendarFile(c, ics, `${details.event.slug}-${c.var.lang === 'nb' ? 'program' : 'programme'}.ics`);
  })
  .get('/events/:slug/items/:file{[0-9]+\\.ics}', etag(), async (c) => {
    const id = Number.parseInt(c.req.param('file'), 10);
    // That item alone, not the whole programme.
    const details = await loadEventDetails(c.var.deps.db, await publicEvent(c), PUBLIC_VIEWER, { itemId: id });
    const ics = itemCalendar(details, id, calendarOptions(c));
    if (ics === null) throw new NotFound();
    return calendarFile(c, ics, `${details.event.slug}-${id}.ics`);
  })
  .get('/events/:slug/schedule.json', etag(), async (c) => {
    const body = JSON.stringify(scheduleJson(await publicDetails(c), c.var.deps.config.baseUrl), null, 2);
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  })
  .get('/events/:slug/schedule.xml', etag(), async (c) => {
    const body = scheduleXml(await publicDetails(c), c.var.deps.config.baseUrl);
    return c.body(body, 200, { 'content-type': 'application/xml; charset=utf-8' });
  });
