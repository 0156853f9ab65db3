import ICAL from 'ical.js';
import { DOMParser } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow, FileRow, ProgrammeItemRow } from '../../db/schema';
import { insertEvent, insertItem } from '../../test/fixtures';
import { createTestDeps } from '../../test/helpers';
import { createApp } from '../app';
import { seedDemo } from '../demo/seed';
import type { ScheduleJson } from '../schedule-formats';
import { c3vocJsonErrors, haveSchemas, haveXmllint, scheduleXmlErrors } from '../../test/schedule-validators';

const scheduledItems = (json: ScheduleJson) =>
  json.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat()).sort((a, b) => a.date.localeCompare(b.date));
import { assertWellFormedXml } from '../../test/xml';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let event: EventRow;
let other: EventRow;
let draft: EventRow;
let cancelledEvent: EventRow;
let talk: ProgrammeItemRow;
let otherItem: ProgrammeItemRow;
let publicSlides: FileRow;
let privateSlides: FileRow;

const STAMP = '2026-01-01T00:00:00.000Z';

async function insertSlides(item: ProgrammeItemRow, filename: string, visibility: 'public' | 'participants') {
  return t.deps.db
    .insertInto('files')
    .values({
      event_id: item.event_id,
      item_id: item.id,
      speaker_id: null,
      kind: 'presentation',
      title: filename,
      filename,
      content_type: 'application/pdf',
      size: 10,
      sha256: 'x',
      storage_key: filename,
      visibility,
      caption: null,
      credit: null,
      alt: null,
      position: 0,
      created_at: STAMP,
      updated_at: STAMP,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestDeps({ now: new Date('2026-11-23T12:00:00Z') });
  const db = t.deps.db;
  app = createApp(t.deps);
  event = await insertEvent(db, { slug: 'arbeidslivskonferansen', title: 'Arbeidslivskonferansen', localStart: '2027-06-09T09:00', localEnd: '2027-06-10T15:00' });
  talk = await insertItem(db, event, { start: '2027-06-09T09:00', end: '2027-06-09T09:45' }, { title: 'Åpningsinnlegg' });
  await insertItem(db, event, { start: '2027-06-10T10:00', end: '2027-06-10T11:00' }, { title: 'Dag to' });
  publicSlides = await insertSlides(talk, 'apning.pdf', 'public');
  privateSlides = await insertSlides(talk, 'intern.pdf', 'participants');
  other = await insertEvent(db, { slug: 'et-annet-seminar', title: 'Et annet seminar' });
  otherItem = await insertItem(db, other, { start: '2027-01-14T09:00', end: '2027-01-14T10:00' });
  draft = await insertEvent(db, { slug: 'kladd', status: 'draft', title: 'Hemmelig kladd' });
  cancelledEvent = await insertEvent(db, { slug: 'avlyst', status: 'cancelled', title: 'Avlyst frokostmøte' });
});
afterAll(() => t.close());

function ics(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('calendar files', () => {
  it('serves the event as a downloadable .ics in the event zone', async () => {
    const res = await app.request('/events/arbeidslivskonferansen/event.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="arbeidslivskonferansen\.ics"/);
    const { calendar, events } = ics(await res.text());
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Oslo');
    expect(events[0]!.uid).toBe(`event-${event.id}@localhost`);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2027-06-09T07:00:00.000Z');
    expect(events[0]!.description).toContain('http://localhost:3000/events/arbeidslivskonferansen');
  });

  it('answers a repeated request with 304 Not Modified', async () => {
    const first = await app.request('/events/arbeidslivskonferansen/programme.ics');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await app.request('/events/arbeidslivskonferansen/programme.ics', { headers: { 'if-none-match': tag! } });
    expect(again.status).toBe(304);
  });

  it('serves the whole programme and each item, in the visitor language', async () => {
    const programme = await app.request('/events/arbeidslivskonferansen/programme.ics?lang=en');
    expect(programme.headers.get('content-disposition')).toMatch(/filename="arbeidslivskonferansen-programme\.ics"/);
    const { calendar, events } = ics(await programme.text());
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Arbeidslivskonferansen – programme');
    expect(events.map((e) => e.summary)).toEqual(['Åpningsinnlegg', 'Dag to']);
    expect(events[0]!.description).toContain('More information:');

    const item = await app.request(`/events/arbeidslivskonferansen/items/${talk.id}.ics`);
    expect(item.status).toBe(200);
    expect(item.headers.get('content-disposition')).toMatch(new RegExp(`filename="arbeidslivskonferansen-${talk.id}\\.ics"`));
    const single = ics(await item.text());
    expect(single.events.map((e) => e.uid)).toEqual([`item-${talk.id}@localhost`]);
    expect(single.events[0]!.description).toContain(`/files/${publicSlides.id}/apning.pdf`);
    expect(single.events[0]!.description).not.toContain('intern.pdf');
  });

  it('offers the subscription feed inline, with published and cancelled events but no drafts', async () => {
    const res = await app.request('/calendar.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="calendar\.ics"/);
    const body = await res.text();
    const { calendar, events } = ics(body);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Samling – arrangementer');
    expect(body).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    const uids = events.map((e) => e.uid);
    expect(uids).toEqual(expect.arrayContaining([event, other, cancelledEvent].map((e) => `event-${e.id}@localhost`)));
    expect(uids).not.toContain(`event-${draft.id}@localhost`);
    const cancelled = calendar.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `event-${cancelledEvent.id}@localhost`)!;
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it.each([
    '/events/finnes-ikke/event.ics',
    '/events/finnes-ikke/programme.ics',
    '/events/finnes-ikke/schedule.json',
    '/events/finnes-ikke/schedule.xml',
    '/events/kladd/event.ics',
    '/events/kladd/programme.ics',
    '/events/kladd/schedule.json',
    '/events/kladd/schedule.xml',
    '/events/arbeidslivskonferansen/items/999999.ics',
    '/events/arbeidslivskonferansen/items/abc.ics',
  ])('answers 404 for %s', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('answers 404 for an item of another event', async () => {
    const res = await app.request(`/events/arbeidslivskonferansen/items/${otherItem.id}.ics`);
    expect(res.status).toBe(404);
  });
});

describe('schedule formats', () => {
  it('serves the programme as JSON with public materials only', async () => {
    const res = await app.request('/events/arbeidslivskonferansen/schedule.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const schedule = (await res.json()) as ScheduleJson;
    expect(schedule.schedule.conference.acronym).toBe('arbeidslivskonferansen');
    expect(schedule.schedule.conference.days.map((d) => d.date)).toEqual(['2027-06-09', '2027-06-10']);
    const first = scheduledItems(schedule)[0]!;
    expect([first.title, first.date, first.duration]).toEqual(['Åpningsinnlegg', '2027-06-09T09:00:00+02:00', '00:45']);
    expect(first.attachments.map((m) => m.url)).toEqual([`http://localhost:3000/files/${publicSlides.id}/apning.pdf`]);
    expect(JSON.stringify(schedule)).not.toContain(`/files/${privateSlides.id}/`);
    if (haveSchemas) expect(c3vocJsonErrors(schedule)).toEqual([]);
  });

  it('serves frab XML that a strict parser accepts', async () => {
    const res = await app.request('/events/arbeidslivskonferansen/schedule.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    assertWellFormedXml(xml);
    if (haveXmllint) expect(scheduleXmlErrors(xml)).toBe('');
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    expect([...doc.querySelectorAll('day')].map((d) => d.getAttribute('date'))).toEqual(['2027-06-09', '2027-06-10']);
    expect(doc.querySelector(`event[id="${talk.id}"] title`)!.textContent).toBe('Åpningsinnlegg');
  });
});

describe('with the demo events', () => {
  it('gives parseable calendar files and schedules for every public event and programme item', async () => {
    const demo = await createTestDeps({ now: new Date('2026-11-23T12:00:00Z') });
    try {
      expect(await seedDemo(demo.deps.db, demo.deps.files, demo.deps.clock())).toBe(true);
      const demoApp = createApp(demo.deps);
      const events = await demo.deps.db.selectFrom('events').selectAll().where('status', '!=', 'draft').execute();
      expect(events.length).toBeGreaterThan(0);
      const feed = ics(await (await demoApp.request('/calendar.ics')).text());
      expect(feed.events).toHaveLength(events.length);
      for (const e of events) {
        const items = await demo.deps.db.selectFrom('programme_items').select('id').where('event_id', '=', e.id).execute();
        const paths = [`/events/${e.slug}/event.ics`, `/events/${e.slug}/programme.ics`, ...items.map((i) => `/events/${e.slug}/items/${i.id}.ics`)];
        for (const path of paths) {
          const res = await demoApp.request(path);
          expect(res.status, path).toBe(200);
          const parsed = ics(await res.text());
          expect(parsed.events.length, path).toBeGreaterThan(0);
          for (const ev of parsed.events) expect(ev.startDate.zone?.tzid, path).toBe('Europe/Oslo');
        }
        const json = (await (await demoApp.request(`/events/${e.slug}/schedule.json`)).json()) as ScheduleJson;
        const scheduled = await demo.deps.db.selectFrom('programme_items').select('id').where('event_id', '=', e.id).where('status', '!=', 'cancelled').execute();
        expect(scheduledItems(json)).toHaveLength(scheduled.length);
        if (haveSchemas) expect(c3vocJsonErrors(json), e.slug).toEqual([]);
        const xml = await (await demoApp.request(`/events/${e.slug}/schedule.xml`)).text();
        assertWellFormedXml(xml);
        if (haveXmllint) expect(scheduleXmlErrors(xml), e.slug).toBe('');
      }
    } finally {
      await demo.close();
    }
  });
});
