import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../ports';

const root = new URL('../..', import.meta.url).pathname;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samling-start-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));


/** Whether something accepts connections on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => resolve(!!socket.end()));
    socket.once('error', () => resolve(false));
  });

async function until(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// A newcomer stops the server by stopping what `npm start` started (Ctrl-C, or kill of npm's process id): the port
// must be free afterwards, with no server left running behind npm.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  it(`stops the server when npm start gets ${signal}`, async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: root,
      // vitest sets BASE_URL ('/') in its own environment: give the real one.
      env: { ...process.env, BASE_URL: `http://127.0.0.1:${port}`, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, DEMO: '0', ADMIN_EMAIL: '', ADMIN_PASSWORD: 'et langt og hemmelig passord' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk) => (output += chunk));
    npm.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    try {
      await until(() => listening(port), 45_000, `the server on port ${port}`).catch((error: Error) => {
        throw new Error(`${error.message}\n${output}`);
      });
      npm.kill(signal);
      await exited;
      await until(async () => !(await listening(port)), 10_000, `port ${port} to be freed`);
      expect(await listening(port)).toBe(false);
    } finally {
      npm.kill('SIGKILL');
    }
  }, 90_000);
}
