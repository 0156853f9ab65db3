import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { grantEvent } from '../../src/domain/auth';
import { register } from '../../src/domain/registration';
import { findByToken } from '../../src/domain/registration-queries';
import { signIn } from '../admin-helpers';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';
import { SETTINGS, insertQuestion, person } from '../registration-helpers';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let app: ReturnType<typeof createApp>;
let event: EventRow;
let kari: Awaited<ReturnType<typeof signIn>>;
let tokens: string[];

const BEFORE = new Date('2026-11-23T12:00:00Z');
// The fixture's event is on 14 January 2027.
const AFTER = new Date('2027-02-01T12:00:00Z');
const url = (page = '') => `/admin/events/${event.id}${page}`;

beforeEach(async () => {
  t = await createTestDeps({ now: BEFORE });
  app = createApp(t.deps);
  event = await insertEvent(t.deps.db, { title: 'Inkluderingsseminar' });
  const question = await insertQuestion(t.deps.db, event.id, { type: 'short_text', label: 'Allergier' });
  tokens = [];
  for (const [name, organisation] of [
    ['Anne Hansen', 'Nav'],
    ['Bjørn Berg', 'Nav'],
    ['Cecilie Dahl', 'Statens vegvesen'],
  ] as const) {
    const email = `${name.split(' ')[0]!.toLowerCase()}@example.no`;
    const input = person({ name, email, organisation, job_title: 'Rådgiver', listed: true, answers: [{ questionId: question.id, value: 'Nøtter' }] });
    const outcome = await register(t.deps.db, event.id, input, 'nb', BEFORE, SETTINGS);
    if (outcome.kind !== 'registered') throw new Error('not registered');
    tokens.push(outcome.token);
  }
});
afterEach(() => t.close());

/** Moves the clock (sessions expire, so Kari signs in anew at that time). */
async function at(now: Date) {
  t.setNow(now);
  kari = await signIn(app, t.deps, { role: 'organiser', name: 'Kari' });
  await grantEvent(t.deps.db, kari.organiser.id, event.id);
}

const names = async () => (await t.deps.db.selectFrom('registrations').select('name').where('event_id', '=', event.id).execute()).map((r) => r.name);

describe('anonymising an ended event from its overview', () => {
  it('links from the overview to a confirmation page, and the confirmed POST anonymises once', async () => {
    await at(AFTER);
    const overview = await kari.get(url());
    const link = overview.doc.querySelector(`.event-actions a[href="${url('/anonymise')}"]`);
    expect(link?.textContent).toContain('Anonymiser deltakerne');

    const confirm = await kari.get(url('/anonymise'));
    expect(confirm.res.status).toBe(200);
    expect(confirm.doc.querySelector('[role=alert]')!.textContent).toContain('anonymisere 3 deltakere');
    const form = confirm.doc.querySelector(`form[method=post][action="${url('/anonymise')}"]`)!;
    expect(form.querySelector('input[name=confirm]')!.getAttribute('value')).toBe('yes');
    expect(form.querySelector('input[name=_csrf]')!.getAttribute('value')).toBe(kari.csrf);
    expect(await names()).toEqual(['Anne Hansen', 'Bjørn Berg', 'Cecilie Dahl']);

    // Without confirm=yes the POST only asks.
    const asked = await kari.post(url('/anonymise'));
    expect(asked.res.status).toBe(200);
    expect(await names()).toEqual(['Anne Hansen', 'Bjørn Berg', 'Cecilie Dahl']);

    const done = await kari.post(url('/anonymise'), { confirm: 'yes' });
    expect(done.res.status).toBe(303);
    expect(done.res.headers.get('location')).toBe(url('/anonymise?done=3'));
    const result = await kari.get(done.res.headers.get('location')!);
    expect(result.doc.querySelector('[role=status]')!.textContent).toBe('3 deltakere ble anonymisert.');
    expect(result.body).toContain('Deltakerne ble anonymisert 1. februar 2027 kl. 13.00.');

    expect(await names()).toEqual(Array(3).fill('Anonymisert deltaker'));
    const rows = await t.deps.db.selectFrom('registrations').select(['email', 'job_title', 'listed', 'organisation', 'status']).execute();
    expect(rows.some((r) => r.email.includes('@') || r.job_title !== null || r.listed !== 0)).toBe(false);
    expect(rows.map((r) => `${r.organisation}:${r.status}`)).toEqual(['Nav:confirmed', 'Nav:confirmed', 'Statens vegvesen:confirmed']);
    expect(await t.deps.db.selectFrom('answers').selectAll().execute()).toEqual([]);
    for (const token of tokens) expect(await findByToken(t.deps.db, token)).toBeUndefined();
    // The old manage link is a dead end for the participant too.
    expect((await app.request(`/registrations/${tokens[0]}`)).status).toBe(404);

    // The overview says when; a second run is refused.
    expect((await kari.get(url())).body).toContain('Deltakerne ble anonymisert 1. februar 2027');
    const again = await kari.post(url('/anonymise'), { confirm: 'yes' });
    expect(again.res.status).toBe(409);
    expect(again.doc.querySelector('[role=alert]')!.textContent).toContain('allerede anonymisert');
  });

  it('refuses an event that has not ended with 409, and offers no button for it', async () => {
    await at(new Date('2027-01-14T10:00:00Z'));
    expect((await kari.get(url())).doc.querySelector(`a[href="${url('/anonymise')}"]`)).toBeNull();
    const page = await kari.get(url('/anonymise'));
    expect(page.res.status).toBe(409);
    expect(page.doc.querySelector('form[method=post]:not(.sign-out)[action$="/anonymise"]')).toBeNull();
    const refused = await kari.post(url('/anonymise'), { confirm: 'yes' });
    expect(refused.res.status).toBe(409);
    expect(refused.doc.querySelector('[role=alert]')!.textContent).toContain('Arrangementet er ikke over ennå');
    expect(await names()).toEqual(['Anne Hansen', 'Bjørn Berg', 'Cecilie Dahl']);
  });

  it("is not found for another organiser's event, and needs the form token", async () => {
    await at(AFTER);
    const ola = await signIn(app, t.deps, { role: 'organiser', name: 'Ola' });
    expect((await ola.get(url('/anonymise'))).res.status).toBe(404);
    expect((await ola.post(url('/anonymise'), { confirm: 'yes' })).res.status).toBe(404);
    const forged = await kari.post(url('/anonymise'), { confirm: 'yes', _csrf: '' });
    expect(forged.res.status).toBe(403);
    expect(await names()).toEqual(['Anne Hansen', 'Bjørn Berg', 'Cecilie Dahl']);
    // An admin may.
    const admin = await signIn(app, t.deps, { role: 'admin' });
    expect((await admin.post(url('/anonymise'), { confirm: 'yes' })).res.status).toBe(303);
    expect(await names()).toEqual(Array(3).fill('Anonymisert deltaker'));
  });
});
