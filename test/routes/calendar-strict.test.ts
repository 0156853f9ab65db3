import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { rescheduleEvent } from '../../src/domain/event-changes';
import { cancelRegistration, register } from '../../src/domain/registration';
import { feedTokenFor } from '../../src/domain/registration-tokens';
import { zonedToUtc } from '../../src/time';
import { insertConference, insertItem } from '../fixtures';
import { createTestDeps } from '../helpers';
import { outboxOf, person } from '../registration-helpers';
import { icsProblems, parseIcs } from '../strict-ics';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
beforeEach(async () => {
  t = await createTestDeps({ now: new Date('2019-05-02T08:00:00Z') });
  app = createApp(t.deps);
});
afterEach(() => t.close());

const db = () => t.deps.db;

/** An event with a room, a speaker, slides and an item, every text of it `text` (and the item's title `title`). */
async function eventWith(text: (field: string) => string, more: Partial<EventRow> = {}) {
  const event = await insertConference(db(), {
    title: text('title'),
    summary: text('summary'),
    venue_name: text('venue'),
    venue_address: text('address'),
    organiser_name: text('organiser'),
    contact_email: 'kontakt@helse-forde.no',
    ...more,
  });
  const room = await db().insertInto('rooms').values({ event_id: event.id, name: text('room'), position: 1 }).returningAll().executeTakeFirstOrThrow();
  const speaker = await db()
    .insertInto('speakers')
    .values({ event_id: event.id, name: text('speaker'), role: text('role'), organisation: text('org'), bio: text('bio'), photo_file_id: null, position: 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
  const item = await insertItem(db(), event, { start: '2019-06-26T10:00', end: '2019-06-26T11:00' }, { room_id: room.id, title: text('item'), abstract: text('abstract') });
  await db().insertInto('item_speakers').values({ item_id: item.id, speaker_id: speaker.id, position: 1 }).execute();
  await db()
    .insertInto('files')
    .values({
      event_id: event.id, item_id: item.id, speaker_id: null, kind: 'presentation', title: text('file'), filename: 'slides.pdf',
      content_type: 'application/pdf', size: 10, sha256: 'x', storage_key: 'k', visibility: 'public', caption: null, credit: null,
      alt: null, position: 1, created_at: event.created_at, updated_at: event.created_at,
    })
    .execute();
  return { event, item };
}

/** Every calendar the site emits for an event with one registered participant: files, feeds and invitations. */
async function everyCalendar(event: EventRow, itemId: number, attendee = 'Kari Nordmann') {
  const outcome = await register(db(), event.id, person({ name: attendee }), 'nb', t.deps.clock(), t.deps.config);
  if (outcome.kind !== 'registered') throw new Error('not registered');
  const paths = [
    '/calendar.ics',
    `/events/${event.slug}/event.ics`,
    `/events/${event.slug}/programme.ics`,
    `/events/${event.slug}/items/${itemId}.ics`,
    `/registrations/${outcome.token}/event.ics`,
    `/registrations/feed/${feedTokenFor(outcome.token)}.ics`,
  ];
  const files: Record<string, string> = {};
  for (const path of paths) {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    files[path] = await res.text();
  }
  await cancelRegistration(db(), outcome.registration.id, t.deps.clock(), t.deps.config);
  for (const row of await outboxOf(db())) if (row.mail.calendar) files[`${row.kind} mail`] = row.mail.calendar.content;
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['confirmation mail', 'cancelled mail']));
  return files;
}

describe('every emitted calendar, line by line', () => {
  it('ends every line with CRLF, folds at 75 octets, puts calendar properties first, and parses', async () => {
    const { event, item } = await eventWith((f) => `${f} – Bodø ${'lang tekst '.repeat(12)}`);
    for (const [what, ics] of Object.entries(await everyCalendar(event, item.id))) {
      expect(icsProblems(ics), what).toEqual([]);
    }
    // The checker itself finds what ical-generator 10 got wrong.
    const feed = (await (await app.request('/calendar.ics')).text()).replace(/\r\n$/, '');
    expect(icsProblems(feed)).toContain('does not end with CRLF');
    const late = feed.replace(/(X-PUBLISHED-TTL:PT1H\r\n)([\s\S]*?END:VTIMEZONE\r\n)/, '$2$1');
    expect(icsProblems(`${late}\r\n`).join()).toContain('calendar property after the first component');
  });
});

