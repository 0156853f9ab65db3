import ICAL from 'ical.js';
import { DOMParser } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow, QuestionRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { feedTokenFor } from '../../src/domain/registration-tokens';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';
import { deliverAll, insertQuestion, manageTokenIn, outboxOf, statuses } from '../registration-helpers';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let event: EventRow;
let diet: QuestionRow;
let choice: QuestionRow;
let days: QuestionRow;
let dinner: QuestionRow;

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function send(path: string, init: RequestInit = {}, lang: 'nb' | 'en' = 'nb') {
  const headers = new Headers(init.headers);
  headers.set('accept-language', lang);
  const res = await app.request(path, { ...init, headers });
  const body = await res.text();
  return { res, body, doc: parse(body) };
}

function post(path: string, fields: Record<string, string | string[]>, opts: { lang?: 'nb' | 'en'; htmx?: boolean } = {}) {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  return send(
    path,
    { method: 'POST', body: form, headers: opts.htmx ? { 'hx-request': 'true' } : {} },
    opts.lang ?? 'nb',
  );
}

const valid = () => ({
  name: 'Kari Nordmann',
  email: 'kari@example.no',
  organisation: 'Nav Innlandet',
  [`q_${choice.id}`]: 'Vegetar',
  [`q_${dinner.id}`]: 'yes',
});

async function rowCounts() {
  const [r, a, o] = await Promise.all(
    (['registrations', 'answers', 'outbox'] as const).map((table) =>
      t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ),
  );
  return [Number(r!.n), Number(a!.n), Number(o!.n)];
}

/** Registers through the form without JavaScript and returns the manage token from the redirect. */
async function registerVia(fields: Record<string, string | string[]>, lang: 'nb' | 'en' = 'nb') {
  const { res } = await post(`/events/${event.slug}/register`, fields, { lang });
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toMatch(/^\/registrations\/[A-Za-z0-9_-]{43}\?welcome=1$/);
  return location.slice('/registrations/'.length, -'?welcome=1'.length);
}

beforeEach(async () => {
  t = await createTestDeps({ now: new Date('2026-11-23T12:00:00Z') });
  app = createApp(t.deps);
  event = await insertEvent(t.deps.db, {
    slug: 'innlandet',
    title: 'Inkludering i Innlandet',
    capacity: 2,
    localStart: '2026-12-09T09:00',
    localEnd: '2026-12-10T15:00',
  });
  diet = await insertQuestion(t.deps.db, event.id, { type: 'long_text', label: 'Matallergier og spesielle behov', position: 1 });
  choice = await insertQuestion(t.deps.db, event.id, {
    type: 'single_choice',
    label: 'Lunsj',
    options: JSON.stringify(['Vanlig', 'Vegetar']),
    required: 1,
    position: 2,
  });
  days = await insertQuestion(t.deps.db, event.id, { type: 'days', label: 'Hvilke dager deltar du?', position: 3 });
  dinner = await insertQuestion(t.deps.db, event.id, { type: 'yes_no', label: 'Blir du med på middag?', required: 1, position: 4 });
});
afterEach(async () => {
  await t.close();
});

