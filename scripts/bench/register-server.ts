// Child process of the registration benchmark: the real app over a fresh SQLite file on one port, and on another a
// bare POST route that answers a constant (the ceiling for this machine and runtime). Prints the ports as JSON.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { migrateToLatest } from '../../db/migrate';
import { withFormBodies } from '../../src/adapters/node-http';
import { diskFileStore } from '../../src/adapters/disk-file-store';
import { openSqlite } from '../../src/adapters/sqlite';
import { createApp } from '../../src/app';

const dir = mkdtempSync(join(tmpdir(), 'samling-bench-register-'));
const dbFile = join(dir, 'bench.sqlite');
const { db } = openSqlite(dbFile);
await migrateToLatest(db);

const now = new Date();
const iso = (ms: number) => new Date(now.getTime() + ms).toISOString();
const DAY = 86_400_000;
async function openEvent(slug: string, capacity: number) {
  await db
    .insertInto('events')
    .values({
      slug, status: 'published', kind: 'conference', title: `Benchmark ${slug}`, summary: '', description: '', language: 'nb',
      time_zone: 'Europe/Oslo', starts_at: iso(30 * DAY), ends_at: iso(30 * DAY + 6 * 3_600_000), venue_name: 'Fylkeshuset',
      venue_address: 'Parkgata 64, 2317 Hamar', online_url: null, organiser_name: 'Innlandet fylkeskommune', contact_name: null,
      contact_email: 'kontakt@example.no', contact_phone: null, capacity, registration_opens_at: iso(-DAY), registration_closes_at: null,
      published_at: iso(-DAY), created_at: iso(-DAY), updated_at: iso(-DAY),
    })
    .execute();
  const event = await db.selectFrom('events').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  // A question of each common kind, so that answers are validated and stored as in real use.
  await db
    .insertInto('questions')
    .values([
      { event_id: event.id, position: 0, type: 'long_text', label: 'Matallergier og spesielle behov', help: null, options: null, required: 0 },
      { event_id: event.id, position: 1, type: 'single_choice', label: 'Gruppe', help: null, options: '["A","B"]', required: 1 },
    ])
    .execute();
  const questions = await db.selectFrom('questions').select('id').where('event_id', '=', event.id).orderBy('position').execute();
  return { slug, questions: questions.map((q) => q.id) };
}
const warmup = await openEvent('warmup', 50);
const main = await openEvent('main', 500);

const app = createApp({
  db,
  files: diskFileStore(join(dir, 'files')),
  clock: () => new Date(),
  config: { baseUrl: 'http://localhost', pageCacheSeconds: 60, mailFrom: 'Samling <noreply@localhost>' },
  assets: {},
  outboxChanged: () => {},
});
const bare = new Hono().post('/bare', (c) => c.text('ok'));

type Fetch = Parameters<typeof serve>[0]['fetch'];
const listen = (fetch: Fetch) =>
  new Promise<number>((resolve) => {
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
// Served as src/server.ts serves it.
const appPort = await listen(withFormBodies(app.fetch));
const barePort = await listen(bare.fetch);
process.stdout.write(`${JSON.stringify({ appPort, barePort, dbFile, warmup, main })}\n`);