describe('no calendar text can add a line', () => {
  const HOSTILE = 'a\r\nX-INJECTED:1\rb\nc;d,e\\f\\n "g" :h';
  // iCalendar TEXT has one line break, \n: CR, LF and CRLF all come back as LF, and everything else exactly.
  const asText = (s: string) => s.replace(/\r\n?/g, '\n');

  it('gives back every text field exactly in every file, feed and invitation', async () => {
    const text = (field: string) => `${field}: ${HOSTILE}`;
    const { event, item } = await eventWith(text);
    const files = await everyCalendar(event, item.id, text('attendee'));
    for (const [what, ics] of Object.entries(files)) {
      expect(icsProblems(ics), what).toEqual([]);
      expect(ics, what).not.toMatch(/^X-INJECTED/m);
      const { calendar, vevents } = parseIcs(ics);
      for (const prop of ['name', 'x-wr-calname']) {
        const value = calendar.getFirstPropertyValue(prop);
        // The site's feed is named after the site; the programme and the personal feed after the event.
        if (value !== null && what !== '/calendar.ics') expect(asText(String(value)), `${what} ${prop}`).toContain(asText(text('title')));
      }
      for (const vevent of vevents) {
        const summary = String(vevent.getFirstPropertyValue('summary'));
        const description = String(vevent.getFirstPropertyValue('description'));
        const location = String(vevent.getFirstPropertyValue('location'));
        if (vevent.getFirstPropertyValue('uid') === `item-${item.id}@localhost`) {
          expect(summary, what).toBe(asText(text('item')));
          expect(location, what).toBe(asText(`${text('room')}, ${text('venue')}`));
          for (const f of ['abstract', 'speaker', 'role', 'org', 'file']) expect(description, `${what} ${f}`).toContain(asText(text(f)));
        } else {
          expect(summary, what).toBe(asText(text('title')));
          expect(location, what).toBe(asText(`${text('venue')}, ${text('address')}`));
          expect(description, what).toContain(asText(text('summary')));
        }
        // A parameter cannot hold a line break or a double quote (RFC 5545 §3.2): those become spaces, the rest stays.
        const cn = vevent.getFirstProperty('organizer')!.getParameter('cn');
        expect(cn, what).toBe('organiser: a X-INJECTED:1 b c;d,e\\f\\n g :h');
        const attendee = vevent.getFirstProperty('attendee');
        if (attendee) expect(attendee.getParameter('cn'), what).toBe('attendee: a X-INJECTED:1 b c;d,e\\f\\n g :h');
      }
    }
  });
});

describe('a participant’s invitations', () => {
  it('raise SEQUENCE from REQUEST through the update to their own CANCEL, stamped when each was written', async () => {
    const { event, item } = await eventWith((f) => f);
    const at = (iso: string) => t.setNow(new Date(iso));
    const outcome = await register(db(), event.id, person(), 'nb', t.deps.clock(), t.deps.config);
    if (outcome.kind !== 'registered') throw new Error('not registered');
    at('2019-05-10T12:00:00Z');
    await rescheduleEvent(db(), event.id, { starts_at: zonedToUtc('2019-06-26T10:00', 'Europe/Oslo') }, t.deps.clock(), t.deps.config);
    at('2019-05-20T09:30:00Z');
    await cancelRegistration(db(), outcome.registration.id, t.deps.clock(), t.deps.config);

    const mails = (await outboxOf(db())).filter((m) => m.mail.calendar);
    const seen = mails.map((m) => {
      const vevent = parseIcs(m.mail.calendar!.content).vevents[0]!;
      const stamp = (name: string) => vevent.getFirstPropertyValue(name)!.toString();
      return {
        kind: m.kind,
        method: m.mail.calendar!.method,
        sequence: vevent.getFirstPropertyValue('sequence'),
        // DTSTAMP: when the message was written; LAST-MODIFIED: when the event last changed.
        dtstamp: stamp('dtstamp'),
        created: m.created_at,
        lastModified: stamp('last-modified'),
        organizer: vevent.getFirstPropertyValue('organizer'),
      };
    });
    expect(seen.map((s) => [s.kind, s.method, s.sequence])).toEqual([
      ['confirmation', 'REQUEST', 0],
      ['updated', 'REQUEST', 1],
      ['cancelled', 'CANCEL', 2],
    ]);
    for (const s of seen) expect(new Date(s.dtstamp).toISOString()).toBe(s.created);
    expect(seen.map((s) => new Date(s.lastModified).toISOString())).toEqual([
      event.updated_at,
      '2019-05-10T12:00:00.000Z',
      '2019-05-10T12:00:00.000Z',
    ]);

    // The same UID has the same ORGANIZER in the invitation and in every feed and file.
    const again = await register(db(), event.id, person({ email: 'per@example.no' }), 'nb', t.deps.clock(), t.deps.config);
    if (again.kind !== 'registered') throw new Error('not registered');
    for (const path of ['/calendar.ics', `/events/${event.slug}/event.ics`, `/registrations/feed/${feedTokenFor(again.token)}.ics`]) {
      const vevent = parseIcs(await (await app.request(path)).text()).vevents.find((v) => v.getFirstPropertyValue('uid') === `event-${event.id}@localhost`)!;
      expect(vevent.getFirstPropertyValue('organizer'), path).toBe(seen[0]!.organizer);
    }
    expect(seen.every((s) => s.organizer === 'mailto:kontakt@helse-forde.no')).toBe(true);
    void item;
  });

  it('give an event without a contact the sender as ORGANIZER, in the invitation and the files alike', async () => {
    const { event } = await eventWith((f) => f, { contact_email: null });
    const outcome = await register(db(), event.id, person(), 'nb', t.deps.clock(), t.deps.config);
    if (outcome.kind !== 'registered') throw new Error('not registered');
    const [mail] = await outboxOf(db());
    const organizer = (ics: string) => parseIcs(ics).vevents[0]!.getFirstPropertyValue('organizer');
    expect(organizer(mail!.mail.calendar!.content)).toBe('mailto:noreply@localhost');
    expect(organizer(await (await app.request(`/events/${event.slug}/event.ics`)).text())).toBe('mailto:noreply@localhost');
  });
});
