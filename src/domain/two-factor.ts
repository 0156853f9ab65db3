import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { SESSION_IDLE_MS, createSession } from './auth';
import { sha256Hex } from './tokens';
import { newTotpSecret, verifyTotp } from './totp';

type Db = Kysely<Database> | Transaction<Database>;

export const RECOVERY_CODE_COUNT = 10;
/** Between a right password and its second factor: long enough to find the phone, short enough to be worthless later. */
export const SECOND_FACTOR_WINDOW_MS = 10 * 60_000;
// Lower case without look-alikes (no 0/o, 1/l/i): read off paper and typed on a phone.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** "k7m2q-x9dfr": 10 characters from 31 (about 50 bits), a hyphen for reading. */
function recoveryCode(): string {
  const limit = 256 - (256 % RECOVERY_ALPHABET.length);
  const chars: string[] = [];
  while (chars.length < 10) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < limit && chars.length < 10) chars.push(RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]!);
    }
  }
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** The same code however it was typed (case, spaces, hyphens). */
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The secret being enrolled: the one already waiting (a reload must not invalidate what was scanned) or a new one.
 * Null once two-factor sign-in is on: the secret is never shown again.
 */
export async function enrolmentSecret(db: Db, organiserId: number): Promise<string | null> {
  const row = await db.selectFrom('organisers').select(['totp_enabled_at', 'totp_pending_secret']).where('id', '=', organiserId).executeTakeFirstOrThrow();
  if (row.totp_enabled_at) return null;
  if (row.totp_pending_secret) return row.totp_pending_secret;
  const secret = newTotpSecret();
  await db.updateTable('organisers').set({ totp_pending_secret: secret }).where('id', '=', organiserId).execute();
  return secret;
}

/** New recovery codes in place of any earlier ones, returned this once; only their hashes are kept. */
export async function replaceRecoveryCodes(db: Db, organiserId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
  await db.deleteFrom('recovery_codes').where('organiser_id', '=', organiserId).execute();
  await db
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ organiser_id: organiserId, code_hash: sha256Hex(normaliseRecoveryCode(code)), used_at: null })))
    .execute();
  return codes;
}

/**
 * Turns two-factor sign-in on when the code comes from the secret being enrolled; returns the recovery codes, or null
 * for a wrong code.
 */
export async function confirmEnrolment(db: Db, organiserId: number, code: string, now: Date): Promise<string[] | null> {
  const row = await db.selectFrom('organisers').select(['totp_enabled_at', 'totp_pending_secret']).where('id', '=', organiserId).executeTakeFirstOrThrow();
  if (row.totp_enabled_at || !row.totp_pending_secret) return null;
  const step = await verifyTotp(row.totp_pending_secret, code, now);
  if (step === null) return null;
  await db
    .updateTable('organisers')
    .set({ totp_secret: row.totp_pending_secret, totp_pending_secret: null, totp_enabled_at: now.toISOString(), totp_last_step: step })
    .where('id', '=', organiserId)
    .execute();
  return replaceRecoveryCodes(db, organiserId);
}

export async function disableTwoFactor(db: Db, organiserId: number): Promise<void> {
  await db
    .updateTable('organisers')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', organiserId)
    .execute();
  await db.deleteFrom('recovery_codes').where('organiser_id', '=', organiserId).execute();
}

export async function hasTwoFactor(db: Db, organiserId: number): Promise<boolean> {
  const row = await db.selectFrom('organisers').select('totp_enabled_at').where('id', '=', organiserId).executeTakeFirst();
  return !!row?.totp_enabled_at;
}

/**
 * Checks a second factor: a code from the authenticator (each time step once) or an unused recovery code (used up
 * now). Which one it was, or null.
 */
export async function verifySecondFactor(db: Db, organiserId: number, input: string, now: Date): Promise<'totp' | 'recovery' | null> {
  const row = await db.selectFrom('organisers').select(['totp_secret', 'totp_last_step']).where('id', '=', organiserId).executeTakeFirst();
  if (!row?.totp_secret) return null;
  const typed = input.trim().slice(0, 40);
  // Six digits are an app's code; anything else is read as a recovery code (which always has letters or a hyphen).
  if (/^[0-9]{6}$/.test(typed.replace(/\s/g, ''))) {
    const step = await verifyTotp(row.totp_secret, typed, now, row.totp_last_step);
    if (step === null) return null;
    // Conditional, so two requests racing with the same code cannot both pass.
    const done = await db
      .updateTable('organisers')
      .set({ totp_last_step: step })
      .where('id', '=', organiserId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return done.numUpdatedRows > 0n ? 'totp' : null;
  }
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('organiser_id', '=', organiserId)
    .where('code_hash', '=', sha256Hex(normaliseRecoveryCode(typed)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return used.numUpdatedRows > 0n ? 'recovery' : null;
}

/** After a right password, when a second factor is due: a session that is not signed in yet, for a few minutes. */
export async function createPendingSession(db: Db, organiserId: number, now: Date) {
  const created = await createSession(db, organiserId, now);
  const expires_at = new Date(now.getTime() + Math.min(SECOND_FACTOR_WINDOW_MS, SESSION_IDLE_MS)).toISOString();
  await db.updateTable('sessions').set({ second_factor_pending: 1, expires_at }).where('id', '=', created.session.id).execute();
  return { token: created.token, session: { ...created.session, second_factor_pending: 1, expires_at } };
}
