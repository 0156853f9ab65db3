// npm run bench:scale — the endpoints whose cost grew faster than the work, timed at two sizes of the same data set
// (SCALE_SMALL and 5× that) in one run: median time, the large/small ratio (5.0 = linear in the data, ~1 = flat), and
// the response bytes. Then /healthz p99 while a CSV export of the large event streams over HTTP.
// The data are written with SQL (events, one big event with registrations, outbox rows and programme items).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app';
import { grantEvent } from '../../src/domain/auth';
import { anonymiseEndedEvents } from '../../src/domain/anonymise';
import { signIn } from '../../test/admin-helpers';
import { insertEvent } from '../../test/fixtures';
import { createTestDeps } from '../../test/helpers';

const SMALL = Number(process.env.SCALE_SMALL ?? 20_000);
const GROWTH = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Size {
  events: number;
  registrations: number;
  outbox: number;
  items: number;
}
const sizeOf = (registrations: number): Size => ({
  events: registrations / 40,
  registrations,
  outbox: registrations * 2,
  items: registrations / 50,
});

async function build(size: Size) {
  const t = await createTestDeps();
  const { db } = t.deps;
  const app = createApp(t.deps);
  const event = await insertEvent(db, { title: 'Stor konferanse', slug: 'stor', kind: 'conference', capacity: size.registrations, public_list: 'names' } as never);
  const organiser = await signIn(app, t.deps, { role: 'organiser' });
  await grantEvent(db, organiser.organiser.id, event.id);
  const admin = await signIn(app, t.deps, { role: 'admin' });
  const sql = t.sqlite;
  sql.exec('begin');
  // The programme runs for weeks: five rooms, half-hour items back to back, some overlapping.
  sql.prepare(`update events set ends_at = ? where id = ?`).run(new Date(Date.parse(event.starts_at) + 120 * 86_400_000).toISOString(), event.id);
  const columns = (sql.prepare(`select name from pragma_table_info('events') where name not in ('id', 'slug', 'title', 'starts_at', 'ends_at')`).all() as { name: string }[])
    .map((c) => c.name)
    .join(', ');
  sql
    .prepare(
      `with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ?)
       insert into events (slug, title, starts_at, ends_at, ${columns})
       select 'arr-' || i, 'Arrangement ' || i, strftime('%Y-%m-%dT09:00:00.000Z', '2020-01-01', '+' || (i % 3000) || ' days'),
              strftime('%Y-%m-%dT15:00:00.000Z', '2020-01-01', '+' || (i % 3000) || ' days'), ${columns}
       from seq, (select ${columns} from events where id = ?)`,
    )
    .run(size.events - 1, event.id);
  for (let r = 0; r < 5; r++) sql.prepare(`insert into rooms (event_id, name, position) values (?, ?, ?)`).run(event.id, `Sal ${r + 1}`, r);
  sql
    .prepare(
      `with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ?)
       insert into speakers (event_id, name, role, organisation, bio, photo_file_id, position)
       select ?, 'Foredragsholder ' || i, 'Rådgiver', 'Virksomhet ' || (i % 50), null, null, i from seq`,
    )
    .run(size.items / 2 - 1, event.id);
  sql
    .prepare(
      `with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ?)
       insert into programme_items (event_id, room_id, kind, title, abstract, starts_at, ends_at, status, created_at, updated_at)
       select ?, (select id from rooms where event_id = ? and position = i % 5), 'talk', 'Foredrag ' || i, 'Om ' || i,
              strftime('%Y-%m-%dT%H:%M:00.000Z', ?, '+' || ((i / 5) * 30) || ' minutes'),
              strftime('%Y-%m-%dT%H:%M:00.000Z', ?, '+' || ((i / 5) * 30 + case when i % 7 = 0 then 45 else 30 end) || ' minutes'),
              'scheduled', ?, ?
       from seq`,
    )
    .run(size.items - 1, event.id, event.id, event.starts_at, event.starts_at, event.created_at, event.created_at);
  sql
    .prepare(
      `insert into item_speakers (item_id, speaker_id, position)
       select p.id, (select min(id) from speakers where event_id = p.event_id) + (p.id % ?), 0 from programme_items p where p.event_id = ?`,
    )
    .run(size.items / 2, event.id);
  // Registrations: four in five to the big event, the rest spread over the others.
  sql
    .prepare(
      `with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ?)
       insert into registrations (event_id, status, name, email, email_key, organisation, job_title, listed, lang, token_hash, feed_token_hash,
                                  created_at, updated_at, cancelled_at, promoted_at, checked_in_at, reminder_sent_at)
       select case when i % 5 = 0 then ? + 1 + (i % ?) else ? end,
              case when i % 20 = 19 then 'waitlisted' when i % 50 = 7 then 'cancelled' else 'confirmed' end,
              'Deltaker ' || char(216 + i % 3) || 'stby ' || i, 'd' || i || '@example.no', 'd' || i || '@example.no',
              'Virksomhet ' || (i % 300), 'Rådgiver', i % 2, 'nb', 't' || i, 'f' || i,
              '2026-09-01T08:00:00.000Z', '2026-09-01T08:00:00.000Z', null, null,
              case when i % 4 = 0 then '2027-01-14T08:30:00.000Z' end, null
       from seq`,
    )
    .run(size.registrations - 1, event.id, size.events - 1, event.id);
  sql
    .prepare(
      `insert into outbox (message_id, kind, event_id, registration_id, to_address, payload, status, attempts, next_attempt_at, created_at, sent_at)
       select '<m' || r.id || '-' || k.k || '@bench>', 'confirmation', r.event_id, r.id, r.email, '{"subject":"Påmeldt"}', 'sent', 1,
              '2026-09-01T08:00:00.000Z', '2026-09-01T08:00:00.000Z', '2026-09-01T08:00:01.000Z'
       from registrations r, (select 1 as k union all select 2) k`,
    )
    .run();
  sql.exec('commit');
  sql.pragma('optimize = 0x10002');
  const item = sql.prepare(`select id from programme_items where event_id = ? order by id limit 1 offset ?`).get(event.id, Math.floor(size.items / 2)) as { id: number };
  return { t, app, event, organiser, admin, item: item.id };
}

