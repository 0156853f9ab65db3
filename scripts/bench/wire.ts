// npm run bench:wire — bytes on the wire (identity, gzip, brotli) of the pages, feeds and assets, and the throughput
// of the compressed programme page against a bare route serving the same compressed bytes, in one run.
// Target: ratio ≥ 0.8.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const ENCODING = process.env.BENCH_ENCODING ?? 'br';

const child = spawn(process.execPath, ['--import', 'tsx', new URL('./wire-server.ts', import.meta.url).pathname], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production', BENCH_ENCODING: ENCODING },
});
const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
const { appPort, barePort, path, bytes, encoding, table } = JSON.parse(line) as {
  appPort: number;
  barePort: number;
  path: string;
  bytes: number;
  encoding: string | null;
  table: Record<string, string | number | null>[];
};

async function measure(port: number) {
  const url = `http://127.0.0.1:${port}${path}`;
  const headers = { 'accept-encoding': ENCODING };
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

try {
  console.log('bytes on the wire (Accept-Encoding: identity / gzip / br):');
  for (const row of table) {
    console.log(
      `  ${String(row.url).padEnd(48)} ${String(row.identity).padStart(8)} ${String(row.gzip).padStart(8)} ${String(row.br).padStart(8)}` +
        `  ${row.br_encoding ?? 'uncompressed'}; cache-control: ${row.cache_control ?? '-'}; vary: ${row.vary ?? '-'}`,
    );
  }
  const app = await measure(appPort);
  const bare = await measure(barePort);
  const ratio = app.requests.average / bare.requests.average;
  console.log(`programme page ${path} (${bytes} bytes, ${encoding ?? 'uncompressed'}), ${CONNECTIONS} connections, ${DURATION} s each`);
  console.log(`app:   ${app.requests.average.toFixed(0)} req/s, p99 latency ${app.latency.p99} ms`);
  console.log(`bare:  ${bare.requests.average.toFixed(0)} req/s, p99 latency ${bare.latency.p99} ms`);
  console.log(`ratio: ${ratio.toFixed(2)} (target ≥ 0.8) ${ratio >= 0.8 ? 'OK' : 'BELOW TARGET'}`);
  process.exitCode = ratio >= 0.8 ? 0 : 1;
} finally {
  child.kill();
}
