import ICAL from 'ical.js';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertConference, insertItem as insertFixtureItem } from '../test/fixtures';
import { createTestDeps } from '../test/helpers';
import type { Database, EventRow } from '../db/schema';
import {
  eventCalendar,
  feedCalendar,
  googleCalendarUrl,
  invitation,
  itemCalendar,
  personalCalendar,
  programmeCalendar,
} from './calendar';
import { PUBLIC_VIEWER } from './domain/access';
import { loadEventDetails } from './domain/events';
import { zonedToUtc } from './time';

const BASE = 'https://samling.example';
const MAIL_FROM = 'Samling <noreply@samling.example>';
const STAMP = '2019-05-01T10:00:00.000Z';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let db: Kysely<Database>;
beforeEach(async () => {
  t = await createTestDeps();
  db = t.deps.db;
});
afterEach(() => t.close());

/** The shared test conference, with a contact and a capacity as invitations show them. */
const insertEvent = (overrides: Parameters<typeof insertConference>[1] = {}) =>
  insertConference(db, { contact_name: 'Kari Nordmann', contact_email: 'konferanse@helse-forde.no', capacity: 120, ...overrides });

function insertItem(event: EventRow, local: [string, string], columns: { title: string; room_id?: number; status?: 'cancelled' }) {
  return insertFixtureItem(db, event, { start: local[0], end: local[1] }, {
    room_id: columns.room_id ?? null,
    title: columns.title,
    abstract: `Om ${columns.title.toLowerCase()}.`,
    status: columns.status ?? 'scheduled',
    created_at: STAMP,
    updated_at: STAMP,
  });
}

