import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { createApiToken } from '../../src/domain/api-tokens';
import { createOrganiser } from '../../src/domain/auth';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';
import { insertQuestion, outboxOf, statuses } from '../registration-helpers';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let token: string;
let event: EventRow;
beforeEach(async () => {
  t = await createTestDeps({ now: new Date('2027-01-02T12:00:00Z') });
  // A real host name: Redocly warns about a server on localhost or example.com.
  app = createApp({ ...t.deps, config: { ...t.deps.config, baseUrl: 'https://samling.innlandet.no' } });
  const organiser = await createOrganiser(t.deps.db, { email: 'kari@innlandet.no', name: 'Kari', role: 'organiser', password_hash: 'x' }, t.deps.clock());
  token = (await createApiToken(t.deps.db, organiser.id, 'Integrasjon', t.deps.clock())).token;
  event = await insertEvent(t.deps.db, { capacity: 1, contact_email: 'kontakt@innlandet.no' });
  await t.deps.db.insertInto('event_organisers').values({ event_id: event.id, organiser_id: organiser.id }).execute();
});
afterEach(() => t.close());

async function api(method: string, path: string, body?: unknown) {
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { res, json: (await res.json()) as any };
}

describe('the OpenAPI document', () => {
  it('is clean under Redocly’s recommended rules, and documents itself', async () => {
    const { res, json: doc } = await api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(doc.paths['/openapi.json'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/OpenApiDocument' });
    expect(doc.paths['/events/{id}/registrations'].post.operationId).toBe('createRegistration');
    const file = join(t.dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const lint = spawnSync(
      process.execPath,
      [join('node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', file, '--extends=recommended', '--format=json'],
      { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, timeout: 60_000 },
    );
    const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 90_000);
});

describe('POST /events/:id/registrations', () => {
  it('registers by the form’s rules: a seat, then the waiting list, the questions, duplicates, and the mail', async () => {
    const diet = await insertQuestion(t.deps.db, event.id, { type: 'short_text', label: 'Allergier', required: 1 });
    const dinner = await insertQuestion(t.deps.db, event.id, { type: 'yes_no', label: 'Middag?' });
    const person = { name: 'Kari Nordmann', email: 'Kari@Example.no', organisation: 'Nav Innlandet', answers: [{ question_id: diet.id, value: 'Nøtter' }, { question_id: dinner.id, value: true }] };

    const first = await api('POST', `/events/${event.id}/registrations`, person);
    expect(first.res.status).toBe(201);
    expect(first.json).toMatchObject({ status: 'confirmed', email: 'Kari@Example.no', answers: [{ question_id: diet.id, value: 'Nøtter' }, { question_id: dinner.id, value: true }] });
    expect(first.res.headers.get('location')).toBe(`http://localhost/api/v1/events/${event.id}/registrations/${first.json.id}`);

    // The address again, in other letters: the form's duplicate rule.
    const again = await api('POST', `/events/${event.id}/registrations`, { ...person, email: ' kari@example.NO ' });
    expect([again.res.status, again.json.error.code]).toEqual([409, 'duplicate']);

    // The form's question rules: a required answer, a known question.
    const missing = await api('POST', `/events/${event.id}/registrations`, { ...person, email: 'ola@example.no', answers: [] });
    expect(missing.res.status).toBe(422);
    expect(missing.json.error.issues).toEqual([expect.objectContaining({ path: ['answers'], message: expect.stringContaining(`question ${diet.id}`) })]);
    const unknown = await api('POST', `/events/${event.id}/registrations`, { ...person, email: 'ola@example.no', answers: [{ question_id: 999_999, value: 'x' }] });
    expect(unknown.json.error.issues[0].path).toEqual(['answers', 0, 'question_id']);
    const badEmail = await api('POST', `/events/${event.id}/registrations`, { ...person, email: 'ikke-en-adresse' });
    expect(badEmail.json.error.issues.map((i: { path: string[] }) => i.path)).toEqual([['email']]);

    // The one seat is taken: the waiting list.
    const second = await api('POST', `/events/${event.id}/registrations`, { ...person, email: 'ola@example.no', lang: 'en' });
    expect([second.res.status, second.json.status]).toEqual([201, 'waitlisted']);
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['confirmed', 'waitlisted']);
    expect((await outboxOf(t.deps.db)).map((m) => [m.kind, m.to_address, m.mail.calendar?.method ?? null])).toEqual([
      ['confirmation', 'Kari@Example.no', 'REQUEST'],
      ['waitlisted', 'ola@example.no', null],
    ]);
  });

  it('refuses when registration is not open, as the form does', async () => {
    await t.deps.db.updateTable('events').set({ registration_closes_at: '2027-01-01T00:00:00.000Z' }).where('id', '=', event.id).execute();
    const closed = await api('POST', `/events/${event.id}/registrations`, { name: 'Kari', email: 'kari@example.no', organisation: 'Nav' });
    expect([closed.res.status, closed.json.error.code]).toEqual([409, 'registration_closed']);
    expect(await outboxOf(t.deps.db)).toEqual([]);
  });
});
