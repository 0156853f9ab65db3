import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { grantEvent } from '../../src/domain/auth';
import { signIn } from '../admin-helpers';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';

// Impossible dates and times are refused where they come in, in the organiser's forms and in the API alike, instead of
// rolling over (31 April → 1 May, 24:30 → 00:30 the next day, year 0050 → 1950).

let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
beforeEach(async () => {
  t = await createTestDeps();
  app = createApp(t.deps);
});
afterEach(() => t.close());

const eventForm = (overrides: Record<string, string>) => ({
  title: 'Inkludering',
  slug: '',
  kind: 'seminar',
  summary: '',
  description: '',
  language: 'nb',
  time_zone: 'Europe/Oslo',
  starts_local: '2027-04-29T09:00',
  ends_local: '2027-04-29T15:00',
  venue_name: 'Hamar',
  venue_address: '',
  online_url: '',
  organiser_name: 'Innlandet fylkeskommune',
  contact_name: '',
  contact_email: '',
  contact_phone: '',
  capacity: '40',
  registration_opens_local: '',
  registration_closes_local: '',
  public_list: 'off',
  reminder_hours: '24',
  ...overrides,
});

function fieldError(doc: Document, name: string): string | undefined {
  const ids = doc.querySelector(`[name="${name}"]`)?.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => doc.getElementById(id)).find((el) => el?.classList.contains('field-error'))?.textContent ?? undefined;
}

const events = async () => (await t.deps.db.selectFrom('events').select('id').execute()).length;

describe('the event form', () => {
  it.each([
    ['starts_local', '2027-04-31T09:00'],
    ['starts_local', '2027-02-29T09:00'],
    ['ends_local', '2027-04-29T24:30'],
    ['starts_local', '0050-04-29T09:00'],
    ['registration_closes_local', '2027-13-01T12:00'],
  ])('refuses %s = %s by the field, in the visitor’s language, and saves nothing', async (field, value) => {
    const kari = await signIn(app, t.deps);
    const nb = await kari.post('/admin/events/new', eventForm({ [field]: value }));
    expect(nb.res.status).toBe(422);
    expect(fieldError(nb.doc, field)).toBe('Den datoen eller det klokkeslettet finnes ikke (som 31. april eller 24:30). Året må være mellom 1900 og 2200.');
    const en = await kari.post('/admin/events/new?lang=en', eventForm({ [field]: value }));
    expect(fieldError(en.doc, field)).toBe('That date or time does not exist (such as 31 April or 24:30). The year must be between 1900 and 2200.');
    expect(await events()).toBe(0);
  });

  it('still takes 29 February in a leap year', async () => {
    const kari = await signIn(app, t.deps);
    const { res } = await kari.post('/admin/events/new', eventForm({ starts_local: '2028-02-29T09:00', ends_local: '2028-02-29T15:00' }));
    expect(res.status).toBe(303);
  });
});

describe('duplicating an event', () => {
  it('refuses a shift of more than ten years and a start date that does not exist', async () => {
    const kari = await signIn(app, t.deps);
    const event = await insertEvent(t.deps.db);
    await grantEvent(t.deps.db, kari.organiser.id, event.id);
    const far = await kari.post(`/admin/events/${event.id}/duplicate`, { days: '99999', start_date: '' });
    expect(far.res.status).toBe(422);
    expect(far.body).toContain('Den nye utgaven kan flyttes høyst ti år (3660 dager) fram eller tilbake');
    const impossible = await kari.post(`/admin/events/${event.id}/duplicate`, { days: '', start_date: '2028-04-31' });
    expect(impossible.res.status).toBe(422);
    expect(await events()).toBe(1);
    expect((await kari.post(`/admin/events/${event.id}/duplicate`, { days: '364', start_date: '' })).res.status).toBe(303);
  });
});

describe('the API', () => {
  async function token() {
    const person = await signIn(app, t.deps, { role: 'admin' });
    const page = await person.post('/admin/api-tokens', { name: 'Integrasjon' });
    return page.doc.querySelector('#new-token')?.getAttribute('value') ?? '';
  }

  it.each(['2027-04-31T09:00:00Z', '2027-04-30T24:30:00Z', '0050-04-29T09:00:00Z', '2027-04-29T09:00:00+25:00'])(
    'refuses starts_at %s with a 4xx that names the field',
    async (starts_at) => {
      const res = await app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'X', organiser_name: 'Y', starts_at, ends_at: '2027-04-29T15:00:00Z' }),
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(JSON.stringify(await res.json())).toContain('starts_at');
      expect(await events()).toBe(0);
    },
  );
});
