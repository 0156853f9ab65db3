import type { Kysely, Transaction } from 'kysely';
import type { Database, OrganiserRole } from '../../db/schema';
import type { MessageKey } from '../i18n/index';
import { setPassword } from './auth';
import { PASSWORD_MIN_LENGTH, hashPassword, verifyPassword } from './passwords';

type Db = Kysely<Database> | Transaction<Database>;

export const PASSWORD_MAX_LENGTH = 1000;

/** What an organiser's own account page and the admin-area gate need to know; never the secrets. */
export async function accountState(db: Db, organiserId: number) {
  const row = await db
    .selectFrom('organisers')
    .select(['must_change_password', 'totp_enabled_at'])
    .select((eb) =>
      eb
        .selectFrom('recovery_codes')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('recovery_codes.organiser_id', '=', 'organisers.id')
        .where('used_at', 'is', null)
        .as('recovery_codes_left'),
    )
    .where('id', '=', organiserId)
    .executeTakeFirstOrThrow();
  return { mustChangePassword: row.must_change_password === 1, twoFactorSince: row.totp_enabled_at, recoveryCodesLeft: Number(row.recovery_codes_left ?? 0) };
}

/** The length rule for every new password, whoever sets it; null when it holds. */
export function newPasswordError(password: string, confirm: string): MessageKey | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'account_password_too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'account_password_too_long';
  if (password !== confirm) return 'account_password_mismatch';
  return null;
}

/**
 * A password set by someone other than its owner (first start, an admin, the console): it works for one sign-in,
 * after which every admin page asks for a new one. Ends the organiser's sessions.
 */
export async function setTemporaryPassword(db: Db, organiserId: number, passwordHash: string): Promise<void> {
  await setPassword(db, organiserId, passwordHash);
  await db.updateTable('organisers').set({ must_change_password: 1 }).where('id', '=', organiserId).execute();
}

/**
 * The owner's own new password and the end of every other session of theirs; `keepSessionId` (the session asking)
 * stays signed in. Also what finishes a reset by mail (then no session is kept).
 */
export async function storeOwnPassword(db: Db, organiserId: number, password: string, keepSessionId: string | null): Promise<void> {
  await db
    .updateTable('organisers')
    .set({ password_hash: await hashPassword(password), must_change_password: 0 })
    .where('id', '=', organiserId)
    .execute();
  let sessions = db.deleteFrom('sessions').where('organiser_id', '=', organiserId);
  if (keepSessionId) sessions = sessions.where('id', '!=', keepSessionId);
  await sessions.execute();
}

/** Whether this is the organiser's password, for confirming a change to their sign-in. */
export async function isOwnPassword(db: Db, organiserId: number, password: string): Promise<boolean> {
  const row = await db.selectFrom('organisers').select('password_hash').where('id', '=', organiserId).executeTakeFirst();
  return !!row && !!password && (await verifyPassword(password, row.password_hash));
}

/** An admin changes another organiser's role; the role it had, for the log. */
export async function setRole(db: Db, organiserId: number, role: OrganiserRole): Promise<OrganiserRole> {
  const { role: before } = await db.selectFrom('organisers').select('role').where('id', '=', organiserId).executeTakeFirstOrThrow();
  await db.updateTable('organisers').set({ role }).where('id', '=', organiserId).execute();
  return before;
}

export type ChangePasswordField = 'current' | 'password' | 'confirm';

/**
 * Changes the signed-in organiser's password after checking the current one; the field errors otherwise.
 * @example const errors = await changeOwnPassword(db, organiser.id, session.id, { current, password, confirm });
 */
export async function changeOwnPassword(
  db: Db,
  organiserId: number,
  sessionId: string,
  input: { current: string; password: string; confirm: string },
): Promise<Partial<Record<ChangePasswordField, MessageKey>>> {
  if (!(await isOwnPassword(db, organiserId, input.current))) return { current: 'account_current_wrong' };
  const rule = newPasswordError(input.password, input.confirm);
  if (rule) return rule === 'account_password_mismatch' ? { confirm: rule } : { password: rule };
  // A one-time password must really be replaced, not typed again.
  if (input.password === input.current) return { password: 'account_password_same' };
  await storeOwnPassword(db, organiserId, input.password, sessionId);
  return {};
}
