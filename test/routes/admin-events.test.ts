import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { grantEvent } from '../../src/domain/auth';
import { register } from '../../src/domain/registration';
import { localDateTime } from '../../src/time';
import { signIn } from '../admin-helpers';
import { insertEvent, insertItem } from '../fixtures';
import { createTestDeps } from '../helpers';
import { SETTINGS, outboxOf, person } from '../registration-helpers';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  t = await createTestDeps({ now: new Date('2026-11-23T12:00:00Z') });
  app = createApp(t.deps);
});
afterEach(() => t.close());

/** A complete, valid event form; override what a test is about. */
function eventForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Inkludering i arbeidslivet',
    slug: '',
    kind: 'seminar',
    summary: 'Et seminar om inkludering.',
    description: 'Velkommen til **seminar**.',
    language: 'nb',
    time_zone: 'Europe/Oslo',
    starts_local: '2027-03-10T09:00',
    ends_local: '2027-03-10T15:30',
    venue_name: 'Scandic Hamar',
    venue_address: 'Vangsvegen 121, Hamar',
    online_url: '',
    organiser_name: 'Innlandet fylkeskommune',
    contact_name: 'Kari',
    contact_email: 'kari@innlandet.no',
    contact_phone: '',
    capacity: '40',
    registration_opens_local: '',
    registration_closes_local: '2027-03-08T12:00',
    public_list: 'organisations',
    reminder_hours: '24',
    ...overrides,
  };
}

const eventById = (id: number) => t.deps.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const idFromLocation = (res: Response) => Number(/\/admin\/events\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);

/** The error shown for a field: the element its aria-describedby points to. */
function fieldError(doc: Document, name: string): string | undefined {
  const input = doc.querySelector(`[name="${name}"]`);
  const ids = input?.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => doc.getElementById(id)).find((el) => el?.classList.contains('field-error'))?.textContent ?? undefined;
}

async function registerPeople(event: EventRow, count: number) {
  for (let i = 0; i < count; i++) {
    const outcome = await register(t.deps.db, event.id, person({ email: `p${i}@example.no`, name: `Person ${i}` }), 'nb', t.deps.clock(), SETTINGS);
    expect(outcome.kind).toBe('registered');
  }
}

