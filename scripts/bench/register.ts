// npm run bench:register — 2,000 registrations from 100 connections against an event with 500 seats, and in the same
// run a bare POST route answering a constant. Prints registrations/s, the bare rate and their ratio (target ≥ 0.3),
// and verifies that exactly 500 were confirmed and 1,500 waitlisted. Also prints a floor route's rate (the least any
// registration does: read the form, insert one row, answer) so the ratio can be read against what is possible here.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const CONNECTIONS = 100;
const REGISTRATIONS = 2_000;
const SEATS = 500;
const TARGET = 0.3;

type Event = { slug: string; questions: number[] };
const child = spawn(process.execPath, ['--import', 'tsx', new URL('./register-server.ts', import.meta.url).pathname], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production' },
});
const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
const { appPort, barePort, floorPort, dbFile, warmup, main } = JSON.parse(line) as {
  appPort: number;
  barePort: number;
  floorPort: number;
  dbFile: string;
  warmup: Event;
  main: Event;
};

let counter = 0;
/** A registration form with an address no other request uses. */
function form(event: Event): string {
  const n = counter++;
  const [diet, group] = event.questions;
  return new URLSearchParams({
    name: `Deltaker ${n}`,
    email: `deltaker.${n}@example.no`,
    organisation: ['Nav Innlandet', 'Høgskolen i Innlandet', 'NHO Innlandet', 'Innlandet fylkeskommune'][n % 4]!,
    [`q_${diet}`]: n % 5 === 0 ? 'Vegetar' : '',
    [`q_${group}`]: n % 2 ? 'A' : 'B',
  }).toString();
}

async function run(port: number, path: string, amount: number, body?: () => string) {
  // autocannon stamps `finish` on its next one-second tick, which would round every run up to whole seconds:
  // time from the start to the last response instead.
  const started = performance.now();
  let last = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${path}`,
        connections: CONNECTIONS,
        amount,
        method: 'POST',
        // The htmx variant answers 200 with the confirmation fragment (the no-JS variant answers 303).
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' },
        ...(body ? { requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }] } : { body: 'x=1' }),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', () => {
      last = performance.now();
    });
  });
  if (result.non2xx > 0 || result.errors > 0 || result['2xx'] !== amount) {
    throw new Error(`${path}: ${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors of ${amount}`);
  }
  const seconds = (last - started) / 1000;
  return { rate: amount / seconds, seconds, p99: result.latency.p99 };
}

try {
  await run(appPort, `/events/${warmup.slug}/register`, 200, () => form(warmup));
  await run(barePort, '/bare', 5_000);
  const registrations = await run(appPort, `/events/${main.slug}/register`, REGISTRATIONS, () => form(main));
  const bare = await run(barePort, '/bare', 20_000);
  await run(floorPort, '/floor', 2_000, () => form(warmup));
  const floor = await run(floorPort, '/floor', 20_000, () => form(warmup));
  const ratio = registrations.rate / bare.rate;

  const sqlite = new Database(dbFile, { readonly: true });
  const count = (status: string) =>
    (sqlite
      .prepare(`select count(*) as n from registrations r join events e on e.id = r.event_id where e.slug = ? and r.status = ?`)
      .get(main.slug, status) as { n: number }).n;
  const [confirmed, waitlisted] = [count('confirmed'), count('waitlisted')];
  const mails = (sqlite.prepare(`select count(*) as n from outbox o join events e on e.id = o.event_id where e.slug = ?`).get(main.slug) as { n: number }).n;
  sqlite.close();

  console.log(`${REGISTRATIONS} registrations, ${CONNECTIONS} connections, ${SEATS} seats`);
  console.log(`registrations: ${registrations.rate.toFixed(0)} /s (${registrations.seconds.toFixed(2)} s, p99 latency ${registrations.p99} ms)`);
  console.log(`bare POST:     ${bare.rate.toFixed(0)} /s (p99 latency ${bare.p99} ms)`);
  console.log(`floor:         ${floor.rate.toFixed(0)} /s = ${(floor.rate / bare.rate).toFixed(2)} of bare (read the form, insert one row, answer; no checks, no mail)`);
  console.log(`ratio: ${ratio.toFixed(2)} (target ≥ ${TARGET}) ${ratio >= TARGET ? 'OK' : 'BELOW TARGET'}`);
  const correct = confirmed === SEATS && waitlisted === REGISTRATIONS - SEATS && mails === REGISTRATIONS;
  console.log(`confirmed: ${confirmed}, waitlisted: ${waitlisted}, mails queued: ${mails} ${correct ? 'OK' : 'WRONG'}`);
  process.exitCode = correct && ratio >= TARGET ? 0 : 1;
} finally {
  child.kill();
}
