import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { normaliseEmail } from './auth';

type Db = Kysely<Database> | Transaction<Database>;

/** How many hits a key has for free, the first wait after them (doubling with each further hit), and its cap. */
export interface BackoffRule {
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/**
 * Failed sign-ins are counted three ways. The pair of client and address is the tight one: a few guesses, then a
 * wait that doubles. The client alone catches one client trying many addresses; the address alone, many clients
 * trying one address — its allowance is large, so that one person's guesses from one place never lock the real owner
 * (signing in from elsewhere) out.
 */
export const LOGIN_BACKOFF = {
  pair: { free: 5, firstDelayMs: 30_000, maxDelayMs: 60 * 60_000 },
  client: { free: 30, firstDelayMs: 60_000, maxDelayMs: 60 * 60_000 },
  address: { free: 100, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
} as const satisfies Record<string, BackoffRule>;

/**
 * Registrations from one client. Generous: a whole hospital or town hall may sit behind one address, and its staff
 * register for the same seminar on the same morning; a bot sending hundreds is stopped.
 */
export const REGISTRATION_BACKOFF: BackoffRule = { free: 60, firstDelayMs: 60_000, maxDelayMs: 60 * 60_000 };

/** A key's hits are forgotten after this long without one. */
export const BACKOFF_MEMORY_MS = 24 * 3600_000;

export interface LimitKey {
  key: string;
  rule: BackoffRule;
}

/**
 * The keys a sign-in is counted under. `client` is the client's key (src/client-address.ts clientKeyOf), or
 * undefined when the entry point gave no address: then the address alone is counted, as tightly as a pair.
 */
export function loginKeys(email: string, client: string | undefined): LimitKey[] {
  const address = normaliseEmail(email);
  if (!client) return [{ key: `address:${address}`, rule: LOGIN_BACKOFF.pair }];
  return [
    { key: `pair:${client}|${address}`, rule: LOGIN_BACKOFF.pair },
    { key: `client:${client}`, rule: LOGIN_BACKOFF.client },
    { key: `address:${address}`, rule: LOGIN_BACKOFF.address },
  ];
}

/** The key registrations from a client are counted under (none when the client is unknown). */
export const registrationKeys = (client: string | undefined): LimitKey[] =>
  client ? [{ key: `register:${client}`, rule: REGISTRATION_BACKOFF }] : [];

/** The wait after `hits` hits under `rule`: none for the free ones, then first, 2×first, 4×first … capped. */
export function backoffDelayMs(hits: number, rule: BackoffRule): number {
  if (hits < rule.free) return 0;
  return Math.min(rule.firstDelayMs * 2 ** Math.min(hits - rule.free, 30), rule.maxDelayMs);
}

/** When an attempt under these keys is allowed again, or null if it is allowed now. */
export async function blockedUntil(db: Db, keys: LimitKey[], now: Date): Promise<Date | null> {
  if (!keys.length) return null;
  const rows = await db
    .selectFrom('rate_limits')
    .selectAll()
    .where('key', 'in', keys.map((k) => k.key))
    .where('last_hit_at', '>', new Date(now.getTime() - BACKOFF_MEMORY_MS).toISOString())
    .execute();
  let until = 0;
  for (const row of rows) {
    const rule = keys.find((k) => k.key === row.key)!.rule;
    until = Math.max(until, Date.parse(row.last_hit_at) + backoffDelayMs(row.hits, rule));
  }
  return until > now.getTime() ? new Date(until) : null;
}

/** Counts one hit under each key (a key quiet for BACKOFF_MEMORY_MS starts again at one), and forgets stale keys. */
export async function recordHit(db: Db, keys: LimitKey[], now: Date): Promise<void> {
  const at = now.toISOString();
  const stale = new Date(now.getTime() - BACKOFF_MEMORY_MS).toISOString();
  for (const { key } of keys) {
    await db
      .insertInto('rate_limits')
      .values({ key, hits: 1, last_hit_at: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql`case when rate_limits.last_hit_at <= ${stale} then 1 else rate_limits.hits + 1 end`,
          last_hit_at: at,
        }),
      )
      .execute();
  }
  if (keys.length) await db.deleteFrom('rate_limits').where('last_hit_at', '<=', stale).execute();
}

/** Forgets the first key, e.g. after a successful sign-in: this client's guesses at this address are forgiven. */
export async function clearFirstKey(db: Db, keys: LimitKey[]): Promise<void> {
  const first = keys[0];
  if (first) await db.deleteFrom('rate_limits').where('key', '=', first.key).execute();
}

/** Whole seconds until `until`, at least one: for Retry-After and the visitor's message. */
export const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