describe('creating and publishing an event', () => {
  it('creates a draft owned by its creator, edits it, publishes it, and it appears on the front page', async () => {
    const kari = await signIn(app, t.deps);
    const page = await kari.get('/admin/events/new');
    expect(page.res.status).toBe(200);
    expect(page.doc.querySelector('input[name="starts_local"]')?.getAttribute('type')).toBe('datetime-local');
    expect(page.doc.querySelector('label[for="f-description"]')).toBeTruthy();
    expect(page.body).toContain('Markdown');

    const created = await kari.post('/admin/events/new', eventForm());
    expect(created.res.status).toBe(303);
    const id = idFromLocation(created.res);
    let event = await eventById(id);
    expect(event).toMatchObject({ status: 'draft', slug: 'inkludering-i-arbeidslivet', capacity: 40, public_list: 'organisations', published_at: null });
    // 09:00 in Oslo in March is 08:00 UTC.
    expect(event.starts_at).toBe('2027-03-10T08:00:00.000Z');
    expect(event.registration_closes_at).toBe('2027-03-08T11:00:00.000Z');
    const owners = await t.deps.db.selectFrom('event_organisers').selectAll().where('event_id', '=', id).execute();
    expect(owners).toEqual([{ event_id: id, organiser_id: kari.organiser.id }]);

    expect((await app.request('/')).status).toBe(200);
    expect(await (await app.request('/')).text()).not.toContain('Inkludering i arbeidslivet');

    expect(created.res.headers.get('location')).toBe(`/admin/events/${id}?done=created`);
    const overview = await kari.get(created.res.headers.get('location')!);
    expect(overview.doc.querySelector('[role="status"]')?.textContent).toBe('Arrangementet er opprettet som utkast.');
    expect(overview.doc.querySelector('input[name="starts_local"]')?.getAttribute('value')).toBe('2027-03-10T09:00');
    for (const path of ['/programme', '/speakers', '/questions', '/links', '/files', '/participants', '/checkin', '/messages', '/dashboard']) {
      expect(overview.doc.querySelector(`a[href="/admin/events/${id}${path}"]`), path).toBeTruthy();
    }

    const edited = await kari.post(`/admin/events/${id}`, eventForm({ title: 'Inkludering i arbeidslivet 2027', capacity: '' }));
    expect(edited.res.status).toBe(303);
    event = await eventById(id);
    expect(event.title).toBe('Inkludering i arbeidslivet 2027');
    expect(event.capacity).toBeNull();
    expect(event.updated_at).toBe(t.deps.clock().toISOString());

    const published = await kari.post(`/admin/events/${id}/publish`);
    expect(published.res.status).toBe(303);
    event = await eventById(id);
    expect(event.status).toBe('published');
    expect(event.published_at).toBe(t.deps.clock().toISOString());
    const home = await (await app.request('/')).text();
    expect(home).toContain('Inkludering i arbeidslivet 2027');
    expect((await app.request(`/events/${event.slug}`)).status).toBe(200);

    // Unpublishing asks first, then hides it; publishing again keeps the first publication date.
    const ask = await kari.post(`/admin/events/${id}/unpublish`);
    expect(ask.res.status).toBe(200);
    expect((await eventById(id)).status).toBe('published');
    await kari.post(`/admin/events/${id}/unpublish`, { confirm: 'yes' });
    expect((await eventById(id)).status).toBe('draft');
    expect((await app.request(`/events/${event.slug}`)).status).toBe(404);
    t.setNow(new Date('2026-11-24T12:00:00Z'));
    await kari.post(`/admin/events/${id}/publish`);
    expect((await eventById(id)).published_at).toBe('2026-11-23T12:00:00.000Z');
  });

  it('makes slugs unique, refuses a typed slug that is taken', async () => {
    const kari = await signIn(app, t.deps);
    await insertEvent(t.deps.db, { slug: 'inkludering-i-arbeidslivet' });
    const first = await kari.post('/admin/events/new', eventForm());
    expect((await eventById(idFromLocation(first.res))).slug).toBe('inkludering-i-arbeidslivet-2');
    const taken = await kari.post('/admin/events/new', eventForm({ slug: 'inkludering-i-arbeidslivet' }));
    expect(taken.res.status).toBe(422);
    expect(fieldError(taken.doc, 'slug')).toBe('Et annet arrangement bruker allerede denne adressen.');
  });

  it.each([
    ['ends_local', { ends_local: '2027-03-10T08:00' }, 'Slutten må være etter starten.'],
    ['time_zone', { time_zone: 'Europe/Hamar' }, 'Ukjent tidssone. Skriv en IANA-tidssone, for eksempel Europe/Oslo.'],
    ['online_url', { online_url: 'javascript:alert(1)' }, 'Skriv en fullstendig adresse som begynner med https:// eller http://.'],
    ['registration_closes_local', { registration_closes_local: '2027-03-11T09:00' }, 'Påmeldingsfristen kan ikke være etter at arrangementet slutter.'],
    ['capacity', { capacity: 'mange' }, 'Skriv et helt tall fra 1, eller la feltet stå tomt for ubegrenset.'],
    ['title', { title: '  ' }, 'Fyll ut dette feltet.'],
  ])('refuses a bad %s with 422, the message beside the field, and writes nothing', async (field, overrides, message) => {
    const kari = await signIn(app, t.deps);
    const res = await kari.post('/admin/events/new', eventForm(overrides));
    expect(res.res.status).toBe(422);
    expect(fieldError(res.doc, field)).toBe(message);
    expect(res.doc.querySelector('[role="alert"]')?.textContent).toContain(message);
    // What was typed is kept.
    expect(res.doc.querySelector('input[name="venue_name"]')?.getAttribute('value')).toBe('Scandic Hamar');
    expect(await t.deps.db.selectFrom('events').select('id').execute()).toEqual([]);
  });

  it('shows errors in English for an English visitor', async () => {
    const kari = await signIn(app, t.deps);
    const res = await kari.post('/admin/events/new?lang=en', eventForm({ ends_local: '2027-03-10T08:00' }));
    expect(res.res.status).toBe(422);
    expect(fieldError(res.doc, 'ends_local')).toBe('The end must be after the start.');
  });
});

