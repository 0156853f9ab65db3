// npm run bench:participants — an event with 10,000 participants (and answers to three questions): time the grouped
// participant page and the streamed CSV export through app.request (median of several runs), against a bare baseline
// in the same run (reading the same rows with one plain query), and the peak RSS growth while exporting.
import { createApp } from '../../src/app';
import { grantEvent } from '../../src/domain/auth';
import { signIn } from '../../test/admin-helpers';
import { insertEvent } from '../../test/fixtures';
import { createTestDeps } from '../../test/helpers';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const t = await createTestDeps();
const { db } = t.deps;
const app = createApp(t.deps);
const event = await insertEvent(db, { title: 'Stor konferanse', slug: 'stor-konferanse', capacity: PARTICIPANTS });
const organiser = await signIn(app, t.deps, { role: 'organiser' });
await grantEvent(db, organiser.organiser.id, event.id);

const ORGS = Array.from({ length: 120 }, (_, i) => `Virksomhet ${i} AS`);
const variants = (name: string, i: number) => [name, name.toUpperCase(), ` ${name.toLowerCase()} `, name.replace(' AS', ' A.S.')][i % 4]!;

await db.transaction().execute(async (trx) => {
  const q = await Promise.all(
    (['short_text', 'yes_no', 'multi_choice'] as const).map((type, position) =>
      trx
        .insertInto('questions')
        .values({ event_id: event.id, position, type, label: `Spørsmål ${position + 1}`, help: null, options: type === 'multi_choice' ? '["A","B","C"]' : null, required: 0 })
        .returning('id')
        .executeTakeFirstOrThrow(),
    ),
  );
  const stamp = (i: number) => new Date(Date.parse('2026-09-01T08:00:00Z') + i * 600_000).toISOString();
  for (let start = 0; start < PARTICIPANTS; start += 500) {
    const rows = Array.from({ length: Math.min(500, PARTICIPANTS - start) }, (_, k) => {
      const i = start + k;
      // A few big organisations and a long tail, as real lists have.
      const org = ORGS[Math.floor(ORGS.length * (i % 7 === 0 ? (i % 5) / 100 : ((i * 7919) % 1000) / 1000))]!;
      return {
        event_id: event.id,
        status: (i % 20 === 19 ? 'waitlisted' : 'confirmed') as 'waitlisted' | 'confirmed',
        name: `Deltaker Ærlig-Østby ${i}`,
        email: `deltaker${i}@example.no`,
        email_key: `deltaker${i}@example.no`,
        organisation: variants(org, i),
        job_title: i % 3 ? 'Rådgiver' : null,
        listed: 0,
        lang: i % 10 ? 'nb' : 'en',
        token_hash: `bench-t-${i}`,
        feed_token_hash: `bench-f-${i}`,
        created_at: stamp(i),
        updated_at: stamp(i),
        cancelled_at: null,
        promoted_at: null,
        checked_in_at: i % 4 ? null : stamp(i),
        reminder_sent_at: null,
      };
    });
    const ids = await trx.insertInto('registrations').values(rows).returning('id').execute();
    await trx
      .insertInto('answers')
      .values(
        ids.flatMap(({ id }, k) => [
          { registration_id: id, question_id: q[0]!.id, value: JSON.stringify(k % 2 ? 'Glutenfri; "ingen" nøtter' : 'Ingen') },
          { registration_id: id, question_id: q[1]!.id, value: JSON.stringify(k % 3 === 0) },
          { registration_id: id, question_id: q[2]!.id, value: JSON.stringify(['A', 'C']) },
        ]),
      )
      .execute();
  }
});

const gc = (globalThis as { gc?: () => void }).gc;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(label: string, run: () => Promise<number>) {
  await run(); // warm-up
  const times: number[] = [];
  let bytes = 0;
  let peak = 0;
  for (let i = 0; i < RUNS; i++) {
    gc?.();
    const base = process.memoryUsage().rss;
    let max = base;
    const sampler = setInterval(() => (max = Math.max(max, process.memoryUsage().rss)), 2);
    const start = performance.now();
    bytes = await run();
    times.push(performance.now() - start);
    clearInterval(sampler);
    max = Math.max(max, process.memoryUsage().rss);
    peak = Math.max(peak, max - base);
  }
  return { label, ms: median(times), bytes, peakMb: peak / 1024 / 1024 };
}

const get = async (path: string) => {
  const res = await app.request(path, { headers: { cookie: organiser.cookie } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  // Read as a client would, chunk by chunk, without keeping the body.
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  return bytes;
};

const page = await timed('participants page (grouped, first 200 rows)', () => get(`/admin/events/${event.id}/participants`));
const search = await timed('participants page, search "virksomhet 1"', () => get(`/admin/events/${event.id}/participants?q=virksomhet+1`));
const csv = await timed(`CSV export (${PARTICIPANTS} rows)`, () => get(`/admin/events/${event.id}/participants.csv`));
const bare = await timed('bare: one query of all rows and answers', async () => {
  const rows = await db.selectFrom('registrations').selectAll().where('event_id', '=', event.id).execute();
  const answers = await db.selectFrom('answers').selectAll().execute();
  return rows.length + answers.length;
});

console.log(`event with ${PARTICIPANTS} participants, ${RUNS} runs each (median); RSS growth is the peak over the runs${gc ? '' : ' (run with --expose-gc for steadier memory figures)'}`);
for (const r of [page, search, csv, bare]) {
  console.log(`${r.label.padEnd(48)} ${r.ms.toFixed(1).padStart(8)} ms  ${(r.bytes / 1024).toFixed(0).padStart(7)} KiB  peak RSS +${r.peakMb.toFixed(1)} MB`);
}
console.log(`CSV export / bare query: ${(csv.ms / bare.ms).toFixed(2)}×; page / bare query: ${(page.ms / bare.ms).toFixed(2)}×`);
await t.close();