describe('the registration form', () => {
  it('shows the fields, the event’s questions and the event’s days, consent unticked', async () => {
    const { res, doc } = await send(`/events/${event.slug}/register`);
    expect(res.status).toBe(200);
    expect(text(doc.querySelector('h1'))).toBe('Meld deg på');
    const form = doc.querySelector('form#registration-form')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('data-hx-post')).toBe(`/events/${event.slug}/register`);
    expect(form.getAttribute('data-hx-target')).toBe('this');
    for (const name of ['name', 'email', 'organisation', 'job_title']) {
      const input = doc.querySelector(`input[name="${name}"]`)!;
      expect(doc.querySelector(`label[for="${input.getAttribute('id')}"]`)).not.toBeNull();
    }
    expect(doc.querySelector(`textarea[name="q_${diet.id}"]`)).not.toBeNull();
    expect([...doc.querySelectorAll(`input[name="q_${days.id}"]`)].map((i) => i.getAttribute('value'))).toEqual(['2026-12-09', '2026-12-10']);
    expect(text(doc.querySelector(`label[for="f-q_${days.id}-0"]`))).toBe('onsdag 9. desember');
    expect(doc.querySelector('input[name="listed"]')!.hasAttribute('checked')).toBe(false);
    expect(text(doc.querySelector('main'))).toContain('2 ledige plasser');
  });

  it('registers without JavaScript: 303 to the manage page, which greets and shows the status', async () => {
    const token = await registerVia({ ...valid(), [`q_${days.id}`]: ['2026-12-10'], [`q_${diet.id}`]: 'Nøtter' });
    const { res, doc } = await send(`/registrations/${token}?welcome=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(text(doc.querySelector('#registration-done h2'))).toBe('Du er påmeldt');
    expect(text(doc.querySelector('#registration-status'))).toBe('Du er påmeldt.');
    // The edit form holds the stored answers.
    expect(text(doc.querySelector(`textarea[name="q_${diet.id}"]`))).toBe('Nøtter');
    expect(doc.querySelector(`input[name="q_${days.id}"][value="2026-12-10"]`)!.hasAttribute('checked')).toBe(true);
    expect(doc.querySelector(`input[name="q_${days.id}"][value="2026-12-09"]`)!.hasAttribute('checked')).toBe(false);
    const answers = await t.deps.db.selectFrom('answers').select(['question_id', 'value']).orderBy('question_id').execute();
    expect(answers).toEqual([
      { question_id: diet.id, value: '"Nøtter"' },
      { question_id: choice.id, value: '"Vegetar"' },
      { question_id: days.id, value: '["2026-12-10"]' },
      { question_id: dinner.id, value: 'true' },
    ]);
  });

  it('with htmx, swaps in the confirmation with the manage link', async () => {
    const { res, body, doc } = await post(`/events/${event.slug}/register`, valid(), { htmx: true });
    expect(res.status).toBe(200);
    expect(body).not.toContain('<html');
    expect(doc.querySelector('section#registration-form')).not.toBeNull();
    expect(doc.querySelector('a[href^="/registrations/"]')).not.toBeNull();
    // The page showed a count of places left: the answer takes it away.
    expect(doc.querySelector('#places-left[data-hx-swap-oob="delete"]')).not.toBeNull();
  });

  it('with htmx, touches no count of places left where the page showed none (htmx would report a missing target)', async () => {
    await t.deps.db.updateTable('events').set({ capacity: null }).where('id', '=', event.id).execute();
    expect((await send(`/events/${event.slug}/register`)).doc.querySelector('#places-left')).toBeNull();
    const { res, doc } = await post(`/events/${event.slug}/register`, valid(), { htmx: true });
    expect(res.status).toBe(200);
    expect(doc.querySelector('a[href^="/registrations/"]')).not.toBeNull();
    expect(doc.querySelector('#places-left')).toBeNull();
  });

  it('puts the third person on the waiting list and says which place', async () => {
    await registerVia({ ...valid(), email: 'a@example.no' });
    await registerVia({ ...valid(), email: 'b@example.no' });
    const full = await send(`/events/${event.slug}/register`);
    expect(text(full.doc.querySelector('button[type="submit"]'))).toBe('Sett meg på ventelisten');
    const token = await registerVia({ ...valid(), email: 'c@example.no' }, 'en');
    const { doc } = await send(`/registrations/${token}`, {}, 'en');
    expect(text(doc.querySelector('#registration-status'))).toBe('You are number 1 on the waiting list.');
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
  });
});

describe('hostile and malformed input: a 4xx with a clear message and no row written', () => {
  const cases: [string, () => Record<string, string | string[]>, () => string, string, string][] = [
    ['missing fields', () => ({}), () => 'name', 'Fyll ut dette feltet.', 'Please fill in this field.'],
    ['a 10,000-character name', () => ({ ...valid(), name: 'x'.repeat(10_000) }), () => 'name', 'Teksten er for lang (høyst 200 tegn).', 'The text is too long (at most 200 characters).'],
    ['an invalid e-mail', () => ({ ...valid(), email: 'kari@@nav' }), () => 'email', 'Skriv e-postadressen slik: navn@eksempel.no', 'Write the e-mail address like this: name@example.com'],
    ['an option that was never offered', () => ({ ...valid(), [`q_${choice.id}`]: 'Biff' }), () => `q_${choice.id}`, 'Velg blant alternativene som står i skjemaet.', 'Please choose among the options in the form.'],
    ['a day outside the event', () => ({ ...valid(), [`q_${days.id}`]: '2026-12-24' }), () => `q_${days.id}`, 'Velg blant alternativene som står i skjemaet.', 'Please choose among the options in the form.'],
  ];
  for (const [name, fields, fieldOf, nb, en] of cases) {
    it(`${name}: 422, the message next to the field and in the summary, in nb and en`, async () => {
      const field = fieldOf();
      for (const [lang, message] of [['nb', nb], ['en', en]] as const) {
        const { res, doc } = await post(`/events/${event.slug}/register`, fields(), { lang });
        expect(res.status).toBe(422);
        const input = doc.querySelector(`#f-${field}`) ?? doc.querySelector(`#f-${field}-0`);
        const error = doc.querySelector(`#err-${field}`);
        expect(text(error)).toBe(message);
        const invalid = input?.tagName === 'FIELDSET' ? input.querySelector('input') : input;
        expect(invalid?.getAttribute('aria-invalid')).toBe('true');
        expect(doc.querySelector(`a[href="#f-${field}"]`)).not.toBeNull();
        expect(text(doc.querySelector('.error-summary'))).toContain(message);
      }
      expect(await rowCounts()).toEqual([0, 0, 0]);
    });
  }

  it('keeps the entered values, escaping <script> in every field on output', async () => {
    const script = '<script>alert(1)</script>';
    const fields = { name: script, email: `${script}@x.no`, organisation: script, job_title: script, [`q_${diet.id}`]: script, [`q_${choice.id}`]: script };
    const { res, body, doc } = await post(`/events/${event.slug}/register`, fields);
    expect(res.status).toBe(422);
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(doc.querySelectorAll('main script')).toHaveLength(0);
    expect(doc.querySelector('input[name="name"]')!.getAttribute('value')).toBe(script);
    // (linkedom does not decode entities inside <textarea>, as browsers do; so look at the markup itself.)
    expect(body).toMatch(/<textarea[^>]*name="q_\d+"[^>]*>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/textarea>/);
    expect(await rowCounts()).toEqual([0, 0, 0]);
  });

  it('stores <script> as text when the rest is valid, and shows it escaped on the manage page', async () => {
    const script = '<script>alert(1)</script>';
    const token = await registerVia({ ...valid(), name: script, organisation: script, [`q_${diet.id}`]: script });
    const { body, doc } = await send(`/registrations/${token}`);
    expect(body).not.toContain(script);
    expect(doc.querySelectorAll('main script')).toHaveLength(0);
    expect(doc.querySelector('input[name="name"]')!.getAttribute('value')).toBe(script);
    const mail = (await outboxOf(t.deps.db))[0]!.mail;
    expect(mail.html).not.toContain(script);
    expect(mail.html).toContain('&lt;script&gt;');
  });

  it('refuses a question the event does not have', async () => {
    for (const [lang, message] of [['nb', 'Skjemaet er endret'], ['en', 'The form has changed']] as const) {
      const { res, doc } = await post(`/events/${event.slug}/register`, { ...valid(), q_99999: 'x', q_abc: 'y' }, { lang });
      expect(res.status).toBe(422);
      expect(text(doc.querySelector('.error-summary'))).toContain(message);
    }
    expect(await rowCounts()).toEqual([0, 0, 0]);
  });

  it('answers a malformed or oversized body with a 4xx, not a 500', async () => {
    const huge = await post(`/events/${event.slug}/register`, { ...valid(), name: 'x'.repeat(100_000) });
    expect(huge.res.status).toBe(413);
    const json = await send(`/events/${event.slug}/register`, { method: 'POST', body: '{"name":1}', headers: { 'content-type': 'application/json' } });
    expect(json.res.status).toBe(422);
    const broken = await send(`/events/${event.slug}/register`, {
      method: 'POST',
      body: '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nKari',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(broken.res.status).toBeGreaterThanOrEqual(400);
    expect(broken.res.status).toBeLessThan(500);
    expect(await rowCounts()).toEqual([0, 0, 0]);
  });

  it('says clearly when registration is closed, not yet open or the event cancelled (409), and 404 for a draft', async () => {
    const closed = await insertEvent(t.deps.db, { slug: 'closed', registration_closes_at: '2026-11-20T00:00:00.000Z' });
    const notYet = await insertEvent(t.deps.db, { slug: 'not-yet', registration_opens_at: '2026-12-01T08:00:00.000Z' });
    const cancelled = await insertEvent(t.deps.db, { slug: 'cancelled', status: 'cancelled' });
    await insertEvent(t.deps.db, { slug: 'draft', status: 'draft' });
    const expectations: [EventRow, string, string][] = [
      [closed, 'Påmeldingen til dette arrangementet er stengt.', 'Registration for this event is closed.'],
      [notYet, 'Påmeldingen åpner 1. desember 2026.', 'Registration opens 1 December 2026.'],
      [cancelled, 'Arrangementet er avlyst, og det er ikke lenger mulig å melde seg på.', 'The event is cancelled; registration is no longer possible.'],
    ];
    for (const [e, nb, en] of expectations) {
      for (const [lang, message] of [['nb', nb], ['en', en]] as const) {
        const page = await send(`/events/${e.slug}/register`, {}, lang);
        expect(page.res.status).toBe(409);
        expect(text(page.doc.querySelector('[role="alert"]'))).toBe(message);
        const attempt = await post(`/events/${e.slug}/register`, valid(), { lang });
        expect(attempt.res.status).toBe(409);
        expect(text(attempt.doc.querySelector('[role="alert"]'))).toBe(message);
      }
    }
    expect((await send('/events/draft/register')).res.status).toBe(404);
    expect((await post('/events/draft/register', valid())).res.status).toBe(404);
    expect(await rowCounts()).toEqual([0, 0, 0]);
  });

  it('answers a forged or malformed manage token with a 404 in the visitor’s language', async () => {
    const forged = 'A'.repeat(43);
    for (const path of [`/registrations/${forged}`, '/registrations/short', `/registrations/${forged}/data.json`, `/registrations/${forged}/event.ics`, `/registrations/feed/${forged}.ics`]) {
      const nb = await send(path);
      expect(nb.res.status).toBe(404);
      expect(text(nb.doc.querySelector('[role="alert"]'))).toContain('Vi finner ingen påmelding med denne lenken.');
    }
    const en = await send(`/registrations/${forged}`, {}, 'en');
    expect(text(en.doc.querySelector('[role="alert"]'))).toContain('We find no registration with this link.');
    for (const path of [`/registrations/${forged}/cancel`, `/registrations/${forged}/delete`, `/registrations/${forged}`]) {
      expect((await post(path, {})).res.status).toBe(404);
    }
    expect(await rowCounts()).toEqual([0, 0, 0]);
  });
});

