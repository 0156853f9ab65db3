// Child process of bench:wire: the real app (brotli adapter, real assets) over a demo database on one port, and on
// another a bare server that returns the same compressed bytes from memory (the ceiling for this machine).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../src/app';
import { demoProgramme } from './demo-programme';
import type { AppDeps } from '../../src/deps';

const { db, files, slug, path } = await demoProgramme();
const encoding = process.env.BENCH_ENCODING ?? 'br';

// Optional adapters, so the same script measures a commit that does not have them yet.
const brotli = await import('../../src/adapters/brotli').then((m) => m.brotliCompressor(), () => undefined);
const assets = await import('../../src/adapters/node-assets').then((m) => m.readAssets(), () => ({}));
const deps = {
  db,
  files,
  clock: () => new Date(),
  config: { baseUrl: 'http://localhost', pageCacheSeconds: 60, mailFrom: 'Samling <noreply@localhost>' },
  assets,
  compressor: brotli,
  outboxChanged: () => {},
} as AppDeps;
const app = createApp(deps);

const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
const appPort = await listen(app.fetch);

async function wire(url: string, accept: string) {
  const res = await app.request(url, { headers: { 'accept-encoding': accept } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { bytes, type: res.headers.get('content-type') ?? '', encoding: res.headers.get('content-encoding') };
}
const home = await (await app.request('/')).text();
const assetUrls = [...home.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
const urls = [path, `/events/${slug}`, '/', '/calendar.ics', `/events/${slug}/schedule.json`, ...assetUrls];
const table = [];
for (const url of urls) {
  const row: Record<string, unknown> = { url };
  for (const accept of ['identity', 'gzip', 'br']) {
    const w = await wire(url, accept);
    row[accept] = w.bytes.length;
    row[`${accept}_encoding`] = w.encoding;
  }
  const asset = await app.request(url);
  row.cache_control = asset.headers.get('cache-control');
  row.vary = asset.headers.get('vary');
  table.push(row);
}

const page = await wire(path, encoding);
const bare = new Hono().get(path, (c) =>
  c.body(page.bytes, 200, { 'content-type': page.type, ...(page.encoding ? { 'content-encoding': page.encoding } : {}) }),
);
const barePort = await listen(bare.fetch);
process.stdout.write(`${JSON.stringify({ appPort, barePort, path, bytes: page.bytes.length, encoding: page.encoding, table })}\n`);
