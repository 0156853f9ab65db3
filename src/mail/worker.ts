import type { Kysely } from 'kysely';
import type { Database, OutboxRow, OutboxStatus } from '../../db/schema';
import { fillManageLink } from '../urls';
import { type EventLookups, deliveryHeaders } from './headers';
import type { OutgoingMail } from './outbox';
import type { MailTransport } from './transport';

export interface DeliveryOptions {
  now: Date;
  /** The sender address (MAIL_FROM), e.g. `Samling <noreply@example.no>`. */
  from: string;
  /** BASE_URL, for the organiser messages' one-click unsubscribe link (left out without it). */
  baseUrl?: string;
  /** Rows claimed per round trip (default 50). */
  batchSize?: number;
  /** After this many failed attempts a mail is marked 'failed' (default 8, about 1 h 4 min of retries). */
  maxAttempts?: number;
  /** Mails in flight at once (default 5, matching the SMTP pool's connections). */
  concurrency?: number;
  /** Stops claiming further batches; the batch in flight is finished. */
  signal?: AbortSignal;
  /** Which worker run claims the rows (see reclaimOrphans); unset on the edge, where there is one worker. */
  claimant?: string;
}

export interface DeliveryResult {
  sent: number;
  /** Mails given up on in this run (status 'failed'). */
  failed: number;
  /** Mails that failed this time and wait for a later attempt. */
  retried: number;
}

type Claimed = Pick<OutboxRow, 'id' | 'message_id' | 'payload' | 'private_token' | 'attempts' | 'kind' | 'event_id'>;

/** How long a claimed row belongs to the worker that claimed it; after that a crashed send is retried. */
export const SENDING_LEASE_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 1000;

/**
 * Sends every mail in the outbox that is due at `now`, in batches, and records the outcome of each.
 * Safe to run from several workers at once: a row is claimed atomically before it is sent.
 *
 * @example
 * const { sent, retried, failed } = await deliverDue(db, transport, { now: new Date(), from: 'noreply@example.no' });
 */
export async function deliverDue(
  db: Kysely<Database>,
  transport: MailTransport,
  opts: DeliveryOptions,
): Promise<DeliveryResult> {
  const batchSize = opts.batchSize ?? 50;
  const maxAttempts = opts.maxAttempts ?? 8;
  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };

  result.failed += await failAbandoned(db, opts.now, maxAttempts);
  const events: EventLookups = new Map();
  // Each row is claimed at most once per run (claiming moves next_attempt_at past `now`), so this loop ends.
  while (!opts.signal?.aborted) {
    const rows = await claimDue(db, opts.now, batchSize, opts.claimant);
    await forEachLimited(rows, opts.concurrency ?? 5, async (row) => {
      const outcome = await deliverOne(db, transport, row, { ...opts, maxAttempts }, events);
      result[outcome] += 1;
    });
    if (rows.length < batchSize) break;
  }
  return result;
}

/**
 * Marks due rows 'sending' and returns them. One UPDATE … RETURNING is atomic in SQLite and D1 alike, so two workers
 * never claim the same row. Rows still 'sending' after their lease were interrupted by a crash and are claimed again.
 * Attempts are counted at claim time so that a mail which crashes the process cannot be retried forever.
 */
async function claimDue(db: Kysely<Database>, now: Date, limit: number, claimant: string | undefined): Promise<Claimed[]> {
  const nowIso = now.toISOString();
  return db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: new Date(now.getTime() + SENDING_LEASE_MS).toISOString(),
      claimed_by: claimant ?? null,
    }))
    .where(
      'id',
      'in',
      db
        .selectFrom('outbox')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .where('next_attempt_at', '<=', nowIso)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit),
    )
    .returning(['id', 'message_id', 'payload', 'private_token', 'attempts', 'kind', 'event_id'])
    .execute();
}

/**
 * On start: rows still 'sending' under another worker run's claim were held by a process that died (one server per
 * database), so they are due now rather than when their lease runs out. Delivery stays at least once: a mail the dead
 * process had handed to the SMTP server before it died goes again, with the same Message-ID. Returns how many.
 */
export async function reclaimOrphans(db: Kysely<Database>, claimant: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ next_attempt_at: now.toISOString() })
    .where('status', '=', 'sending')
    .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '!=', claimant)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Interrupted sends that already used their last attempt are given up rather than claimed again. */
