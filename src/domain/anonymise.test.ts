import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { insertEvent } from '../../test/fixtures';
import { createTestDeps } from '../../test/helpers';
import { SETTINGS, insertQuestion, person } from '../../test/registration-helpers';
import { AlreadyAnonymised, EventNotEnded, anonymiseEndedEvents, anonymiseEvent } from './anonymise';
import { setCheckedIn } from './checkin';
import { organisationCounts, statusCounts } from './participants';
import { issueUnsubscribeToken, unsubscribe } from './unsubscribe';
import { cancelRegistration, register } from './registration';
import { findByFeedToken, findByToken } from './registration-queries';
import { feedTokenFor } from './registration-tokens';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;

const BEFORE = new Date('2026-11-23T12:00:00Z');
// The fixture's event is on 14 January 2027, 09.00–15.30 Oslo time.
const AFTER = new Date('2027-02-01T12:00:00Z');

async function add(event: EventRow, name: string, organisation: string, extra: Parameters<typeof person>[0] = {}) {
  const email = `${name.toLowerCase()}@example.no`;
  const outcome = await register(t.deps.db, event.id, person({ name, email, organisation, ...extra }), 'nb', BEFORE, SETTINGS);
  if (outcome.kind !== 'registered') throw new Error('not registered');
  return outcome;
}

const registrationsOf = (eventId: number) => t.deps.db.selectFrom('registrations').selectAll().where('event_id', '=', eventId).orderBy('id').execute();

beforeEach(async () => {
  t = await createTestDeps({ now: BEFORE });
});
afterEach(() => t.close());

describe('anonymiseEvent', () => {
  it('removes names, addresses, job titles and answers, breaks the old links, and keeps the numbers by organisation and status', async () => {
    const event = await insertEvent(t.deps.db, { capacity: 2 });
    const question = await insertQuestion(t.deps.db, event.id, { type: 'short_text', label: 'Allergier' });
    const anne = await add(event, 'Anne', 'Nav', { job_title: 'Rådgiver', listed: true, answers: [{ questionId: question.id, value: 'Nøtter' }] });
    await add(event, 'Bjørn', 'NAV');
    const cecilie = await add(event, 'Cecilie', 'Statens vegvesen'); // waitlisted (capacity 2)
    const dag = await add(event, 'Dag', 'Statens vegvesen');
    await cancelRegistration(t.deps.db, dag.registration.id, BEFORE, SETTINGS);
    await setCheckedIn(t.deps.db, event.id, anne.registration.id, true, new Date('2027-01-14T08:10:00Z'));
    const before = { orgs: await organisationCounts(t.deps.db, event.id, 'all'), statuses: await statusCounts(t.deps.db, event.id), rows: await registrationsOf(event.id) };
    // One mail still waiting, the rest sent or failed.
    const mails = await t.deps.db.selectFrom('outbox').select('id').orderBy('id').execute();
    await t.deps.db.updateTable('outbox').set({ status: 'sent' }).execute();
    await t.deps.db.updateTable('outbox').set({ status: 'failed' }).where('id', '=', mails[0]!.id).execute();
    await t.deps.db.updateTable('outbox').set({ status: 'pending' }).where('id', '=', mails.at(-1)!.id).execute();
    await unsubscribe(t.deps.db, await issueUnsubscribeToken(t.deps.db, event.id, 'anne@example.no', BEFORE), BEFORE);

    const outcome = await anonymiseEvent(t.deps.db, event.id, AFTER);
    expect(await t.deps.db.selectFrom('message_unsubscribes').selectAll().execute()).toEqual([]);

    expect(outcome).toEqual({ registrations: 4, mailsDeleted: mails.length - 1 });
    const after = await registrationsOf(event.id);
    expect(after.map((r) => r.name)).toEqual(Array(4).fill('Anonymisert deltaker'));
    expect(after.map((r) => r.email)).toEqual(after.map((r) => `anonymised-${r.id}`));
    expect(after.map((r) => r.email_key)).toEqual(after.map((r) => `anonymised-${r.id}`));
    expect(after.every((r) => r.job_title === null && r.listed === 0)).toBe(true);
    const text = JSON.stringify(after);
    for (const word of ['Anne', 'Bjørn', 'Cecilie', 'Dag', 'example.no', 'Rådgiver']) expect(text).not.toContain(word);
    expect(await t.deps.db.selectFrom('answers').selectAll().execute()).toEqual([]);
    // What the statistics need is unchanged.
    expect(await organisationCounts(t.deps.db, event.id, 'all')).toEqual(before.orgs);
    expect(await statusCounts(t.deps.db, event.id)).toEqual(before.statuses);
    expect(after.map((r) => [r.status, r.organisation, r.created_at, r.checked_in_at])).toEqual(
      before.rows.map((r) => [r.status, r.organisation, r.created_at, r.checked_in_at]),
    );
    // Old manage links and calendar feeds lead nowhere.
    for (const { token } of [anne, cecilie, dag]) {
      expect(await findByToken(t.deps.db, token)).toBeUndefined();
      expect(await findByFeedToken(t.deps.db, feedTokenFor(token))).toBeUndefined();
    }
    // Only the mail still owed stays.
    expect(await t.deps.db.selectFrom('outbox').select(['id', 'status']).execute()).toEqual([{ id: mails.at(-1)!.id, status: 'pending' }]);
    const row = await t.deps.db.selectFrom('events').select('anonymised_at').where('id', '=', event.id).executeTakeFirstOrThrow();
    expect(row.anonymised_at).toBe(AFTER.toISOString());
  });

  it('names the participants of an English event in English', async () => {
    const event = await insertEvent(t.deps.db, { language: 'en' });
    await add(event, 'Anne', 'Nav');
    await anonymiseEvent(t.deps.db, event.id, AFTER);
    expect((await registrationsOf(event.id)).map((r) => r.name)).toEqual(['Anonymised participant']);
  });

  it('refuses an event that has not ended, and a second run, leaving everything as it was', async () => {
    const event = await insertEvent(t.deps.db);
    const anne = await add(event, 'Anne', 'Nav');
    const during = new Date('2027-01-14T10:00:00Z');
    await expect(anonymiseEvent(t.deps.db, event.id, during)).rejects.toBeInstanceOf(EventNotEnded);
    expect((await findByToken(t.deps.db, anne.token))?.registration.name).toBe('Anne');

    await anonymiseEvent(t.deps.db, event.id, AFTER);
    const once = await registrationsOf(event.id);
    await expect(anonymiseEvent(t.deps.db, event.id, new Date('2027-03-01T00:00:00Z'))).rejects.toBeInstanceOf(AlreadyAnonymised);
    expect(await registrationsOf(event.id)).toEqual(once);
  });
});