type Built = Awaited<ReturnType<typeof build>>;

interface Endpoint {
  name: string;
  run: (b: Built) => Promise<number>;
}

async function bytesOf(res: Response): Promise<number> {
  if (res.status >= 400) throw new Error(`${res.url}: ${res.status}`);
  return (await res.arrayBuffer()).byteLength;
}

const get = (path: string, headers: Record<string, string> = {}) => async (b: Built) =>
  bytesOf(await b.app.request(path.replace('{id}', String(b.event.id)).replace('{item}', String(b.item)), { headers }));
const admin = (path: string) => (b: Built) => get(path, { cookie: b.organiser.cookie })(b);
const superuser = (path: string) => (b: Built) => get(path, { cookie: b.admin.cookie })(b);

const endpoints: Endpoint[] = [
  { name: 'home / (cached)', run: get('/') },
  // ?lang= passes the page cache by: what a miss costs.
  { name: 'home / uncached', run: get('/?lang=nb') },
  { name: 'home / after a sign-up', run: async (b) => {
    b.t.sqlite.prepare(`update registrations set status = case status when 'confirmed' then 'waitlisted' else 'confirmed' end where id = 1`).run();
    return get('/')(b);
  } },
  { name: 'calendar.ics', run: get('/calendar.ics') },
  { name: 'calendar.ics 304', run: async (b) => {
    const etag = (await b.app.request('/calendar.ics')).headers.get('etag') ?? '';
    return get('/calendar.ics', { 'if-none-match': etag })(b);
  } },
  { name: 'event page uncached', run: get('/events/stor?lang=nb') },
  { name: 'public participant list', run: get('/events/stor/participants') },
  { name: 'one item .ics', run: get('/events/stor/items/{item}.ics') },
  { name: 'schedule.xml', run: get('/events/stor/schedule.xml') },
  { name: 'programme page uncached', run: get('/events/stor/programme?lang=nb') },
  { name: 'admin dashboard (all events)', run: superuser('/admin') },
  { name: 'admin programme (overlaps)', run: admin('/admin/events/{id}/programme') },
  { name: 'organiser participants page', run: admin('/admin/events/{id}/participants') },
  { name: 'check-in count poll', run: admin('/admin/events/{id}/checkin/count') },
  { name: 'mail status page', run: admin('/admin/outbox') },
  { name: 'CSV export (whole)', run: admin('/admin/events/{id}/participants.csv') },
  { name: 'retention job, nothing due', run: async (b) => (await anonymiseEndedEvents(b.t.deps.db, b.t.deps.clock(), 100_000)).length },
];

