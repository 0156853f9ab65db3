import { type Context, Hono } from 'hono';
import { type AccountPageProps, AccountPage, EnrolPage, RecoveryCodesPage } from '../../../views/admin/account-pages';
import type { AdminEnv } from './session';
import { accountState, changeOwnPassword, isOwnPassword } from '../../domain/account';
import { confirmEnrolment, disableTwoFactor, enrolmentSecret, replaceRecoveryCodes } from '../../domain/two-factor';
import { groupSecret, otpauthUri } from '../../domain/totp';
import { DomainError } from '../../errors';
import type { MessageKey } from '../../i18n/index';
import { qrSvg } from '../../qr-svg';
import { logAction } from '../audit';
import { formData } from '../request-helpers';
import { dutyNotice } from './account-gate';

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, 1000) : '';
};

const twoFactorRequired = (c: Context<AdminEnv>) => !!c.var.deps.config.requireTwoFactor && c.var.organiser.role === 'admin';

async function renderAccount(c: Context<AdminEnv>, extra: Partial<AccountPageProps> = {}, status: 200 | 422 = 200) {
  const state = await accountState(c.var.deps.db, c.var.organiser.id);
  const notices: Record<string, MessageKey> = { changed: 'account_password_changed', disabled: 'twofa_disabled_notice' };
  c.status(status);
  return c.render(
    <AccountPage
      duty={await dutyNotice(c)}
      notice={notices[c.req.query('done') ?? '']}
      errors={{}}
      twoFactorErrors={{}}
      twoFactorSince={state.twoFactorSince}
      recoveryCodesLeft={state.recoveryCodesLeft}
      twoFactorRequired={twoFactorRequired(c)}
      {...extra}
    />,
    { title: c.var.t('account_title') },
  );
}

async function renderEnrol(c: Context<AdminEnv>, error?: MessageKey) {
  const secret = await enrolmentSecret(c.var.deps.db, c.var.organiser.id);
  if (!secret) return c.redirect('/admin/account', 303);
  const issuer = new URL(c.var.deps.config.baseUrl).hostname === 'localhost' ? 'Samling' : `Samling (${new URL(c.var.deps.config.baseUrl).hostname})`;
  const qr = qrSvg(otpauthUri(secret, c.var.organiser.email, issuer), c.var.t('twofa_qr_label'));
  c.status(error ? 422 : 200);
  return c.render(<EnrolPage qr={qr} secret={groupSecret(secret)} error={error} duty={await dutyNotice(c)} />, { title: c.var.t('twofa_enrol_title') });
}

/** /admin/account: the signed-in organiser's own password and two-factor sign-in. */
export const accountRoutes = new Hono<AdminEnv>()
  .get('/', (c) => renderAccount(c))
  .post('/password', async (c) => {
    const form = await formData(c);
    const { db } = c.var.deps;
    const wasTemporary = (await accountState(db, c.var.organiser.id)).mustChangePassword;
    const errors = await changeOwnPassword(db, c.var.organiser.id, c.var.session.id, {
      current: field(form, 'current'),
      password: field(form, 'password'),
      confirm: field(form, 'confirm'),
    });
    if (Object.keys(errors).length) return renderAccount(c, { errors }, 422);
    await logAction(c, 'password_changed', `organiser:${c.var.organiser.id}`);
    // After a one-time password, on to what the organiser came for (or the next duty).
    return c.redirect(wasTemporary ? '/admin' : '/admin/account?done=changed', 303);
  })
  .get('/two-factor', (c) => renderEnrol(c))
  .post('/two-factor', async (c) => {
    const code = field(await formData(c), 'code');
    const codes = await confirmEnrolment(c.var.deps.db, c.var.organiser.id, code, c.var.deps.clock());
    if (!codes) return renderEnrol(c, 'twofa_code_wrong');
    await logAction(c, 'two_factor_enabled', `organiser:${c.var.organiser.id}`);
    return c.render(<RecoveryCodesPage codes={codes} title="twofa_enabled_title" />, { title: c.var.t('twofa_enabled_title') });
  })
  .post('/two-factor/change', async (c) => {
    const form = await formData(c);
    const { db } = c.var.deps;
    const id = c.var.organiser.id;
    if (!(await isOwnPassword(db, id, field(form, 'confirm_password')))) {
      return renderAccount(c, { twoFactorErrors: { confirm_password: 'twofa_password_wrong' } }, 422);
    }
    if (!(await accountState(db, id)).twoFactorSince) return c.redirect('/admin/account', 303);
    if (form.get('do') === 'codes') {
      const codes = await replaceRecoveryCodes(db, id);
      await logAction(c, 'recovery_codes_created', `organiser:${id}`);
      return c.render(<RecoveryCodesPage codes={codes} title="twofa_codes_label" />, { title: c.var.t('twofa_codes_label') });
    }
    if (twoFactorRequired(c)) throw new DomainError(403, 'twofa_required_cannot_disable');
    await disableTwoFactor(db, id);
    await logAction(c, 'two_factor_disabled', `organiser:${id}`);
    return c.redirect('/admin/account?done=disabled', 303);
  });
