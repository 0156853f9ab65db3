import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrganiserRole } from '../../db/schema';
import { createApp } from '../../src/app';
import { createOrganiser } from '../../src/domain/auth';
import { hashPassword } from '../../src/domain/passwords';
import { base32Decode, totp } from '../../src/domain/totp';
import { ORIGIN, parseHtml, signIn as quickSignIn } from '../admin-helpers';
import { createTestDeps } from '../helpers';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
const START = new Date('2026-11-23T12:00:00Z');
const PASSWORD = 'et langt passord';
const NEW_PASSWORD = 'et enda lengre passord';

beforeEach(async () => {
  t = await createTestDeps({ now: START });
  app = createApp(t.deps);
});
afterEach(() => t.close());

async function addOrganiser(email: string, role: OrganiserRole = 'organiser', extra: { must_change_password?: number } = {}) {
  return createOrganiser(t.deps.db, { email, name: email.split('@')[0]!, role, password_hash: await hashPassword(PASSWORD, { iterations: 1000 }), ...extra }, START);
}

const sidOf = (res: Response) => /(?:^|, )sid=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

/** A browser: keeps its session cookie and the page's form token between requests. */
function browser() {
  let cookie = '';
  let csrf = '';
  const remember = (res: Response, body: string) => {
    const sid = sidOf(res);
    if (sid !== undefined) cookie = sid ? `sid=${sid}` : '';
    const doc = parseHtml(body);
    const token = doc.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? doc.querySelector('input[name="_csrf"]')?.getAttribute('value');
    if (token) csrf = token;
    return { res, body, doc };
  };
  return {
    async get(path: string, headers: Record<string, string> = {}) {
      const res = await app.request(path, { headers: { cookie, ...headers } });
      return remember(res, await res.text());
    },
    async post(path: string, fields: Record<string, string> = {}) {
      const body = new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...fields });
      const res = await app.request(path, {
        method: 'POST',
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      });
      return remember(res, await res.text());
    },
    /** Signs in with the password; when a second factor is due, opens its page as a browser would (for its form token). */
    async login(email: string, password = PASSWORD) {
      await this.get('/admin/login');
      const answer = await this.post('/admin/login', { email, password });
      if (answer.res.headers.get('location')?.startsWith('/admin/login/two-factor')) await this.get('/admin/login/two-factor');
      return answer;
    },
  };
}

const auditActions = async () => (await t.deps.db.selectFrom('audit_log').select(['action', 'actor', 'target']).orderBy('id').execute()).map((r) => r.action);

