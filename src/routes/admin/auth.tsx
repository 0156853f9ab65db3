import { Hono } from 'hono';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { type LoginState, LoginPage } from '../../../views/admin/login';
import { SESSION_COOKIE, clearSessionCookie, clientAddress, safeNext } from './session';
import {
  LOGIN_LIMITS,
  authenticate,
  clearLoginFailures,
  deleteSession,
  emailKey,
  ipKey,
  loginBlockedUntil,
  recordLoginFailure,
} from '../../domain/auth';
import type { AppEnv } from '../../env';
import { logAction } from '../audit';
import { formData } from '../request-helpers';
import { passwordAccepted } from './sign-in-steps';

function renderLogin(c: Context<AppEnv>, state: LoginState, status: 200 | 422 | 429 = 200) {
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
    const address = clientAddress(c);
    const keys: { key: string; limit: number }[] = [{ key: emailKey(email), limit: LOGIN_LIMITS.email }];
    if (address) keys.push({ key: ipKey(address), limit: LOGIN_LIMITS.ip });
    const blockedUntil = await loginBlockedUntil(db, keys, now);
    if (blockedUntil) {
      const seconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
      c.header('Retry-After', String(seconds));
      return renderLogin(c, { ...state, notice: { key: 'admin_login_rate_limited', params: { minutes: Math.ceil(seconds / 60) }, kind: 'alert' } }, 429);
    }

    const organiser = await authenticate(db, email, password);
    if (!organiser) {
      await recordLoginFailure(db, keys.map((k) => k.key), now);
      await logAction(c, 'sign_in_failed', email);
      // One message whether the address is unknown or the password wrong, so addresses cannot be probed.
      return renderLogin(c, { ...state, errors: { password: 'admin_login_failed' } }, 422);
    }
    await clearLoginFailures(db, emailKey(email));
    return passwordAccepted(c, organiser, next);
  })
  .post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.var.deps.db, token);
    clearSessionCookie(c);
    return c.redirect('/admin/login?signed_out', 303);
  });
