import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { withFormBodies } from './adapters/node-http';
import { diskFileStore, sweepPartFiles } from './adapters/disk-file-store';
import { readAssets } from './adapters/node-assets';
import { emlTransport, pruneEmlFolder } from './adapters/eml-transport';
import { smtpTransport } from './adapters/smtp-transport';
import { brotliCompressor } from './adapters/brotli';
import { openSqlite, optimizePeriodically } from './adapters/sqlite';
import { createApp } from './app';
import type { Settings } from './config';
import type { AppDeps } from './deps';
import { startMailWorker } from './mail/worker';
import { REMINDER_INTERVAL_MS, RETENTION_INTERVAL_MS, appConfig, applyRetention, prepareDatabase, queueReminders } from './startup';

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
  const filesDir = join(settings.dataDir, 'files');
  const swept = await sweepPartFiles(filesDir);
  if (swept > 0) log(`Removed ${swept} unfinished upload file(s) left by an earlier stop.`);
  const files = diskFileStore(filesDir);
  await prepareDatabase(db, files, settings, log, new Date());
  const stopOptimizing = optimizePeriodically(sqlite);

  const mailFolder = join(settings.dataDir, 'mail');
  const transport = settings.smtpUrl ? smtpTransport(settings.smtpUrl) : emlTransport(mailFolder);
  const clock = () => new Date();
  const mailWorker = startMailWorker({ db, transport, clock, from: settings.mailFrom, baseUrl: settings.baseUrl });

  const deps: AppDeps = {
    db,
    files,
    clock,
    config: appConfig(settings),
    assets: readAssets(),
    compressor: brotliCompressor(),
    outboxChanged: () => mailWorker.wake(),
  };

  const remind = async () => {
    if ((await queueReminders(db, settings, clock())) > 0) mailWorker.wake();
  };
  await remind();
  const reminderTimer = setInterval(() => void remind(), REMINDER_INTERVAL_MS);
  reminderTimer.unref();

  const { retentionDays } = settings;
  const retain = async () => {
    // Mails kept as files hold names and addresses too.
    if ((await applyRetention(db, retentionDays, clock(), log)) && !settings.smtpUrl && retentionDays !== undefined) {
      await pruneEmlFolder(mailFolder, new Date(clock().getTime() - retentionDays * 86_400_000)).catch((error: unknown) =>
        console.error('Pruning old mail files failed:', error),
      );
    }
  };
  await retain();
  const retentionTimer = setInterval(() => void retain(), RETENTION_INTERVAL_MS);
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