describe('one-time passwords', () => {
  it('sends every admin page to the account page until the password is changed; sign-out still works', async () => {
    await addOrganiser('per@fylke.no', 'organiser', { must_change_password: 1 });
    const per = browser();
    expect((await per.login('per@fylke.no')).res.status).toBe(303);
    for (const path of ['/admin', '/admin/outbox', '/admin/api-tokens', '/admin/events/new']) {
      const page = await per.get(path);
      expect(page.res.status, path).toBe(303);
      expect(page.res.headers.get('location')).toBe('/admin/account');
    }
    const htmx = await per.get('/admin/outbox', { 'hx-request': 'true' });
    expect(htmx.res.headers.get('hx-redirect')).toBe('/admin/account');
    // A form post elsewhere (with a valid form token) is sent away too, and changes nothing.
    await per.get('/admin/account');
    const created = await per.post('/admin/api-tokens', { name: 'Nettside' });
    expect(created.res.status).toBe(303);
    expect(await t.deps.db.selectFrom('api_tokens').select('id').execute()).toHaveLength(0);

    const account = await per.get('/admin/account');
    expect(account.res.status).toBe(200);
    expect(account.doc.querySelector('[role="alert"]')?.textContent).toBe('Passordet ditt var midlertidig. Velg et nytt passord før du fortsetter.');
    const same = await per.post('/admin/account/password', { current: PASSWORD, password: PASSWORD, confirm: PASSWORD });
    expect(same.res.status).toBe(422);
    expect(same.doc.querySelector('#err-password')?.textContent).toBe('Velg et annet passord enn det du har nå.');
    const changed = await per.post('/admin/account/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(changed.res.status).toBe(303);
    expect(changed.res.headers.get('location')).toBe('/admin');
    expect((await per.get('/admin')).res.status).toBe(200);
    expect(await auditActions()).toEqual(['sign_in', 'password_changed']);

    const out = await per.post('/admin/logout');
    expect(out.res.headers.get('location')).toBe('/admin/login?signed_out');
  });

  it('makes the password an admin gives on the organisers page one-time, for a new and an existing organiser', async () => {
    const admin = await quickSignIn(app, t.deps, { role: 'admin' });
    const created = await admin.post('/admin/organisers', { name: 'Per', email: 'per@fylke.no', role: 'organiser' });
    const first = created.doc.querySelector('.temporary-password')!.textContent!;
    const per = await t.deps.db.selectFrom('organisers').selectAll().where('email', '=', 'per@fylke.no').executeTakeFirstOrThrow();
    expect(per.must_change_password).toBe(1);
    await t.deps.db.updateTable('organisers').set({ must_change_password: 0 }).where('id', '=', per.id).execute();
    const reset = await admin.post(`/admin/organisers/${per.id}/password`);
    const second = reset.doc.querySelector('.temporary-password')!.textContent!;
    expect(second).not.toBe(first);
    const b = browser();
    await b.login('per@fylke.no', second);
    expect((await b.get('/admin')).res.headers.get('location')).toBe('/admin/account');
    const log = await t.deps.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(log.map((r) => [r.action, r.actor, r.target])).toEqual([
      ['organiser_created', admin.organiser.email, `organiser:${per.id}`],
      ['temporary_password_set', admin.organiser.email, `organiser:${per.id}`],
      ['sign_in', 'per@fylke.no', `organiser:${per.id}`],
    ]);
    expect(JSON.parse(log[0]!.detail!)).toEqual({ email: 'per@fylke.no', role: 'organiser' });
  });
});

describe('changing one’s own password', () => {
  it('needs the current password and the length rule, keeps this session and ends the others', async () => {
    await addOrganiser('kari@fylke.no');
    const here = browser();
    const elsewhere = browser();
    await here.login('kari@fylke.no');
    await elsewhere.login('kari@fylke.no');
    const page = await here.get('/admin/account');
    expect(page.doc.querySelector('a[href="/admin/account"][aria-current="page"]')).toBeTruthy();
    expect(page.doc.querySelector('#f-password')?.getAttribute('autocomplete')).toBe('new-password');
    expect(page.doc.getElementById(page.doc.querySelector('#f-password')!.getAttribute('aria-describedby')!)?.textContent).toBe('Minst 10 tegn.');

    const wrong = await here.post('/admin/account/password', { current: 'feil passord', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(wrong.res.status).toBe(422);
    expect(wrong.doc.querySelector('#err-current')?.textContent).toBe('Det nåværende passordet er feil.');
    expect(wrong.body).not.toContain(NEW_PASSWORD);
    const short = await here.post('/admin/account/password', { current: PASSWORD, password: 'kort', confirm: 'kort' });
    expect(short.doc.querySelector('#err-password')?.textContent).toBe('Passordet må ha minst 10 tegn.');
    const differ = await here.post('/admin/account/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}x` });
    expect(differ.doc.querySelector('#err-confirm')?.textContent).toBe('Passordene er ikke like.');

    const done = await here.post('/admin/account/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.res.headers.get('location')).toBe('/admin/account?done=changed');
    expect((await here.get('/admin/account?done=changed')).doc.querySelector('[role="status"]')?.textContent).toContain('Passordet er endret');
    expect((await elsewhere.get('/admin')).res.headers.get('location')).toBe('/admin/login');
    expect((await browser().login('kari@fylke.no', PASSWORD)).res.status).toBe(422);
    expect((await browser().login('kari@fylke.no', NEW_PASSWORD)).res.status).toBe(303);
  });
});

describe('resetting a forgotten password by mail', () => {
  const resetMails = () => t.deps.db.selectFrom('outbox').selectAll().where('kind', '=', 'password_reset').orderBy('id').execute();
  const linkIn = (payload: string) => /http:\/\/localhost:3000(\/admin\/password\/reset\/[\w-]{43})/.exec(JSON.parse(payload).text)?.[1] ?? '';

  it('is linked from the sign-in page and answers the same whether or not the address has an account', async () => {
    await addOrganiser('kari@fylke.no');
    const disabled = await addOrganiser('gammel@fylke.no');
    await t.deps.db.updateTable('organisers').set({ disabled_at: START.toISOString() }).where('id', '=', disabled.id).execute();
    const login = await browser().get('/admin/login');
    expect(login.doc.querySelector('a[href="/admin/password/forgot"]')?.textContent).toBe('Glemt passordet?');
    const known = await browser().post('/admin/password/forgot', { email: 'KARI@fylke.no' });
    const unknown = await browser().post('/admin/password/forgot', { email: 'ola@fylke.no' });
    const off = await browser().post('/admin/password/forgot', { email: 'gammel@fylke.no' });
    expect(known.res.status).toBe(200);
    expect(unknown.body).toBe(known.body);
    expect(off.body).toBe(known.body);
    expect(known.doc.querySelector('[role="status"]')?.textContent).toContain('Hvis adressen hører til en arrangørkonto');
    const mails = await resetMails();
    expect(mails.map((m) => m.to_address)).toEqual(['kari@fylke.no']);
    const bad = await browser().post('/admin/password/forgot', { email: 'ikke-epost' });
    expect(bad.res.status).toBe(422);
    expect(bad.doc.querySelector('#err-email')?.textContent).toContain('Skriv inn en gyldig e-postadresse');
  });

  it('sends a link that works once, within an hour, is stored hashed and signs the organiser out everywhere', async () => {
    const kari = await addOrganiser('kari@fylke.no');
    const signedIn = browser();
    await signedIn.login('kari@fylke.no');
    await browser().post('/admin/password/forgot?lang=en', { email: 'kari@fylke.no' });
    const [mail] = await resetMails();
    const payload = JSON.parse(mail!.payload);
    expect(payload.subject).toBe('New password for Samling');
    expect(payload.lang).toBe('en');
    const link = linkIn(mail!.payload);
    expect(link).not.toBe('');
    expect(payload.html).toContain(`href="http://localhost:3000${link}"`);
    const token = link.split('/').pop()!;
    // An admin reading the outbox sees the mail, not a working link.
    const admin = await quickSignIn(app, t.deps, { role: 'admin' });
    const shown = await admin.get(`/admin/outbox/${mail!.id}`);
    expect(shown.res.status).toBe(200);
    expect(shown.body).toContain('/admin/password/reset/…');
    expect(shown.body).not.toContain(token);
    const stored = await t.deps.db.selectFrom('password_resets').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);

    const b = browser();
    const form = await b.get(link);
    expect(form.res.status).toBe(200);
    expect(form.res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(form.res.headers.get('cache-control')).toBe('no-store');
    expect(form.doc.querySelector('p')?.textContent).toContain('kari@fylke.no');
    const short = await b.post(link, { password: 'kort', confirm: 'kort' });
    expect(short.res.status).toBe(422);
    expect(short.doc.querySelector('#err-password')?.textContent).toBe('Passordet må ha minst 10 tegn.');
    const done = await b.post(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.res.status).toBe(303);
    expect(done.res.headers.get('location')).toBe('/admin/login?reset');
    expect((await b.get('/admin/login?reset')).doc.querySelector('[role="status"]')?.textContent).toBe('Passordet er endret. Logg inn med det nye passordet.');

    expect((await signedIn.get('/admin')).res.headers.get('location')).toBe('/admin/login');
    expect((await browser().login('kari@fylke.no', PASSWORD)).res.status).toBe(422);
    expect((await browser().login('kari@fylke.no', NEW_PASSWORD)).res.status).toBe(303);
    // Used up: the same link neither shows the form nor sets another password.
    const again = await b.get(link);
    expect(again.res.status).toBe(410);
    expect(again.doc.querySelector('[role="alert"]')?.textContent).toContain('Lenken virker ikke lenger');
    expect(again.doc.querySelector('form')).toBeNull();
    expect((await b.post(link, { password: 'et tredje passord', confirm: 'et tredje passord' })).res.status).toBe(410);
    expect((await browser().login('kari@fylke.no', 'et tredje passord')).res.status).toBe(422);
    const log = await t.deps.db.selectFrom('audit_log').select(['action', 'target']).orderBy('id').execute();
    expect(log.filter((r) => r.action.startsWith('password_reset'))).toEqual([
      { action: 'password_reset_requested', target: `organiser:${kari.id}` },
      { action: 'password_reset', target: `organiser:${kari.id}` },
    ]);
  });

  it('refuses a link after an hour, and one replaced by a newer mail', async () => {
    await addOrganiser('kari@fylke.no');
    await browser().post('/admin/password/forgot', { email: 'kari@fylke.no' });
    await browser().post('/admin/password/forgot', { email: 'kari@fylke.no' });
    const [older, newer] = (await resetMails()).map((m) => linkIn(m.payload));
    expect((await browser().get(older!)).res.status).toBe(410);
    expect((await browser().get(newer!)).res.status).toBe(200);
    t.setNow(new Date(START.getTime() + 61 * 60_000));
    expect((await browser().get(newer!)).res.status).toBe(410);
    expect((await browser().get('/admin/password/reset/not-a-token')).res.status).toBe(410);
  });

  it('sends at most three mails to an address in 15 minutes, and still answers the same', async () => {
    await addOrganiser('kari@fylke.no');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await browser().post('/admin/password/forgot', { email: 'kari@fylke.no' })).body);
    expect(new Set(answers).size).toBe(1);
    expect(await resetMails()).toHaveLength(3);
  });
});

describe('two-factor sign-in', () => {
  /** Enrols the browser's organiser and returns the secret's key and the recovery codes. */
  async function enrol(b: ReturnType<typeof browser>) {
    const account = await b.get('/admin/account');
    expect(account.doc.querySelector('a[href="/admin/account/two-factor"]')?.textContent).toBe('Slå på totrinnsinnlogging');
    const page = await b.get('/admin/account/two-factor');
    expect(page.res.status).toBe(200);
    const svg = page.doc.querySelector('figure.totp-qr svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('QR-kode med den hemmelige nøkkelen for autentiseringsappen');
    expect(svg.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    const secret = page.doc.querySelector('.totp-secret')!.textContent!.replace(/ /g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // A reload shows the same secret, so what was scanned stays valid.
    expect((await b.get('/admin/account/two-factor')).doc.querySelector('.totp-secret')?.textContent?.replace(/ /g, '')).toBe(secret);
    const key = base32Decode(secret)!;
    const wrong = await b.post('/admin/account/two-factor', { code: '000000' === (await totp(key, t.deps.clock())) ? '111111' : '000000' });
    expect(wrong.res.status).toBe(422);
    expect(wrong.doc.querySelector('#err-code')?.textContent).toContain('Koden stemmer ikke');
    const done = await b.post('/admin/account/two-factor', { code: await totp(key, t.deps.clock()) });
    expect(done.res.status).toBe(200);
    const codes = [...done.doc.querySelectorAll('.recovery-codes code')].map((c) => c.textContent!);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    return { key, secret, codes };
  }

  it('is enrolled with a QR code or the typed secret, then asks for a code at every sign-in', async () => {
    const kari = await addOrganiser('kari@fylke.no');
    const b = browser();
    await b.login('kari@fylke.no');
    const { key, secret, codes } = await enrol(b);
    // The secret is stored, and never shown again; recovery codes only as hashes.
    const row = await t.deps.db.selectFrom('organisers').selectAll().where('id', '=', kari.id).executeTakeFirstOrThrow();
    expect(row.totp_secret).toBe(secret);
    expect((await b.get('/admin/account/two-factor')).res.headers.get('location')).toBe('/admin/account');
    const account = await b.get('/admin/account');
    expect(account.body).not.toContain(secret);
    expect(account.doc.body.textContent).toContain('Du har 10 ubrukte reservekoder.');
    expect(JSON.stringify(await t.deps.db.selectFrom('recovery_codes').selectAll().execute())).not.toContain(codes[0]!.replace('-', ''));

    t.setNow(new Date(START.getTime() + 5 * 60_000));
    const c = browser();
    const first = await c.login('kari@fylke.no');
    expect(first.res.headers.get('location')).toBe('/admin/login/two-factor');
    // Half-way is not signed in.
    expect((await c.get('/admin')).res.headers.get('location')).toBe('/admin/login');
    const step = await c.get('/admin/login/two-factor');
    expect(step.res.status).toBe(200);
    expect(step.doc.querySelector('#f-code')?.getAttribute('autocomplete')).toBe('one-time-code');
    const wrong = await c.post('/admin/login/two-factor', { code: '12345x' });
    expect(wrong.res.status).toBe(422);
    expect(wrong.doc.querySelector('#err-code')?.textContent).toBe('Koden stemmer ikke, eller den er allerede brukt.');
    const halfWay = c;
    const done = await c.post('/admin/login/two-factor', { code: await totp(key, t.deps.clock()) });
    expect(done.res.status).toBe(303);
    expect(done.res.headers.get('location')).toBe('/admin');
    expect((await c.get('/admin')).res.status).toBe(200);
    expect(halfWay).toBe(c);

    // The same code a second time (someone who saw it) does not sign in.
    const replay = browser();
    await replay.login('kari@fylke.no');
    expect((await replay.post('/admin/login/two-factor', { code: await totp(key, t.deps.clock()) })).res.status).toBe(422);
    // A recovery code works, once.
    const withCode = await replay.post('/admin/login/two-factor', { code: codes[3]!.toUpperCase() });
    expect(withCode.res.status).toBe(303);
    const reuse = browser();
    await reuse.login('kari@fylke.no');
    expect((await reuse.post('/admin/login/two-factor', { code: codes[3]! })).res.status).toBe(422);

    const log = await t.deps.db.selectFrom('audit_log').select(['action', 'detail']).orderBy('id').execute();
    expect(log.map((r) => r.action)).toEqual([
      'sign_in',
      'two_factor_enabled',
      'second_factor_failed',
      'sign_in',
      'second_factor_failed',
      'recovery_code_used',
      'sign_in',
      'second_factor_failed',
    ]);
    expect(JSON.parse(log[3]!.detail!)).toEqual({ second_factor: 'totp' });
  });

  it('limits wrong codes per account, expires the half-way session, and can be turned off with the password', async () => {
    await addOrganiser('kari@fylke.no');
    const b = browser();
    await b.login('kari@fylke.no');
    const { key } = await enrol(b);
    const c = browser();
    await c.login('kari@fylke.no');
    for (let i = 0; i < 5; i++) expect((await c.post('/admin/login/two-factor', { code: '000001' })).res.status).toBe(422);
    const limited = await c.post('/admin/login/two-factor', { code: await totp(key, new Date(START.getTime() + 30_000)) });
    expect(limited.res.status).toBe(429);
    expect(limited.doc.querySelector('[role="alert"]')?.textContent).toContain('For mange mislykkede innlogginger');

    const late = browser();
    await late.login('kari@fylke.no');
    t.setNow(new Date(START.getTime() + 11 * 60_000));
    expect((await late.get('/admin/login/two-factor')).res.headers.get('location')).toBe('/admin/login');

    const wrongPassword = await b.post('/admin/account/two-factor/change', { do: 'disable', confirm_password: 'feil passord' });
    expect(wrongPassword.res.status).toBe(422);
    expect(wrongPassword.doc.querySelector('#err-confirm_password')?.textContent).toBe('Passordet er feil.');
    const off = await b.post('/admin/account/two-factor/change', { do: 'disable', confirm_password: PASSWORD });
    expect(off.res.headers.get('location')).toBe('/admin/account?done=disabled');
    expect((await browser().login('kari@fylke.no')).res.headers.get('location')).toBe('/admin');
    expect(await t.deps.db.selectFrom('recovery_codes').select('id').execute()).toHaveLength(0);
  });

  it('is required for admins with REQUIRE_2FA: they enrol before anything else and cannot turn it off', async () => {
    app = createApp({ ...t.deps, config: { ...t.deps.config, requireTwoFactor: true } });
    await addOrganiser('admin@fylke.no', 'admin');
    await addOrganiser('kari@fylke.no', 'organiser');
    const organiser = browser();
    await organiser.login('kari@fylke.no');
    expect((await organiser.get('/admin')).res.status).toBe(200);

    const admin = browser();
    await admin.login('admin@fylke.no');
    for (const path of ['/admin', '/admin/organisers', '/admin/audit']) {
      expect((await admin.get(path)).res.headers.get('location'), path).toBe('/admin/account/two-factor');
    }
    const page = await admin.get('/admin/account/two-factor');
    expect(page.doc.querySelector('[role="alert"]')?.textContent).toBe('Administratorer må bruke totrinnsinnlogging. Slå det på før du fortsetter.');
    await enrol(admin);
    expect((await admin.get('/admin/organisers')).res.status).toBe(200);
    const account = await admin.get('/admin/account');
    expect(account.doc.querySelector('button[value="disable"]')).toBeNull();
    expect((await admin.post('/admin/account/two-factor/change', { do: 'disable', confirm_password: PASSWORD })).res.status).toBe(403);
    expect(await t.deps.db.selectFrom('organisers').select('totp_enabled_at').where('email', '=', 'admin@fylke.no').executeTakeFirstOrThrow()).not.toEqual({ totp_enabled_at: null });
    // New recovery codes replace the old ones.
    const fresh = await admin.post('/admin/account/two-factor/change', { do: 'codes', confirm_password: PASSWORD });
    expect(fresh.doc.querySelectorAll('.recovery-codes code')).toHaveLength(10);
  });
});

describe('the audit log page', () => {
  it('is for admins only, newest first, 50 to a page, and records exports and failed sign-ins with the address tried', async () => {
    const admin = await quickSignIn(app, t.deps, { role: 'admin' });
    const kari = await quickSignIn(app, t.deps, { role: 'organiser' });
    expect((await kari.get('/admin/audit')).res.status).toBe(404);
    expect((await kari.get('/admin')).doc.querySelector('a[href="/admin/audit"]')).toBeNull();
    expect((await browser().login('ingen@fylke.no', 'feil passord')).res.status).toBe(422);
    const { insertEvent } = await import('../fixtures');
    const event = await insertEvent(t.deps.db);
    expect((await admin.get(`/admin/events/${event.id}/participants.csv`)).res.status).toBe(200);
    for (let i = 0; i < 55; i++) {
      await t.deps.db.insertInto('audit_log').values({ at: START.toISOString(), actor_id: null, actor: null, action: 'sign_in_failed', target: `n${i}`, ip: null, detail: null }).execute();
    }
    const first = await admin.get('/admin/audit');
    expect(first.res.status).toBe(200);
    expect(first.doc.querySelector('a[href="/admin/audit"][aria-current="page"]')?.textContent).toBe('Logg');
    const rows = [...first.doc.querySelectorAll('table.audit-log tbody tr')];
    expect(rows).toHaveLength(50);
    expect(rows[0]!.textContent).toContain('n54');
    expect(first.doc.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/admin/audit?page=2');
    const second = await admin.get('/admin/audit?page=2');
    const older = [...second.doc.querySelectorAll('table.audit-log tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(older).toHaveLength(7);
    expect(older.at(-1)).toEqual(['23. november 2026 13.00', 'Besøkende', 'Mislykket innlogging', 'ingen@fylke.no', '']);
    expect(older.at(-2)?.slice(1, 4)).toEqual([admin.organiser.email, 'Eksporterte deltakerlisten', `event:${event.id}`]);
    expect(second.doc.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/admin/audit');
    expect(second.doc.querySelector('a[rel="next"]')).toBeNull();
    // Nothing on the page changes the log.
    expect(first.doc.querySelectorAll('main form:not([action="/admin/logout"]), form:not([action="/admin/logout"])')).toHaveLength(0);
  });
});

describe('admins on the organisers page', () => {
  it('change another organiser’s role and turn off a lost second factor, both in the log', async () => {
    const admin = await quickSignIn(app, t.deps, { role: 'admin' });
    const per = await addOrganiser('per@fylke.no');
    await t.deps.db.updateTable('organisers').set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: START.toISOString() }).where('id', '=', per.id).execute();
    const page = await admin.get('/admin/organisers');
    expect(page.doc.querySelector(`label[for="role-${per.id}"]`)?.textContent).toBe('Rolle for per');
    expect(page.doc.querySelector(`#role-${admin.organiser.id}`)).toBeNull();
    expect((await admin.post(`/admin/organisers/${per.id}/role`, { role: 'superuser' })).res.status).toBe(422);
    expect((await admin.post(`/admin/organisers/${per.id}/role`, { role: 'admin' })).res.status).toBe(303);
    expect((await admin.post(`/admin/organisers/${admin.organiser.id}/role`, { role: 'organiser' })).res.status).toBe(404);
    expect((await admin.post(`/admin/organisers/${per.id}/two-factor/disable`)).res.status).toBe(303);
    const row = await t.deps.db.selectFrom('organisers').selectAll().where('id', '=', per.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'admin', totp_secret: null, totp_enabled_at: null });
    const log = await t.deps.db.selectFrom('audit_log').select(['action', 'actor', 'target', 'detail']).orderBy('id').execute();
    expect(log).toEqual([
      { action: 'role_changed', actor: admin.organiser.email, target: `organiser:${per.id}`, detail: '{"from":"organiser","to":"admin"}' },
      { action: 'two_factor_disabled', actor: admin.organiser.email, target: `organiser:${per.id}`, detail: null },
    ]);
  });
});
