import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DOMParser } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertConference, insertItem as insertFixtureItem } from '../test/fixtures';
import { createTestDeps } from '../test/helpers';
import { assertWellFormedXml } from '../test/xml';
import type { Database, EventRow } from '../db/schema';
import { PUBLIC_VIEWER } from './domain/access';
import { loadEventDetails } from './domain/events';
import { c3vocJsonErrors, haveSchemas, haveXmllint, scheduleXmlErrors } from '../test/schedule-validators';
import { isoWithOffset, scheduleJson, scheduleXml } from './schedule-formats';
import { uuidV5 } from './uuid-v5';

const BASE = 'https://samling.example';
const STAMP = '2019-05-01T10:00:00.000Z';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let db: Kysely<Database>;
beforeEach(async () => {
  t = await createTestDeps();
  db = t.deps.db;
});
afterEach(() => t.close());

/** The shared test conference, under the slug the schedule's links are checked against. */
const insertEvent = (overrides: Parameters<typeof insertConference>[1] = {}) =>
  insertConference(db, { slug: 'helsekonferansen-2019', summary: 'To dager om samhandling.', ...overrides });

function insertItem(event: EventRow, local: [string, string], title: string, more: { room_id?: number; status?: 'cancelled'; kind?: 'break' } = {}) {
  return insertFixtureItem(db, event, { start: local[0], end: local[1] }, {
    room_id: more.room_id ?? null,
    kind: more.kind ?? 'talk',
    title,
    abstract: `Om ${title}.`,
    status: more.status ?? 'scheduled',
    created_at: STAMP,
    updated_at: STAMP,
  });
}

