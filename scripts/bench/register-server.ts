// Child process of the registration benchmark: the real app over a fresh SQLite file on one port, on another a bare
// POST route that answers a constant (the ceiling for this machine and runtime), and on a third the floor route below.
// Prints the ports as JSON.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';
import { migrateToLatest } from '../../db/migrate';
import { withFormBodies } from '../../src/adapters/node-http';
import { diskFileStore } from '../../src/adapters/disk-file-store';
import { openSqlite } from '../../src/adapters/sqlite';
import { createApp } from '../../src/app';
import type { FormBindings } from '../../src/env';

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

// The least a registration can be: read the form, write one row in a transaction of its own, answer a line of HTML.
// Not a target, a yardstick: it shows what this machine leaves for everything a real registration does besides.
const floorDb = new SQLite(join(dir, 'floor.sqlite'));
floorDb.pragma('journal_mode = WAL');
floorDb.pragma('synchronous = NORMAL');
floorDb.exec('create table people (id integer primary key, name text not null, email text not null unique, organisation text not null)');
const insertPerson = floorDb.prepare('insert into people (name, email, organisation) values (?, ?, ?)');
const insertOne = floorDb.transaction((form: URLSearchParams) => insertPerson.run(form.get('name'), form.get('email'), form.get('organisation')));
const floor = new Hono<{ Bindings: FormBindings }>().post('/floor', (c) => {
  const form = new URLSearchParams(c.env.formText);
  insertOne(form);
  return c.html(`<p>${form.get('name')?.replace(/[<&]/g, '')}</p>`);
});

type Fetch = Parameters<typeof serve>[0]['fetch'];
const listen = (fetch: Fetch) =>
  new Promise<number>((resolve) => {
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
// Served as src/server.ts serves it.
const appPort = await listen(withFormBodies(app.fetch));
const barePort = await listen(bare.fetch);
const floorPort = await listen(withFormBodies(floor.fetch));
process.stdout.write(`${JSON.stringify({ appPort, barePort, floorPort, dbFile, warmup, main })}\n`);
