import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { insertBatches } from '../../src/domain/bound-parameters';
import { grantEvent } from '../../src/domain/auth';
import { parseCsv } from '../../src/domain/csv';
import { register } from '../../src/domain/registration';
import type { Lang } from '../../src/i18n/index';
import { signIn } from '../admin-helpers';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';
import { SETTINGS, insertQuestion, outboxOf, person, statuses } from '../registration-helpers';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let app: ReturnType<typeof createApp>;
let event: EventRow;
let kari: Awaited<ReturnType<typeof signIn>>;

const START = new Date('2026-11-23T12:00:00Z');

async function add(name: string, organisation: string, extra: Parameters<typeof person>[0] = {}, lang: Lang = 'nb') {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.no`;
  const outcome = await register(t.deps.db, event.id, person({ name, email, organisation, ...extra }), lang, t.deps.clock(), SETTINGS);
  if (outcome.kind !== 'registered') throw new Error('not registered');
  return outcome.registration;
}

const url = (page = '') => `/admin/events/${event.id}${page}`;

beforeEach(async () => {
  t = await createTestDeps({ now: START });
  app = createApp(t.deps);
  event = await insertEvent(t.deps.db, { title: 'Inkluderingsseminar', slug: 'inkludering-2027' });
  kari = await signIn(app, t.deps, { role: 'organiser', name: 'Kari' });
  await grantEvent(t.deps.db, kari.organiser.id, event.id);
});
afterEach(() => t.close());

describe('participant list', () => {
  it('groups "NAV", "Nav" and " nav " as one organisation under the most common spelling, with counts', async () => {
    await add('Anne', 'Nav');
    await add('Bjørn', 'NAV');
    await add('Cecilie', ' nav ');
    await add('Dag', 'Nav');
    await add('Eva', 'Høgskolen i Innlandet');
    const { res, doc } = await kari.get(url('/participants'));
    expect(res.status).toBe(200);
    const rows = [...doc.querySelectorAll('table.org-counts tbody tr')].map((tr) => [
      tr.querySelector('th')!.textContent!.trim(),
      tr.querySelector('td')!.textContent!.trim(),
    ]);
    expect(rows).toEqual([
      ['Nav', '4'],
      ['Høgskolen i Innlandet', '1'],
    ]);
    // The detail table has one section per organisation, its heading with the count, members in it.
    const groups = [...doc.querySelectorAll('table.participants-table tbody')].map((tb) => ({
      heading: tb.querySelector('tr.group-row th')!.textContent!.trim(),
      names: [...tb.querySelectorAll('tr[id^="p-"] th')].map((th) => th.firstChild!.textContent!.trim()),
    }));
    expect(groups).toEqual([
      { heading: 'Nav (4)', names: ['Anne', 'Bjørn', 'Cecilie', 'Dag'] },
      { heading: 'Høgskolen i Innlandet (1)', names: ['Eva'] },
    ]);
  });

  it('filters by status, search and organisation, and shows the answers', async () => {
    const diet = await insertQuestion(t.deps.db, event.id, { type: 'short_text', label: 'Matallergier' });
    await add('Anne', 'Nav', { answers: [{ questionId: diet.id, value: 'Glutenfri' }] });
    const bjorn = await add('Bjørn', 'Agder fylkeskommune');
    await t.deps.db.updateTable('registrations').set({ status: 'waitlisted' }).where('id', '=', bjorn.id).execute();

    const all = await kari.get(url('/participants'));
    const header = [...all.doc.querySelectorAll('table.participants-table thead th')].map((th) => th.textContent);
    expect(header).toContain('Matallergier');
    expect(all.doc.querySelector('#p-' + bjorn.id)).toBeTruthy();
    expect([...all.doc.querySelectorAll('table.participants-table td')].map((td) => td.textContent)).toContain('Glutenfri');

    const waitlisted = await kari.get(url('/participants?status=waitlisted'));
    expect(waitlisted.doc.querySelectorAll('tr[id^="p-"]').length).toBe(1);
    expect(waitlisted.doc.querySelector('#p-' + bjorn.id)).toBeTruthy();

    const search = await kari.get(url('/participants?q=' + encodeURIComponent(' NAV ')));
    expect([...search.doc.querySelectorAll('tr[id^="p-"] th')].map((th) => th.firstChild!.textContent)).toEqual(['Anne']);

    const byOrg = await kari.get(url('/participants?org=agder+fylkeskommune'));
    expect([...byOrg.doc.querySelectorAll('tr[id^="p-"] th')].map((th) => th.firstChild!.textContent)).toEqual(['Bjørn']);
  });

  it('pages a long list', async () => {
    const stamp = START.toISOString();
    const rows = Array.from({ length: 450 }, (_, i) => ({
      event_id: event.id,
      status: 'confirmed' as const,
      name: `Person ${String(i).padStart(3, '0')}`,
      email: `p${i}@example.no`,
      email_key: `p${i}@example.no`,
      organisation: i % 3 === 0 ? 'Nav' : 'NHO',
      job_title: null,
      listed: 0,
      lang: 'nb',
      token_hash: `t${i}`,
      feed_token_hash: `f${i}`,
      created_at: stamp,
      updated_at: stamp,
      cancelled_at: null,
      promoted_at: null,
      checked_in_at: null,
      reminder_sent_at: null,
    }));
    for (const batch of insertBatches(rows)) await t.deps.db.insertInto('registrations').values(batch).execute();
    const first = await kari.get(url('/participants'));
    expect(first.doc.querySelectorAll('tr[id^="p-"]').length).toBe(200);
    expect(first.body).toContain('Viser 1–200 av 450');
    const last = await kari.get(url('/participants?page=3'));
    expect(last.doc.querySelectorAll('tr[id^="p-"]').length).toBe(50);
    expect(last.body).toContain('Viser 401–450 av 450');
    // The largest group (NHO, 300) comes first, so the last page is Nav's.
    expect(last.doc.querySelector('tr.group-row th')!.textContent).toBe('Nav (150)');
  });
});

describe('manual actions', () => {
  it('cancelling a confirmed participant promotes the first on the waiting list and queues both mails', async () => {
    await t.deps.db.updateTable('events').set({ capacity: 1 }).where('id', '=', event.id).execute();
    event = { ...event, capacity: 1 };
    const anne = await add('Anne', 'Nav');
    const bjorn = await add('Bjørn', 'Nav');
    const cecilie = await add('Cecilie', 'Nav');
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    const before = (await outboxOf(t.deps.db)).length;

    // First the organiser is asked; nothing changes and no mail is queued until they confirm.
    const asked = await kari.post(url(`/participants/${anne.id}/cancel`), { back: url('/participants?status=all') });
    expect(asked.res.status).toBe(200);
    expect(asked.doc.querySelector('.confirm')?.textContent).toContain('Anne');
    expect(asked.doc.querySelector('input[name="confirm"]')?.getAttribute('value')).toBe('yes');
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    expect((await outboxOf(t.deps.db)).length).toBe(before);

    const { res } = await kari.post(url(`/participants/${anne.id}/cancel`), { back: url('/participants?status=all'), confirm: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(url('/participants?status=all&done=cancelled&promoted=1'));
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['cancelled', 'confirmed', 'waitlisted']);
    const mails = (await outboxOf(t.deps.db)).slice(before);
    expect(mails.map((m) => [m.kind, m.to_address])).toEqual([
      ['cancelled', anne.email],
      ['promoted', bjorn.email],
    ]);
    expect(mails[1]!.mail.calendar?.method).toBe('REQUEST');

    const page = await kari.get(res.headers.get('location')!);
    expect(page.doc.querySelector('[role="status"]')!.textContent).toContain('1 fikk plass fra ventelisten');
    expect(cecilie.status).toBe('waitlisted');
  });

  it('warns before overbooking and confirms when asked again; moving to the waiting list mails a CANCEL', async () => {
    await t.deps.db.updateTable('events').set({ capacity: 1 }).where('id', '=', event.id).execute();
    const anne = await add('Anne', 'Nav');
    const bjorn = await add('Bjørn', 'Nav');
    const warned = await kari.post(url(`/participants/${bjorn.id}/confirm`), { back: url('/participants') });
    expect(warned.res.status).toBe(409);
    expect(warned.doc.querySelector('#overbook')!.textContent).toContain('Arrangementet er fullt (1 av 1 plasser er tatt)');
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['confirmed', 'waitlisted']);

    const overbook = warned.doc.querySelector('#overbook form')!;
    expect(overbook.querySelector('input[name="overbook"]')!.getAttribute('value')).toBe('1');
    const confirmed = await kari.post(overbook.getAttribute('action')!, { overbook: '1', back: url('/participants') });
    expect(confirmed.res.status).toBe(303);
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['confirmed', 'confirmed']);
    const promoted = (await outboxOf(t.deps.db)).at(-1)!;
    expect([promoted.kind, promoted.to_address, promoted.mail.subject]).toEqual(['promoted', bjorn.email, 'Du har fått plass: Inkluderingsseminar']);

    const moved = await kari.post(url(`/participants/${anne.id}/waitlist`), { confirm: 'yes' });
    expect(moved.res.status).toBe(303);
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['waitlisted', 'confirmed']);
    const notice = (await outboxOf(t.deps.db)).at(-1)!;
    expect([notice.kind, notice.to_address, notice.mail.calendar?.method]).toEqual(['waitlisted', anne.email, 'CANCEL']);
  });

  it('does not redirect elsewhere than the list', async () => {
    const anne = await add('Anne', 'Nav');
    const { res } = await kari.post(url(`/participants/${anne.id}/cancel`), { back: 'https://evil.example/', confirm: 'yes' });
    expect(res.headers.get('location')).toBe(url('/participants?done=cancelled'));
  });
});

describe('CSV export', () => {
  it('streams UTF-8 with BOM, semicolons, CRLF, quoting, the formula guard and the answers', async () => {
    const diet = await insertQuestion(t.deps.db, event.id, { type: 'short_text', label: 'Matallergier', position: 1 });
    const dinner = await insertQuestion(t.deps.db, event.id, { type: 'yes_no', label: 'Middag', position: 2 });
    const sessions = await insertQuestion(t.deps.db, event.id, { type: 'multi_choice', label: 'Parallellsesjoner', options: '["A","B; C"]', position: 3 });
    await add('Åse Øvergård', 'NAV', {
      email: 'åse@example.no',
      job_title: 'Rådgiver',
      answers: [
        { questionId: diet.id, value: 'Nøtter, "litt" skalldyr' },
        { questionId: dinner.id, value: true },
        { questionId: sessions.id, value: ['A', 'B; C'] },
      ],
    });
    await add('Ola Nordmann', 'Nav');
    await add('Mallory', '=HYPERLINK("http://evil.example";"klikk")', { job_title: '+47 900 00 000' });

    const res = await app.request(url('/participants.csv'), { headers: { cookie: kari.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="deltakere-inkludering-2027.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFNavn;E-post;')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);

    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      'Navn',
      'E-post',
      'Virksomhet (samlet)',
      'Virksomhet (slik den ble skrevet)',
      'Stilling',
      'Status',
      'Påmeldt',
      'Møtt',
      'Matallergier',
      'Middag',
      'Parallellsesjoner',
    ]);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual([
      'Åse Øvergård',
      'åse@example.no',
      // "NAV" and "Nav" once each: the tie goes to the proper-looking spelling.
      'Nav',
      'NAV',
      'Rådgiver',
      'Bekreftet',
      '2026-11-23 13:00',
      '',
      'Nøtter, "litt" skalldyr',
      'Ja',
      'A, B; C',
    ]);
    expect(rows[2]!.slice(2, 4)).toEqual(['Nav', 'Nav']);
    expect(rows[3]![0]).toBe('Mallory');
    expect(rows[3]![2]).toBe(`'=HYPERLINK("http://evil.example";"klikk")`);
    expect(rows[3]![4]).toBe(`'+47 900 00 000`);
    // The raw text quotes what needs it.
    expect(text).toContain(`"Nøtter, ""litt"" skalldyr"`);
  });
});

