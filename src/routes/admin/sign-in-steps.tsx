import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { OrganiserRow } from '../../../db/schema';
import { SecondFactorPage } from '../../../views/admin/sign-in-pages';
import { SESSION_COOKIE, safeNext, setSessionCookie } from './session';
import { LOGIN_LIMITS, createSession, deleteSession, loginBlockedUntil, recordLoginFailure } from '../../domain/auth';
import { createPendingSession, verifySecondFactor } from '../../domain/two-factor';
import type { AppEnv } from '../../env';
import type { MessageKey } from '../../i18n/index';
import { logAction } from '../audit';
import { formData } from '../request-helpers';

const SECOND_STEP = '/admin/login/two-factor';
// Per account, like the address limit of the first step: a code has a million values, five tries per window is plenty.
const secondFactorKey = (organiserId: number) => `totp:${organiserId}`;

/**
 * After the right password: a new session (never one from before: session fixation) and on to `next` — or, with
 * two-factor sign-in on, a session that still waits for its code.
 */
export async function passwordAccepted(c: Context<AppEnv>, organiser: OrganiserRow, next: string | undefined) {
  const { db, clock } = c.var.deps;
  const old = getCookie(c, SESSION_COOKIE);
  if (old) await deleteSession(db, old);
  const actor = { id: organiser.id, email: organiser.email };
  if (organiser.totp_enabled_at) {
    const { token } = await createPendingSession(db, organiser.id, clock());
    setSessionCookie(c, token);
    return c.redirect(next ? `${SECOND_STEP}?next=${encodeURIComponent(next)}` : SECOND_STEP, 303);
  }
  const { token } = await createSession(db, organiser.id, clock());
  setSessionCookie(c, token);
  await logAction(c, 'sign_in', `organiser:${organiser.id}`, { actor });
  return c.redirect(next ?? '/admin', 303);
}

function renderStep(c: Context<AppEnv>, next: string | undefined, error?: MessageKey, status: 200 | 422 | 429 = 200) {
  c.status(status);
  const notice = status === 429 ? ({ key: 'admin_login_rate_limited', kind: 'alert' } as const) : undefined;
  return c.render(<SecondFactorPage next={next} error={status === 429 ? undefined : error} notice={notice} />, { title: c.var.t('login2_title') });
}

/** /admin/login/two-factor: the code that completes a sign-in; mounted before `requireOrganiser`. */
export const secondFactorRoutes = new Hono<AppEnv>()
  .get('/login/two-factor', (c) => {
    if (!c.var.pendingOrganiser) return c.redirect('/admin/login', 303);
    return renderStep(c, safeNext(c.req.query('next')));
  })
  .post('/login/two-factor', async (c) => {
    const organiser = c.var.pendingOrganiser;
    if (!organiser) return c.redirect('/admin/login', 303);
    const { db, clock } = c.var.deps;
    const form = await formData(c);
    const value = form.get('code');
    const code = typeof value === 'string' ? value.slice(0, 40) : '';
    const next = safeNext(typeof form.get('next') === 'string' ? (form.get('next') as string) : undefined);
    if (!code.trim()) return renderStep(c, next, 'login2_code_required', 422);
    const now = clock();
    const key = secondFactorKey(organiser.id);
    if (await loginBlockedUntil(db, [{ key, limit: LOGIN_LIMITS.email }], now)) return renderStep(c, next, undefined, 429);
    const actor = { id: organiser.id, email: organiser.email };
    const factor = await verifySecondFactor(db, organiser.id, code, now);
    if (!factor) {
      await recordLoginFailure(db, [key], now);
      await logAction(c, 'second_factor_failed', `organiser:${organiser.id}`, { actor });
      return renderStep(c, next, 'login2_code_wrong', 422);
    }
    // The half-way session ends; a fresh one begins (its id was known before the second factor).
    await deleteSession(db, getCookie(c, SESSION_COOKIE) ?? '');
    const { token } = await createSession(db, organiser.id, now);
    setSessionCookie(c, token);
    if (factor === 'recovery') await logAction(c, 'recovery_code_used', `organiser:${organiser.id}`, { actor });
    await logAction(c, 'sign_in', `organiser:${organiser.id}`, { actor, detail: { second_factor: factor } });
    return c.redirect(next ?? '/admin', 303);
  });