/** The two-day conference of the seed article: a plenary, a talk in a room with a speaker and slides, a cancelled talk. */
async function conference() {
  const event = await insertEvent();
  const room = await db.insertInto('rooms').values({ event_id: event.id, name: 'Sal A', position: 1 }).returningAll().executeTakeFirstOrThrow();
  const speaker = await db
    .insertInto('speakers')
    .values({ event_id: event.id, name: 'Ola Nordmann', role: 'Overlege', organisation: 'Helse Førde', bio: null, photo_file_id: null, position: 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
  const opening = await insertItem(event, ['2019-06-26T09:00', '2019-06-26T09:30'], { title: 'Velkommen' });
  const talk = await insertItem(event, ['2019-06-26T10:00', '2019-06-26T10:45'], { title: 'Samhandling i praksis', room_id: room.id });
  const dayTwo = await insertItem(event, ['2019-06-27T09:00', '2019-06-27T10:00'], { title: 'Arbeid og helse' });
  const cancelled = await insertItem(event, ['2019-06-27T11:00', '2019-06-27T11:30'], { title: 'Utgått innlegg', status: 'cancelled' });
  await db.insertInto('item_speakers').values({ item_id: talk.id, speaker_id: speaker.id, position: 1 }).execute();
  await db
    .insertInto('files')
    .values({
      event_id: event.id,
      item_id: talk.id,
      speaker_id: null,
      kind: 'presentation',
      title: 'Lysark',
      filename: 'samhandling.pdf',
      content_type: 'application/pdf',
      size: 1234,
      sha256: 'x',
      storage_key: 'k',
      visibility: 'public',
      caption: null,
      credit: null,
      alt: null,
      position: 1,
      created_at: STAMP,
      updated_at: STAMP,
    })
    .execute();
  const details = await loadEventDetails(db, event, PUBLIC_VIEWER);
  return { event, details, opening, talk, dayTwo, cancelled };
}

/** Parsed as a calendar program would: times resolve through the file's own VTIMEZONE (ical.js has no zone data). */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevents = calendar.getAllSubcomponents('vevent');
  return {
    calendar,
    vevents,
    events: vevents.map((v) => new ICAL.Event(v)),
    tzids: calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
  };
}

const utc = (time: ICAL.Time) => time.toJSDate().toISOString();
const text = (component: ICAL.Component, name: string) => String(component.getFirstPropertyValue(name));

describe('eventCalendar', () => {
  it('writes local times in the event zone with a VTIMEZONE, so 09:00 in Oslo is 07:00Z in June and 08:00Z in January', async () => {
    const june = await insertEvent({ local: ['2019-06-26T09:00', '2019-06-26T15:30'] });
    const january = await insertEvent({ local: ['2027-01-14T09:00', '2027-01-14T15:30'] });

    const summer = parse(eventCalendar(june, { baseUrl: BASE, mailFrom: MAIL_FROM }));
    expect(summer.tzids).toEqual(['Europe/Oslo']);
    expect(summer.vevents[0]!.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Oslo');
    expect(utc(summer.events[0]!.startDate)).toBe('2019-06-26T07:00:00.000Z');
    expect(utc(summer.events[0]!.endDate)).toBe('2019-06-26T13:30:00.000Z');

    const winter = parse(eventCalendar(january, { baseUrl: BASE, mailFrom: MAIL_FROM }));
    expect(utc(winter.events[0]!.startDate)).toBe('2027-01-14T08:00:00.000Z');
  });

  it('does not depend on the server time zone', async () => {
    const event = await insertEvent({ local: ['2026-03-29T09:00', '2026-03-29T12:00'] }); // the day summer time starts
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      const { events } = parse(eventCalendar(event, { baseUrl: BASE, mailFrom: MAIL_FROM }));
      expect(utc(events[0]!.startDate)).toBe('2026-03-29T07:00:00.000Z');
      expect(events[0]!.startDate.hour).toBe(9);
    } finally {
      process.env.TZ = saved;
    }
  });

  it('publishes one event with a stable UID, its place, link and organiser, and DTSTAMP in UTC', async () => {
    const event = await insertEvent({ title: 'Inkludering; arbeid, og "alt" annet', online_url: 'https://video.example/møte' });
    const ics = eventCalendar(event, { baseUrl: `${BASE}/`, mailFrom: MAIL_FROM });
    const { calendar, vevents, events } = parse(ics);
    expect(text(calendar, 'method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBeNull();
    expect(events[0]!.uid).toBe(`event-${event.id}@samling.example`);
    expect(events[0]!.summary).toBe('Inkludering; arbeid, og "alt" annet');
    expect(events[0]!.location).toBe('Quality Hotel Florø, Hamnegata 7, 6900 Florø');
    expect(events[0]!.description).toContain('To dager om samhandling');
    expect(events[0]!.description).toContain('Delta digitalt: https://video.example/møte');
    expect(events[0]!.description).toContain(`Mer informasjon: ${BASE}/events/${event.slug}`);
    expect(text(vevents[0]!, 'url')).toBe(`${BASE}/events/${event.slug}`);
    expect(text(vevents[0]!, 'organizer')).toBe('mailto:konferanse@helse-forde.no');
    expect(text(vevents[0]!, 'status')).toBe('CONFIRMED');
    expect(ics).toMatch(/^DTSTAMP:20190501T100000Z\r$/m);
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  });

  it('folds long lines at 75 octets without splitting a character, whatever its UTF-8 length', async () => {
    // 1-, 2-, 3- and 4-byte characters (ASCII, ø, the en dash, an emoji) falling on every fold position.
    const title = 'Bodø – 🎉 samling for alle i fylket; '.repeat(8).trim();
    const ics = eventCalendar(await insertEvent({ title }), { baseUrl: BASE, mailFrom: MAIL_FROM });
    expect(parse(ics).events[0]!.summary).toBe(title);
    const lines = ics.split('\r\n');
    expect(lines.every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    // Folding used the room it had: the summary's lines are nearly full, not cut early.
    const start = lines.findIndex((l) => l.startsWith('SUMMARY:'));
    const end = lines.findIndex((l, i) => i > start && !l.startsWith(' '));
    const summary = lines.slice(start, end);
    expect(summary.length).toBeGreaterThan(4);
    expect(summary.slice(0, -1).every((line) => new TextEncoder().encode(line).length >= 71)).toBe(true);
    expect(lines.some((line) => /[\uD800-\uDBFF]$|^ [\uDC00-\uDFFF]/.test(line))).toBe(false);
  });

  it('marks a cancelled event as cancelled', async () => {
    const event = await insertEvent({ status: 'cancelled' });
    const { vevents, events } = parse(eventCalendar(event, { baseUrl: BASE, mailFrom: MAIL_FROM, lang: 'en' }));
    expect(text(vevents[0]!, 'status')).toBe('CANCELLED');
    expect(events[0]!.summary).toBe('CANCELLED: Helsekonferansen 2019');
  });

  it('writes UTC times when the VTIMEZONE rules disagree with the real offset at that date', async () => {
    // São Paulo dropped summer time in 2019; the VTIMEZONE holds today's rules, which would put this at 10:00Z.
    const event = await insertEvent({ time_zone: 'America/Sao_Paulo', local: ['2018-12-01T09:00', '2018-12-01T10:00'] });
    const ics = eventCalendar(event, { baseUrl: BASE, mailFrom: MAIL_FROM });
    const { events } = parse(ics);
    expect(utc(events[0]!.startDate)).toBe('2018-12-01T11:00:00.000Z');
    expect(ics).toMatch(/^DTSTART:20181201T110000Z\r$/m);
  });
});

describe('invitation', () => {
  const attendee = { name: 'Per "Pelle" Hansen', email: 'per.hansen@nav.no' };

  it('is an iTIP REQUEST with the organiser, the participant as accepted attendee, and the event sequence', async () => {
    const event = await insertEvent({ sequence: 0 });
    const ics = invitation({ event, attendee, method: 'REQUEST', baseUrl: BASE, mailFrom: MAIL_FROM, status: 'confirmed', now: new Date('2019-05-02T08:00:00Z') });
    const { calendar, vevents, events } = parse(ics);
    expect(text(calendar, 'method')).toBe('REQUEST');
    const vevent = vevents[0]!;
    // The same ORGANIZER as in the event's files: its contact.
    expect(text(vevent, 'organizer')).toBe('mailto:konferanse@helse-forde.no');
    expect(text(vevent, 'organizer')).toBe(text(parse(eventCalendar(event, { baseUrl: BASE, mailFrom: MAIL_FROM })).vevents[0]!, 'organizer'));
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe(event.organiser_name);
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]!.getFirstValue()).toLowerCase()).toBe('mailto:per.hansen@nav.no');
    expect(attendees[0]!.getParameter('partstat')).toBe('ACCEPTED');
    expect(attendees[0]!.getParameter('rsvp')).toBe('FALSE');
    expect(attendees[0]!.getParameter('cn')).toBe('Per Pelle Hansen');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(events[0]!.uid).toBe(`event-${event.id}@samling.example`);
    expect(text(vevent, 'status')).toBe('CONFIRMED');
    expect(ics).toMatch(/^DTSTAMP:20190502T080000Z\r$/m);
    expect(events[0]!.location).toBe('Quality Hotel Florø, Hamnegata 7, 6900 Florø');
  });

  it('keeps the UID and raises SEQUENCE when the event moves, so calendars update the entry they have', async () => {
    const event = await insertEvent();
    const first = parse(invitation({ event, attendee, method: 'REQUEST', baseUrl: BASE, mailFrom: MAIL_FROM }));
    await db
      .updateTable('events')
      .set((eb) => ({ sequence: eb('sequence', '+', 1), starts_at: zonedToUtc('2019-06-26T10:00', 'Europe/Oslo'), updated_at: '2019-05-10T12:00:00.000Z' }))
      .where('id', '=', event.id)
      .execute();
    const moved = await db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow();
    const second = parse(invitation({ event: moved, attendee, method: 'REQUEST', baseUrl: BASE, mailFrom: MAIL_FROM }));

    expect(second.events[0]!.uid).toBe(first.events[0]!.uid);
    expect(second.events[0]!.sequence).toBeGreaterThan(first.events[0]!.sequence);
    expect(utc(second.events[0]!.startDate)).toBe('2019-06-26T08:00:00.000Z');
  });

  it('is TENTATIVE with a note for a waiting-list place', async () => {
    const event = await insertEvent();
    const { vevents, events } = parse(invitation({ event, attendee, method: 'REQUEST', baseUrl: BASE, mailFrom: MAIL_FROM, status: 'waitlisted', lang: 'en' }));
    expect(vevents[0]!.getFirstProperty('attendee')!.getParameter('partstat')).toBe('TENTATIVE');
    expect(events[0]!.description).toContain('You are on the waiting list');
  });

  it('is an iTIP CANCEL with STATUS:CANCELLED, the same UID, the organiser and the attendee', async () => {
    const event = await insertEvent({ sequence: 3 });
    const { calendar, vevents, events } = parse(invitation({ event, attendee, method: 'CANCEL', baseUrl: BASE, mailFrom: MAIL_FROM }));
    expect(text(calendar, 'method')).toBe('CANCEL');
    expect(text(vevents[0]!, 'status')).toBe('CANCELLED');
    expect(events[0]!.uid).toBe(`event-${event.id}@samling.example`);
    expect(events[0]!.sequence).toBe(3);
    expect(text(vevents[0]!, 'organizer')).toBe('mailto:konferanse@helse-forde.no');
    expect(String(vevents[0]!.getFirstPropertyValue('attendee')).toLowerCase()).toBe('mailto:per.hansen@nav.no');
    // No "AVLYST:" of our own: calendar programs word a cancellation themselves.
    expect(events[0]!.summary).toBe('Helsekonferansen 2019');
  });
});

describe('programmeCalendar and itemCalendar', () => {
  it('has one VEVENT per item with room and venue, speakers, slides, and the cancelled item marked', async () => {
    const { event, details, talk, cancelled } = await conference();
    const { calendar, vevents, events, tzids } = parse(programmeCalendar(details, { baseUrl: BASE, mailFrom: MAIL_FROM }));
    expect(tzids).toEqual(['Europe/Oslo']);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Helsekonferansen 2019 – program');
    expect(events.map((e) => e.summary)).toEqual(['Velkommen', 'Samhandling i praksis', 'Arbeid og helse', 'AVLYST: Utgått innlegg']);

    const talkEvent = events.find((e) => e.uid === `item-${talk.id}@samling.example`)!;
    expect(utc(talkEvent.startDate)).toBe('2019-06-26T08:00:00.000Z');
    expect(talkEvent.location).toBe('Sal A, Quality Hotel Florø');
    expect(talkEvent.description).toContain('Innledere: Ola Nordmann (Overlege, Helse Førde)');
    expect(talkEvent.description).toContain(`${BASE}/files/`);
    expect(talkEvent.description).toContain('/samhandling.pdf');
    expect(talkEvent.description).toContain(`${BASE}/events/${event.slug}/programme#item-${talk.id}`);
    expect(events[0]!.location).toBe('Quality Hotel Florø');

    const cancelledIndex = events.findIndex((e) => e.uid === `item-${cancelled.id}@samling.example`);
    expect(text(vevents[cancelledIndex]!, 'status')).toBe('CANCELLED');
    expect(vevents.filter((v) => text(v, 'status') === 'CONFIRMED')).toHaveLength(3);
  });

  it('gives the event itself while the programme is empty', async () => {
    const event = await insertEvent();
    const details = await loadEventDetails(db, event, PUBLIC_VIEWER);
    const { events } = parse(programmeCalendar(details, { baseUrl: BASE, mailFrom: MAIL_FROM }));
    expect(events.map((e) => e.uid)).toEqual([`event-${event.id}@samling.example`]);
  });

  it('gives a single item, or null for an item of another event', async () => {
    const { details, dayTwo } = await conference();
    const { events } = parse(itemCalendar(details, dayTwo.id, { baseUrl: BASE, mailFrom: MAIL_FROM })!);
    expect(events).toHaveLength(1);
    expect(events[0]!.uid).toBe(`item-${dayTwo.id}@samling.example`);
    expect(utc(events[0]!.startDate)).toBe('2019-06-27T07:00:00.000Z');
    expect(itemCalendar(details, 999_999, { baseUrl: BASE, mailFrom: MAIL_FROM })).toBeNull();
  });
});

describe('feedCalendar', () => {
  it('lists every event with its own zone, a name, and a refresh interval', async () => {
    const oslo = await insertEvent({ title: 'Seminar i Kristiansand' });
    const newYork = await insertEvent({ title: 'Study visit', time_zone: 'America/New_York', local: ['2027-01-14T09:00', '2027-01-14T12:00'] });
    const cancelled = await insertEvent({ title: 'Avlyst seminar', status: 'cancelled' });
    const ics = feedCalendar([oslo, newYork, cancelled], { baseUrl: BASE, mailFrom: MAIL_FROM, name: 'Samling – arrangementer' });
    const { calendar, vevents, events, tzids } = parse(ics);
    expect(text(calendar, 'x-wr-calname')).toBe('Samling – arrangementer');
    expect(ics).toMatch(/^REFRESH-INTERVAL;VALUE=DURATION:PT1H\r$/m);
    expect(ics).toMatch(/^X-PUBLISHED-TTL:PT1H\r$/m);
    expect(tzids.sort()).toEqual(['America/New_York', 'Europe/Oslo']);
    expect(events.map((e) => e.uid)).toEqual([oslo, newYork, cancelled].map((e) => `event-${e.id}@samling.example`));
    expect(utc(events[1]!.startDate)).toBe('2027-01-14T14:00:00.000Z');
    expect(text(vevents[2]!, 'status')).toBe('CANCELLED');
  });
});

describe('personalCalendar', () => {
  it('holds the event and only the programme items of the days the participant chose', async () => {
    const { event, details, dayTwo, cancelled } = await conference();
    const secondDay = parse(personalCalendar(details, { baseUrl: BASE, mailFrom: MAIL_FROM, days: ['2019-06-27'] }));
    expect(secondDay.events.map((e) => e.uid)).toEqual([
      `event-${event.id}@samling.example`,
      `item-${dayTwo.id}@samling.example`,
      `item-${cancelled.id}@samling.example`,
    ]);
    expect(secondDay.calendar.getFirstPropertyValue('refresh-interval')).not.toBeNull();

    const all = parse(personalCalendar(details, { baseUrl: BASE, mailFrom: MAIL_FROM, days: null }));
    expect(all.events).toHaveLength(5);
  });
});

describe('googleCalendarUrl', () => {
  it('builds the template link with UTC dates and encoded texts', () => {
    const url = googleCalendarUrl({
      title: 'Inkludering & arbeid',
      start: '2019-06-26T07:00:00.000Z',
      end: '2019-06-26T13:30:00.000Z',
      details: 'Les mer: https://samling.example/events/a?b=1',
      location: 'Kristiansand',
    });
    expect(url).toBe(
      'https://calendar.google.com/calendar/render?action=TEMPLATE&text=Inkludering%20%26%20arbeid' +
        '&dates=20190626T070000Z/20190626T133000Z&details=Les%20mer%3A%20https%3A%2F%2Fsamling.example%2Fevents%2Fa%3Fb%3D1' +
        '&location=Kristiansand',
    );
    expect(new URL(url).searchParams.get('text')).toBe('Inkludering & arbeid');
  });
});
