/**
 * `npm run bench:upload`: a 500 MB upload and download through the real server (startServer in a child process, so its
 * memory is its own), against a bare Node HTTP server in the same child that only pipes bytes to and from a file.
 * Prints MB/s both ways, the ratio to the bare server, and the server's peak RSS growth (target < 64 MB).
 *
 *   npm run bench:upload [-- --mb 500]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { type IncomingMessage, request as httpRequest, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const MiB = 1024 * 1024;
const PASSWORD = 'benchmark password 2026';
const EMAIL = 'bench@localhost';

// ——— The child: the real server, a bare server, and an RSS sampler ———

async function child(dataDir: string) {
  const { readSettings } = await import('../../src/config');
  const { startServer } = await import('../../src/server');
  const settings = readSettings({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: '0', MAX_UPLOAD_MB: '1024' });
  const server = await startServer(settings, () => {});

  const rawFile = join(dataDir, 'raw.bin');
  const bare = createServer((req, res) => {
    if (req.method === 'POST') {
      pipeline(req, createWriteStream(rawFile)).then(() => res.writeHead(204).end(), () => res.writeHead(500).end());
    } else {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      pipeline(createReadStream(rawFile), res).catch(() => {});
    }
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const barePort = (bare.address() as { port: number }).port;

  let peak = process.memoryUsage.rss();
  setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5).unref();
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line === 'mark') {
      global.gc?.();
      const now = process.memoryUsage.rss();
      peak = now;
      console.log(`RSS ${now}`);
    } else if (line === 'peak') {
      console.log(`PEAK ${peak}`);
    } else if (line === 'quit') {
      bare.close();
      server.close().then(() => process.exit(0));
    }
  });
  console.log(`READY ${server.url} http://127.0.0.1:${barePort}`);
}

// ——— The parent: prepares the data folder, drives the child, measures ———

interface Child {
  send(line: string): Promise<string>;
  quit(): void;
  ready: Promise<string>;
  exited: Promise<void>;
}

function startChild(dataDir: string): Child {
  const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--server', dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: ((line: string) => void)[] = [];
  let onReady: (line: string) => void;
  const ready = new Promise<string>((resolve) => (onReady = resolve));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    if (line.startsWith('READY ')) onReady(line.slice(6));
    else if (/^(RSS|PEAK) /.test(line)) waiting.shift()?.(line.split(' ')[1]!);
  });
  return {
    ready,
    send(line) {
      return new Promise((resolve) => {
        waiting.push(resolve);
        proc.stdin!.write(`${line}\n`);
      });
    },
    quit: () => proc.stdin!.write('quit\n'),
    exited: new Promise((resolve) => proc.on('exit', () => resolve())),
  };
}

async function prepare(dataDir: string): Promise<number> {
  const { openSqlite } = await import('../../src/adapters/sqlite');
  const { migrateToLatest } = await import('../../db/migrate');
  const { createOrganiser } = await import('../../src/domain/auth');
  const { hashPassword } = await import('../../src/domain/passwords');
  const { db } = openSqlite(join(dataDir, 'samling.sqlite'));
  await migrateToLatest(db);
  const now = new Date();
  await createOrganiser(db, { email: EMAIL, name: 'Bench', role: 'admin', password_hash: await hashPassword(PASSWORD) }, now);
  const event = await db
    .insertInto('events')
    .values({
      slug: 'bench',
      status: 'published',
      kind: 'conference',
      title: 'Benchmark',
      summary: '',
      description: '',
      language: 'nb',
      time_zone: 'Europe/Oslo',
      starts_at: '2027-06-26T07:00:00.000Z',
      ends_at: '2027-06-27T14:00:00.000Z',
      venue_name: null,
      venue_address: null,
      online_url: null,
      organiser_name: 'Bench',
      contact_name: null,
      contact_email: null,
      contact_phone: null,
      capacity: null,
      registration_opens_at: null,
      registration_closes_at: null,
      published_at: now.toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.destroy();
  return event.id;
}

function send(url: string, options: { method: string; headers: Record<string, string> }, write?: (req: ReturnType<typeof httpRequest>) => Promise<void>) {
  return new Promise<{ res: IncomingMessage; bytes: number }>((resolve, reject) => {
    const req = httpRequest(url, options, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ res, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (write) write(req).then(() => req.end(), reject);
    else req.end();
  });
}

/** Writes `size` bytes of a "PDF" (a real header, then pseudo-random padding) with back-pressure, never holding it whole. */
async function writeFile(req: ReturnType<typeof httpRequest>, header: Uint8Array, size: number) {
  const padding = randomBytes(MiB);
  const write = (chunk: Uint8Array) => (req.write(chunk) ? Promise.resolve() : new Promise<void>((r) => req.once('drain', () => r())));
  await write(header);
  for (let left = size - header.length; left > 0; left -= MiB) await write(left >= MiB ? padding : padding.subarray(0, left));
}

