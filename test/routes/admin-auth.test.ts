import { DOMParser } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow, OrganiserRole } from '../../db/schema';
import { requireEventAccess } from '../../src/routes/admin/session';
import { createApp } from '../../src/app';
import { createOrganiser, ensureFirstAdmin, grantEvent } from '../../src/domain/auth';
import { hashPassword } from '../../src/domain/passwords';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let app: ReturnType<typeof createApp>;

const START = new Date('2026-11-23T12:00:00Z');
const ORIGIN = 'http://localhost';
const PASSWORD = 'et langt passord';
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

async function addOrganiser(email: string, role: OrganiserRole = 'organiser', name = email.split('@')[0]!) {
  return createOrganiser(t.deps.db, { email, name, role, password_hash: await hashPassword(PASSWORD, { iterations: 1000 }) }, START);
}

function form(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  };
}

async function get(path: string, cookie = '', headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers: { cookie, ...headers } });
  const body = await res.text();
  return { res, body, doc: parse(body) };
}

async function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await app.request(path, form(fields, headers));
  const body = await res.text();
  return { res, body, doc: parse(body) };
}

const sidOf = (res: Response) => /(?:^|, )sid=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

/** Signs in and returns the cookie header and the page's form token. */
async function signIn(email: string, password = PASSWORD) {
  const { res } = await post('/admin/login', { email, password });
  expect(res.status).toBe(303);
  const cookie = `sid=${sidOf(res)}`;
  const dashboard = await get('/admin', cookie);
  expect(dashboard.res.status).toBe(200);
  const csrf = dashboard.doc.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  expect(csrf).toMatch(/^[\w-]{43}$/);
  return { cookie, csrf, dashboard };
}

/**
 * Signs in with a one-time password: every admin page sends to the account page until a new password is chosen; then
 * the dashboard opens. Returns what `signIn` returns, for the new password.
 */
async function signInWithOneTimePassword(email: string, oneTime: string) {
  const { res } = await post('/admin/login', { email, password: oneTime });
  const cookie = `sid=${sidOf(res)}`;
  const dashboard = await get('/admin', cookie);
  expect(dashboard.res.status).toBe(303);
  expect(dashboard.res.headers.get('location')).toBe('/admin/account');
  const account = await get('/admin/account', cookie);
  expect(account.doc.querySelector('[role="alert"]')?.textContent).toContain('Passordet ditt var midlertidig');
  const csrf = account.doc.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const changed = await post('/admin/account/password', { _csrf: csrf, current: oneTime, password: PASSWORD, confirm: PASSWORD }, { cookie });
  expect(changed.res.status).toBe(303);
  return signIn(email, PASSWORD);
}

beforeEach(async () => {
  t = await createTestDeps({ now: START });
  app = createApp(t.deps);
});
afterEach(() => t.close());

