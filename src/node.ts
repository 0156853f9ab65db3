import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { migrateToLatest } from '../db/migrate';
import { diskFileStore } from './adapters/disk-file-store';
import { openSqlite } from './adapters/sqlite';
import { createApp } from './app';
import { readSettings } from './config';
import type { AppDeps } from './deps';
import { seedDemo } from './demo/seed';

// The Node.js entry point: an SQLite file and uploaded files under DATA_DIR, served by @hono/node-server.

const settings = readSettings(process.env);
mkdirSync(settings.dataDir, { recursive: true });
const { db } = openSqlite(join(settings.dataDir, 'samling.sqlite'));
await migrateToLatest(db);

const files = diskFileStore(join(settings.dataDir, 'files'));
if (settings.demo && (await seedDemo(db, files, new Date()))) {
  console.log('Loaded the demo events into the empty database.');
}

const require = createRequire(import.meta.url);
const deps: AppDeps = {
  db,
  files,
  clock: () => new Date(),
  config: { baseUrl: settings.baseUrl, pageCacheSeconds: 60, mailFrom: settings.mailFrom },
  outboxChanged: () => {},
  assets: {
    'style.css': { body: readFileSync(new URL('../views/style.css', import.meta.url), 'utf8'), contentType: 'text/css; charset=utf-8' },
    'htmx.min.js': {
      body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8'),
      contentType: 'text/javascript; charset=utf-8',
    },
  },
};

const server = serve({ fetch: createApp(deps).fetch, port: settings.port, hostname: settings.host }, (info) => {
  console.log(`Samling is running on ${settings.baseUrl} (listening on ${info.address}:${info.port}, data in ${settings.dataDir})`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  server.close();
  await db.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
