import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { ForgotPasswordPage, ResetPasswordPage } from '../../../views/admin/sign-in-pages';
import { newPasswordError } from '../../domain/account';
import { completePasswordReset, requestPasswordReset, resetLinkOwner, resetPath } from '../../domain/password-reset';
import type { AppEnv } from '../../env';
import { logAction } from '../audit';
import { formData } from '../request-helpers';

const field = (form: FormData, name: string, max: number) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
};

// The link's token is in the address: no Referer may carry it anywhere, and no cache may keep the page.
const privatePage = (c: Context<AppEnv>) => c.header('referrer-policy', 'no-referrer');

async function renderReset(c: Context<AppEnv>, errors: Parameters<typeof ResetPasswordPage>[0]['errors'] = {}, status: 200 | 410 | 422 = 200) {
  privatePage(c);
  const token = c.req.param('token') ?? '';
  const owner = await resetLinkOwner(c.var.deps.db, token, c.var.deps.clock());
  c.status(owner ? status : 410);
  return c.render(<ResetPasswordPage action={owner ? resetPath(token) : null} email={owner?.email ?? ''} errors={errors} />, {
    title: c.var.t('reset_title'),
  });
}

/** "Forgot password" and the mailed link that sets a new one; mounted under /admin before `requireOrganiser`. */
export const passwordResetRoutes = new Hono<AppEnv>()
  .get('/password/forgot', (c) => c.render(<ForgotPasswordPage email="" sent={false} />, { title: c.var.t('forgot_title') }))
  .post('/password/forgot', async (c) => {
    const email = field(await formData(c), 'email', 254).trim();
    if (!z.email().safeParse(email).success) {
      c.status(422);
      return c.render(<ForgotPasswordPage email={email} sent={false} error="admin_email_invalid" />, { title: c.var.t('forgot_title') });
    }
    const { db, clock, config, outboxChanged } = c.var.deps;
    const queued = await requestPasswordReset(db, email, c.var.lang, clock(), config);
    if (queued) {
      outboxChanged();
      await logAction(c, 'password_reset_requested', `organiser:${queued.organiserId}`);
    }
    // The same page whether or not the address has an account.
    return c.render(<ForgotPasswordPage email="" sent />, { title: c.var.t('forgot_title') });
  })
  .get('/password/reset/:token', (c) => renderReset(c))
  .post('/password/reset/:token', async (c) => {
    const form = await formData(c);
    const password = field(form, 'password', 1001);
    const rule = newPasswordError(password, field(form, 'confirm', 1001));
    if (rule) return renderReset(c, rule === 'account_password_mismatch' ? { confirm: rule } : { password: rule }, 422);
    const owner = await completePasswordReset(c.var.deps.db, c.req.param('token'), password, c.var.deps.clock());
    if (!owner) return renderReset(c);
    await logAction(c, 'password_reset', `organiser:${owner.id}`, { actor: { id: owner.id, email: owner.email } });
    privatePage(c);
    return c.redirect('/admin/login?reset', 303);
  });
