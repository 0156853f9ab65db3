import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { withFormBodies } from './adapters/node-http';
import { migrateToLatest } from '../db/migrate';
import { diskFileStore, sweepPartFiles } from './adapters/disk-file-store';
import { readAssets } from './adapters/node-assets';
import { emlTransport, pruneEmlFolder } from './adapters/eml-transport';
import { smtpTransport } from './adapters/smtp-transport';
import { brotliCompressor } from './adapters/brotli';
import { openSqlite, optimizePeriodically } from './adapters/sqlite';
import { createApp } from './app';
import type { Settings } from './config';
import type { AppDeps } from './deps';
import { seedDemo } from './demo/seed';
import { ensureFirstAdmin } from './domain/auth';
import { anonymiseEndedEvents } from './domain/anonymise';
import { enqueueDueReminders } from './domain/event-changes';
import { startMailWorker } from './mail/worker';

export interface RunningServer {
  /** Where it listens, e.g. http://127.0.0.1:41234 */
  url: string;
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * Starts the whole Node.js setup: the SQLite file and uploaded files under DATA_DIR, the demo events in an empty
 * database, the mail worker (SMTP, or .eml files without SMTP_URL) and the HTTP server. Used by `npm start`,
 * the browser tests and the benchmarks alike.
 */
export async function startServer(settings: Settings, log: (line: string) => void = console.log): Promise<RunningServer> {
  mkdirSync(settings.dataDir, { recursive: true });
  const { db, sqlite } = openSqlite(join(settings.dataDir, 'samling.sqlite'));
  await migrateToLatest(db);
  const stopOptimizing = optimizePeriodically(sqlite);

  const filesDir = join(settings.dataDir, 'files');
  const swept = await sweepPartFiles(filesDir);
  if (swept > 0) log(`Removed ${swept} unfinished upload file(s) left by an earlier stop.`);
  const files = diskFileStore(filesDir);
  if (settings.demo && (await seedDemo(db, files, new Date()))) {
    log('Loaded the demo events into the empty database.');
  }
  await ensureFirstAdmin(db, { email: settings.adminEmail, password: settings.adminPassword }, log, new Date());

  const mailFolder = join(settings.dataDir, 'mail');
  const transport = settings.smtpUrl ? smtpTransport(settings.smtpUrl) : emlTransport(mailFolder);
  const clock = () => new Date();
  const mailWorker = startMailWorker({ db, transport, clock, from: settings.mailFrom, baseUrl: settings.baseUrl });

  const deps: AppDeps = {
    db,
    files,
    clock,
    config: {
      baseUrl: settings.baseUrl,
      pageCacheSeconds: 60,
      mailFrom: settings.mailFrom,
      maxUploadBytes: settings.maxUploadBytes,
      trustProxyHeader: settings.trustProxyHeader,
      requireTwoFactor: settings.requireTwoFactor,
    },
    assets: readAssets(),
    compressor: brotliCompressor(),
    outboxChanged: () => mailWorker.wake(),
  };

  // Reminders: each participant's is queued once, when the event is within its reminder_hours.
  const mailSettings = { baseUrl: settings.baseUrl, mailFrom: settings.mailFrom };
  const remind = async () => {
    try {
      if ((await enqueueDueReminders(db, clock(), mailSettings)) > 0) mailWorker.wake();
    } catch (error) {
      console.error('Queuing reminders failed:', error);
    }
  };
  await remind();
  const reminderTimer = setInterval(() => void remind(), 5 * 60_000);
  reminderTimer.unref();

  // Retention (GDPR): only when RETENTION_DAYS is set; the participants of events over that long ago are anonymised.
  const { retentionDays } = settings;
  const retain = async () => {
    if (retentionDays === undefined) return;
    try {
      const done = await anonymiseEndedEvents(db, clock(), retentionDays);
      if (done.length > 0) log(`Anonymised the participants of ${done.length} event(s) that ended over ${retentionDays} days ago.`);
      // Mails kept as files hold names and addresses too.
      if (!settings.smtpUrl) await pruneEmlFolder(mailFolder, new Date(clock().getTime() - retentionDays * 86_400_000));
    } catch (error) {
      console.error('Anonymising ended events failed:', error);
    }
  };
  await retain();
  const retentionTimer = setInterval(() => void retain(), 60 * 60_000);
  retentionTimer.unref();

  const app = createApp(deps);
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const server = serve({ fetch: withFormBodies(app.fetch), port: settings.port, hostname: settings.host }, (info) => resolve({ server, port: info.port }));
  });
  const url = `http://${settings.host && settings.host !== '0.0.0.0' && settings.host !== '::' ? settings.host : 'localhost'}:${port}`;
  log(`Samling is running on ${settings.baseUrl} (listening on ${url}, data in ${settings.dataDir})`);
  if (!settings.smtpUrl) log(`Mail is written as .eml files to ${mailFolder} (set SMTP_URL to send it).`);

  return {
    url,
    deps,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      clearInterval(reminderTimer);
      clearInterval(retentionTimer);
      stopOptimizing();
      await mailWorker.stop();
      await transport.close?.();
      await db.destroy();
    },
  };
}