describe('signing in', () => {
  it('signs in with the right password and sets a session cookie that is HttpOnly, SameSite=Lax, not Secure on http', async () => {
    await addOrganiser('kari@fylke.no');
    const page = await get('/admin/login');
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('cache-control')).toBe('no-store');
    const email = page.doc.querySelector('input[name="email"]')!;
    expect(email.getAttribute('autocomplete')).toBe('username');
    expect(page.doc.querySelector(`label[for="${email.getAttribute('id')}"]`)).toBeTruthy();
    expect(page.doc.querySelector('input[name="password"]')?.getAttribute('autocomplete')).toBe('current-password');

    const { res } = await post('/admin/login', { email: 'KARI@fylke.no ', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    const cookie = res.headers.get('set-cookie')!;
    expect(sidOf(res)).toMatch(/^[\w-]{43}$/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    // Only the token's hash is stored.
    const rows = await t.deps.db.selectFrom('sessions').select('id').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.id).not.toContain(sidOf(res));

    const { dashboard } = await signIn('kari@fylke.no');
    expect(dashboard.res.headers.get('cache-control')).toBe('no-store');
    expect(dashboard.doc.querySelector('h1')?.textContent).toBe('Arrangementer');
    expect(dashboard.body).toContain('Logget inn som kari');
    expect(dashboard.doc.querySelector('a[href="/admin/events/new"]')?.textContent).toBe('Nytt arrangement');
    // An organiser does not see the admins' menu item.
    expect(dashboard.doc.querySelector('a[href="/admin/organisers"]')).toBeNull();
  });

  it('marks the cookie Secure when the public address is https', async () => {
    await addOrganiser('kari@fylke.no');
    app = createApp({ ...t.deps, config: { ...t.deps.config, baseUrl: 'https://samling.example.no' } });
    const { res } = await post('/admin/login', { email: 'kari@fylke.no', password: PASSWORD });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('answers an unknown address and a wrong password with the same message, keeps the address, never the password', async () => {
    await addOrganiser('kari@fylke.no');
    const wrong = await post('/admin/login', { email: 'kari@fylke.no', password: 'feil passord' });
    const unknown = await post('/admin/login', { email: 'ola@fylke.no', password: 'feil passord' });
    for (const { res, doc, body } of [wrong, unknown]) {
      expect(res.status).toBe(422);
      expect(res.headers.get('set-cookie') ?? '').not.toMatch(/sid=[^;]/);
      expect(doc.querySelector('[role="alert"]')?.textContent).toContain('E-postadressen eller passordet er feil.');
      const password = doc.querySelector('input[name="password"]')!;
      expect(password.getAttribute('value')).toBeNull();
      expect(body).not.toContain('feil passord');
      const describedBy = password.getAttribute('aria-describedby')!;
      expect(doc.getElementById(describedBy)?.textContent).toBe('E-postadressen eller passordet er feil.');
    }
    expect(wrong.doc.querySelector('input[name="email"]')?.getAttribute('value')).toBe('kari@fylke.no');
    expect(unknown.doc.querySelector('input[name="email"]')?.getAttribute('value')).toBe('ola@fylke.no');
    const strip = (html: string) => html.replace(/(kari|ola)@fylke\.no/g, '');
    expect(strip(wrong.body)).toBe(strip(unknown.body));
  });

  it('says what is missing next to each field, in the visitor’s language', async () => {
    const { res, doc } = await post('/admin/login', { email: '', password: '' }, { 'accept-language': 'en' });
    expect(res.status).toBe(422);
    expect(doc.getElementById(doc.querySelector('input[name="email"]')!.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Enter your e-mail address.',
    );
    expect(doc.getElementById(doc.querySelector('input[name="password"]')!.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Enter your password.',
    );
    expect(doc.querySelector('[role="alert"] a[href="#f-email"]')).toBeTruthy();
  });

  it('refuses a disabled organiser like a wrong password', async () => {
    const kari = await addOrganiser('kari@fylke.no');
    await t.deps.db.updateTable('organisers').set({ disabled_at: START.toISOString() }).where('id', '=', kari.id).execute();
    const { res, body } = await post('/admin/login', { email: 'kari@fylke.no', password: PASSWORD });
    expect(res.status).toBe(422);
    expect(body).toContain('E-postadressen eller passordet er feil.');
  });
});

describe('where to go after signing in', () => {
  it('sends the signed-out to the sign-in page and back to where they were going', async () => {
    await addOrganiser('kari@fylke.no');
    const { res } = await get('/admin/events/3?tab=programme');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fevents%2F3%3Ftab%3Dprogramme');
    const login = await get(res.headers.get('location')!);
    expect(login.doc.querySelector('input[name="next"]')?.getAttribute('value')).toBe('/admin/events/3?tab=programme');
    const signedIn = await post('/admin/login', { email: 'kari@fylke.no', password: PASSWORD, next: '/admin/events/3?tab=programme' });
    expect(signedIn.res.headers.get('location')).toBe('/admin/events/3?tab=programme');
  });

  it('never redirects to another site', async () => {
    await addOrganiser('kari@fylke.no');
    for (const next of ['//evil.example/admin', 'https://evil.example/admin', '/\\evil.example', '/admin/../\\evil', 'javascript:alert(1)', '/events/x']) {
      const { res } = await post('/admin/login', { email: 'kari@fylke.no', password: PASSWORD, next });
      expect(res.status, next).toBe(303);
      expect(res.headers.get('location'), next).toBe('/admin');
    }
    const page = await get('/admin/login?next=%2F%2Fevil.example');
    expect(page.doc.querySelector('input[name="next"]')).toBeNull();
  });

  it('tells htmx to go to the sign-in page instead of swapping it in', async () => {
    const { res } = await get('/admin/events/3', '', { 'hx-request': 'true' });
    expect(res.status).toBe(401);
    expect(res.headers.get('hx-redirect')).toBe('/admin/login?next=%2Fadmin%2Fevents%2F3');
  });
});

describe('sessions', () => {
  it('end after 8 idle hours', async () => {
    await addOrganiser('kari@fylke.no');
    const { cookie } = await signIn('kari@fylke.no');
    t.setNow(new Date(START.getTime() + 7.9 * 3600_000));
    expect((await get('/admin', cookie)).res.status).toBe(200);
    // The idle time slides: another 7.9 hours later it still works, then 8 hours of silence end it.
    t.setNow(new Date(START.getTime() + 15.8 * 3600_000));
    expect((await get('/admin', cookie)).res.status).toBe(200);
    t.setNow(new Date(START.getTime() + 23.9 * 3600_000));
    const { res } = await get('/admin', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login');
    expect(await t.deps.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('end after 7 days however busy', async () => {
    await addOrganiser('kari@fylke.no');
    const { cookie } = await signIn('kari@fylke.no');
    for (let hour = 6; hour < 7 * 24; hour += 6) {
      t.setNow(new Date(START.getTime() + hour * 3600_000));
      expect((await get('/admin', cookie)).res.status, `hour ${hour}`).toBe(200);
    }
    t.setNow(new Date(START.getTime() + 7 * 24 * 3600_000));
    expect((await get('/admin', cookie)).res.status).toBe(303);
  });

  it('end on signing out: the row is deleted and the old cookie no longer works', async () => {
    await addOrganiser('kari@fylke.no');
    const { cookie, csrf } = await signIn('kari@fylke.no');
    const { res } = await post('/admin/logout', { _csrf: csrf }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login?signed_out');
    expect(res.headers.get('set-cookie')).toMatch(/sid=;.*Max-Age=0/);
    expect(await t.deps.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
    expect((await get('/admin', cookie)).res.status).toBe(303);
    expect((await get('/admin/login?signed_out')).doc.querySelector('[role="status"]')?.textContent).toBe('Du er logget ut.');
  });

  it('end when the organiser is disabled', async () => {
    await addOrganiser('admin@fylke.no', 'admin');
    const kari = await addOrganiser('kari@fylke.no');
    const admin = await signIn('admin@fylke.no');
    const session = await signIn('kari@fylke.no');
    const { res } = await post(`/admin/organisers/${kari.id}/disable`, { _csrf: admin.csrf }, { cookie: admin.cookie });
    expect(res.status).toBe(303);
    expect((await get('/admin', session.cookie)).res.status).toBe(303);
  });
});

describe('rate limiting', () => {
  /** A sign-in from the client at `ip`, as src/adapters/node-http.ts hands over the socket's address. */
  const from = async (ip: string, fields: Record<string, string>) => {
    const res = await app.request('/admin/login', form(fields), { clientIp: ip });
    return { res, doc: parse(await res.text()) };
  };
  const after = (ms: number) => t.setNow(new Date(t.deps.clock().getTime() + ms));

  it('lets one client guess an address 5 times, then makes it wait 30 s, doubling with every further failure', async () => {
    await addOrganiser('kari@fylke.no');
    for (let i = 0; i < 5; i++) expect((await from('192.0.2.7', { email: 'kari@fylke.no', password: `feil ${i}` })).res.status).toBe(422);
    const blocked = await from('192.0.2.7', { email: 'Kari@Fylke.no', password: PASSWORD });
    expect(blocked.res.status).toBe(429);
    expect(blocked.res.headers.get('retry-after')).toBe('30');
    expect(blocked.doc.querySelector('[role="alert"]')?.textContent).toBe('For mange mislykkede innlogginger. Vent 30 sekunder og prøv igjen.');
    expect(sidOf(blocked.res) ?? '').toBe('');
    after(30_000);
    expect((await from('192.0.2.7', { email: 'kari@fylke.no', password: 'feil igjen' })).res.status).toBe(422);
    expect((await from('192.0.2.7', { email: 'kari@fylke.no', password: PASSWORD })).res.headers.get('retry-after')).toBe('60');
    after(60_000);
    expect((await from('192.0.2.7', { email: 'kari@fylke.no', password: PASSWORD })).res.status).toBe(303);
  });

  it("one person's wrong guesses do not lock the real owner out from another client", async () => {
    await addOrganiser('kari@fylke.no');
    for (let i = 0; i < 12; i++) await from('192.0.2.7', { email: 'kari@fylke.no', password: `feil ${i}` });
    expect((await from('192.0.2.7', { email: 'kari@fylke.no', password: PASSWORD })).res.status).toBe(429);
    expect((await from('198.51.100.20', { email: 'kari@fylke.no', password: PASSWORD })).res.status).toBe(303);
  });

  it('forgets the failures after a successful sign-in', async () => {
    await addOrganiser('kari@fylke.no');
    for (let i = 0; i < 4; i++) await from('192.0.2.7', { email: 'kari@fylke.no', password: 'feil' });
    expect((await from('192.0.2.7', { email: 'kari@fylke.no', password: PASSWORD })).res.status).toBe(303);
    for (let i = 0; i < 4; i++) await from('192.0.2.7', { email: 'kari@fylke.no', password: 'feil' });
    expect((await from('192.0.2.7', { email: 'kari@fylke.no', password: PASSWORD })).res.status).toBe(303);
  });

  it('limits one client across addresses, counting an IPv6 client by its /64', async () => {
    await addOrganiser('kari@fylke.no');
    // Known addresses (an unknown one costs a full-strength dummy hash): 6 organisers, 5 guesses each, 30 in all.
    const others = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => addOrganiser(`o${n}@fylke.no`)));
    for (const [n, other] of others.entries()) {
      for (let i = 0; i < 5; i++) {
        const ip = `2001:db8:1:2::${(n * 5 + i).toString(16)}`;
        expect((await from(ip, { email: other.email, password: 'feil' })).res.status).toBe(422);
      }
    }
    expect((await from('2001:db8:1:2:ffff::1', { email: 'kari@fylke.no', password: PASSWORD })).res.status).toBe(429);
    expect((await from('2001:db8:1:3::1', { email: 'kari@fylke.no', password: PASSWORD })).res.status).toBe(303);
  });

  it('without TRUST_PROXY, a loopback peer (a local reverse proxy) is nobody in particular: one guesser does not lock out all', async () => {
    await addOrganiser('kari@fylke.no');
    const others = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => addOrganiser(`o${n}@fylke.no`)));
    for (const other of others) for (let i = 0; i < 5; i++) await from('127.0.0.1', { email: other.email, password: 'feil' });
    // 35 failures through the proxy: each address is held back, the site is not.
    expect((await from('127.0.0.1', { email: others[0]!.email, password: PASSWORD })).res.status).toBe(429);
    expect((await from('127.0.0.1', { email: 'kari@fylke.no', password: PASSWORD })).res.status).toBe(303);
  });

  it('believes a proxy header only when TRUST_PROXY names it, and then its last entry', async () => {
    await addOrganiser('kari@fylke.no');
    const via = (forwarded: string) => form({ email: 'kari@fylke.no', password: 'feil' }, { 'x-forwarded-for': forwarded });
    // Not configured: a client rotating X-Forwarded-For is still the one socket.
    for (let i = 0; i < 5; i++) await app.request('/admin/login', via(`10.0.0.${i}`), { clientIp: '192.0.2.7' });
    expect((await app.request('/admin/login', via('10.0.0.99'), { clientIp: '192.0.2.7' })).status).toBe(429);

    app = createApp({ ...t.deps, config: { ...t.deps.config, trustProxyHeader: 'x-forwarded-for' } });
    // The client may prepend anything; the last entry is the one our proxy saw (the socket is the proxy's).
    for (let i = 0; i < 5; i++) await app.request('/admin/login', via(`10.9.9.${i}, 203.0.113.5`), { clientIp: '127.0.0.1' });
    expect((await app.request('/admin/login', via('203.0.113.5'), { clientIp: '127.0.0.1' })).status).toBe(429);
    const owner = form({ email: 'kari@fylke.no', password: PASSWORD }, { 'x-forwarded-for': '203.0.113.5, 198.51.100.20' });
    expect((await app.request('/admin/login', owner, { clientIp: '127.0.0.1' })).status).toBe(303);
  });

  it('refuses sign-ins beyond the bound of hashes at once early, with a 503 that says to wait', async () => {
    await addOrganiser('kari@fylke.no');
    const { passwordChecks } = await import('../../src/domain/auth');
    // Fill every lane and the queue with sign-ins that never finish, then try one more.
    const release: (() => void)[] = [];
    const { lanes, queue } = passwordChecks.limits;
    const held = Array.from({ length: lanes + queue }, () => passwordChecks.run(() => new Promise<void>((resolve) => release.push(resolve))));
    try {
      const res = await app.request('/admin/login', form({ email: 'kari@fylke.no', password: PASSWORD }), { clientIp: '192.0.2.7' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(parse(await res.text()).querySelector('[role="alert"]')?.textContent).toBe(
        'Akkurat nå logger svært mange inn samtidig. Vent noen sekunder og prøv igjen.',
      );
    } finally {
      while (release.length || passwordChecks.running) {
        release.splice(0).forEach((r) => r());
        await new Promise((r) => setTimeout(r, 0));
      }
      await Promise.all(held);
    }
    // Not counted as a failure, and the next one goes through.
    expect((await app.request('/admin/login', form({ email: 'kari@fylke.no', password: PASSWORD }), { clientIp: '192.0.2.7' })).status).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses a signed-in POST without the form token, with a wrong one, or from another origin', async () => {
    await addOrganiser('kari@fylke.no');
    const { cookie, csrf } = await signIn('kari@fylke.no');
    const missing = await post('/admin/logout', {}, { cookie });
    expect(missing.res.status).toBe(403);
    expect(missing.body).toContain('Skjemaet er utløpt eller ble sendt fra en annen side.');
    expect((await post('/admin/logout', { _csrf: `${csrf.slice(0, -1)}x` }, { cookie })).res.status).toBe(403);
    expect((await post('/admin/logout', { _csrf: csrf }, { cookie, origin: 'https://evil.example' })).res.status).toBe(403);
    const noOrigin = await app.request('/admin/logout', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${csrf}`,
    });
    expect(noOrigin.status).toBe(403);
    // None of those signed out.
    expect((await get('/admin', cookie)).res.status).toBe(200);
    // htmx sends the token as a header.
    const htmx = await app.request('/admin/logout', { method: 'POST', headers: { cookie, origin: ORIGIN, 'x-csrf-token': csrf, 'hx-request': 'true' } });
    expect(htmx.status).toBe(303);
  });

  it('takes the token from the first field of a streamed multipart form, never from the URL, and requires it for JSON', async () => {
    await addOrganiser('kari@fylke.no');
    const { cookie, csrf } = await signIn('kari@fylke.no');
    const multipart = (query: string, token?: string) => {
      const body = new FormData();
      if (token !== undefined) body.set('_csrf', token);
      body.set('file', new Blob(['%PDF-1.7']), 'a.pdf');
      return app.request(`/admin/logout${query}`, { method: 'POST', headers: { cookie, origin: ORIGIN }, body });
    };
    const json = await app.request('/admin/logout', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(403);
    expect((await multipart('')).status).toBe(403);
    expect((await multipart('', 'nope')).status).toBe(403);
    expect((await multipart(`?_csrf=${csrf}`)).status).toBe(403);
    expect((await multipart('', csrf)).status).toBe(303);
    expect((await get('/admin', cookie)).res.status).toBe(303);
  });

  it('puts the token in every admin form and in the htmx headers of the page', async () => {
    await addOrganiser('admin@fylke.no', 'admin');
    const { cookie, csrf, dashboard } = await signIn('admin@fylke.no');
    expect(JSON.parse(dashboard.doc.body.getAttribute('data-hx-headers')!)).toEqual({ 'X-CSRF-Token': csrf });
    const organisers = await get('/admin/organisers', cookie);
    const forms = [...organisers.doc.querySelectorAll('form[method="post"]')];
    expect(forms.length).toBeGreaterThan(1);
    for (const f of forms) expect(f.querySelector('input[name="_csrf"]')?.getAttribute('value')).toBe(csrf);
  });

  it('refuses a sign-in posted from another site', async () => {
    await addOrganiser('kari@fylke.no');
    const { res } = await post('/admin/login', { email: 'kari@fylke.no', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(sidOf(res) ?? '').toBe('');
  });
});

describe('roles', () => {
  let a: EventRow;
  let b: EventRow;

  beforeEach(async () => {
    a = await insertEvent(t.deps.db, { title: 'Kari sitt seminar' });
    b = await insertEvent(t.deps.db, { title: 'Olas konferanse', status: 'draft' });
    const kari = await addOrganiser('kari@fylke.no');
    const ola = await addOrganiser('ola@fylke.no');
    await addOrganiser('admin@fylke.no', 'admin');
    await grantEvent(t.deps.db, kari.id, a.id);
    await grantEvent(t.deps.db, ola.id, b.id);
    // A probe standing in for the /admin/events/:id pages that others build on requireEventAccess.
    app.get('/admin/probe/:id', async (c) => c.text((await requireEventAccess(c, c.req.param('id'))).title));
  });

  it('shows an organiser only their own events on the dashboard, with counts', async () => {
    await t.deps.db
      .insertInto('registrations')
      .values(
        (['confirmed', 'confirmed', 'waitlisted', 'cancelled'] as const).map((status, i) => ({
          event_id: a.id,
          status,
          name: `Deltaker ${i}`,
          email: `d${i}@kommune.no`,
          email_key: `d${i}@kommune.no`,
          organisation: 'Kommunen',
          job_title: null,
          listed: 0,
          lang: 'nb',
          token_hash: `t${i}`,
          feed_token_hash: `f${i}`,
          created_at: START.toISOString(),
          updated_at: START.toISOString(),
        })),
      )
      .execute();
    const { dashboard } = await signIn('kari@fylke.no');
    const rows = [...dashboard.doc.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.querySelector(`a[href="/admin/events/${a.id}"]`)?.textContent).toBe('Kari sitt seminar');
    expect([...rows[0]!.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['14. januar 2027', 'Publisert', '2', '1']);
    expect(dashboard.body).not.toContain('Olas konferanse');
  });

  it('gives organiser A a 404 for organiser B’s event and for ids that do not exist, alike', async () => {
    const { cookie } = await signIn('kari@fylke.no');
    expect((await get(`/admin/probe/${a.id}`, cookie)).body).toBe('Kari sitt seminar');
    const other = await get(`/admin/probe/${b.id}`, cookie);
    const missing = await get('/admin/probe/99999', cookie);
    expect(other.res.status).toBe(404);
    expect(missing.res.status).toBe(404);
    expect(other.res.headers.get('cache-control')).toBe('no-store');
    expect(other.doc.querySelector('main')?.innerHTML).toBe(missing.doc.querySelector('main')?.innerHTML);
    expect((await get('/admin/probe/1e3', cookie)).res.status).toBe(404);
  });

  it('lets an admin see and reach every event, and manage organisers; organisers cannot', async () => {
    const { cookie, dashboard } = await signIn('admin@fylke.no');
    expect([...dashboard.doc.querySelectorAll('tbody th a')].map((e) => e.textContent).sort()).toEqual(['Kari sitt seminar', 'Olas konferanse']);
    expect(dashboard.doc.querySelector('a[href="/admin/organisers"]')?.textContent).toBe('Arrangører');
    expect((await get(`/admin/probe/${b.id}`, cookie)).body).toBe('Olas konferanse');
    expect((await get('/admin/organisers', cookie)).res.status).toBe(200);
    const kari = await signIn('kari@fylke.no');
    expect((await get('/admin/organisers', kari.cookie)).res.status).toBe(404);
  });

  it('lets an admin create an organiser with a one-time password and give them an event', async () => {
    const admin = await signIn('admin@fylke.no');
    const bad = await post('/admin/organisers', { _csrf: admin.csrf, name: '', email: 'ikke-epost' }, { cookie: admin.cookie });
    expect(bad.res.status).toBe(422);
    expect(bad.doc.querySelector('#err-name')?.textContent).toBe('Skriv inn navnet.');
    expect(bad.doc.querySelector('#err-email')?.textContent).toContain('Skriv inn en gyldig e-postadresse');
    expect(bad.doc.querySelector('input[name="email"]')?.getAttribute('value')).toBe('ikke-epost');
    const taken = await post('/admin/organisers', { _csrf: admin.csrf, name: 'Kari', email: 'KARI@fylke.no' }, { cookie: admin.cookie });
    expect(taken.doc.querySelector('#err-email')?.textContent).toBe('Det finnes allerede en arrangør med denne e-postadressen.');

    const created = await post('/admin/organisers', { _csrf: admin.csrf, name: 'Per Hansen', email: 'per@fylke.no', role: 'organiser' }, { cookie: admin.cookie });
    expect(created.res.status).toBe(200);
    const password = created.doc.querySelector('.temporary-password')?.textContent ?? '';
    expect(password).toMatch(/^[\w-]{24}$/);
    const per = await t.deps.db.selectFrom('organisers').selectAll().where('email', '=', 'per@fylke.no').executeTakeFirstOrThrow();
    expect(per.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await post(`/admin/organisers/${per.id}/events`, { _csrf: admin.csrf, event_id: String(b.id) }, { cookie: admin.cookie })).res.status).toBe(303);

    const session = await signInWithOneTimePassword('per@fylke.no', password);
    expect(session.dashboard.doc.querySelector('tbody th a')?.textContent).toBe('Olas konferanse');
    // The password is not shown again.
    expect((await get('/admin/organisers', admin.cookie)).body).not.toContain(password);
  });
});

describe('the first admin', () => {
  it('is created with a generated password printed once, which signs in; the next start prints nothing', async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const admin = await ensureFirstAdmin(t.deps.db, {}, log, START, { iterations: 1000 });
    expect(admin?.email).toBe('admin@localhost');
    expect(admin?.role).toBe('admin');
    const password = /password (\S+)/.exec(lines.join('\n'))?.[1] ?? '';
    expect(password).toMatch(/^[\w-]{24}$/);
    expect(lines.filter((l) => l.includes(password))).toHaveLength(1);
    expect(await ensureFirstAdmin(t.deps.db, {}, log, START)).toBeNull();
    expect(lines).toHaveLength(2);
    const { dashboard } = await signInWithOneTimePassword('admin@localhost', password);
    expect(dashboard.doc.querySelector('a[href="/admin/organisers"]')).toBeTruthy();
  });

  it('comes from ADMIN_EMAIL and ADMIN_PASSWORD when given, and the password is not printed', async () => {
    const lines: string[] = [];
    await ensureFirstAdmin(t.deps.db, { email: 'it@fylke.no', password: 'fra miljøet 123' }, (l) => lines.push(l), START, { iterations: 1000 });
    expect(lines.join('\n')).not.toContain('fra miljøet 123');
    expect(lines.join('\n')).toContain('it@fylke.no');
    await signIn('it@fylke.no', 'fra miljøet 123');
  });

  it('is not created when an organiser exists', async () => {
    await addOrganiser('kari@fylke.no');
    const lines: string[] = [];
    expect(await ensureFirstAdmin(t.deps.db, {}, (l) => lines.push(l), START)).toBeNull();
    expect(lines).toEqual([]);
  });
});
