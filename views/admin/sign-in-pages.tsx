import type { ChangePasswordField } from '../../src/domain/account';
import type { MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';
import { CodeInput, NewPasswordFields } from './account-pages';
import { CsrfField, ErrorSummary, type FieldErrors, FormNotice, TextInput } from './components';

/** The second step of signing in: a code from the authenticator app or a recovery code. */
export function SecondFactorPage(props: { next: string | undefined; error?: MessageKey | undefined; notice?: { key: MessageKey; kind: 'alert' } | undefined }) {
  const { t } = useI18n();
  const errors: FieldErrors<'code'> = props.error ? { code: props.error } : {};
  return (
    <div class="admin admin-login">
      <h1>{t('login2_title')}</h1>
      <p>{t('login2_intro')}</p>
      <FormNotice notice={props.notice} />
      <ErrorSummary errors={errors} labels={{ code: 'login2_code' }} />
      <form method="post" action="/admin/login/two-factor" novalidate>
        <CsrfField />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <CodeInput label="login2_code" error={props.error} digitsOnly={false} />
        <p>
          <button type="submit">{t('login2_submit')}</button>
        </p>
      </form>
      <form method="post" action="/admin/logout">
        <CsrfField />
        <button type="submit" class="secondary">
          {t('login2_cancel')}
        </button>
      </form>
    </div>
  );
}

/** "Forgot password": an address in, the same answer out whether it has an account or not. */
export function ForgotPasswordPage(props: { email: string; sent: boolean; error?: MessageKey | undefined }) {
  const { t } = useI18n();
  const errors: FieldErrors<'email'> = props.error ? { email: props.error } : {};
  return (
    <div class="admin admin-login">
      <h1>{t('forgot_title')}</h1>
      {props.sent ? <FormNotice notice={{ key: 'forgot_sent', kind: 'status' }} /> : <p>{t('forgot_intro')}</p>}
      <ErrorSummary errors={errors} labels={{ email: 'admin_login_email' }} />
      <form method="post" action="/admin/password/forgot" novalidate>
        <TextInput field="email" label="admin_login_email" type="email" autocomplete="username" value={props.email} error={props.error} required maxlength={254} />
        <p>
          <button type="submit">{t('forgot_submit')}</button>
        </p>
      </form>
      <p>
        <a href="/admin/login">{t('admin_login_title')}</a>
      </p>
    </div>
  );
}

/** A new password through a mailed link; a link that no longer works says so and offers a new one. */
export function ResetPasswordPage(props: { action: string | null; email: string; errors: FieldErrors<ChangePasswordField> }) {
  const { t } = useI18n();
  return (
    <div class="admin admin-login">
      <h1>{t('reset_title')}</h1>
      {props.action ? (
        <>
          <p>{t('reset_intro', { email: props.email })}</p>
          <ErrorSummary errors={props.errors} labels={{ password: 'account_new_password', confirm: 'account_confirm_password' }} />
          <form method="post" action={props.action} novalidate>
            {/* For password managers: which account this password belongs to. */}
            <input type="hidden" name="username" autocomplete="username" value={props.email} />
            <NewPasswordFields errors={props.errors} />
            <p>
              <button type="submit">{t('reset_submit')}</button>
            </p>
          </form>
        </>
      ) : (
        <>
          <FormNotice notice={{ key: 'reset_invalid', kind: 'alert' }} />
          <p>
            <a href="/admin/password/forgot">{t('forgot_title')}</a>
          </p>
        </>
      )}
    </div>
  );
}