describe('anonymiseEndedEvents (RETENTION_DAYS)', () => {
  it('anonymises only events that ended more than the given number of days ago', async () => {
    const longAgo = await insertEvent(t.deps.db, { localStart: '2026-10-01T09:00', localEnd: '2026-10-01T15:00' });
    const recent = await insertEvent(t.deps.db, { localStart: '2026-11-10T09:00', localEnd: '2026-11-10T15:00' });
    const coming = await insertEvent(t.deps.db);
    // Registered while they were open (the domain takes the time as a parameter).
    for (const event of [longAgo, recent, coming]) {
      const at = new Date(new Date(event.starts_at).getTime() - 7 * 24 * 3600_000);
      await register(t.deps.db, event.id, person({ name: 'Anne', email: 'anne@example.no' }), 'nb', at, SETTINGS);
    }

    const now = new Date('2026-11-23T12:00:00Z');
    expect(await anonymiseEndedEvents(t.deps.db, now, 30)).toEqual([longAgo.id]);
    const names = async (e: EventRow) => (await registrationsOf(e.id)).map((r) => r.name);
    expect(await names(longAgo)).toEqual(['Anonymisert deltaker']);
    expect(await names(recent)).toEqual(['Anne']);
    expect(await names(coming)).toEqual(['Anne']);
    // Nothing more to do on the next run.
    expect(await anonymiseEndedEvents(t.deps.db, now, 30)).toEqual([]);
  });

  it('deletes a mail that was still pending at anonymisation once it has been sent', async () => {
    const event = await insertEvent(t.deps.db);
    await add(event, 'Anne', 'Nav');
    await anonymiseEvent(t.deps.db, event.id, AFTER);
    expect(await t.deps.db.selectFrom('outbox').select('status').execute()).toEqual([{ status: 'pending' }]);
    await anonymiseEndedEvents(t.deps.db, AFTER, 365);
    expect(await t.deps.db.selectFrom('outbox').select('status').execute()).toEqual([{ status: 'pending' }]);
    await t.deps.db.updateTable('outbox').set({ status: 'sent' }).execute();
    await anonymiseEndedEvents(t.deps.db, AFTER, 365);
    expect(await t.deps.db.selectFrom('outbox').select('status').execute()).toEqual([]);
  });
});
