// npm run bench:programme — throughput of the demo conference's programme page against a bare route serving the
// same bytes from memory, in one run on this machine. Target: ratio ≥ 0.5.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

const child = spawn(process.execPath, ['--import', 'tsx', new URL('./programme-server.ts', import.meta.url).pathname], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production' },
});
const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
const { appPort, barePort, path, bytes } = JSON.parse(line) as { appPort: number; barePort: number; path: string; bytes: number };

async function measure(port: number) {
  const url = `http://127.0.0.1:${port}${path}`;
  await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

try {
  const app = await measure(appPort);
  const bare = await measure(barePort);
  const ratio = app.requests.average / bare.requests.average;
  console.log(`programme page ${path} (${bytes} bytes), ${CONNECTIONS} connections, ${DURATION} s each`);
  console.log(`app:   ${app.requests.average.toFixed(0)} req/s, p99 latency ${app.latency.p99} ms`);
  console.log(`bare:  ${bare.requests.average.toFixed(0)} req/s, p99 latency ${bare.latency.p99} ms`);
  console.log(`ratio: ${ratio.toFixed(2)} (target ≥ 0.5) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`);
  process.exitCode = ratio >= 0.5 ? 0 : 1;
} finally {
  child.kill();
}
