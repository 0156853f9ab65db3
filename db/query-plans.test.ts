import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, EventRow } from './schema';
import { anonymiseEndedEvents } from '../src/domain/anonymise';
import { manageableEvents } from '../src/domain/auth';
import { confirmedCount, keptCounts, publicParticipants, registrationVersion } from '../src/domain/events';
import { recentMails } from '../src/domain/mail-view';
import { checkinList, setCheckedIn } from '../src/domain/checkin';
import { outboxOverview } from '../src/domain/mail-view';
import { exportPage, listParticipants, statusCounts } from '../src/domain/participants';
import { deleteRegistration, exportRegistration, register, sendManageLink } from '../src/domain/registration';
import { registrationPage } from '../src/routes/api/queries';
import { insertEvent } from '../test/fixtures';
import { createTestDeps } from '../test/helpers';
import { SETTINGS, person } from '../test/registration-helpers';

// The hot queries, as the real functions build them, must find their rows through an index: a full scan of
// registrations or the outbox grows with every event ever held (500,000 rows and 1,000,000 mails in the scale run).

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let event: EventRow;
let queries: CompiledQuery[];
let db: Kysely<Database>;
const now = new Date('2026-11-23T12:00:00Z');

beforeAll(async () => {
  t = await createTestDeps({ now });
  event = await insertEvent(t.deps.db, { capacity: 2 });
  for (let i = 0; i < 4; i++) await register(t.deps.db, event.id, person({ email: `p${i}@example.no`, name: `Person ${i}` }), 'nb', now, SETTINGS);
  // A second connection to the same file that records every query it runs.
  db = new Kysely<Database>({ dialect: new SqliteDialect({ database: t.sqlite }), log: (e) => void queries.push(e.query) });
  // No ANALYZE: statistics of these few rows would make a scan the cheapest plan; without them the planner assumes
  // large tables, as PRAGMA optimize reports them on a server that holds many events.
});
afterAll(() => t.close());

/** The plan lines of every query `run` made, with the SQL each came from. */
async function plansOf(run: () => Promise<unknown>): Promise<{ sql: string; plan: string[] }[]> {
  queries = [];
  await run();
  return queries
    .filter((q) => /^\s*(select|update|delete|with)/i.test(q.sql))
    .map((q) => ({
      sql: q.sql,
      plan: (t.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail),
    }));
}

const FULL_SCAN = /^SCAN (registrations|outbox)\b/;

/** Keyset pages read their rows in index order: sorting first would read the whole event for every page. */
const SORTED = /^USE TEMP B-TREE FOR ORDER BY/;

async function expectIndexed(run: () => Promise<unknown>, keyset = false) {
  const plans = await plansOf(run);
  expect(plans.length).toBeGreaterThan(0);
  const bad = (line: string) => FULL_SCAN.test(line) || (keyset && SORTED.test(line));
  for (const { sql, plan } of plans.filter((p) => !keyset || /from "registrations"/.test(p.sql) && /order by/.test(p.sql))) {
    expect(plan.filter(bad), `${sql}\n${plan.join('\n')}`).toEqual([]);
  }
}

describe('hot queries use an index on registrations and the outbox', () => {
  const keyset: [string, () => Promise<unknown>][] = [
    ['CSV export page', () => exportPage(db, event.id, 0, 500)],
    ['API registrations page', () => registrationPage(db, event.id, { limit: 100, cursor: '1' })],
    ['API registrations page by status', () => registrationPage(db, event.id, { limit: 100, status: 'confirmed' })],
  ];
  for (const [name, run] of keyset) it(`${name}, in keyset order without sorting`, () => expectIndexed(run, true));
  const cases: [string, () => Promise<unknown>][] = [
    ...keyset,
    ['organiser participants page', () => listParticipants(db, event.id, { status: 'active', q: '', org: '', page: 1 } as never)],
    ['check-in count poll', () => keptCounts(db, event.id)],
    ['participant status counts', () => statusCounts(db, event.id)],
    ['check-in list', () => checkinList(db, event.id, 'Person')],
    ['mail status page', () => outboxOverview(db, [event.id])],
    ['latest mail of an event', () => recentMails(db, [event.id])],
    ['seat count', () => confirmedCount(db, event.id)],
    ['public participant list', () => publicParticipants(db, event.id)],
    ['registration version of a cached page', () => registrationVersion(db, event.slug)],
    ['organisers’ event list', () => manageableEvents(db, { id: 1, role: 'admin' })],
    ['resend my link', () => sendManageLink(db, event.id, 'p1@example.no', new Date(now.getTime() + 3600_000), SETTINGS)],
    ['check in', () => setCheckedIn(db, event.id, 1, true, now)],
    ['retention job, nothing due', () => anonymiseEndedEvents(db, now, 365)],
    [
      'download my data',
      async () => {
        const registration = await t.deps.db.selectFrom('registrations').selectAll().where('id', '=', 2).executeTakeFirstOrThrow();
        return exportRegistration(db, { registration, event });
      },
    ],
    ['delete my data', () => deleteRegistration(db, 3, now, SETTINGS)],
  ];
  for (const [name, run] of cases) it(name, () => expectIndexed(run));

  it('would fail on a full scan (the check itself works)', async () => {
    const plans = await plansOf(() => db.selectFrom('outbox').select('id').where('to_address', '=', 'x').execute());
    expect(plans.flatMap((p) => p.plan).some((line) => FULL_SCAN.test(line))).toBe(true);
  });
});

describe('the registration counts the triggers keep', () => {
  it('match counting the rows after sign-ups, check-ins, a cancellation and a deletion', async () => {
    const counted = async () => {
      const rows = await t.deps.db.selectFrom('registrations').select(['status', 'checked_in_at']).where('event_id', '=', event.id).execute();
      return {
        confirmed: rows.filter((r) => r.status === 'confirmed').length,
        waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
        checkedIn: rows.filter((r) => r.status !== 'cancelled' && r.checked_in_at !== null).length,
      };
    };
    const kept = () => keptCounts(t.deps.db, event.id);
    expect(await kept()).toEqual(await counted());
    const ids = (await t.deps.db.selectFrom('registrations').select('id').where('event_id', '=', event.id).orderBy('id').execute()).map((r) => r.id);
    await setCheckedIn(t.deps.db, event.id, ids[0]!, true, now);
    await setCheckedIn(t.deps.db, event.id, ids.at(-1)!, true, now);
    expect((await kept()).checkedIn).toBeGreaterThan(0);
    expect(await kept()).toEqual(await counted());
    const other = await insertEvent(t.deps.db, { slug: 'other', capacity: 1 });
    await register(t.deps.db, other.id, person({ email: 'a@example.no' }), 'nb', now, SETTINGS);
    await register(t.deps.db, other.id, person({ email: 'b@example.no' }), 'nb', now, SETTINGS);
    expect(await t.deps.db.selectFrom('registration_counts').select(['confirmed', 'waitlisted']).where('event_id', '=', other.id).executeTakeFirst()).toEqual({
      confirmed: 1,
      waitlisted: 1,
    });
    const first = await t.deps.db.selectFrom('registrations').select('id').where('event_id', '=', event.id).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
    await t.deps.db.updateTable('registrations').set({ status: 'cancelled' }).where('id', '=', first.id).execute();
    await t.deps.db.deleteFrom('registrations').where('event_id', '=', event.id).where('status', '=', 'waitlisted').execute();
    expect(await kept()).toEqual(await counted());
    expect(await confirmedCount(t.deps.db, event.id)).toBe((await counted()).confirmed);
  });
});
