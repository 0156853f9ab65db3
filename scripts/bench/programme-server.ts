// Child process of the programme benchmark: the real app over a demo database on one port, and on another a bare
// server that returns the same page bytes from memory (the ceiling for this machine and runtime).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../src/app';
import { demoProgramme } from './demo-programme';

const { db, files, path } = await demoProgramme();

const require = createRequire(import.meta.url);
const app = createApp({
  db,
  files,
  clock: () => new Date(),
  config: { baseUrl: 'http://localhost', pageCacheSeconds: 60, mailFrom: 'Samling <noreply@localhost>' },
  assets: { 'htmx.min.js': { body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8'), contentType: 'text/javascript' } },
  outboxChanged: () => {},
});

const page = await app.request(path);
const bytes = new Uint8Array(await page.arrayBuffer());
const type = page.headers.get('content-type') ?? 'text/html';
const bare = new Hono().get(path, (c) => c.body(bytes, 200, { 'content-type': type }));

const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
const appPort = await listen(app.fetch);
const barePort = await listen(bare.fetch);
process.stdout.write(`${JSON.stringify({ appPort, barePort, path, bytes: bytes.length })}\n`);