describe('a second registration with the same address', () => {
  it('explains, offers to mail the link, and never shows it', async () => {
    await registerVia({ ...valid(), email: ' Kari@Example.no ' });
    const { res, body, doc } = await post(`/events/${event.slug}/register`, { ...valid(), email: 'kari@example.no' });
    expect(res.status).toBe(409);
    expect(text(doc.querySelector('h1'))).toBe('Du er allerede påmeldt');
    expect(body).not.toMatch(/\/registrations\/[A-Za-z0-9_-]{43}/);
    const resend = doc.querySelector(`form[action="/events/${event.slug}/register/resend"]`)!;
    expect(resend.querySelector('input[name="email"]')!.getAttribute('value')).toBe('kari@example.no');

    const sent = await post(`/events/${event.slug}/register/resend`, { email: 'kari@example.no' });
    expect(sent.res.status).toBe(200);
    expect(sent.body).not.toMatch(/\/registrations\/[A-Za-z0-9_-]{43}/);
    const mails = await outboxOf(t.deps.db);
    expect(mails.map((m) => m.kind)).toEqual(['confirmation', 'manage_link']);
    const delivered = await deliverAll(t.deps.db, t.deps.clock());
    expect((await send(`/registrations/${manageTokenIn(delivered[1]!.text)}`)).res.status).toBe(200);
    // Someone else's address gets the same answer and no mail.
    const unknown = await post(`/events/${event.slug}/register/resend`, { email: 'nobody@example.no' });
    expect(text(unknown.doc.querySelector('.success'))).toBe(text(sent.doc.querySelector('.success')));
    expect(await outboxOf(t.deps.db)).toHaveLength(2);
  });
});

