// npm run bench:worker — the Workers deployment: the gzipped size of the bundle `wrangler deploy --dry-run` makes
// (target < 1 MiB), then the demo programme page's and a registration's requests/s under `wrangler dev` against the
// Node server in the same run. The rates are information only: the local workerd and its proxy are not the edge.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { DOMParser } from 'linkedom';
import { HELSE_NORD_SLUG, upcomingDemoSlug } from '../../src/demo/seed';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REGISTRATIONS = 1_000;
const WORKER_PORT = Number(process.env.BENCH_WORKER_PORT ?? 8802);
const MIB = 1024 * 1024;
const offline = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
const wrangler = join(import.meta.dirname, '../../node_modules/.bin/wrangler');

/** Output nobody reads must not be piped: a full pipe would block the child's logging, and with it the server. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = offline, stdout: 'pipe' | 'ignore' = 'pipe'): ChildProcess {
  return spawn(command, args, { env, stdio: ['ignore', stdout, 'inherit'] });
}

async function bundleSize(): Promise<{ raw: number; gzip: number }> {
  const outdir = await mkdtemp(join(tmpdir(), 'samling-bundle-'));
  try {
    const child = run(wrangler, ['deploy', '--dry-run', '--outdir', outdir]);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`wrangler deploy --dry-run exited with ${code}`);
    // The Worker and the text modules it uploads with it (source maps and the README are not uploaded).
    const files = (await readdir(outdir)).filter((f) => !f.endsWith('.map') && f !== 'README.md');
    let raw = 0;
    let gzip = 0;
    for (const f of files) {
      const bytes = await readFile(join(outdir, f));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { raw, gzip };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** Resolves with the first stdout line that matches, the child having been started with `run`. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = pattern.exec(line);
      if (m) resolve(m);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}`)));
  });
}

async function untilHealthy(origin: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${origin} did not become healthy`);
}

/** The fields a registration on the demo's upcoming event needs: each required choice gets its first option. */
async function registrationFields(origin: string, slug: string): Promise<Record<string, string>> {
  const doc = new DOMParser().parseFromString(await (await fetch(`${origin}/events/${slug}/register`)).text(), 'text/html');
  const fields: Record<string, string> = {};
  for (const input of doc.querySelectorAll('form input[type="radio"]')) fields[input.getAttribute('name')!] ??= input.getAttribute('value')!;
  return fields;
}

let counter = 0;
async function measure(origin: string) {
  const programme = `${origin}/events/${HELSE_NORD_SLUG}/programme`;
  await autocannon({ url: programme, connections: CONNECTIONS, duration: 1 });
  const page = await autocannon({ url: programme, connections: CONNECTIONS, duration: SECONDS });
  if (page.non2xx || page.errors) throw new Error(`${programme}: ${page.non2xx} non-2xx, ${page.errors} errors`);

  const slug = upcomingDemoSlug(new Date());
  const fields = await registrationFields(origin, slug);
  const started = performance.now();
  const registered = await autocannon({
    url: `${origin}/events/${slug}/register`,
    connections: CONNECTIONS,
    amount: REGISTRATIONS,
    // A loaded machine (and workerd's local proxy) may take longer than autocannon's default 10 s for some.
    timeout: 30,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' },
    requests: [
      {
        setupRequest: (req) => {
          const n = counter++;
          return { ...req, body: new URLSearchParams({ ...fields, name: `Deltaker ${n}`, email: `bench.${n}@example.no`, organisation: 'Nav' }).toString() };
        },
      },
    ],
  });
  // Information only, so failed requests are counted and shown rather than ending the run.
  const failed = registered.non2xx + registered.errors;
  return { page: page.requests.average, registrations: REGISTRATIONS / ((performance.now() - started) / 1000), failed };
}

const data = await mkdtemp(join(tmpdir(), 'samling-bench-worker-'));
const children: ChildProcess[] = [];
try {
  const size = await bundleSize();
  console.log(`Worker bundle: ${(size.raw / 1024).toFixed(0)} KiB, gzipped ${(size.gzip / 1024).toFixed(0)} KiB (target < 1024 KiB) ${size.gzip < MIB ? 'OK' : 'OVER TARGET'}`);

  const node = run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../src/node.ts')], {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(data, 'node'),
    DEMO: '1',
  });
  children.push(node);
  const [, nodeOrigin] = await waitForLine(node, /listening on (http:\/\/[^,\s)]+)/);
  const workerOrigin = `http://127.0.0.1:${WORKER_PORT}`;
  const worker = run(wrangler, [
    'dev', '--local', '--ip', '127.0.0.1', '--port', String(WORKER_PORT), '--persist-to', join(data, 'worker'),
    '--var', 'DEMO:1', '--var', `BASE_URL:${workerOrigin}`, '--log-level', 'warn',
  ], offline, 'ignore');
  children.push(worker);
  await untilHealthy(workerOrigin);

  const onNode = await measure(nodeOrigin!);
  const onWorker = await measure(workerOrigin);
  console.log(`${CONNECTIONS} connections; programme page ${SECONDS} s, ${REGISTRATIONS} registrations each`);
  console.log(`programme page: wrangler dev ${onWorker.page.toFixed(0)} req/s, Node ${onNode.page.toFixed(0)} req/s (ratio ${(onWorker.page / onNode.page).toFixed(2)})`);
  console.log(
    `registration:   wrangler dev ${onWorker.registrations.toFixed(0)} /s, Node ${onNode.registrations.toFixed(0)} /s (ratio ${(onWorker.registrations / onNode.registrations).toFixed(2)}); failed requests: wrangler dev ${onWorker.failed}, Node ${onNode.failed}`,
  );
  process.exitCode = size.gzip < MIB ? 0 : 1;
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await rm(data, { recursive: true, force: true });
}