describe('time and place changes, cancellation', () => {
  it('raises SEQUENCE and queues one updated invitation per confirmed participant when the time changes', async () => {
    const kari = await signIn(app, t.deps);
    const event = await insertEvent(t.deps.db, { localStart: '2027-03-10T09:00', localEnd: '2027-03-10T15:30', capacity: 2 });
    await grantEvent(t.deps.db, kari.organiser.id, event.id);
    await registerPeople(event, 3); // two confirmed, one on the waiting list
    const before = (await outboxOf(t.deps.db)).length;
    let told = 0;
    app = createApp({ ...t.deps, outboxChanged: () => void told++ });

    const form = eventForm({ title: event.title, slug: event.slug, capacity: '2', starts_local: '2027-03-10T10:00', venue_name: event.venue_name!, venue_address: event.venue_address! });
    const res = await (await signInAgain(kari)).post(`/admin/events/${event.id}`, form);
    expect(res.res.status).toBe(303);
    const after = await eventById(event.id);
    expect(after.sequence).toBe(event.sequence + 1);
    expect(after.starts_at).toBe('2027-03-10T09:00:00.000Z');
    const mails = (await outboxOf(t.deps.db)).slice(before);
    const updates = mails.filter((m) => m.kind === 'updated');
    expect(updates.map((m) => m.to_address).sort()).toEqual(['p0@example.no', 'p1@example.no']);
    for (const m of updates) {
      expect(m.mail.calendar?.method).toBe('REQUEST');
      expect(m.mail.calendar?.content).toMatch(new RegExp(`SEQUENCE:${after.sequence}`));
    }
    expect(told).toBe(1);
    const page = await kari.get(res.res.headers.get('location')!);
    expect(page.doc.querySelector('[role="status"]')?.textContent).toContain('3 påmeldte');

    // Saving again without changing time or place sends nothing more.
    await kari.post(`/admin/events/${event.id}`, form);
    expect((await eventById(event.id)).sequence).toBe(after.sequence);
    expect((await outboxOf(t.deps.db)).length).toBe(before + mails.length);
  });

  it('says how many on the waiting list got a place when the capacity is raised, not that an invitation was updated', async () => {
    const kari = await signIn(app, t.deps);
    const event = await insertEvent(t.deps.db, { localStart: '2027-03-10T09:00', localEnd: '2027-03-10T15:30', capacity: 1 });
    await grantEvent(t.deps.db, kari.organiser.id, event.id);
    await registerPeople(event, 4); // one confirmed, three on the waiting list
    const form = (capacity: string) =>
      eventForm({ title: event.title, slug: event.slug, capacity, starts_local: '2027-03-10T09:00', venue_name: event.venue_name!, venue_address: event.venue_address! });
    const notice = async (capacity: string) => {
      const res = await kari.post(`/admin/events/${event.id}`, form(capacity));
      expect(res.res.status).toBe(303);
      return (await kari.get(res.res.headers.get('location')!)).doc.querySelector('[role="status"]')?.textContent?.trim();
    };
    expect(await notice('3')).toBe('Endringene er lagret. 2 personer på ventelisten fikk plass og får e-post om det.');
    expect(await notice('4')).toBe('Endringene er lagret. 1 person på ventelisten fikk plass og får e-post om det.');
    const mails = await outboxOf(t.deps.db);
    expect(mails.filter((m) => m.kind === 'promoted')).toHaveLength(3);
    expect(mails.filter((m) => m.kind === 'updated')).toHaveLength(0);
  });

  it('cancels after confirmation and queues METHOD:CANCEL for every confirmed participant', async () => {
    const kari = await signIn(app, t.deps);
    const event = await insertEvent(t.deps.db);
    await grantEvent(t.deps.db, kari.organiser.id, event.id);
    await registerPeople(event, 2);
    const before = (await outboxOf(t.deps.db)).length;

    const ask = await kari.post(`/admin/events/${event.id}/cancel`);
    expect(ask.res.status).toBe(200);
    expect(ask.doc.querySelector('[role="alert"]')?.textContent).toContain('2 påmeldte');
    expect((await eventById(event.id)).status).toBe('published');

    const done = await kari.post(`/admin/events/${event.id}/cancel`, { confirm: 'yes' });
    expect(done.res.status).toBe(303);
    expect((await eventById(event.id)).status).toBe('cancelled');
    const cancels = (await outboxOf(t.deps.db)).slice(before);
    expect(cancels).toHaveLength(2);
    for (const m of cancels) expect(m.mail.calendar?.method).toBe('CANCEL');
    // A cancelled event's form is gone and edits are refused.
    const refused = await kari.post(`/admin/events/${event.id}`, eventForm());
    expect(refused.res.status).toBe(409);
  });
});

