import { Hono } from 'hono';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { type LoginState, LoginPage } from '../../../views/admin/login';
import { SESSION_COOKIE, clearSessionCookie, safeNext } from './session';
import { clientKey } from '../../client-address';
import { authenticate, deleteSession } from '../../domain/auth';
import { blockedUntil, clearFirstKey, loginKeys, recordHit, secondsUntil } from '../../domain/rate-limits';
import { GateFull } from '../../domain/work-gate';
import type { AppEnv } from '../../env';
import { logAction } from '../audit';
import { formData } from '../request-helpers';
import { passwordAccepted } from './sign-in-steps';

function renderLogin(c: Context<AppEnv>, state: LoginState, status: 200 | 422 | 429 | 503 = 200) {
  c.status(status);
  return c.render(<LoginPage state={state} />, { title: c.var.t('admin_login_title') });
}

const field = (form: FormData, name: string, max: number) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
};

/** Sign-in and sign-out; mounted under /admin before `requireOrganiser`. */
export const authRoutes = new Hono<AppEnv>()
  .get('/login', (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.var.organiser) return c.redirect(next ?? '/admin', 303);
    const notice =
      c.req.query('signed_out') !== undefined
        ? ({ key: 'admin_signed_out', kind: 'status' } as const)
        : c.req.query('reset') !== undefined
          ? ({ key: 'reset_done', kind: 'status' } as const)
          : undefined;
    return renderLogin(c, { email: '', next, errors: {}, notice });
  })
  .post('/login', async (c) => {
    const { db, clock } = c.var.deps;
    const form = await formData(c);
    const email = field(form, 'email', 254).trim();
    const password = field(form, 'password', 1000);
    const next = safeNext(field(form, 'next', 2000));
    const state: LoginState = { email, next, errors: {} };
    if (!email) state.errors.email = 'admin_login_email_required';
    if (!password) state.errors.password = 'admin_login_password_required';
    if (state.errors.email || state.errors.password) return renderLogin(c, state, 422);

    const now = clock();
    const keys = loginKeys(email, clientKey(c));
    const until = await blockedUntil(db, keys, now);
    if (until) {
      const seconds = secondsUntil(until, now);
      c.header('Retry-After', String(seconds));
      const notice: LoginState['notice'] =
        seconds < 120
          ? { key: 'admin_login_wait_seconds', params: { seconds }, kind: 'alert' }
          : { key: 'admin_login_rate_limited', params: { minutes: Math.ceil(seconds / 60) }, kind: 'alert' };
      return renderLogin(c, { ...state, notice }, 429);
    }

    let organiser: Awaited<ReturnType<typeof authenticate>>;
    try {
      organiser = await authenticate(db, email, password);
    } catch (error) {
      if (!(error instanceof GateFull)) throw error;
      // Refused before any work: not a failure of this address, and a moment later it goes through.
      c.header('Retry-After', '5');
      return renderLogin(c, { ...state, notice: { key: 'admin_login_busy', kind: 'alert' } }, 503);
    }
    if (!organiser) {
      await recordHit(db, keys, now);
      await logAction(c, 'sign_in_failed', email);
      // One message whether the address is unknown or the password wrong, so addresses cannot be probed.
      return renderLogin(c, { ...state, errors: { password: 'admin_login_failed' } }, 422);
    }
    await clearFirstKey(db, keys);
    return passwordAccepted(c, organiser, next);
  })
  .post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.var.deps.db, token);
    clearSessionCookie(c);
    return c.redirect('/admin/login?signed_out', 303);
  });