describe('the CSV export follows the list', () => {
  it('holds only the people the filter, search and organisation show, and the page links to that export', async () => {
    const anne = await add('Anne', 'Nav');
    await add('Bjørn', 'NHO');
    await add('Cecilie', 'NAV');
    await add('Dag', 'nav');
    await t.deps.db.updateTable('registrations').set({ status: 'cancelled' }).where('id', '=', anne.id).execute();
    const names = async (query: string) => {
      const res = await app.request(url(`/participants.csv${query}`), { headers: { cookie: kari.cookie } });
      expect(res.status).toBe(200);
      return parseCsv(new TextDecoder().decode(await res.arrayBuffer())).slice(1).map((row) => row[0]);
    };
    expect(await names('')).toEqual(['Bjørn', 'Cecilie', 'Dag']);
    expect(await names('?status=all')).toEqual(['Anne', 'Bjørn', 'Cecilie', 'Dag']);
    expect(await names('?q=bj')).toEqual(['Bjørn']);
    expect(await names('?status=all&org=nav')).toEqual(['Anne', 'Cecilie', 'Dag']);
    expect(await names('?org=nav&q=dag')).toEqual(['Dag']);

    const page = await kari.get(url('/participants?status=all&q=an&org=nav&page=1'));
    const href = page.doc.querySelector('#csv-export a')!.getAttribute('href')!;
    expect(href).toBe(url('/participants.csv?status=all&q=an&org=nav'));
    expect(await names(href.slice(href.indexOf('?')))).toEqual(['Anne']);
  });
});

