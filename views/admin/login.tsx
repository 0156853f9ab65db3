import type { MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';
import { ErrorSummary, type FieldErrors, FormNotice, TextInput } from './components';

export type LoginField = 'email' | 'password';

export interface LoginState {
  email: string;
  next: string | undefined;
  errors: FieldErrors<LoginField>;
  /** A message for the whole form that is not an error of a field: rate limited, signed out. */
  notice?: { key: MessageKey; params?: Record<string, string | number>; kind: 'alert' | 'status' } | undefined;
}

/** The sign-in form; the password is never sent back. */
export function LoginPage({ state }: { state: LoginState }) {
  const { t } = useI18n();
  return (
    <div class="admin admin-login">
      <h1>{t('admin_login_title')}</h1>
      <p>{t('admin_login_intro')}</p>
      <FormNotice notice={state.notice} />
      <ErrorSummary errors={state.errors} labels={{ email: 'admin_login_email', password: 'admin_login_password' }} />
      <form method="post" action="/admin/login" novalidate>
        {state.next ? <input type="hidden" name="next" value={state.next} /> : null}
        <TextInput field="email" label="admin_login_email" type="email" autocomplete="username" value={state.email} error={state.errors.email} required maxlength={254} />
        <TextInput field="password" label="admin_login_password" type="password" autocomplete="current-password" error={state.errors.password} required maxlength={1000} />
        <p>
          <button type="submit">{t('admin_login_submit')}</button>
        </p>
      </form>
      <p>
        <a href="/admin/password/forgot">{t('forgot_link')}</a>
      </p>
    </div>
  );
}