/** A second request helper bound to the current `app` (tests that rebuild the app with other deps). */
async function signInAgain(who: Awaited<ReturnType<typeof signIn>>) {
  return {
    post: async (path: string, fields: Record<string, string>) => {
      const body = new URLSearchParams({ _csrf: who.csrf, ...fields });
      const res = await app.request(path, {
        method: 'POST',
        headers: { cookie: who.cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      });
      return { res, body: await res.text() };
    },
  };
}

describe('duplicating', () => {
  it('makes a new draft edition that keeps 09:00 local time across the change to summer time, with its programme and speakers', async () => {
    const kari = await signIn(app, t.deps);
    // 9 March 2027 is winter time (UTC+1); 30 March 2027 is summer time (UTC+2).
    const event = await insertEvent(t.deps.db, { localStart: '2027-03-09T09:00', localEnd: '2027-03-09T16:00', title: 'Årskonferansen' });
    await grantEvent(t.deps.db, kari.organiser.id, event.id);
    const speaker = await t.deps.db.insertInto('speakers').values({ event_id: event.id, name: 'Ola', role: null, organisation: 'Nav', bio: null, photo_file_id: null, position: 0 }).returning('id').executeTakeFirstOrThrow();
    const item = await insertItem(t.deps.db, event, { start: '2027-03-09T09:00', end: '2027-03-09T09:30' }, { title: 'Åpning' });
    await t.deps.db.insertInto('item_speakers').values({ item_id: item.id, speaker_id: speaker.id, position: 0 }).execute();
    await registerPeople(event, 1);

    const res = await kari.post(`/admin/events/${event.id}/duplicate`, { days: '21', start_date: '' });
    expect(res.res.status).toBe(303);
    const copy = await eventById(idFromLocation(res.res));
    expect(copy.id).not.toBe(event.id);
    expect(copy.status).toBe('draft');
    expect(copy.title).toBe('Årskonferansen');
    expect(localDateTime(copy.starts_at, 'Europe/Oslo')).toBe('2027-03-30T09:00');
    expect(copy.starts_at).toBe('2027-03-30T07:00:00.000Z');
    const items = await t.deps.db.selectFrom('programme_items').selectAll().where('event_id', '=', copy.id).execute();
    expect(items.map((i) => localDateTime(i.starts_at, 'Europe/Oslo'))).toEqual(['2027-03-30T09:00']);
    const links = await t.deps.db
      .selectFrom('item_speakers')
      .innerJoin('speakers', 'speakers.id', 'item_speakers.speaker_id')
      .select(['speakers.name', 'speakers.event_id'])
      .where('item_speakers.item_id', '=', items[0]!.id)
      .execute();
    expect(links).toEqual([{ name: 'Ola', event_id: copy.id }]);
    expect(await t.deps.db.selectFrom('registrations').select('id').where('event_id', '=', copy.id).execute()).toEqual([]);
    // Kari can manage the new edition.
    expect((await kari.get(`/admin/events/${copy.id}`)).res.status).toBe(200);

    const byDate = await kari.post(`/admin/events/${event.id}/duplicate`, { days: '', start_date: '2028-03-07' });
    const second = await eventById(idFromLocation(byDate.res));
    expect(localDateTime(second.starts_at, 'Europe/Oslo')).toBe('2028-03-07T09:00');
  });
});

describe('programme', () => {
  async function setup(status: 'draft' | 'published' = 'draft') {
    const kari = await signIn(app, t.deps);
    const event = await insertEvent(t.deps.db, { status, published_at: status === 'published' ? '2026-11-01T00:00:00.000Z' : null });
    await grantEvent(t.deps.db, kari.organiser.id, event.id);
    await kari.post(`/admin/events/${event.id}/programme/rooms`, { name: 'Sal A' });
    const room = await t.deps.db.selectFrom('rooms').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow();
    return { kari, event, room };
  }
  const item = (room: number, overrides: Record<string, string> = {}) => ({
    day: '2027-01-14',
    start: '10:00',
    end: '11:00',
    room_id: String(room),
    kind: 'talk',
    title: 'Foredrag',
    abstract: '',
    ...overrides,
  });

  it('adds items, refuses one outside the event with 422, and flags overlapping items in the same room', async () => {
    const { kari, event, room } = await setup();
    const first = await kari.post(`/admin/events/${event.id}/programme/items`, item(room.id, { title: 'Velkommen' }));
    expect(first.res.status).toBe(303);

    const outside = await kari.post(`/admin/events/${event.id}/programme/items`, item(room.id, { start: '16:00', end: '17:00' }));
    expect(outside.res.status).toBe(422);
    expect(fieldError(outside.doc, 'start')).toBe('Programposten må ligge innenfor arrangementets tid.');
    expect(await t.deps.db.selectFrom('programme_items').select('id').execute()).toHaveLength(1);

    const overlapping = await kari.post(`/admin/events/${event.id}/programme/items`, item(room.id, { start: '10:30', end: '11:30', title: 'Panel' }));
    expect(overlapping.res.status).toBe(303);
    const page = await kari.get(overlapping.res.headers.get('location')!);
    expect(page.doc.querySelector('.warning[role="alert"]')?.textContent).toContain('Overlapper med «Velkommen» i samme rom.');
    expect(page.doc.querySelectorAll('tr.item-overlap')).toHaveLength(2);
    // Another room at the same time is fine.
    expect(await t.deps.db.selectFrom('programme_items').select('id').execute()).toHaveLength(2);
  });

  it('edits an item inline with htmx: the edit row, then the saved row; errors come back as a 422 edit row', async () => {
    const { kari, event, room } = await setup();
    const created = await kari.post(`/admin/events/${event.id}/programme/items`, item(room.id));
    const id = Number(/item=(\d+)/.exec(created.res.headers.get('location')!)![1]);
    const hx = { 'hx-request': 'true' };
    const edit = await kari.get(`/admin/events/${event.id}/programme/items/${id}/edit`, hx);
    expect(edit.res.status).toBe(200);
    expect(edit.body).not.toContain('<html');
    expect(edit.doc.querySelector(`tr#item-${id} form`)?.getAttribute('data-hx-post')).toBe(`/admin/events/${event.id}/programme/items/${id}`);

    const bad = await kari.post(`/admin/events/${event.id}/programme/items/${id}`, item(room.id, { end: '09:00' }), hx);
    expect(bad.res.status).toBe(422);
    expect(bad.doc.querySelector('[role="alert"]')?.textContent).toContain('Slutten må være etter starten.');

    const good = await kari.post(`/admin/events/${event.id}/programme/items/${id}`, item(room.id, { title: 'Nytt navn' }), hx);
    expect(good.res.status).toBe(200);
    expect(good.doc.querySelector(`tr#item-${id} th`)?.textContent).toContain('Nytt navn');
    // The plain fallback page exists too.
    const plain = await kari.get(`/admin/events/${event.id}/programme/items/${id}/edit`);
    expect(plain.doc.querySelector('h1')?.textContent).toContain('Nytt navn');
  });

  it('records changes to a published programme and shows them on the public programme page', async () => {
    const { kari, event, room } = await setup('published');
    const talk = await insertItem(t.deps.db, event, { start: '2027-01-14T10:00', end: '2027-01-14T11:00' }, { title: 'Hovedinnlegg', room_id: room.id });
    const lunch = await insertItem(t.deps.db, event, { start: '2027-01-14T12:00', end: '2027-01-14T12:45' }, { title: 'Lunsj', kind: 'meal' });
    const moved = await kari.post(`/admin/events/${event.id}/programme/items/${talk.id}`, item(room.id, { start: '13:00', end: '14:00', title: 'Hovedinnlegg' }));
    expect(moved.res.status).toBe(303);
    await kari.post(`/admin/events/${event.id}/programme/items/${lunch.id}/cancel`, { confirm: 'yes' });
    // Items of a published event are cancelled, not deleted.
    expect((await kari.post(`/admin/events/${event.id}/programme/items/${lunch.id}/delete`, { confirm: 'yes' })).res.status).toBe(409);

    const changes = await t.deps.db.selectFrom('programme_changes').selectAll().orderBy('id').execute();
    expect(changes.map((c) => [c.item_id, c.change])).toEqual([
      [talk.id, 'moved'],
      [lunch.id, 'cancelled'],
    ]);
    expect(changes[0]).toMatchObject({ old_room: 'Sal A', new_room: 'Sal A', new_starts_at: '2027-01-14T12:00:00.000Z' });

    const publicPage = await app.request(`/events/${event.slug}/programme`);
    const html = await publicPage.text();
    const { parseHtml } = await import('../admin-helpers');
    const doc = parseHtml(html);
    const section = doc.querySelector('#programme-changes');
    expect(section?.querySelector('h2')?.textContent).toBe('Endringer i programmet');
    expect(section?.textContent).toContain('«Hovedinnlegg» er flyttet fra kl. 10.00 (Sal A) til kl. 13.00 (Sal A).');
    expect(section?.textContent).toContain('«Lunsj» (kl. 12.00) utgår.');
    expect(doc.querySelector(`#item-${talk.id} .change-mark`)?.textContent).toBe('Flyttet');
  });

  it('does not record changes while the event is a draft, and deletes items there', async () => {
    const { kari, event, room } = await setup('draft');
    const created = await kari.post(`/admin/events/${event.id}/programme/items`, item(room.id));
    const id = Number(/item=(\d+)/.exec(created.res.headers.get('location')!)![1]);
    await kari.post(`/admin/events/${event.id}/programme/items/${id}/delete`, { confirm: 'yes' });
    expect(await t.deps.db.selectFrom('programme_items').select('id').execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('programme_changes').select('id').execute()).toEqual([]);
  });
});

describe('speakers, questions and links', () => {
  it('adds a speaker, a question with options and a link; refuses a non-http link; asks before deleting an answered question', async () => {
    const kari = await signIn(app, t.deps);
    const event = await insertEvent(t.deps.db);
    await grantEvent(t.deps.db, kari.organiser.id, event.id);
    const base = `/admin/events/${event.id}`;

    expect((await kari.post(`${base}/speakers`, { name: 'Ola Nordmann', role: 'Rådgiver', organisation: 'Nav Agder', bio: '' })).res.status).toBe(303);
    const speakers = await kari.get(`${base}/speakers`);
    expect(speakers.doc.querySelector('tbody th')?.textContent).toBe('Ola Nordmann');
    const sid = (await t.deps.db.selectFrom('speakers').select('id').executeTakeFirstOrThrow()).id;
    expect(speakers.doc.querySelector(`a[href="${base}/speakers/${sid}/upload-link"]`)).toBeTruthy();

    const noOptions = await kari.post(`${base}/questions`, { type: 'single_choice', label: 'Lunsj?', help: '', options: 'Ja', required: '1' });
    expect(noOptions.res.status).toBe(422);
    expect(fieldError(noOptions.doc, 'options')).toBe('Skriv minst to alternativer, ett per linje.');
    await kari.post(`${base}/questions`, { type: 'single_choice', label: 'Lunsj?', help: '', options: 'Ja\r\n Nei \r\n\r\nJa', required: '1' });
    const q = await t.deps.db.selectFrom('questions').selectAll().executeTakeFirstOrThrow();
    expect(q).toMatchObject({ label: 'Lunsj?', options: '["Ja","Nei"]', required: 1, type: 'single_choice' });

    const badLink = await kari.post(`${base}/links`, { kind: 'video', title: 'Hilsen', url: 'ftp://example.no/video' });
    expect(badLink.res.status).toBe(422);
    expect(fieldError(badLink.doc, 'url')).toBe('Skriv en fullstendig adresse som begynner med https:// eller http://.');
    expect(await t.deps.db.selectFrom('links').select('id').execute()).toEqual([]);
    await kari.post(`${base}/links`, { kind: 'video', title: 'Hilsen', url: 'https://video.example.no/hilsen' });
    expect(await t.deps.db.selectFrom('links').select(['title', 'url']).execute()).toEqual([{ title: 'Hilsen', url: 'https://video.example.no/hilsen' }]);

    const regId = await registerAndId(event);
    await t.deps.db.insertInto('answers').values({ registration_id: regId, question_id: q.id, value: '"Ja"' }).execute();
    const ask = await kari.post(`${base}/questions/${q.id}/delete`);
    expect(ask.res.status).toBe(200);
    expect(ask.doc.querySelector('[role="alert"]')?.textContent).toContain('1 svar');
    expect(await t.deps.db.selectFrom('questions').select('id').execute()).toHaveLength(1);
    await kari.post(`${base}/questions/${q.id}/delete`, { confirm: 'yes' });
    expect(await t.deps.db.selectFrom('questions').select('id').execute()).toEqual([]);
  });
});

async function registerAndId(event: EventRow): Promise<number> {
  await registerPeople(event, 1);
  return (await t.deps.db.selectFrom('registrations').select('id').executeTakeFirstOrThrow()).id;
}

describe('access and CSRF', () => {
  it("gives organiser B a 404 on organiser A's event for every page and action, and changes nothing", async () => {
    const a = await signIn(app, t.deps);
    const b = await signIn(app, t.deps);
    const event = await insertEvent(t.deps.db, { title: 'A sitt arrangement' });
    await grantEvent(t.deps.db, a.organiser.id, event.id);
    const room = await t.deps.db.insertInto('rooms').values({ event_id: event.id, name: 'Sal', position: 0 }).returning('id').executeTakeFirstOrThrow();
    const it0 = await insertItem(t.deps.db, event, { start: '2027-01-14T10:00', end: '2027-01-14T11:00' });
    const sp = await t.deps.db.insertInto('speakers').values({ event_id: event.id, name: 'S', role: null, organisation: null, bio: null, photo_file_id: null, position: 0 }).returning('id').executeTakeFirstOrThrow();
    const q = await t.deps.db.insertInto('questions').values({ event_id: event.id, position: 0, type: 'yes_no', label: 'Q', help: null, options: null, required: 0 }).returning('id').executeTakeFirstOrThrow();
    const l = await t.deps.db.insertInto('links').values({ event_id: event.id, kind: 'other', title: 'L', url: 'https://x.no', position: 0 }).returning('id').executeTakeFirstOrThrow();
    const base = `/admin/events/${event.id}`;
    const gets = [
      base,
      `${base}/programme`,
      `${base}/programme/items/${it0.id}/edit`,
      `${base}/programme/items/${it0.id}/row`,
      `${base}/speakers`,
      `${base}/speakers/${sp.id}`,
      `${base}/questions`,
      `${base}/questions/${q.id}`,
      `${base}/links`,
      `${base}/links/${l.id}`,
    ];
    const posts = [
      base,
      `${base}/publish`,
      `${base}/unpublish`,
      `${base}/cancel`,
      `${base}/duplicate`,
      `${base}/programme/items`,
      `${base}/programme/items/${it0.id}`,
      `${base}/programme/items/${it0.id}/cancel`,
      `${base}/programme/items/${it0.id}/delete`,
      `${base}/programme/rooms`,
      `${base}/programme/rooms/${room.id}`,
      `${base}/programme/rooms/${room.id}/move`,
      `${base}/programme/rooms/${room.id}/delete`,
      `${base}/speakers`,
      `${base}/speakers/${sp.id}`,
      `${base}/speakers/${sp.id}/move`,
      `${base}/speakers/${sp.id}/delete`,
      `${base}/questions`,
      `${base}/questions/${q.id}`,
      `${base}/questions/${q.id}/move`,
      `${base}/questions/${q.id}/delete`,
      `${base}/links`,
      `${base}/links/${l.id}`,
      `${base}/links/${l.id}/move`,
      `${base}/links/${l.id}/delete`,
    ];
    const versionBefore = await t.deps.db.selectFrom('content_version').select('version').executeTakeFirstOrThrow();
    for (const path of gets) {
      expect((await a.get(path)).res.status, `A ${path}`).toBeLessThan(400);
      const res = await b.get(path);
      expect(res.res.status, `B GET ${path}`).toBe(404);
      expect(res.body).not.toContain('A sitt arrangement');
    }
    for (const path of posts) {
      const res = await b.post(path, { confirm: 'yes', name: 'x', title: 'x', days: '7', ...eventForm() });
      expect(res.res.status, `B POST ${path}`).toBe(404);
    }
    expect(await t.deps.db.selectFrom('content_version').select('version').executeTakeFirstOrThrow()).toEqual(versionBefore);
    expect(await eventById(event.id)).toEqual(event);
  });

  it('refuses a post without the form token with 403 and writes nothing', async () => {
    const kari = await signIn(app, t.deps);
    const res = await kari.post('/admin/events/new', { ...eventForm(), _csrf: '' });
    expect(res.res.status).toBe(403);
    const wrong = await kari.post('/admin/events/new', { ...eventForm(), _csrf: 'x'.repeat(43) });
    expect(wrong.res.status).toBe(403);
    expect(await t.deps.db.selectFrom('events').select('id').execute()).toEqual([]);
  });

  it('sends the signed-out to the sign-in page', async () => {
    const res = await app.request('/admin/events/new');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/admin/login');
  });
});