async function main() {
  const mbArg = process.argv.indexOf('--mb');
  const size = (mbArg > 0 ? Number(process.argv[mbArg + 1]) : 500) * MiB;
  const dataDir = await mkdtemp(join(tmpdir(), 'samling-bench-upload-'));
  const eventId = await prepare(dataDir);
  const proc = startChild(dataDir);
  const [appUrl, bareUrl] = (await proc.ready).split(' ') as [string, string];
  try {
    // Sign in as a browser would.
    const login = await send(`${appUrl}/admin/login`, {
      method: 'POST',
      headers: { origin: appUrl, 'content-type': 'application/x-www-form-urlencoded' },
    }, async (req) => void req.write(new URLSearchParams({ email: EMAIL, password: PASSWORD }).toString()));
    const cookie = /sid=[^;]+/.exec(String(login.res.headers['set-cookie']))?.[0];
    if (login.res.statusCode !== 303 || !cookie) throw new Error(`sign-in failed: ${login.res.statusCode}`);
    const dashboard = await fetch(`${appUrl}/admin`, { headers: { cookie } }).then((r) => r.text());
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(dashboard)?.[1];
    if (!csrf) throw new Error('no form token');

    const { pdfWithTitlePage } = await import('../../src/demo/pdf');
    const header = pdfWithTitlePage('Benchmark', ['500 MB']);
    const boundary = `----bench${Date.now()}`;
    const fields = { title: 'Stor presentasjon', kind: 'presentation', visibility: 'public' };
    const prefix = Buffer.from(
      Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="stor.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const suffix = Buffer.from(`\r\n--${boundary}--\r\n`);

    const measure = async <T>(label: string, run: () => Promise<T>) => {
      const base = Number(await proc.send('mark'));
      const started = performance.now();
      const result = await run();
      const seconds = (performance.now() - started) / 1000;
      const peak = Number(await proc.send('peak'));
      const growth = (peak - base) / MiB;
      console.log(`${label.padEnd(34)} ${(size / MiB / seconds).toFixed(0).padStart(6)} MB/s   ${seconds.toFixed(2)} s   peak RSS growth ${growth.toFixed(1)} MB`);
      return { result, seconds, growth };
    };

    console.log(`Uploading and downloading ${size / MiB} MB (server in a child process, RSS sampled every 5 ms)`);
    const bareUp = await measure('bare server: upload (pipe to file)', () =>
      send(`${bareUrl}/`, { method: 'POST', headers: { 'content-length': String(size) } }, (req) => writeFile(req, header, size)),
    );
    const bareDown = await measure('bare server: download', () => send(`${bareUrl}/`, { method: 'GET', headers: {} }));

    const up = await measure('app: upload (multipart, checked)', () =>
      send(
        `${appUrl}/admin/events/${eventId}/files?_csrf=${encodeURIComponent(csrf)}`,
        {
          method: 'POST',
          headers: {
            cookie,
            origin: appUrl,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(prefix.length + size + suffix.length),
          },
        },
        async (req) => {
          req.write(prefix);
          await writeFile(req, header, size);
          req.write(suffix);
        },
      ),
    );
    const location = up.result.res.headers.location ?? '';
    if (up.result.res.statusCode !== 303) throw new Error(`upload answered ${up.result.res.statusCode}`);
    const fileId = /uploaded=(\d+)/.exec(location)?.[1];
    const down = await measure('app: download /files/:id/:name', () => send(`${appUrl}/files/${fileId}/stor.pdf`, { method: 'GET', headers: {} }));
    if (down.result.bytes !== size) throw new Error(`downloaded ${down.result.bytes} of ${size} bytes`);

    console.log('');
    console.log(`upload:   ${(bareUp.seconds / up.seconds).toFixed(2)}× the bare server's speed`);
    console.log(`download: ${(bareDown.seconds / down.seconds).toFixed(2)}× the bare server's speed`);
    const worst = Math.max(up.growth, down.growth);
    console.log(`server peak RSS growth: ${worst.toFixed(1)} MB (target < 64 MB) ${worst < 64 ? 'OK' : 'OVER'}`);
    if (worst >= 64) process.exitCode = 1;
  } finally {
    proc.quit();
    await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 5000))]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--server') await child(process.argv[3]!);
else await main();