async function time(b: Built, e: Endpoint): Promise<{ ms: number; bytes: number }> {
  let bytes = await e.run(b); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bytes = await e.run(b);
    times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  return { ms: times[Math.floor(times.length / 2)]!, bytes };
}

/** /healthz latencies, one after another, while one CSV export of the big event streams to a reading client. */
async function healthzDuringExport(b: Built) {
  const server = serve({ fetch: b.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (let i = 0; i < 20; i++) await (await fetch(`${base}/healthz`)).arrayBuffer(); // warm, keep-alive
  let exporting = true;
  const started = performance.now();
  const exported = fetch(`${base}/admin/events/${b.event.id}/participants.csv`, { headers: { cookie: b.organiser.cookie } })
    .then(bytesOf)
    .finally(() => (exporting = false));
  const latencies: number[] = [];
  while (exporting) {
    const start = performance.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    latencies.push(performance.now() - start);
  }
  const bytes = await exported;
  const seconds = (performance.now() - started) / 1000;
  server.close();
  if (process.env.BENCH_DEBUG) console.log(latencies.map((l) => l.toFixed(0)).join(' '));
  latencies.sort((x, y) => x - y);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
  return { bytes, seconds, n: latencies.length, p50: p(0.5), p99: p(0.99), max: latencies.at(-1) ?? NaN };
}

const small = sizeOf(SMALL);
const large = sizeOf(SMALL * GROWTH);
const begun = performance.now();
const builtSmall = await build(process.env.BENCH_ONLY === 'healthz' ? sizeOf(400) : small);
const builtLarge = await build(large);
console.log(`data built in ${((performance.now() - begun) / 1000).toFixed(0)} s`);
const describe = (s: Size) => `${s.events} events, ${s.registrations} registrations, ${s.outbox} outbox rows, ${s.items} programme items`;
console.log(`small: ${describe(small)}\nlarge: ${describe(large)} (×${GROWTH})`);
console.log(`median of ${RUNS} in-process requests; ratio = large / small (${GROWTH}.0 grows with the data, ~1 is flat)\n`);
console.log(`${'endpoint'.padEnd(32)} ${'small ms'.padStart(9)} ${'large ms'.padStart(9)} ${'ratio'.padStart(6)} ${'small B'.padStart(9)} ${'large B'.padStart(10)}`);
for (const e of process.env.BENCH_ONLY === 'healthz' ? [] : endpoints) {
  const s = await time(builtSmall, e);
  const l = await time(builtLarge, e);
  console.log(
    `${e.name.padEnd(32)} ${s.ms.toFixed(1).padStart(9)} ${l.ms.toFixed(1).padStart(9)} ${(l.ms / s.ms).toFixed(1).padStart(6)} ${String(s.bytes).padStart(9)} ${String(l.bytes).padStart(10)}`,
  );
}
const h = await healthzDuringExport(builtLarge);
console.log(
  `\n/healthz while the large CSV export (${h.bytes} bytes, ${h.seconds.toFixed(1)} s) streams: ${h.n} requests, ` +
    `p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms, max ${h.max.toFixed(1)} ms (target p99 < 50 ms) ${h.p99 < 50 ? 'OK' : 'ABOVE TARGET'}`,
);
await builtSmall.t.close();
await builtLarge.t.close();
