import { DurableObject } from 'cloudflare:workers';
import { Kysely } from 'kysely';
import htmx from 'htmx.org/dist/htmx.min.js';
import type { Hono } from 'hono';
import type { Database } from '../db/schema';
import style from '../views/style.css';
import upload from '../views/upload.js';
import { durableSqliteDialect } from './adapters/durable-sqlite';
import { edgeMailTransport } from './adapters/edge-mail';
import { logTransport } from './adapters/log-transport';
import { r2FileStore } from './adapters/r2-file-store';
import { createApp } from './app';
import type { Settings } from './config';
import type { AppDeps } from './deps';
import type { AppEnv } from './env';
import type { MailTransport } from './mail/transport';
import { deliverDue, retryDelayMs } from './mail/worker';
import { workerSettings } from './worker-settings';
import { REMINDER_INTERVAL_MS, RETENTION_INTERVAL_MS, appConfig, applyRetention, prepareDatabase, queueReminders } from './startup';

// The Cloudflare Workers entry: every request goes to one Durable Object, which holds the SQLite database (so that
// transactions, the capacity check and the outbox work as on Node) and serves the same app. Files are in R2.

/** The Worker's bindings (wrangler.toml) and its vars and secrets, named as the Node deployment's variables. */
export interface Env {
  SAMLING: DurableObjectNamespace<Samling>;
  FILES: R2Bucket;
  [variable: string]: unknown;
}

// Only handlers may be exported from here (workerd refuses anything else): helpers live in ./worker-settings.

export default {
  fetch(request, env) {
    return env.SAMLING.get(env.SAMLING.idFromName('samling')).fetch(request);
  },
} satisfies ExportedHandler<Env>;

/**
 * SMTP over Workers sockets (SMTP_URL) or the HTTP mail API (MAIL_API_URL and MAIL_API_KEY); without either, as on
 * Node without SMTP_URL, mail is not sent but logged, and organisers read it under «E-post».
 */
function mailTransportFor(env: Env, settings: Settings): MailTransport {
  const mailApiUrl = typeof env.MAIL_API_URL === 'string' ? env.MAIL_API_URL : undefined;
  const mailApiKey = typeof env.MAIL_API_KEY === 'string' ? env.MAIL_API_KEY : undefined;
  if (!settings.smtpUrl && !mailApiUrl) return logTransport();
  return edgeMailTransport({ smtpUrl: settings.smtpUrl, mailApiUrl, mailApiKey, baseUrl: settings.baseUrl });
}

const ASSETS: AppDeps['assets'] = {
  'style.css': { body: style, contentType: 'text/css; charset=utf-8' },
  'upload.js': { body: upload, contentType: 'text/javascript; charset=utf-8' },
  'htmx.min.js': { body: htmx, contentType: 'text/javascript; charset=utf-8' },
};

/** The Durable Object: the database, the app and the alarm that delivers mail and runs reminders and retention. */
export class Samling extends DurableObject<Env> {
  readonly db: Kysely<Database>;
  readonly settings: Settings;
  /** Where the alarm delivers mail; tests put their own here. */
  mailTransport: MailTransport;
  #app: Hono<AppEnv> | undefined;
  #lastRetention = 0;
  #failures = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.settings = workerSettings(env);
    this.db = new Kysely<Database>({ dialect: durableSqliteDialect(ctx.storage) });
    this.mailTransport = mailTransportFor(env, this.settings);
    const files = r2FileStore(env.FILES);
    const deps: AppDeps = {
      db: this.db,
      files,
      clock: () => new Date(),
      // Cloudflare sets cf-connecting-ip itself; a visitor cannot forge it.
      // Cloudflare puts the visitor's address in CF-Connecting-IP; a client cannot set it.
      config: { ...appConfig(this.settings), trustProxyHeader: 'cf-connecting-ip' },
      assets: ASSETS,
      outboxChanged: () => void this.armAlarm(Date.now()).catch((error: unknown) => console.error('Arming the mail alarm failed:', error)),
    };
    // No request is let in before the schema is current and the first organiser exists.
    void ctx.blockConcurrencyWhile(async () => {
      await prepareDatabase(this.db, files, this.settings, console.log, new Date());
      this.#app = createApp(deps);
      // Mail queued just before a restart, or an alarm lost with it, is picked up here.
      await this.armAlarm(await this.nextWake(Date.now()));
    });
  }

  override fetch(request: Request): Response | Promise<Response> {
    return this.#app!.fetch(request);
  }

  /** Delivers due mail (network I/O, outside any transaction), queues reminders, applies retention, then re-arms. */
  override async alarm(): Promise<void> {
    const now = new Date();
    try {
      await deliverDue(this.db, this.mailTransport, { now, from: this.settings.mailFrom });
      await queueReminders(this.db, this.settings, now);
      if (now.getTime() - this.#lastRetention >= RETENTION_INTERVAL_MS) {
        await applyRetention(this.db, this.settings.retentionDays, now, console.log);
        this.#lastRetention = now.getTime();
      }
      this.#failures = 0;
      await this.ctx.storage.setAlarm(await this.nextWake(Date.now()));
    } catch (error) {
      // A failure of the whole round (a mail's own failure is retried by deliverDue): back off, doubling.
      this.#failures += 1;
      console.error('The alarm round failed:', error);
      await this.ctx.storage.setAlarm(Date.now() + retryDelayMs(this.#failures));
    }
  }

  /** When the alarm is next needed: the earliest mail due, and at least every REMINDER_INTERVAL_MS for reminders. */
  async nextWake(now: number): Promise<number> {
    const due = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', 'in', ['pending', 'sending'])
      .executeTakeFirst();
    const mailAt = due?.at ? Date.parse(due.at) : Infinity;
    return Math.max(now, Math.min(mailAt, now + REMINDER_INTERVAL_MS));
  }

  /** Sets the alarm to `at` unless it is set to go off sooner already. */
  async armAlarm(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}