async function failAbandoned(db: Kysely<Database>, now: Date, maxAttempts: number): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: 'Interrupted while sending (the worker stopped before the server answered)' })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', now.toISOString())
    .where('attempts', '>=', maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function deliverOne(
  db: Kysely<Database>,
  transport: MailTransport,
  row: Claimed,
  opts: DeliveryOptions & { maxAttempts: number },
  events: EventLookups,
): Promise<keyof DeliveryResult> {
  // Only the claim that is still ours may record an outcome; after a lease expiry another worker owns the row.
  const ours = db
    .updateTable('outbox')
    .where('id', '=', row.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', row.attempts);
  let mail: OutgoingMail;
  try {
    mail = JSON.parse(row.payload) as OutgoingMail;
  } catch (err) {
    await ours.set({ status: 'failed', last_error: `Unreadable payload: ${errorText(err)}` }).execute();
    return 'failed';
  }
  const token = row.private_token;
  if (token) mail = { ...mail, text: fillManageLink(mail.text, token), html: fillManageLink(mail.html, token) };
  let error: string | undefined;
  try {
    const extra = await deliveryHeaders(db, { kind: row.kind, eventId: row.event_id, to: mail.to }, opts, events);
    await transport.send({ ...mail, ...extra, messageId: row.message_id, from: opts.from });
  } catch (err) {
    error = errorText(err);
  }
  if (error === undefined) {
    // Delivered: the database keeps no working link to the participant's registration.
    await ours.set({ status: 'sent', sent_at: opts.now.toISOString(), last_error: null, private_token: null }).execute();
    return 'sent';
  }
  if (row.attempts >= opts.maxAttempts) {
    await ours.set({ status: 'failed', last_error: error }).execute();
    return 'failed';
  }
  const retryAt = new Date(opts.now.getTime() + retryDelayMs(row.attempts));
  await ours.set({ status: 'pending', last_error: error, next_attempt_at: retryAt.toISOString() }).execute();
  return 'retried';
}

/**
 * The wait before the next attempt after `attempts` failed ones: 30 s doubling each time, capped at one hour, plus up
 * to 10 % jitter so mails that failed together do not all hit the server again in the same second.
 *
 * @example
 * retryDelayMs(1, () => 0); // 30_000
 * retryDelayMs(3, () => 0); // 120_000
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (1 + 0.1 * random()));
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_LENGTH);
}

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  });
  await Promise.all(lanes);
}

export interface MailWorkerOptions {
  db: Kysely<Database>;
  transport: MailTransport;
  clock: () => Date;
  from: string;
  baseUrl?: string;
  /** Pause between runs when nothing wakes the worker (default 2000 ms). */
  intervalMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  concurrency?: number;
  /** Where errors of a whole run go (a database error, say); the loop goes on. Default: console.error. */
  onError?: (error: unknown) => void;
  /** This run's id on the rows it claims; default: a fresh random one per start. */
  bootId?: string;
}

export interface MailWorker {
  /** Run now instead of at the next interval, e.g. right after a commit that queued mail. */
  wake(): void;
  /** Stops the loop and waits for the batch in flight. Does not close the transport. */
  stop(): Promise<void>;
}

/**
 * Delivers the outbox in the background: at once on start, every `intervalMs`, and whenever woken.
 *
 * @example
 * const mailWorker = startMailWorker({ db, transport, clock: () => new Date(), from: config.mailFrom });
 * // after a commit that called enqueueMail:
 * mailWorker.wake();
 * // on shutdown:
 * await mailWorker.stop();
 * await transport.close?.();
 */
export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const intervalMs = options.intervalMs ?? 2000;
  const onError = options.onError ?? ((error: unknown) => console.error('Mail delivery failed:', error));
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const bootId = options.bootId ?? crypto.randomUUID();
  // Taken back once, before the first run: what a dead predecessor held is due at once, not after its lease.
  let reclaimed: Promise<unknown> | undefined = reclaimOrphans(options.db, bootId, options.clock()).catch(onError);

  const run = async () => {
    try {
      await reclaimed;
      reclaimed = undefined;
      await deliverDue(options.db, options.transport, {
        claimant: bootId,
        now: options.clock(),
        from: options.from,
        baseUrl: options.baseUrl,
        batchSize: options.batchSize,
        maxAttempts: options.maxAttempts,
        concurrency: options.concurrency,
        signal: abort.signal,
      });
    } catch (error) {
      onError(error);
    }
  };

  const tick = () => {
    if (abort.signal.aborted) return;
    if (timer !== undefined) clearTimeout(timer);
    if (running) {
      // A wake during a run may concern mail committed after the run's claim: run once more right after.
      again = true;
      return;
    }
    running = run().finally(() => {
      running = undefined;
      if (abort.signal.aborted) return;
      if (again) {
        again = false;
        tick();
      } else {
        timer = setTimeout(tick, intervalMs);
      }
    });
  };

  tick();
  return {
    wake: tick,
    async stop() {
      abort.abort();
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}

/**
 * How many mails are in each state, for the organiser's overview.
 *
 * @example
 * await outboxSummary(db); // { pending: 2, sending: 0, sent: 120, failed: 1 }
 */
export async function outboxSummary(db: Kysely<Database>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const summary: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) summary[row.status] = Number(row.count);
  return summary;
}

/**
 * Gives a failed mail a fresh set of attempts, starting now. Returns false if there is no failed mail with that id.
 *
 * @example
 * if (await retryFailed(db, id, clock())) mailWorker.wake();
 */
export async function retryFailed(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