describe('check-in', () => {
  it('checks people in and out and updates the count, by plain form and by htmx', async () => {
    const anne = await add('Anne', 'Nav');
    await add('Bjørn', 'NHO');
    const page = await kari.get(url('/checkin'));
    expect(page.res.status).toBe(200);
    expect(page.doc.querySelector('#checkin-count')!.textContent).toBe('0 av 2 har møtt');
    expect(page.doc.querySelector('#checkin-count')!.getAttribute('data-hx-trigger')).toBe('every 5s');
    expect(page.doc.querySelectorAll('.checkin-list li').length).toBe(2);

    const plain = await kari.post(url(`/checkin/${anne.id}`), { checked: '1', q: 'ann' });
    expect(plain.res.status).toBe(303);
    expect(plain.res.headers.get('location')).toBe(url(`/checkin?q=ann#c-${anne.id}`));
    const count = await kari.get(url('/checkin/count'));
    expect(count.body).toBe('1 av 2 har møtt');

    const search = await kari.get(url('/checkin?q=ann'));
    const row = search.doc.querySelector(`#c-${anne.id}`)!;
    expect(search.doc.querySelectorAll('.checkin-list li').length).toBe(1);
    expect(row.textContent).toContain('Møtt kl. 13.00');
    expect(row.querySelector('button')!.textContent).toBe('Angre');

    const undo = await kari.post(url(`/checkin/${anne.id}`), { checked: '0' }, { 'hx-request': 'true' });
    expect(undo.res.status).toBe(200);
    expect(undo.doc.querySelector(`li#c-${anne.id} button`)!.textContent).toBe('Registrer oppmøte');
    expect(undo.doc.querySelector('#checkin-count[data-hx-swap-oob]')!.textContent).toBe('0 av 2 har møtt');
  });
});