describe('inline validation', () => {
  it('answers with just the field, its error and the value, rendered by the same component', async () => {
    const { res, body, doc } = await post(`/events/${event.slug}/register/validate?field=email`, { ...valid(), email: 'nope' }, { htmx: true });
    expect(res.status).toBe(200);
    expect(body).not.toContain('<html');
    const box = doc.querySelector('#field-email')!;
    expect(box.getAttribute('data-hx-post')).toBe(`/events/${event.slug}/register/validate?field=email`);
    expect(text(box.querySelector('#err-email'))).toBe('Skriv e-postadressen slik: navn@eksempel.no');
    expect(box.querySelector('input')!.getAttribute('value')).toBe('nope');
    const fine = await post(`/events/${event.slug}/register/validate?field=email`, valid(), { htmx: true });
    expect(fine.doc.querySelector('#err-email')).toBeNull();
    expect((await post(`/events/${event.slug}/register/validate?field=bogus`, valid())).res.status).toBe(400);
    expect(await rowCounts()).toEqual([0, 0, 0]);
  });
});

describe('the manage link', () => {
  it('changes answers with the same validation, and keeps the e-mail', async () => {
    const token = await registerVia(valid());
    const bad = await post(`/registrations/${token}`, { ...valid(), name: '' });
    expect(bad.res.status).toBe(422);
    expect(text(bad.doc.querySelector('#err-name'))).toBe('Fyll ut dette feltet.');
    const ok = await post(`/registrations/${token}`, { ...valid(), name: 'Kari N.', email: 'evil@example.no', listed: '1' });
    expect(ok.res.status).toBe(303);
    const { doc } = await send(ok.res.headers.get('location')!);
    expect(text(doc.querySelector('.success'))).toBe('Endringene er lagret.');
    const row = await t.deps.db.selectFrom('registrations').selectAll().executeTakeFirstOrThrow();
    expect([row.name, row.email, row.listed]).toEqual(['Kari N.', 'kari@example.no', 1]);
  });

  it('cancels after a confirmation step, promoting the first on the waiting list', async () => {
    const first = await registerVia({ ...valid(), email: 'a@example.no' });
    await registerVia({ ...valid(), email: 'b@example.no' });
    await registerVia({ ...valid(), email: 'c@example.no' });
    const confirm = await send(`/registrations/${first}/cancel`);
    expect(confirm.res.status).toBe(200);
    expect(confirm.doc.querySelector(`form[method="post"][action="/registrations/${first}/cancel"]`)).not.toBeNull();
    const done = await post(`/registrations/${first}/cancel`, {});
    expect(done.res.status).toBe(303);
    const page = await send(done.res.headers.get('location')!);
    expect(text(page.doc.querySelector('#registration-status'))).toBe('Du har meldt deg av.');
    expect(page.doc.querySelector('form#registration-form')).toBeNull();
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['cancelled', 'confirmed', 'confirmed']);
    const kinds = (await outboxOf(t.deps.db)).map((m) => [m.kind, m.to_address]);
    expect(kinds.slice(-2)).toEqual([
      ['cancelled', 'a@example.no'],
      ['promoted', 'c@example.no'],
    ]);
  });

  it('offers the .ics, a webcal:// personal feed that parses, and the data as JSON', async () => {
    const token = await registerVia({ ...valid(), [`q_${days.id}`]: ['2026-12-10'] });
    const { doc } = await send(`/registrations/${token}`);
    const feedLink = doc.querySelector('a[href^="webcal://"]')!.getAttribute('href')!;
    expect(feedLink).toBe(`webcal://localhost:3000/registrations/feed/${await feedTokenFor(token)}.ics`);
    const feed = await send(feedLink.replace('webcal://localhost:3000', ''));
    expect(feed.res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary')).toBe('Inkludering i Innlandet');

    const ics = await send(`/registrations/${token}/event.ics`);
    expect(ics.res.status).toBe(200);
    expect(new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent('vtimezone')).not.toBeNull();

    const data = await send(`/registrations/${token}/data.json`);
    expect(data.res.headers.get('cache-control')).toBe('private, no-store');
    const json = JSON.parse(data.body) as { registration: { email: string }; answers: { question: string; answer: unknown }[] };
    expect(json.registration.email).toBe('kari@example.no');
    expect(json.answers).toContainEqual({ question: 'Hvilke dager deltar du?', type: 'days', answer: ['2026-12-10'] });
    expect(data.body).not.toContain('token_hash');
  });

  it('deletes the data after a confirmation step; the link then leads nowhere', async () => {
    const token = await registerVia(valid());
    const confirm = await send(`/registrations/${token}/delete`);
    expect(confirm.doc.querySelector(`form[action="/registrations/${token}/delete"]`)).not.toBeNull();
    const done = await post(`/registrations/${token}/delete`, {});
    expect(done.res.status).toBe(200);
    expect(text(done.doc.querySelector('h1'))).toBe('Dataene dine er slettet');
    expect((await send(`/registrations/${token}`)).res.status).toBe(404);
    const [registrations, answers] = await rowCounts();
    expect([registrations, answers]).toEqual([0, 0]);
  });

  it('serves participants-only files to confirmed participants, not to the waiting list or the public', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 deltakere');
    const stored = await t.deps.files.put('participants.pdf', bytes);
    const file = await t.deps.db
      .insertInto('files')
      .values({
        event_id: event.id, item_id: null, speaker_id: null, kind: 'document', title: 'Deltakerliste', filename: 'deltakere.pdf',
        content_type: 'application/pdf', size: stored.size, sha256: stored.sha256, storage_key: 'participants.pdf',
        visibility: 'participants', caption: null, credit: null, alt: null, position: 0, created_at: 'x', updated_at: 'x',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const confirmed = await registerVia({ ...valid(), email: 'a@example.no' });
    await registerVia({ ...valid(), email: 'b@example.no' });
    const waiting = await registerVia({ ...valid(), email: 'c@example.no' });
    const page = await send(`/registrations/${confirmed}`);
    const href = page.doc.querySelector('a.file-link')!.getAttribute('href')!;
    expect(href).toBe(`/registrations/${confirmed}/files/${file.id}/deltakere.pdf`);
    const download = await app.request(href);
    expect(download.status).toBe(200);
    expect(new TextDecoder().decode(await download.arrayBuffer())).toBe('%PDF-1.4 deltakere');
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    expect((await app.request(`/registrations/${waiting}/files/${file.id}/deltakere.pdf`)).status).toBe(404);
    expect((await app.request(`/files/${file.id}/deltakere.pdf`)).status).toBe(404);
  });
});

describe('no dead ends', () => {
  const hrefs = (doc: Document) => [...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);

  it('a cancelled event offers nothing to add to a calendar, on its pages or on a participant’s page', async () => {
    await insertItemFor(event);
    const token = await registerVia(valid());
    const before = await send(`/events/${event.slug}`);
    expect(hrefs(before.doc)).toContain(`/events/${event.slug}/event.ics`);
    await t.deps.db.updateTable('events').set({ status: 'cancelled' }).where('id', '=', event.id).execute();

    const page = await send(`/events/${event.slug}`);
    expect(text(page.doc.querySelector('.notice.cancelled'))).not.toBe('');
    const programme = await send(`/events/${event.slug}/programme`);
    const manage = await send(`/registrations/${token}`);
    for (const doc of [page.doc, programme.doc, manage.doc]) {
      // The site's feed of all events (in the footer) stays; nothing for this event.
      const calendarLinks = hrefs(doc).filter((h) => (h.endsWith('.ics') || h.startsWith('webcal:') || h.includes('calendar.google.com')) && !h.endsWith('/calendar.ics'));
      expect(calendarLinks).toEqual([]);
      expect(doc.querySelector('.add-to-calendar')).toBeNull();
    }
  });

  it('the private page of an unpublished event links to no public page (they answer 404)', async () => {
    const token = await registerVia(valid());
    await t.deps.db.updateTable('events').set({ status: 'draft' }).where('id', '=', event.id).execute();
    expect((await send(`/events/${event.slug}`)).res.status).toBe(404);
    const manage = await send(`/registrations/${token}`);
    expect(manage.res.status).toBe(200);
    expect(text(manage.doc.querySelector('header .meta'))).toContain(event.title);
    expect(hrefs(manage.doc).filter((h) => h.startsWith(`/events/${event.slug}`))).toEqual([]);
    // After cancelling, no "register again" to a page that does not exist.
    await post(`/registrations/${token}/cancel`, {});
    const cancelled = await send(`/registrations/${token}`);
    expect(hrefs(cancelled.doc).filter((h) => h.startsWith('/events/'))).toEqual([]);
  });
});

async function insertItemFor(e: EventRow) {
  const { insertItem } = await import('../fixtures');
  return insertItem(t.deps.db, e, { start: '2026-12-09T10:00', end: '2026-12-09T11:00' }, { title: 'Åpning' });
}
