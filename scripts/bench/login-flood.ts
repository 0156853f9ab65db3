/**
 * `npm run bench:login-flood`: how long a file download takes while 32 clients keep posting wrong sign-ins, on the real
 * server (startServer, demo data), against two baselines in the same run: no flood at all, and 32 clients flooding
 * the sign-in page with plain GETs (what any busy page costs). The sign-in flood comes from a new address each time
 * (TRUST_PROXY=1 and a random X-Forwarded-For), the worst case: no per-client limit stops it, only the bound on
 * password hashes running at once (src/domain/auth.ts passwordChecks). Target: the sign-in flood slows downloads no
 * more than the page-view flood does (ratio ≈ 1); before the bound, downloads took seconds.
 *
 *   npm run bench:login-flood [-- --seconds 10 --flood 32]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readSettings } from '../../src/config';
import { startServer } from '../../src/server';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const FLOOD = arg('flood', 32);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** Downloads the file one after another until `until`, returning each download's milliseconds. */
async function downloads(url: string, until: number): Promise<number[]> {
  const times: number[] = [];
  while (Date.now() < until) {
    const start = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`download answered ${res.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

// The flooding clients run in a worker thread, so that their own work is not done on the server's event loop.
const FLOOD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, until, clients, signIns } = workerData;
const counts = {};
let n = 0;
async function client() {
  while (Date.now() < until) {
    n += 1;
    const ip = '10.' + ((n >> 16) & 255) + '.' + ((n >> 8) & 255) + '.' + (n & 255);
    const init = signIns
      ? { method: 'POST', body: new URLSearchParams({ email: 'guess' + Math.random() + '@example.no', password: 'wrong ' + n }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'x-forwarded-for': ip } }
      : {};
    try {
      const res = await fetch(base + '/admin/login', init);
      await res.arrayBuffer();
      counts[res.status] = (counts[res.status] || 0) + 1;
    } catch {
      counts.error = (counts.error || 0) + 1;
    }
  }
}
Promise.all(Array.from({ length: clients }, client)).then(() => parentPort.postMessage(counts));
`;

/** `clients` clients sending wrong sign-ins (`signIns`) or plain page views until `until`; what they got back. */
function flood(base: string, until: number, clients: number, signIns: boolean): Promise<Record<string, number>> {
  const worker = new Worker(FLOOD_WORKER, { eval: true, workerData: { base, until, clients, signIns } });
  return new Promise((resolve, reject) => {
    worker.once('message', (counts: Record<string, number>) => {
      void worker.terminate();
      resolve(counts);
    });
    worker.once('error', reject);
  });
}

const dataDir = await mkdtemp(join(tmpdir(), 'samling-bench-flood-'));
const server = await startServer(readSettings({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: '1', TRUST_PROXY: '1' }), () => {});
try {
  const file = await server.deps.db
    .selectFrom('files')
    .select(['id', 'filename', 'size'])
    .where('visibility', '=', 'public')
    .orderBy('size', 'desc')
    .executeTakeFirstOrThrow();
  const url = `${server.url}/files/${file.id}/${encodeURIComponent(file.filename)}`;
  await downloads(url, Date.now() + 1000); // warm-up

  const during = async (signIns: boolean) => {
    const until = Date.now() + SECONDS * 1000;
    const [times, counts] = await Promise.all([downloads(url, until), flood(server.url, until, FLOOD, signIns)]);
    return { times, answers: Object.entries(counts).map(([status, count]) => `${status}: ${count}`).join(', ') };
  };
  const quiet = await downloads(url, Date.now() + SECONDS * 1000);
  const pages = await during(false);
  const signIns = await during(true);

  const p50 = (t: number[]) => percentile(t, 50);
  const p95 = (t: number[]) => percentile(t, 95);
  const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
  const row = (name: string, t: number[]) =>
    `${name.padEnd(30)} ${String(t.length).padStart(6)} downloads   median ${ms(p50(t))}   p95 ${ms(p95(t))}   max ${ms(Math.max(...t))}`;
  console.log(`File: ${file.filename} (${Math.round(file.size / 1024)} KiB), ${SECONDS} s each, ${FLOOD} flooding clients`);
  console.log(row('no flood', quiet));
  console.log(row('flood of page views (baseline)', pages.times));
  console.log(row('flood of wrong sign-ins', signIns.times));
  console.log(
    `ratio sign-in flood / page-view flood: median ${(p50(signIns.times) / p50(pages.times)).toFixed(2)}×, ` +
      `p95 ${(p95(signIns.times) / p95(pages.times)).toFixed(2)}×, max ${(Math.max(...signIns.times) / Math.max(...pages.times)).toFixed(2)}×` +
      ` (target ≈ 1; against no flood: median ${(p50(signIns.times) / p50(quiet)).toFixed(1)}×)`,
  );
  console.log(`page views answered ${pages.answers}; sign-ins answered ${signIns.answers} (422 = checked and wrong, 503 = refused early)`);
} finally {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