async function insertFile(event: EventRow, itemId: number | null, filename: string, visibility: 'public' | 'participants' = 'public') {
  return db
    .insertInto('files')
    .values({
      event_id: event.id,
      item_id: itemId,
      speaker_id: null,
      kind: itemId ? 'presentation' : 'document',
      title: filename,
      filename,
      content_type: 'application/pdf',
      size: 2048,
      sha256: 'x',
      storage_key: filename,
      visibility,
      caption: null,
      credit: null,
      alt: null,
      position: 1,
      created_at: STAMP,
      updated_at: STAMP,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function conference() {
  const event = await insertEvent();
  const salA = await db.insertInto('rooms').values({ event_id: event.id, name: 'Sal A', position: 1 }).returningAll().executeTakeFirstOrThrow();
  const salB = await db.insertInto('rooms').values({ event_id: event.id, name: 'Sal B', position: 2 }).returningAll().executeTakeFirstOrThrow();
  const speaker = await db
    .insertInto('speakers')
    .values({ event_id: event.id, name: 'Ola Nordmann', role: 'Overlege', organisation: 'Helse Førde', bio: 'Lege.', photo_file_id: null, position: 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
  const opening = await insertItem(event, ['2019-06-26T09:00', '2019-06-26T09:30'], 'Velkommen');
  const talkA = await insertItem(event, ['2019-06-26T10:00', '2019-06-26T10:45'], 'Samhandling i praksis', { room_id: salA.id });
  const talkB = await insertItem(event, ['2019-06-26T10:00', '2019-06-26T11:30'], 'Arbeid & helse', { room_id: salB.id });
  const lunch = await insertItem(event, ['2019-06-27T11:30', '2019-06-27T12:15'], 'Lunsj', { kind: 'break' });
  const cancelled = await insertItem(event, ['2019-06-27T13:00', '2019-06-27T13:30'], 'Utgått innlegg', { status: 'cancelled' });
  await db.insertInto('item_speakers').values({ item_id: talkA.id, speaker_id: speaker.id, position: 1 }).execute();
  const slides = await insertFile(event, talkA.id, 'samhandling i praksis.pdf');
  const hidden = await insertFile(event, talkA.id, 'bare-for-deltakere.pdf', 'participants');
  const programmePdf = await insertFile(event, null, 'program.pdf');
  const details = await loadEventDetails(db, event, PUBLIC_VIEWER);
  return { event, details, salA, salB, speaker, opening, talkA, talkB, lunch, cancelled, slides, hidden, programmePdf };
}

/** Well-formed XML or an exception: saxes is a strict, conformant parser (linkedom would forgive a bare "&"). */
function parseXml(xml: string) {
  assertWellFormedXml(xml);
  return new DOMParser().parseFromString(xml, 'text/xml');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE_TIME_TZ = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
// What the c3voc schedule.xml.xsd requires of every <event>.
const REQUIRED_EVENT_CHILDREN = ['room', 'title', 'subtitle', 'type', 'date', 'start', 'duration', 'abstract', 'slug', 'track'];

describe('scheduleXml (frab)', () => {
  it('lists days, rooms and events as Giggity and ConfClerk read them', async () => {
    const { event, details, opening, talkA, talkB, lunch, cancelled, speaker, slides } = await conference();
    const doc = parseXml(scheduleXml(details, `${BASE}/`));

    const root = doc.documentElement;
    expect(root.tagName).toBe('schedule');
    expect([...root.children].map((c) => c.tagName)).toEqual(['version', 'conference', 'day', 'day']);
    const conferenceEl = root.querySelector('conference')!;
    const field = (name: string) => conferenceEl.querySelector(name)?.textContent;
    expect(field('title')).toBe('Helsekonferansen 2019');
    expect(field('acronym')).toBe('helsekonferansen_2019');
    expect([field('start'), field('end'), field('days')]).toEqual(['2019-06-26', '2019-06-27', '2']);
    expect(field('time_zone_name')).toBe('Europe/Oslo');
    expect(field('base_url')).toBe(`${BASE}/`);

    const days = [...doc.querySelectorAll('day')];
    expect(days.map((d) => [d.getAttribute('index'), d.getAttribute('date')])).toEqual([
      ['1', '2019-06-26'],
      ['2', '2019-06-27'],
    ]);
    expect(days[0]!.getAttribute('start')).toBe('2019-06-26T00:00:00+02:00');
    expect(days[0]!.getAttribute('end')).toBe('2019-06-27T00:00:00+02:00');

    const roomsOf = (day: Element) => [...day.children].map((r) => `${r.tagName} ${r.getAttribute('name')}`);
    expect(roomsOf(days[0]!)).toEqual(['room Quality Hotel Florø', 'room Sal A', 'room Sal B']);
    expect(roomsOf(days[1]!)).toEqual(['room Quality Hotel Florø']);
    const idsIn = (day: Element) => [...day.querySelectorAll('event')].map((e) => Number(e.getAttribute('id')));
    expect(idsIn(days[0]!)).toEqual([opening.id, talkA.id, talkB.id]);
    // The format has no status: a cancelled talk is left out rather than shown as happening.
    expect(idsIn(days[1]!)).toEqual([lunch.id]);
    expect(doc.querySelector(`event[id="${cancelled.id}"]`)).toBeNull();

    const talk = doc.querySelector(`event[id="${talkA.id}"]`)!;
    const child = (name: string) => [...talk.children].find((c) => c.tagName === name);
    for (const name of REQUIRED_EVENT_CHILDREN) expect(child(name), name).toBeDefined();
    expect(child('title')!.textContent).toBe('Samhandling i praksis');
    expect(child('room')!.textContent).toBe('Sal A');
    expect(child('type')!.textContent).toBe('talk');
    expect(child('date')!.textContent).toBe('2019-06-26T10:00:00+02:00');
    expect(child('start')!.textContent).toBe('10:00');
    expect(child('duration')!.textContent).toBe('00:45');
    expect(child('abstract')!.textContent).toBe('Om Samhandling i praksis.');
    expect(child('language')!.textContent).toBe('nb');
    expect([...talk.querySelectorAll('persons > person')].map((p) => [p.getAttribute('id'), p.textContent])).toEqual([
      [String(speaker.id), 'Ola Nordmann'],
    ]);
    expect(talk.querySelector('persons > person')!.getAttribute('guid')).toMatch(UUID);
    // Only what the public may download; the participants-only file stays out.
    expect([...talk.querySelectorAll('attachments > attachment')].map((a) => a.getAttribute('href'))).toEqual([
      `${BASE}/files/${slides.id}/samhandling%20i%20praksis.pdf`,
    ]);
    expect(talk.querySelector('links > link')!.getAttribute('href')).toBe(`${BASE}/events/${event.slug}/programme#item-${talkA.id}`);
    expect(doc.querySelector(`event[id="${talkB.id}"] duration`)!.textContent).toBe('01:30');

    const events = [...doc.querySelectorAll('event')];
    const guids = events.map((e) => e.getAttribute('guid')!);
    expect(guids.every((g) => UUID.test(g))).toBe(true);
    expect(new Set(guids).size).toBe(guids.length);
    expect(new Set(events.map((e) => e.querySelector('slug')!.textContent)).size).toBe(events.length);
    expect(events.every((e) => DATE_TIME_TZ.test(e.querySelector('date')!.textContent ?? ''))).toBe(true);
  });

  it('gives every item the same GUID on every export', async () => {
    const { details, talkA } = await conference();
    const guid = () => parseXml(scheduleXml(details, BASE)).querySelector(`event[id="${talkA.id}"]`)!.getAttribute('guid');
    expect(guid()).toBe(guid());
    const json = scheduleJson(details, BASE).schedule.conference.days[0]!.rooms['Sal A']!;
    expect(guid()).toBe(json.find((i) => i.id === talkA.id)!.guid);
  });

  it('escapes markup and quotes and drops characters XML cannot hold', async () => {
    const event = await insertEvent({ title: 'Tom & "Jerry" <live>', slug: 'tom-og-jerry' });
    await insertItem(event, ['2019-06-26T09:00', '2019-06-26T10:00'], `<b>Fisk</b> & 'chips'\u0001 – ærlig`);
    const details = await loadEventDetails(db, event, PUBLIC_VIEWER);
    const doc = parseXml(scheduleXml(details, BASE));
    expect(doc.querySelector('conference title')!.textContent).toBe('Tom & "Jerry" <live>');
    expect(doc.querySelector('event title')!.textContent).toBe(`<b>Fisk</b> & 'chips' – ærlig`);
    expect(doc.querySelector('day > room')!.getAttribute('name')).toBe('Quality Hotel Florø');
  });

  it('writes winter times with the winter offset', async () => {
    const event = await insertEvent({ slug: 'vinterseminar', local: ['2027-01-14T09:00', '2027-01-14T15:30'] });
    await insertItem(event, ['2027-01-14T09:00', '2027-01-14T09:20'], 'Åpning');
    const doc = parseXml(scheduleXml(await loadEventDetails(db, event, PUBLIC_VIEWER), BASE));
    expect(doc.querySelector('event date')!.textContent).toBe('2027-01-14T09:00:00+01:00');
    expect(doc.querySelector('event start')!.textContent).toBe('09:00');
    expect(doc.querySelector('event duration')!.textContent).toBe('00:20');
  });
});

describe('scheduleJson (C3VOC)', () => {
  it('has the conference, its days and rooms, and each item with its persons and attachments', async () => {
    const { event, details, salA, opening, talkA, talkB, lunch, cancelled, speaker, slides } = await conference();
    // What an app receives: the shape survives JSON.
    const json = JSON.parse(JSON.stringify(scheduleJson(details, BASE))) as ReturnType<typeof scheduleJson>;
    const { conference: conf } = json.schedule;
    expect(json.schedule.base_url).toBe(`${BASE}/`);
    expect(conf).toMatchObject({
      acronym: 'helsekonferansen_2019',
      title: 'Helsekonferansen 2019',
      description: 'To dager om samhandling.',
      start: '2019-06-26',
      end: '2019-06-27',
      daysCount: 2,
      time_zone_name: 'Europe/Oslo',
      url: `${BASE}/events/${event.slug}`,
    });
    expect(conf.rooms.map((r) => r.name)).toEqual(['Quality Hotel Florø', 'Sal A', 'Sal B']);
    expect(conf.rooms.every((r) => UUID.test(r.guid))).toBe(true);
    expect(new Set(conf.rooms.map((r) => r.guid)).size).toBe(3);

    const [day1, day2] = conf.days;
    expect([day1!.index, day1!.date, day1!.day_start, day1!.day_end]).toEqual([1, '2019-06-26', '2019-06-26T00:00:00+02:00', '2019-06-27T00:00:00+02:00']);
    const ids = (day: typeof day1) => Object.entries(day!.rooms).map(([room, items]) => [room, items.map((i) => i.id)]);
    expect(ids(day1)).toEqual([['Quality Hotel Florø', [opening.id]], ['Sal A', [talkA.id]], ['Sal B', [talkB.id]]]);
    // The format has no status: a cancelled talk is left out rather than shown as happening (the API has it).
    expect(ids(day2)).toEqual([['Quality Hotel Florø', [lunch.id]]]);
    expect(JSON.stringify(json)).not.toContain(cancelled.title);

    const talk = day1!.rooms[salA.name]![0]!;
    expect(talk).toMatchObject({
      id: talkA.id,
      date: '2019-06-26T10:00:00+02:00',
      start: '10:00',
      end: '2019-06-26T10:45:00+02:00',
      duration: '00:45',
      room: 'Sal A',
      slug: `helsekonferansen_2019-item-${talkA.id}`,
      url: `${BASE}/events/${event.slug}/programme#item-${talkA.id}`,
      title: 'Samhandling i praksis',
      type: 'talk',
      language: 'nb',
      abstract: 'Om Samhandling i praksis.',
      persons: [{ name: 'Ola Nordmann', url: `${BASE}/events/${event.slug}/speakers/${speaker.id}`, biography: 'Lege.' }],
      // Only what the public may download; the participants-only file stays out.
      attachments: [{ type: 'slides', url: `${BASE}/files/${slides.id}/samhandling%20i%20praksis.pdf`, title: slides.title }],
    });
    expect(talk.guid).toMatch(UUID);
    expect(talk.persons[0]!.guid).toMatch(UUID);
    expect(day1!.rooms['Sal B']![0]!.duration).toBe('01:30');
  });

  it.skipIf(!haveSchemas)('validates against the C3VOC schema.json, as does the pretalx example beside it', async () => {
    const { SCHEMAS_DIR } = await import('../test/schedule-validators');
    const { readFileSync } = await import('node:fs');
    // The validator itself: pretalx's example passes, and a broken copy of ours fails.
    expect(c3vocJsonErrors(JSON.parse(readFileSync(`${SCHEMAS_DIR}c3voc-example-pretalx-democon.json`, 'utf8')))).toEqual([]);
    const { details } = await conference();
    const json = JSON.parse(JSON.stringify(scheduleJson(details, BASE)));
    expect(c3vocJsonErrors(json)).toEqual([]);
    json.schedule.conference.days[0].rooms['Sal A'][0].duration = 45;
    expect(c3vocJsonErrors(json).join()).toContain('/duration');
  });

  it.skipIf(!haveSchemas)('validates with hostile titles, an empty programme and a short slug', async () => {
    const event = await insertEvent({ title: 'Tom & "Jerry" <live>', slug: 'tom' });
    await insertItem(event, ['2019-06-26T09:00', '2019-06-26T10:00'], `<b>Fisk</b> & 'chips'\r\n;,\\`);
    expect(c3vocJsonErrors(scheduleJson(await loadEventDetails(db, event, PUBLIC_VIEWER), BASE))).toEqual([]);
    const empty = await insertEvent({ slug: 'tomt-seminar-2027' });
    expect(c3vocJsonErrors(scheduleJson(await loadEventDetails(db, empty, PUBLIC_VIEWER), `${BASE}/`))).toEqual([]);
  });
});

describe.skipIf(!haveXmllint)('schedule.xml against the C3VOC XSD (xmllint)', () => {
  it('validates, and xmllint rejects a broken copy', async () => {
    const { details } = await conference();
    const xml = scheduleXml(details, BASE);
    expect(scheduleXmlErrors(xml)).toBe('');
    expect(scheduleXmlErrors(xml.replace(/guid="[^"]+"/, 'guid="not-a-uuid"'))).toMatch(/guid/);
  });
});

describe('uuidV5 and isoWithOffset', () => {
  it('gives RFC 9562 name-based UUIDs', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    // Against Node's SHA-1, for names that span several 64-byte blocks and hold non-ASCII text.
    for (const name of ['', 'https://samling.example/programme-items/1', `https://bodø.example/${'ø'.repeat(90)}`]) {
      const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
      const bytes = createHash('sha1').update(Buffer.concat([ns, Buffer.from(name, 'utf8')])).digest().subarray(0, 16);
      bytes[6] = (bytes[6]! & 0x0f) | 0x50;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = bytes.toString('hex');
      expect(uuidV5(name)).toBe(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
    }
  });

  it('writes local time with the offset of that instant', () => {
    expect(isoWithOffset('2019-06-26T07:00:00.000Z', 'Europe/Oslo')).toBe('2019-06-26T09:00:00+02:00');
    expect(isoWithOffset('2027-01-14T08:00:00.000Z', 'Europe/Oslo')).toBe('2027-01-14T09:00:00+01:00');
    expect(isoWithOffset('2027-01-14T14:00:00.000Z', 'America/New_York')).toBe('2027-01-14T09:00:00-05:00');
    expect(isoWithOffset('2027-01-14T03:30:00.000Z', 'Asia/Kolkata')).toBe('2027-01-14T09:00:00+05:30');
  });
});