describe('messages', () => {
  it('previews, then sends one outbox row per recipient of the chosen group, each in their language, and counts progress', async () => {
    await t.deps.db.updateTable('events').set({ capacity: 2 }).where('id', '=', event.id).execute();
    const anne = await add('Anne', 'Nav');
    const john = await add('John', 'NHO', {}, 'en');
    await add('Waiting Wenche', 'Nav');

    const preview = await kari.post(url('/messages'), { audience: 'confirmed', subject: 'Parkering', body: 'Bruk P2 <ved> inngangen.\n\nVelkommen!', action: 'preview' });
    expect(preview.res.status).toBe(200);
    expect(preview.doc.querySelector('#preview pre')!.textContent).toContain('Hei Kari Nordmann,\n\nBruk P2 <ved> inngangen.');
    expect(preview.doc.querySelector('#preview button')!.textContent).toBe('Send til 2 mottakere');
    expect(await t.deps.db.selectFrom('outbox').where('kind', '=', 'message').select('id').execute()).toHaveLength(0);

    const send = preview.doc.querySelector('#preview form')!;
    const fields = Object.fromEntries([...send.querySelectorAll('input, button')].filter((i) => i.getAttribute('name')).map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']));
    const sent = await kari.post(url('/messages'), fields);
    expect(sent.res.status).toBe(303);
    const location = sent.res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/admin/events/${event.id}/messages/\\d+\\?queued=1$`));

    const mails = (await outboxOf(t.deps.db)).filter((m) => m.kind === 'message');
    expect(mails.map((m) => m.to_address).sort()).toEqual([anne.email, john.email].sort());
    const en = mails.find((m) => m.to_address === john.email)!;
    expect(en.mail.subject).toBe('Parkering');
    expect(en.mail.text).toMatch(/^Hello John,\n\nBruk P2 <ved> inngangen\./);
    expect(en.mail.html).toContain('<p>Bruk P2 &lt;ved&gt; inngangen.</p>');
    expect(en.mail.html).not.toContain('<ved>');
    expect(mails.find((m) => m.to_address === anne.email)!.mail.text).toMatch(/^Hei Anne,/);

    const progress = await kari.get(location);
    expect(progress.doc.querySelector('[role="status"].success')!.textContent).toContain('2 mottakere');
    const live = progress.doc.querySelector('.message-progress [role="status"]')!;
    expect(live.textContent).toBe('Sendt 0 av 2 · venter 2 · feilet 0');
    const poll = live.getAttribute('data-hx-get')!;

    await t.deps.db.updateTable('outbox').set({ status: 'sent' }).where('id', '=', mails[0]!.id).execute();
    const half = await kari.get(poll);
    expect([half.res.status, half.body]).toEqual([200, 'Sendt 1 av 2 · venter 1 · feilet 0']);
    await t.deps.db.updateTable('outbox').set({ status: 'failed' }).where('id', '=', mails[1]!.id).execute();
    const done = await kari.get(poll);
    // 286: htmx stops polling.
    expect([done.res.status, done.body]).toEqual([286, 'Sendt 1 av 2 · venter 0 · feilet 1']);

    const list = await kari.get(url('/messages'));
    expect(list.doc.querySelector('.message-list li')!.textContent).toContain('Parkering');
  });

  it('refuses an empty subject and a group without anyone, with messages tied to the fields', async () => {
    await add('Anne', 'Nav');
    const res = await kari.post(url('/messages'), { audience: 'checked_in', subject: '', body: 'Tekst', action: 'send' });
    expect(res.res.status).toBe(422);
    expect(res.doc.querySelector('[role="alert"]')!.textContent).toContain('Skriv et emne.');
    expect(res.doc.querySelector('#f-subject')!.getAttribute('aria-describedby')).toBe('err-subject');
    expect(res.doc.getElementById('err-audience')!.textContent).toBe('Ingen mottakere i denne gruppen.');
    expect(await t.deps.db.selectFrom('messages').select('id').execute()).toHaveLength(0);
  });
});

describe('dashboard', () => {
  it('draws one bar per day and per organisation, as accessible SVG with the same figures in tables', async () => {
    await add('Anne', 'Nav');
    t.setNow(new Date('2026-11-25T08:00:00Z'));
    await add('Bjørn', 'NAV');
    await add('Cecilie', 'NHO');
    await add('Dag', 'Agder fylkeskommune');
    // Back to when the session is alive.
    t.setNow(START);
    const { res, doc } = await kari.get(url('/dashboard'));
    expect(res.status).toBe(200);
    const days = doc.querySelector('svg[aria-labelledby="chart-days-title chart-days-desc"]')!;
    expect(days.getAttribute('role')).toBe('img');
    expect(days.querySelector('title')!.textContent).toBe('Påmeldinger per dag');
    expect(days.querySelector('desc')!.textContent).toContain('4 påmeldinger');
    // 23, 24 (none) and 25 November.
    expect(days.querySelectorAll('rect.bar').length).toBe(3);
    expect([...doc.querySelectorAll('#table-days tbody td')].map((td) => td.textContent)).toEqual(['1', '1', '0', '1', '3', '4']);

    const orgs = doc.querySelector('svg[aria-labelledby="chart-orgs-title chart-orgs-desc"]')!;
    expect(orgs.querySelectorAll('rect.bar').length).toBe(3);
    expect(orgs.querySelector('desc')!.textContent).toContain('Nav (2)');
    expect([...doc.querySelectorAll('#table-orgs tbody tr')].map((tr) => tr.textContent)).toEqual(['Nav2', 'Agder fylkeskommune1', 'NHO1']);
    expect(doc.querySelector('script:not([src])')).toBeNull();
  });
});

describe('outbox status', () => {
  it('shows counts and failed mail with its error, and retries it; organisers see only their events', async () => {
    const anne = await add('Anne', 'Nav');
    const other = await insertEvent(t.deps.db, { title: 'Annet' });
    await t.deps.db.updateTable('outbox').set({ status: 'failed', last_error: '550 mailbox unavailable' }).execute();
    await t.deps.db
      .insertInto('outbox')
      .values({ message_id: '<x@y>', kind: 'message', event_id: other.id, registration_id: null, to_address: 'secret@other.no', payload: '{}', status: 'failed', next_attempt_at: START.toISOString(), last_error: 'boom', created_at: START.toISOString(), sent_at: null })
      .execute();
    const page = await kari.get('/admin/outbox');
    expect(page.res.status).toBe(200);
    expect(page.doc.querySelector('td[data-status="failed"]')!.textContent).toBe('1');
    expect(page.body).toContain('550 mailbox unavailable');
    expect(page.body).not.toContain('secret@other.no');
    const failed = await t.deps.db.selectFrom('outbox').select(['id', 'event_id']).execute();
    const mine = failed.find((f) => f.event_id === event.id)!;
    const theirs = failed.find((f) => f.event_id === other.id)!;
    expect((await kari.post(`/admin/outbox/${theirs.id}/retry`)).res.status).toBe(404);
    const retry = await kari.post(`/admin/outbox/${mine.id}/retry`);
    expect(retry.res.status).toBe(303);
    const row = await t.deps.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', attempts: 0 });

    const admin = await signIn(app, t.deps, { role: 'admin' });
    expect((await admin.get('/admin/outbox')).body).toContain('secret@other.no');
    expect(anne.id).toBeGreaterThan(0);
  });
});

describe('access', () => {
  it('gives organiser B a 404 on every page and action of organiser A’s event, and refuses posts without the form token', async () => {
    const anne = await add('Anne', 'Nav');
    await kari.post(url('/messages'), { audience: 'all', subject: 'Hei', body: 'Tekst', action: 'send' });
    const message = await t.deps.db.selectFrom('messages').select('id').executeTakeFirstOrThrow();
    const bob = await signIn(app, t.deps, { role: 'organiser', name: 'Bob' });
    const gets = [
      '/participants',
      '/participants.csv',
      '/checkin',
      '/checkin/count',
      '/messages',
      `/messages/${message.id}`,
      `/messages/${message.id}/progress`,
      '/dashboard',
    ];
    for (const page of gets) {
      expect([page, (await bob.get(url(page))).res.status]).toEqual([page, 404]);
      expect([page, (await kari.get(url(page))).res.status]).toEqual([page, 200]);
    }
    const posts: [string, Record<string, string>][] = [
      [`/participants/${anne.id}/confirm`, {}],
      [`/participants/${anne.id}/waitlist`, { confirm: 'yes' }],
      [`/participants/${anne.id}/cancel`, { confirm: 'yes' }],
      [`/checkin/${anne.id}`, { checked: '1' }],
      ['/messages', { audience: 'all', subject: 'Hei', body: 'Tekst', action: 'send' }],
    ];
    for (const [page, fields] of posts) {
      expect([page, (await bob.post(url(page), fields)).res.status]).toEqual([page, 404]);
      expect([page, (await kari.post(url(page), { ...fields, _csrf: '' })).res.status]).toEqual([page, 403]);
    }
    expect((await kari.post('/admin/outbox/1/retry', { _csrf: '' })).res.status).toBe(403);
    // Nothing changed by any of it.
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['confirmed']);
    expect(await t.deps.db.selectFrom('messages').select('id').execute()).toHaveLength(1);
    // A registration of another event is not reachable through this one.
    const other = await insertEvent(t.deps.db, { title: 'Annet' });
    await grantEvent(t.deps.db, kari.organiser.id, other.id);
    expect((await kari.post(`/admin/events/${other.id}/participants/${anne.id}/cancel`, { confirm: 'yes' })).res.status).toBe(404);
  });
});
