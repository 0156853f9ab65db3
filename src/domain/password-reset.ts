import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppConfig } from '../deps';
import type { Lang } from '../i18n/index';
import { renderResetMail } from '../mail/compose';
import { enqueueMail } from '../mail/outbox';
import { storeOwnPassword } from './account';
import { clearLoginFailures, emailKey, findOrganiserByEmail, loginBlockedUntil, normaliseEmail, recordLoginFailure } from './auth';
import { isToken, randomToken, sha256Hex } from './tokens';

export const RESET_LINK_MS = 60 * 60_000;
/** Reset mails per address in the sign-in window (15 minutes): enough for a lost mail, too few to flood an inbox. */
export const RESET_MAILS_PER_WINDOW = 3;

export const resetPath = (token: string) => `/admin/password/reset/${token}`;

const resetKey = (email: string) => `reset:${normaliseEmail(email)}`;

/**
 * Queues a reset link for the address if it belongs to an active organiser; does nothing otherwise. The caller shows
 * the same answer either way, so the form cannot be used to learn who has an account. The token is stored hashed; the
 * link works once, for an hour, and a newer one replaces it.
 * @returns whether a mail was queued (for the audit log and tests, never for the visitor)
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  email: string,
  lang: Lang,
  now: Date,
  settings: Pick<AppConfig, 'baseUrl'>,
): Promise<{ organiserId: number } | null> {
  const key = resetKey(email);
  if (await loginBlockedUntil(db, [{ key, limit: RESET_MAILS_PER_WINDOW }], now)) return null;
  await recordLoginFailure(db, [key], now);
  const organiser = await findOrganiserByEmail(db, email);
  if (!organiser || organiser.disabled_at) return null;
  const token = randomToken();
  const url = settings.baseUrl.replace(/\/+$/, '') + resetPath(token);
  const content = renderResetMail({ name: organiser.name, lang, url, minutes: RESET_LINK_MS / 60_000 });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('password_resets').where('organiser_id', '=', organiser.id).execute();
    await trx
      .insertInto('password_resets')
      .values({ token_hash: sha256Hex(token), organiser_id: organiser.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + RESET_LINK_MS).toISOString(), used_at: null })
      .execute();
    await enqueueMail(trx, { kind: 'password_reset', to: organiser.email, lang, ...content }, now, new URL(settings.baseUrl).hostname);
  });
  return { organiserId: organiser.id };
}

/** The organiser a reset link is for while it is unused and fresh, or null. */
export async function resetLinkOwner(db: Kysely<Database>, token: string, now: Date) {
  if (!isToken(token)) return null;
  return (
    (await db
      .selectFrom('password_resets')
      .innerJoin('organisers', 'organisers.id', 'password_resets.organiser_id')
      .select(['organisers.id', 'organisers.email', 'organisers.name'])
      .where('password_resets.token_hash', '=', sha256Hex(token))
      .where('password_resets.used_at', 'is', null)
      .where('password_resets.expires_at', '>', now.toISOString())
      .where('organisers.disabled_at', 'is', null)
      .executeTakeFirst()) ?? null
  );
}

/**
 * Sets the new password through a reset link and uses the link up; signs the organiser out everywhere. Null when the
 * link is unknown, used or expired (the password is then unchanged).
 */
export async function completePasswordReset(db: Kysely<Database>, token: string, password: string, now: Date) {
  const owner = await resetLinkOwner(db, token, now);
  if (!owner) return null;
  const used = await db
    .updateTable('password_resets')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', sha256Hex(token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  // Two tabs submitting the same link: only one sets the password.
  if (used.numUpdatedRows === 0n) return null;
  await storeOwnPassword(db, owner.id, password, null);
  await clearLoginFailures(db, emailKey(owner.email));
  return owner;
}
