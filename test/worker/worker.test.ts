import { SELF, abortAllDurableObjects, env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { DOMParser } from 'linkedom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { HELSE_NORD_SLUG } from '../../src/demo/seed';
import type { DeliverableMail } from '../../src/mail/transport';
import type { Samling } from '../../src/worker';
import { PLATFORM_REQUEST_BYTES, workerSettings } from '../../src/worker-settings';
import { insertEvent } from '../fixtures';

// The whole Worker inside workerd: requests through the Worker to the one Durable Object, with the R2 bucket and the
// vars of wrangler.toml (plus DEMO=1 and a first admin from vitest.config.ts).

const ORIGIN = 'http://localhost:8801';
const stub = () => env.SAMLING.get(env.SAMLING.idFromName('samling'));
const inObject = <T>(fn: (samling: Samling, state: DurableObjectState) => T | Promise<T>) => runInDurableObject(stub(), fn);
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const sha256Hex = async (bytes: Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Mail handed to the Durable Object's transport, instead of the log it writes without mail settings. */
let delivered: DeliverableMail[] = [];
beforeAll(async () => {
  await inObject((samling) => {
    samling.mailTransport = { send: async (mail) => void delivered.push(mail) };
  });
});
afterEach(async () => {
  // Alarms outlive a test in the pool: run what is set, so the next test starts without one pending.
  await runDurableObjectAlarm(stub());
  delivered = [];
});

const newEvent = (overrides: Parameters<typeof insertEvent>[1] = {}) => inObject((samling) => insertEvent(samling.db, overrides));
const register = (event: EventRow, i: number) =>
  SELF.fetch(`${ORIGIN}/events/${event.slug}/register`, {
    method: 'POST',
    body: new URLSearchParams({ name: `Deltaker ${i}`, email: `deltaker${i}@example.no`, organisation: 'Nav Innlandet' }),
    redirect: 'manual',
  });

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const res = await SELF.fetch(`${ORIGIN}/admin/login`, {
    method: 'POST',
    headers: { origin: ORIGIN },
    body: new URLSearchParams({ email: 'admin@example.no', password: 'workerd-test-password' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  const cookie = `sid=${/(?:^|, )sid=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1]}`;
  const page = await SELF.fetch(`${ORIGIN}/admin`, { headers: { cookie } });
  expect(page.status).toBe(200);
  const csrf = parse(await page.text()).querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  return { cookie, csrf };
}

describe('the public pages', () => {
  it('serves the demo conference, its programme, calendar, schedule and our own assets', async () => {
    const home = await SELF.fetch(`${ORIGIN}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Flere inn i arbeidslivet');
    for (const path of ['', '/programme', '/speakers', '/materials']) {
      const res = await SELF.fetch(`${ORIGIN}/events/${HELSE_NORD_SLUG}${path}`);
      expect(res.status, path).toBe(200);
      expect(parse(await res.text()).querySelector('h1')?.textContent, path).toBeTruthy();
    }
    const ics = await SELF.fetch(`${ORIGIN}/events/${HELSE_NORD_SLUG}/event.ics`);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    const schedule = (await (await SELF.fetch(`${ORIGIN}/events/${HELSE_NORD_SLUG}/schedule.json`)).json()) as object;
    expect(JSON.stringify(schedule)).toContain('2019-06-26');
    const css = await SELF.fetch(`${ORIGIN}/assets/style.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('{');
    expect(await (await SELF.fetch(`${ORIGIN}/assets/htmx.min.js`)).text()).toContain('htmx');
    expect(await (await SELF.fetch(`${ORIGIN}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('serves the demo programme PDF from R2', async () => {
    const page = parse(await (await SELF.fetch(`${ORIGIN}/events/${HELSE_NORD_SLUG}/materials`)).text());
    const href = [...page.querySelectorAll('a[href^="/files/"]')].map((a) => a.getAttribute('href')!).find((h) => h.endsWith('.pdf'));
    expect(href).toBeTruthy();
    const pdf = await SELF.fetch(`${ORIGIN}${href}`);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });
});

describe('registration', () => {
  it('gives 10 seats to exactly 10 of 50 people registering at once, with a mail each', async () => {
    const event = await newEvent({ capacity: 10 });
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => register(event, i)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(303));
    const { registrations, outbox } = await inObject(async ({ db }) => ({
      registrations: await db.selectFrom('registrations').select('status').where('event_id', '=', event.id).execute(),
      outbox: await db.selectFrom('outbox').select('kind').where('event_id', '=', event.id).execute(),
    }));
    expect(registrations.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    expect(registrations.filter((r) => r.status === 'waitlisted')).toHaveLength(40);
    expect(outbox).toHaveLength(50);
  });

  it('delivers the queued mail from the alarm, which registering armed', async () => {
    const event = await newEvent({ title: 'Alarmseminaret' });
    expect((await register(event, 1)).status).toBe(303);
    // Nothing here runs the alarm: registering set it to go off at once.
    await expect.poll(() => delivered.filter((m) => m.to === 'deltaker1@example.no').length, { timeout: 5000 }).toBe(1);
    const mail = delivered.find((m) => m.to === 'deltaker1@example.no')!;
    expect(mail.subject).toContain('Alarmseminaret');
    expect(mail.calendar?.content).toContain('METHOD:REQUEST');
    const row = await inObject(({ db }) => db.selectFrom('outbox').select('status').where('event_id', '=', event.id).executeTakeFirstOrThrow());
    expect(row.status).toBe('sent');
  });

  it('retries a failed delivery later, with the alarm set for then', async () => {
    const event = await newEvent();
    await inObject((samling) => {
      samling.mailTransport = { send: async () => Promise.reject(new Error('SMTP is down')) };
    });
    try {
      expect((await register(event, 2)).status).toBe(303);
      const outboxRow = () => inObject(({ db }) => db.selectFrom('outbox').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow());
      await expect.poll(async () => (await outboxRow()).attempts, { timeout: 5000 }).toBe(1);
      const row = await outboxRow();
      const alarm = await inObject((_, state) => state.storage.getAlarm());
      expect(row).toMatchObject({ status: 'pending', last_error: 'SMTP is down', attempts: 1 });
      expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(Date.now() + 20_000);
      expect(alarm).toBe(Date.parse(row.next_attempt_at));
    } finally {
      await inObject((samling) => {
        samling.mailTransport = { send: async (mail) => void delivered.push(mail) };
      });
    }
  });
});

describe('the organiser area', () => {
  it('signs the first organiser in with ADMIN_PASSWORD', async () => {
    const { csrf } = await signIn();
    expect(csrf).toMatch(/^[\w-]{43}$/);
  });

  it('streams an upload of over 10 MB into R2 and serves a byte range of it', async () => {
    const { cookie, csrf } = await signIn();
    const event = await newEvent();
    const size = 12 * 1024 * 1024 + 123;
    const bytes = new Uint8Array(size);
    bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
    for (let i = 9; i < size; i++) bytes[i] = i % 251;
    const form = new FormData();
    // The form token comes first, as the upload form sends it (never in the URL).
    form.append('_csrf', csrf);
    for (const [k, v] of Object.entries({ title: 'Store lysark', kind: 'presentation', visibility: 'public' })) form.append(k, v);
    form.append('file', new File([bytes], 'lysark.pdf', { type: 'application/pdf' }));
    const res = await SELF.fetch(`${ORIGIN}/admin/events/${event.id}/files`, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN },
      body: form,
      redirect: 'manual',
    });
    expect(res.status, await res.clone().text()).toBe(303);
    const file = await inObject(({ db }) => db.selectFrom('files').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow());
    expect(file.size).toBe(size);
    expect(file.sha256).toBe(await sha256Hex(bytes));
    expect((await env.FILES.head(file.storage_key))?.size).toBe(size);

    const url = `${ORIGIN}/files/${file.id}/${encodeURIComponent(file.filename)}`;
    const start = 11 * 1024 * 1024 - 7;
    const ranged = await SELF.fetch(url, { headers: { range: `bytes=${start}-${start + 99}` } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes ${start}-${start + 99}/${size}`);
    expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(bytes.slice(start, start + 100));
    const whole = await SELF.fetch(url);
    expect(whole.headers.get('content-length')).toBe(String(size));
    // (toEqual on 12 MB of bytes would take minutes: the digests are compared.)
    expect(await sha256Hex(new Uint8Array(await whole.arrayBuffer()))).toBe(file.sha256);
    const again = await SELF.fetch(url, { headers: { 'if-none-match': `"${file.sha256}"` } });
    expect(again.status).toBe(304);
  });

  it('keeps the upload limit under the platform’s request limit, and says so on the upload form', async () => {
    const settings = workerSettings({ ...env, MAX_UPLOAD_MB: '500' });
    expect(settings.maxUploadBytes).toBeLessThan(PLATFORM_REQUEST_BYTES);
    const { cookie } = await signIn();
    const event = await newEvent();
    const page = parse(await (await SELF.fetch(`${ORIGIN}/admin/events/${event.id}/files`, { headers: { cookie, 'accept-language': 'en' } })).text());
    const form = page.querySelector('form[data-max-bytes]');
    // upload.js refuses a larger file before sending it, with this text; the server answers 413 with the same.
    expect(Number(form?.getAttribute('data-max-bytes'))).toBe(workerSettings(env).maxUploadBytes);
    expect(form?.getAttribute('data-text-too-large')).toContain('The largest file you can upload is 95 MB.');
  });
});

describe('a restart of the Durable Object', () => {
  it('starts again after an alarm was set, and delivers the mail queued before it', async () => {
    const event = await newEvent({ title: 'Omstartseminaret' });
    await inObject((samling) => {
      samling.mailTransport = { send: async () => Promise.reject(new Error('SMTP is down')) };
    });
    expect((await register(event, 3)).status).toBe(303);
    const outboxRow = () => inObject(({ db }) => db.selectFrom('outbox').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow());
    await expect.poll(async () => (await outboxRow()).attempts, { timeout: 5000 }).toBe(1);
    expect(await inObject((_, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now());
    // As if the retry were due when the object restarts (its alarm still set for later).
    await inObject(({ db }) => db.updateTable('outbox').set({ next_attempt_at: new Date().toISOString() }).where('event_id', '=', event.id).execute());

    await abortAllDurableObjects();
    expect((await SELF.fetch(`${ORIGIN}/`)).status).toBe(200);
    // The new instance found the due mail at start and delivered it (with its own transport: the log).
    await expect.poll(async () => (await outboxRow()).status, { timeout: 5000 }).toBe('sent');
    await inObject((samling) => {
      samling.mailTransport = { send: async (mail) => void delivered.push(mail) };
    });
  });
});
