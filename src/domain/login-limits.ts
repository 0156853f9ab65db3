import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { normaliseEmail } from './auth';

type Db = Kysely<Database> | Transaction<Database>;

/** How many failures a key has for free, the first wait after them (doubling with each further failure), its cap. */
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

/** A key's failures are forgotten after this long without one. */
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

/** The wait after `failures` failures under `rule`: none for the free ones, then first, 2×first, 4×first … capped. */
export function backoffDelayMs(failures: number, rule: BackoffRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.firstDelayMs * 2 ** Math.min(failures - rule.free, 30), rule.maxDelayMs);
}

/** When a sign-in under these keys is allowed again, or null if it is allowed now. */
export async function blockedUntil(db: Db, keys: LimitKey[], now: Date): Promise<Date | null> {
  if (!keys.length) return null;
  const rows = await db
    .selectFrom('login_backoff')
    .selectAll()
    .where('key', 'in', keys.map((k) => k.key))
    .where('last_failure_at', '>', new Date(now.getTime() - BACKOFF_MEMORY_MS).toISOString())
    .execute();
  let until = 0;
  for (const row of rows) {
    const rule = keys.find((k) => k.key === row.key)!.rule;
    until = Math.max(until, Date.parse(row.last_failure_at) + backoffDelayMs(row.failures, rule));
  }
  return until > now.getTime() ? new Date(until) : null;
}

/** Counts one failure under each key (a key quiet for BACKOFF_MEMORY_MS starts again at one), and forgets stale keys. */
export async function recordFailure(db: Db, keys: LimitKey[], now: Date): Promise<void> {
  const at = now.toISOString();
  const stale = new Date(now.getTime() - BACKOFF_MEMORY_MS).toISOString();
  for (const { key } of keys) {
    await db
      .insertInto('login_backoff')
      .values({ key, failures: 1, last_failure_at: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`case when login_backoff.last_failure_at <= ${stale} then 1 else login_backoff.failures + 1 end`,
          last_failure_at: at,
        }),
      )
      .execute();
  }
  await db.deleteFrom('login_backoff').where('last_failure_at', '<=', stale).execute();
}

/** After a success: this client's guesses at this address are forgiven (the client's and the address's totals stay). */
export async function clearFailures(db: Db, keys: LimitKey[]): Promise<void> {
  const first = keys[0];
  if (first) await db.deleteFrom('login_backoff').where('key', '=', first.key).execute();
}
