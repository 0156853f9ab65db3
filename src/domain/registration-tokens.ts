import type { Kysely } from 'kysely';
import type { Database, NewRegistration } from '../../db/schema';
import type { Lang } from '../i18n/index';
import type { RegistrationInput } from './questions';
import { isToken, randomToken, sha256Base64url, sha256Hex } from './tokens';

/** A manage-link token: 256 random bits, base64url (43 characters). Only its hash is stored. */
export const newToken = () => randomToken();

export { isToken };

/** SHA-256 hex: what token_hash and feed_token_hash hold. */
export const hashToken = sha256Hex;

/**
 * The personal calendar feed's token, derived one-way from the manage token: the manage page can show the feed URL
 * again, while the feed URL (which calendar services store and fetch) does not reveal the manage link.
 * @example feedTokenFor(token) // 'q0Hc…' (43 characters)
 */
export function feedTokenFor(token: string): string {
  return sha256Base64url(`feed:${token}`);
}

/** A new manage token and the two hashes a registration row stores (of it, and of the feed token derived from it). */
export function issueTokens() {
  const token = newToken();
  return { token, tokenHash: hashToken(token), feedHash: hashToken(feedTokenFor(token)) };
}

/**
 * Gives a registration one more manage link (and the feed derived from it) in the caller's transaction; the links it
 * had keep working. Returns the token, which only the mail that carries it holds, until that mail is sent.
 */
export async function addManageToken(trx: Kysely<Database>, registrationId: number, now: Date): Promise<string> {
  const { token, tokenHash, feedHash } = issueTokens();
  await trx
    .insertInto('manage_tokens')
    .values({ token_hash: tokenHash, feed_token_hash: feedHash, registration_id: registrationId, created_at: now.toISOString() })
    .execute();
  return token;
}

/** One registration per address per event: compared trimmed and lower-cased. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * A registration row as it is first written: the person's details, the address's key and the token hashes.
 * @example newRegistration(event.id, 'confirmed', input, 'nb', issueTokens(), now.toISOString())
 */
export function newRegistration(
  eventId: number,
  status: 'confirmed' | 'waitlisted',
  person: Pick<RegistrationInput, 'name' | 'email' | 'organisation' | 'job_title' | 'listed'>,
  lang: Lang,
  hashes: { tokenHash: string; feedHash: string },
  at: string,
): NewRegistration {
  return {
    event_id: eventId,
    status,
    name: person.name,
    email: person.email.trim(),
    email_key: emailKey(person.email),
    organisation: person.organisation,
    job_title: person.job_title,
    listed: person.listed ? 1 : 0,
    lang,
    token_hash: hashes.tokenHash,
    feed_token_hash: hashes.feedHash,
    created_at: at,
    updated_at: at,
    cancelled_at: null,
    promoted_at: null,
    checked_in_at: null,
    reminder_sent_at: null,
  };
}
