import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { MAX_BOUND_PARAMETERS, insertBatches, jsonValues } from '../src/domain/bound-parameters';
import { messageProgress, sendMessage } from '../src/domain/messages';
import { signIn } from './admin-helpers';
import { insertEvent } from './fixtures';
import { createTestDeps } from './helpers';
import { SETTINGS, insertQuestion } from './registration-helpers';

// The test database refuses, like a Durable Object, any statement binding more than 100 values (test/helpers.ts).
let t: Awaited<ReturnType<typeof createTestDeps>>;
const NOW = new Date('2026-11-23T12:00:00Z');
beforeEach(async () => {
  t = await createTestDeps({ now: NOW });
});
afterEach(() => t.close());

async function insertParticipants(eventId: number, count: number) {
  const stamp = NOW.toISOString();
  const rows = Array.from({ length: count }, (_, i) => ({
    event_id: eventId,
    status: 'confirmed' as const,
    name: `Deltaker ${i}`,
    email: `d${i}@kommune.no`,
    email_key: `d${i}@kommune.no`,
    organisation: i % 2 ? 'Nav' : 'Helse Nord',
    job_title: null,
    listed: 0,
    lang: i % 4 ? 'nb' : 'en',
    token_hash: `t${i}`,
    feed_token_hash: `f${i}`,
    created_at: stamp,
    updated_at: stamp,
  }));
  for (const batch of insertBatches(rows)) await t.deps.db.insertInto('registrations').values(batch).execute();
  return (await t.deps.db.selectFrom('registrations').select('id').where('event_id', '=', eventId).orderBy('id').execute()).map((r) => r.id);
}

describe('at most 100 bound values per statement', () => {
  it('is enforced by the test database, so the suite catches a list that grows with the data', async () => {
    const ids = Array.from({ length: MAX_BOUND_PARAMETERS + 1 }, (_, i) => i + 1);
    await expect(t.deps.db.selectFrom('registrations').select('id').where('id', 'in', ids).execute()).rejects.toThrow(/too many SQL variables: 101/);
    await expect(t.deps.db.selectFrom('registrations').select('id').where('id', 'in', ids.slice(1)).execute()).resolves.toEqual([]);
  });

  it('binds a list of 1,000 values as one, and splits a 1,000-row insert into statements of at most 100 values', async () => {
    const event = await insertEvent(t.deps.db);
    const ids = await insertParticipants(event.id, 1000);
    expect(ids).toHaveLength(1000);
    const found = await t.deps.db.selectFrom('registrations').select('id').where('id', 'in', jsonValues(ids)).execute();
    expect(found).toHaveLength(1000);
    const batches = insertBatches(Array.from({ length: 1000 }, (_, i) => ({ a: i, b: i, c: i })));
    expect(batches.map((b) => b.length)).toEqual([...Array(30).fill(33), 10]);
  });

  it('sends a message to 1,000 participants: one outbox row and one link to the message each', async () => {
    const event = await insertEvent(t.deps.db);
    await insertParticipants(event.id, 1000);
    const { id, recipients } = await sendMessage(t.deps.db, event, { audience: 'all', subject: 'Velkommen', body: 'Vi ses i morgen.' }, null, NOW, SETTINGS);
    expect(recipients).toBe(1000);
    expect((await t.deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(1000);
    expect((await t.deps.db.selectFrom('message_mails').select((eb) => eb.fn.countAll<number>().as('n')).where('message_id', '=', id).executeTakeFirstOrThrow()).n).toBe(1000);
    expect(await messageProgress(t.deps.db, id)).toEqual({ pending: 1000, sending: 0, sent: 0, failed: 0 });
  });

  it('serves an API page of 500 registrations with their answers', async () => {
    const app = createApp(t.deps);
    const event = await insertEvent(t.deps.db);
    const question = await insertQuestion(t.deps.db, event.id, { type: 'short_text', label: 'Allergier' });
    const ids = await insertParticipants(event.id, 600);
    const answers = ids.map((registration_id, i) => ({ registration_id, question_id: question.id, value: JSON.stringify(`svar ${i}`) }));
    for (const batch of insertBatches(answers)) await t.deps.db.insertInto('answers').values(batch).execute();

    const admin = await signIn(app, t.deps, { role: 'admin' });
    const page = await admin.post('/admin/api-tokens', { name: 'Eksport' });
    const token = page.doc.querySelector('#new-token')?.getAttribute('value') ?? '';
    const res = await app.request(`/api/v1/events/${event.id}/registrations?limit=500`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: number; answers: { question_id: number; value: unknown }[] }[]; next_cursor: string | null };
    expect(body.data).toHaveLength(500);
    expect(body.next_cursor).not.toBeNull();
    expect(body.data[499]!.answers).toEqual([{ question_id: question.id, value: 'svar 499' }]);
  });
});
