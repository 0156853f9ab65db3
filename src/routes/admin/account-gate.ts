import type { MiddlewareHandler } from 'hono';
import type { AdminEnv } from './session';

export const ACCOUNT_PATH = '/admin/account';
export const ENROL_PATH = '/admin/account/two-factor';

/**
 * Where a signed-in organiser must go before anything else, or null: a one-time password is replaced first, then an
 * admin enrols a second factor when REQUIRE_2FA is on.
 */
async function pendingDuty(c: Parameters<MiddlewareHandler<AdminEnv>>[0]): Promise<string | null> {
  const { db, config } = c.var.deps;
  const organiser = c.var.organiser;
  const row = await db.selectFrom('organisers').select(['must_change_password', 'totp_enabled_at']).where('id', '=', organiser.id).executeTakeFirst();
  if (row?.must_change_password) return ACCOUNT_PATH;
  if (config.requireTwoFactor && organiser.role === 'admin' && !row?.totp_enabled_at) return ENROL_PATH;
  return null;
}

/** Every admin page except the account pages sends the organiser to a pending duty (see `pendingDuty`). */
export const requireAccountReady: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (path === ACCOUNT_PATH || path.startsWith(`${ACCOUNT_PATH}/`)) return next();
  const target = await pendingDuty(c);
  if (!target) return next();
  if (c.req.header('hx-request')) {
    c.header('HX-Redirect', target);
    return c.body(null, 401);
  }
  return c.redirect(target, 303);
};

/** The account page's banner for a duty still pending, if any. */
export async function dutyNotice(c: Parameters<MiddlewareHandler<AdminEnv>>[0]) {
  const target = await pendingDuty(c);
  return target === ACCOUNT_PATH ? ('account_must_change' as const) : target === ENROL_PATH ? ('account_must_enrol' as const) : undefined;
}
