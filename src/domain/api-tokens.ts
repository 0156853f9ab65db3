import type { Kysely, Transaction } from 'kysely';
import type { ApiTokenRow, Database } from '../../db/schema';
import type { SessionOrganiser } from './auth';
import { randomToken, sha256Hex } from './tokens';

type Db = Kysely<Database> | Transaction<Database>;

/** Marks our tokens, so that secret scanners and people recognise one pasted in the wrong place. */
export const TOKEN_PREFIX = 'smt_';
const TOKEN_PATTERN = /^smt_[A-Za-z0-9_-]{43}$/;
/** Characters of the token kept in clear (the marker and a few random ones): enough to tell tokens apart, useless to guess with. */
const SHOWN_CHARS = TOKEN_PREFIX.length + 6;
// Recording last use on every request would make each API read a write; a minute's precision is plenty.
const TOUCH_AFTER_MS = 60_000;

export const API_TOKEN_NAME_MAX = 100;

/** What the token list shows; never the hash. */
export type ApiTokenSummary = Pick<ApiTokenRow, 'id' | 'name' | 'prefix' | 'created_at' | 'last_used_at' | 'revoked_at'>;

/**
 * A new token for the organiser. The token is returned this once; only its SHA-256 is stored.
 * @example const { token } = await createApiToken(db, organiser.id, 'Nettsiden', new Date()); // token: 'smt_…'
 */
export async function createApiToken(db: Db, organiserId: number, name: string, now: Date): Promise<{ token: string; row: ApiTokenSummary }> {
  const token = TOKEN_PREFIX + randomToken();
  const row = await db
    .insertInto('api_tokens')
    .values({
      organiser_id: organiserId,
      name: name.trim().slice(0, API_TOKEN_NAME_MAX),
      token_hash: await sha256Hex(token),
      prefix: token.slice(0, SHOWN_CHARS),
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    })
    .returning(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  return { token, row };
}

/** The organiser's tokens, live ones first, newest first. */
export async function listApiTokens(db: Db, organiserId: number): Promise<ApiTokenSummary[]> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('organiser_id', '=', organiserId)
    .orderBy((eb) => eb('revoked_at', 'is not', null))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one of the organiser's own tokens; false when there is no such live token of theirs. */
export async function revokeApiToken(db: Db, organiserId: number, tokenId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', tokenId)
    .where('organiser_id', '=', organiserId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The organiser a bearer token acts for, or null for a malformed, unknown or revoked token or a disabled organiser.
 * Records when the token was last used (to the minute).
 * @example const organiser = await authenticateApiToken(db, 'smt_…', new Date());
 */
export async function authenticateApiToken(db: Db, token: string, now: Date): Promise<SessionOrganiser | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('organisers', 'organisers.id', 'api_tokens.organiser_id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'api_tokens.revoked_at'])
    .select(['organisers.id', 'organisers.email', 'organisers.name', 'organisers.role', 'organisers.disabled_at'])
    .where('api_tokens.token_hash', '=', await sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_AFTER_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
