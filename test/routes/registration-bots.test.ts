import { DOMParser } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { REGISTRATION_BACKOFF } from '../../src/domain/rate-limits';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let event: EventRow;

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

beforeEach(async () => {
  t = await createTestDeps();
  app = createApp(t.deps);
  event = await insertEvent(t.deps.db, { capacity: 1000 });
});
afterEach(() => t.close());

const person = (n: number, extra: Record<string, string> = {}) => ({ name: `Person ${n}`, email: `p${n}@example.no`, organisation: 'Nav', ...extra });

/** Posts the registration form from the client at `ip` (as the Node adapter hands the socket's address over). */
async function register(fields: Record<string, string>, ip = '192.0.2.7') {
  const res = await app.request(`/events/${event.slug}/register`, { method: 'POST', body: new URLSearchParams(fields) }, { clientIp: ip });
  const body = await res.text();
  return { res, doc: parse(body) };
}

const registrations = async () => Number((await t.deps.db.selectFrom('registrations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('the honeypot', () => {
  it('is in the form, off-screen, hidden from screen readers, out of the tab order, never autofilled', async () => {
    const doc = parse(await (await app.request(`/events/${event.slug}/register`)).text());
    const input = doc.querySelector('#registration-form input[name="website"]')!;
    expect(input).not.toBeNull();
    expect(input.getAttribute('value')).toBe('');
    expect(input.getAttribute('tabindex')).toBe('-1');
    expect(input.getAttribute('autocomplete')).toBe('off');
    const box = input.closest('.honeypot')!;
    expect(box.getAttribute('aria-hidden')).toBe('true');
  });

  it('refuses a form that filled it, saves nothing, and says why with the answers kept', async () => {
    const { res, doc } = await register(person(1, { website: 'https://spam.example' }));
    expect(res.status).toBe(422);
    expect(await registrations()).toBe(0);
    expect(doc.querySelector('#error-summary')?.textContent).toContain('et skjult felt ment for roboter var fylt ut');
    expect(doc.querySelector<HTMLInputElement>('input[name="name"]')?.getAttribute('value')).toBe('Person 1');
    expect(doc.querySelector('input[name="website"]')?.getAttribute('value')).toBe('');
    // Left empty, the same person gets through.
    expect((await register(person(1, { website: '' }))).res.status).toBe(303);
  });
});

describe('registrations per client', () => {
  it(`lets one client send ${REGISTRATION_BACKOFF.free}, then asks it to wait; other clients go on`, async () => {
    for (let n = 0; n < REGISTRATION_BACKOFF.free; n++) expect((await register(person(n))).res.status, `registration ${n}`).toBe(303);
    const refused = await register(person(999));
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toBe('60');
    expect(refused.doc.querySelector('main')?.textContent).toContain('Det er sendt svært mange påmeldinger fra din nettverksadresse. Vent 1 min. og prøv igjen');
    expect(await registrations()).toBe(REGISTRATION_BACKOFF.free);
    expect((await register(person(999), '198.51.100.20')).res.status).toBe(303);
  });
});
