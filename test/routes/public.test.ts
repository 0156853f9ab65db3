import { DOMParser } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { seedDemo } from '../../src/demo/seed';
import { register } from '../../src/domain/registration';
import { insertEvent, insertItem } from '../fixtures';
import { SETTINGS, person } from '../registration-helpers';
import { createTestDeps } from '../helpers';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let app: ReturnType<typeof createApp>;
let conference: EventRow;
let seminar: EventRow;
let upcoming: EventRow;

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
const texts = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)].map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? '');

async function page(path: string, init: RequestInit = {}) {
  const res = await app.request(path, init);
  const body = await res.text();
  return { res, body, doc: parse(body) };
}

beforeAll(async () => {
  t = await createTestDeps({ now: new Date('2026-11-23T12:00:00Z') });
  expect(await seedDemo(t.deps.db, t.deps.files, t.deps.clock())).toBe(true);
  app = createApp(t.deps);
  const events = await t.deps.db.selectFrom('events').selectAll().orderBy('starts_at').execute();
  [seminar, conference, upcoming] = [
    events.find((e) => e.kind === 'seminar' && e.starts_at < '2026')!,
    events.find((e) => e.kind === 'conference' && e.starts_at.startsWith('2019'))!,
    events.find((e) => e.starts_at > '2026-11-23')!,
  ];
  expect(seminar && conference && upcoming).toBeTruthy();
});
afterAll(() => t.close());

