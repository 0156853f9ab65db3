import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { register } from '../../src/domain/registration';
import { signIn } from '../admin-helpers';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';
import { SETTINGS, person } from '../registration-helpers';

// What a security officer reads in the log after the everyday handling of personal data.
let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
beforeEach(async () => {
  t = await createTestDeps({ now: new Date('2026-11-23T12:00:00Z') });
  app = createApp(t.deps);
});
afterEach(() => t.close());

const log = () => t.deps.db.selectFrom('audit_log').select(['action', 'actor', 'target', 'detail']).orderBy('id').execute();

describe('the audit log records', () => {
  it('messages sent, the participant’s own data export and deletion, and anonymisation, with who did it', async () => {
    const event = await insertEvent(t.deps.db);
    const admin = await signIn(app, t.deps, { role: 'admin' });
    const outcome = await register(t.deps.db, event.id, person(), 'nb', t.deps.clock(), SETTINGS);
    if (outcome.kind !== 'registered') throw new Error('not registered');
    await register(t.deps.db, event.id, person({ email: 'ola@example.no', name: 'Ola' }), 'nb', t.deps.clock(), SETTINGS);

    const sent = await admin.post(`/admin/events/${event.id}/messages`, { audience: 'all', subject: 'Velkommen', body: 'Hei alle', action: 'send' });
    expect(sent.res.status).toBe(303);
    expect((await app.request(`/registrations/${outcome.token}/data.json`)).status).toBe(200);
    const deleted = await app.request(`/registrations/${outcome.token}/delete`, { method: 'POST', headers: { origin: 'http://localhost' } });
    expect(deleted.status).toBe(200);
    t.setNow(new Date('2027-02-01T12:00:00Z'));
    const later = await signIn(app, t.deps, { role: 'admin' });
    const anonymised = await later.post(`/admin/events/${event.id}/anonymise`, { confirm: 'yes' });
    expect(anonymised.res.headers.get('location')).toBe(`/admin/events/${event.id}/anonymise?done=1`);

    const rows = await log();
    expect(rows.map((r) => [r.action, r.actor, r.target])).toEqual([
      ['message_sent', admin.organiser.email, `event:${event.id}`],
      ['participant_data_exported', null, `registration:${outcome.registration.id}`],
      ['registration_deleted', null, `registration:${outcome.registration.id}`],
      ['participants_anonymised', later.organiser.email, `event:${event.id}`],
    ]);
    expect(JSON.parse(rows[0]!.detail!)).toMatchObject({ audience: 'all', recipients: 2 });
    expect(JSON.parse(rows[3]!.detail!)).toEqual({ registrations: 1 });
    // No personal data of the participant in the log itself.
    expect(JSON.stringify(rows)).not.toMatch(/kari@example\.no|Kari/);
  });
});
