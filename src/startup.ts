import type { Kysely } from 'kysely';
import { migrateToLatest } from '../db/migrate';
import type { Database } from '../db/schema';
import type { Settings } from './config';
import type { AppConfig } from './deps';
import { seedDemo } from './demo/seed';
import { anonymiseEndedEvents } from './domain/anonymise';
import { ensureFirstAdmin } from './domain/auth';
import { enqueueDueReminders } from './domain/event-changes';
import type { FileStore } from './file-store';

// What both entry points (src/server.ts on Node, src/worker.ts in a Durable Object) do the same way.

/** How often reminders are looked for, and retention applied (RETENTION_DAYS). */
export const REMINDER_INTERVAL_MS = 5 * 60_000;
export const RETENTION_INTERVAL_MS = 60 * 60_000;

type StartSettings = Pick<Settings, 'demo' | 'adminEmail' | 'adminPassword'>;

/** Brings the schema up to date, loads the demo events into an empty database (DEMO) and ensures a first organiser. */
export async function prepareDatabase(
  db: Kysely<Database>,
  files: FileStore,
  settings: StartSettings,
  log: (line: string) => void,
  now: Date,
): Promise<void> {
  await migrateToLatest(db);
  if (settings.demo && (await seedDemo(db, files, now))) log('Loaded the demo events into the empty database.');
  await ensureFirstAdmin(db, { email: settings.adminEmail, password: settings.adminPassword }, log, now);
}

/** The app's part of the settings. */
export function appConfig(settings: Pick<Settings, 'baseUrl' | 'mailFrom' | 'maxUploadBytes' | 'requireTwoFactor' | 'trustProxyHeader'>): AppConfig {
  return {
    baseUrl: settings.baseUrl,
    pageCacheSeconds: 60,
    mailFrom: settings.mailFrom,
    maxUploadBytes: settings.maxUploadBytes,
    trustProxyHeader: settings.trustProxyHeader,
    requireTwoFactor: settings.requireTwoFactor,
  };
}

/** Queues each participant's reminder once the event is within its reminder_hours; returns how many were queued. */
export async function queueReminders(db: Kysely<Database>, settings: Pick<Settings, 'baseUrl' | 'mailFrom'>, now: Date): Promise<number> {
  try {
    return await enqueueDueReminders(db, now, { baseUrl: settings.baseUrl, mailFrom: settings.mailFrom });
  } catch (error) {
    console.error('Queuing reminders failed:', error);
    return 0;
  }
}

/** Retention (GDPR), only with RETENTION_DAYS: anonymises the participants of events that ended longer ago. */
export async function applyRetention(
  db: Kysely<Database>,
  retentionDays: number | undefined,
  now: Date,
  log: (line: string) => void,
): Promise<boolean> {
  if (retentionDays === undefined) return false;
  try {
    const done = await anonymiseEndedEvents(db, now, retentionDays);
    if (done.length > 0) log(`Anonymised the participants of ${done.length} event(s) that ended over ${retentionDays} days ago.`);
    return true;
  } catch (error) {
    console.error('Anonymising ended events failed:', error);
    return false;
  }
}