describe('the home page', () => {
  it('lists the upcoming event first and the two seed events as past', async () => {
    const { res, doc } = await page('/');
    expect(res.status).toBe(200);
    expect(doc.documentElement.getAttribute('lang')).toBe('nb');
    const [upcomingList, pastList] = [...doc.querySelectorAll('.event-list')];
    expect(upcomingList?.textContent).toContain(upcoming.title);
    expect(pastList?.textContent).toContain(conference.title);
    expect(pastList?.textContent).toContain(seminar.title);
    expect(texts(doc, '#past + .event-list .meta').join(' ')).toContain('26.–27. juni 2019');
  });

  it('speaks English when asked and remembers it in a cookie', async () => {
    const first = await page('/?lang=en');
    expect(first.doc.querySelector('h1')?.textContent).toBe('Seminars and conferences');
    expect(first.body).toContain('26–27 June 2019');
    const cookie = first.res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/lang=en/);
    const second = await page(`/events/${conference.slug}`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(second.doc.documentElement.getAttribute('lang')).toBe('en');
    expect(second.body).toContain('Published 25 June 2019');
  });

  it('follows Accept-Language when nothing was chosen', async () => {
    const { doc } = await page('/', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
  });
});

describe('the Helse Nord conference', () => {
  it('shows the article: title, dates, published and updated, goals, image with credit, programme PDF and video', async () => {
    const { res, doc, body } = await page(`/events/${conference.slug}`);
    expect(res.status).toBe(200);
    expect(doc.querySelector('h1')?.textContent).toBe(conference.title);
    expect(texts(doc, '.facts dd').join(' ')).toContain('26.–27. juni 2019');
    expect(body).toContain('Publisert 25.06.2019');
    expect(body).toContain('Sist oppdatert 01.07.2019');
    expect(doc.querySelectorAll('.description li').length).toBeGreaterThanOrEqual(5);
    expect(doc.querySelector('figure img')?.getAttribute('alt')).toBeTruthy();
    expect(texts(doc, '#documents + .files a').join(' ')).toContain('Program 26-27 juni');
    expect(texts(doc, '.links li').join(' ')).toContain('Torbjørn Røe Isaksen');
  });

  it('describes itself to search engines and link previews', async () => {
    const { doc } = await page(`/events/${conference.slug}`);
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}');
    expect(ld['@type']).toBe('Event');
    expect(new Date(ld.startDate).toISOString()).toBe(conference.starts_at);
    expect(ld.startDate).toMatch(/[+-]\d{2}:\d{2}$/);
    expect(ld.eventStatus).toBe('https://schema.org/EventScheduled');
    expect(doc.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe(conference.title);
    expect(doc.querySelector('meta[property="og:image"]')?.getAttribute('content')).toMatch(/^http:\/\/localhost:3000\/files\/\d+\//);
  });

  it('has its two days in order, each in time order, with the parallel rooms named', async () => {
    const { doc } = await page(`/events/${conference.slug}/programme`);
    expect(texts(doc, '.day h2')).toEqual(['onsdag 26. juni', 'torsdag 27. juni']);
    for (const day of doc.querySelectorAll('.day')) {
      const times = [...day.querySelectorAll('.item-time time')].map((e) => e.getAttribute('datetime') ?? '');
      expect(times.length).toBeGreaterThan(2);
      expect([...times].sort()).toEqual(times);
    }
    expect(doc.querySelector('.slot.parallel')).not.toBeNull();
    expect(texts(doc, '.rooms').join(' ')).toContain('Plenumssalen');
    expect(texts(doc, '.item-time')[0]).toMatch(/^kl\. \d\d\.\d\d–\d\d\.\d\d/);
  });

  it('has an English programme with English day names and times', async () => {
    const { doc } = await page(`/events/${conference.slug}/programme?lang=en`);
    expect(texts(doc, '.day h2')).toEqual(['Wednesday 26 June', 'Thursday 27 June']);
    expect(texts(doc, '.item-time')[0]).toMatch(/^\d\d:\d\d–\d\d:\d\d/);
  });

  it('lets anyone download each of the five presentations as a real PDF', async () => {
    const { doc } = await page(`/events/${conference.slug}/materials`);
    const links = [...doc.querySelectorAll('#presentations + .files a.file-link')].map((a) => a.getAttribute('href')!);
    expect(links).toHaveLength(5);
    for (const href of links) {
      const res = await app.request(href);
      expect(res.status, href).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''.+\.pdf/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    }
  });

  it('serves a byte range, and answers a repeated download with 304', async () => {
    const { doc } = await page(`/events/${conference.slug}/materials`);
    const href = doc.querySelector('#presentations + .files a.file-link')!.getAttribute('href')!;
    const full = await app.request(href);
    const bytes = new Uint8Array(await full.arrayBuffer());
    const part = await app.request(href, { headers: { range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(0, 8));
    const again = await app.request(href, { headers: { 'if-none-match': full.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const outside = await app.request(href, { headers: { range: `bytes=${bytes.length}-` } });
    expect(outside.status).toBe(416);
  });

  it('links each speaker to their talks and slides', async () => {
    const { doc } = await page(`/events/${conference.slug}/speakers`);
    const speakerLinks = [...doc.querySelectorAll('.speaker-card h2 a')].map((a) => a.getAttribute('href')!);
    expect(speakerLinks.length).toBeGreaterThanOrEqual(5);
    let withSlides = 0;
    for (const href of speakerLinks) {
      const speaker = await page(href);
      expect(speaker.res.status).toBe(200);
      if (speaker.doc.querySelector('#speaker-items')) {
        const itemLink = speaker.doc.querySelector('.speaker-items a')!.getAttribute('href')!;
        expect(itemLink).toMatch(new RegExp(`^/events/${conference.slug}/programme#item-\\d+$`));
      }
      if (speaker.doc.querySelector('#speaker-files + .files a[href^="/files/"]')) withSlides++;
    }
    expect(withSlides).toBeGreaterThanOrEqual(4);
  });
});

describe('times across daylight saving', () => {
  it('shows a talk at 09:00 Oslo time as 09.00 in June and in January', async () => {
    for (const day of ['2027-06-16', '2027-01-14']) {
      const event = await insertEvent(t.deps.db, { localStart: `${day}T08:30`, localEnd: `${day}T16:00` });
      await insertItem(t.deps.db, event, { start: `${day}T09:00`, end: `${day}T10:30` }, { title: 'Morgenforedrag' });
      const { doc } = await page(`/events/${event.slug}/programme`);
      expect(texts(doc, '.item-time')[0]).toBe('kl. 09.00–10.30');
      const en = await page(`/events/${event.slug}/programme?lang=en`);
      expect(texts(en.doc, '.item-time')[0]).toBe('09:00–10:30');
    }
  });
});

describe('what visitors must not see or break', () => {
  it('gives a friendly 404 in the visitor’s language for unknown pages', async () => {
    for (const path of ['/events/finnes-ikke', '/events/finnes-ikke/programme', '/no/such/page', `/events/${conference.slug}/speakers/99999`, '/files/99999/x.pdf']) {
      const { res, doc } = await page(path);
      expect(res.status, path).toBe(404);
      expect(doc.querySelector('h1')?.textContent).toBe('Fant ikke siden');
    }
    const en = await page('/events/does-not-exist?lang=en');
    expect(en.res.status).toBe(404);
    expect(en.doc.querySelector('h1')?.textContent).toBe('Page not found');
  });

  it('keeps drafts and their files hidden', async () => {
    const draft = await insertEvent(t.deps.db, { status: 'draft', title: 'Hemmelig utkast' });
    expect((await app.request(`/events/${draft.slug}`)).status).toBe(404);
    const home = await page('/');
    expect(home.body).not.toContain('Hemmelig utkast');
  });

  it('escapes whatever an organiser typed', async () => {
    const event = await insertEvent(t.deps.db, {
      title: '<script>alert("x")</script>Seminar',
      summary: '<img src=x onerror=alert(1)>',
      description: '<script>alert(2)</script>\n\n[lenke](javascript:alert(3))',
    });
    const { body, doc } = await page(`/events/${event.slug}`);
    expect(doc.querySelector('h1')?.textContent).toBe('<script>alert("x")</script>Seminar');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toMatch(/href="javascript:/);
  });

  it('shows a change at once, although pages are cached', async () => {
    const before = await page(`/events/${conference.slug}`);
    const etag = before.res.headers.get('etag')!;
    expect((await app.request(`/events/${conference.slug}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    await t.deps.db.updateTable('events').set({ summary: 'Endret ingress' }).where('id', '=', conference.id).execute();
    const after = await page(`/events/${conference.slug}`, { headers: { 'if-none-match': etag } });
    expect(after.res.status).toBe(200);
    expect(after.doc.querySelector('.lead')?.textContent).toBe('Endret ingress');
  });

  it('lists only participants who agreed to be listed, by name or by organisation', async () => {
    for (const public_list of ['names', 'organisations'] as const) {
      const event = await insertEvent(t.deps.db, { public_list, registration_opens_at: '2026-11-01T00:00:00.000Z' });
      await register(t.deps.db, event.id, person({ name: 'Synlig Deltaker', email: 'ja@example.no', organisation: 'NAV', listed: true }), 'nb', t.deps.clock(), SETTINGS);
      await register(t.deps.db, event.id, person({ name: 'Skjult Deltaker', email: 'nei@example.no', organisation: 'Bragd AS', listed: false }), 'nb', t.deps.clock(), SETTINGS);
      const { res, body } = await page(`/events/${event.slug}/participants`);
      expect(res.status).toBe(200);
      expect(body).toContain('NAV');
      expect(body).not.toContain('Skjult Deltaker');
      expect(body).not.toContain('Bragd AS');
      expect(body.includes('Synlig Deltaker')).toBe(public_list === 'names');
    }
    const hidden = await insertEvent(t.deps.db, { public_list: 'off' });
    expect((await app.request(`/events/${hidden.slug}/participants`)).status).toBe(404);
  });

  it('redirects a trailing slash, and offers the calendar feed to subscribe to', async () => {
    const res = await app.request(`/events/${conference.slug}/`);
    expect(res.status).toBe(301);
    expect(new URL(res.headers.get('location')!, 'http://localhost').pathname).toBe(`/events/${conference.slug}`);
    const { doc } = await page('/');
    expect([...doc.querySelectorAll('footer a')].map((a) => a.getAttribute('href'))).toContain('webcal://localhost:3000/calendar.ics');
  });

  it('answers the health check', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
