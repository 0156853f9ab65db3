import { raw } from 'hono/html';
import type { ChangePasswordField } from '../../src/domain/account';
import { PASSWORD_MIN_LENGTH } from '../../src/domain/passwords';
import type { MessageKey } from '../../src/i18n/index';
import { formatDate } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage, CsrfField, ErrorSummary, type FieldErrors, FormNotice, TextInput } from './components';

// Organisers have no zone of their own; the app's home zone reads right for them.
const ZONE = 'Europe/Oslo';

const passwordLabels = { current: 'account_current_password', password: 'account_new_password', confirm: 'account_confirm_password' } as const;

/** New password and its repetition, with the length rule as a hint; for the account page and the reset page. */
export function NewPasswordFields({ errors }: { errors: FieldErrors<ChangePasswordField> }) {
  const { t } = useI18n();
  return (
    <>
      <TextInput field="password" label="account_new_password" type="password" autocomplete="new-password" error={errors.password} required maxlength={1000} hint={t('account_new_password_hint', { min: PASSWORD_MIN_LENGTH })} />
      <TextInput field="confirm" label="account_confirm_password" type="password" autocomplete="new-password" error={errors.confirm} required maxlength={1000} />
    </>
  );
}

export interface AccountPageProps {
  duty?: MessageKey | undefined;
  notice?: MessageKey | undefined;
  errors: FieldErrors<ChangePasswordField>;
  twoFactorErrors: FieldErrors<'confirm_password'>;
  twoFactorSince: string | null;
  recoveryCodesLeft: number;
  /** Admins under REQUIRE_2FA cannot turn it off. */
  twoFactorRequired: boolean;
}

/** The signed-in organiser's own account: change the password, turn two-factor sign-in on or off. */
export function AccountPage(props: AccountPageProps) {
  const { t, lang } = useI18n();
  return (
    <AdminPage title={t('account_title')} current="account">
      <FormNotice notice={props.duty ? { key: props.duty, kind: 'alert' } : undefined} />
      <FormNotice notice={props.notice ? { key: props.notice, kind: 'status' } : undefined} />
      <h2 id="password-heading">{t('account_password_heading')}</h2>
      <ErrorSummary errors={props.errors} labels={passwordLabels} />
      <form method="post" action="/admin/account/password" novalidate aria-labelledby="password-heading">
        <CsrfField />
        <TextInput field="current" label="account_current_password" type="password" autocomplete="current-password" error={props.errors.current} required maxlength={1000} />
        <NewPasswordFields errors={props.errors} />
        <p>
          <button type="submit">{t('account_change_submit')}</button>
        </p>
      </form>

      <h2 id="twofa-heading">{t('twofa_heading')}</h2>
      {props.twoFactorSince ? (
        <>
          <p>{t('twofa_on', { date: formatDate(props.twoFactorSince, ZONE, lang), count: props.recoveryCodesLeft })}</p>
          <ErrorSummary errors={props.twoFactorErrors} labels={{ confirm_password: 'twofa_password_for_change' }} />
          <form method="post" action="/admin/account/two-factor/change" novalidate aria-labelledby="twofa-heading">
            <CsrfField />
            <TextInput field="confirm_password" label="twofa_password_for_change" type="password" autocomplete="current-password" error={props.twoFactorErrors.confirm_password} required maxlength={1000} />
            <p>
              <button type="submit" name="do" value="codes">
                {t('twofa_new_codes')}
              </button>{' '}
              {props.twoFactorRequired ? null : (
                <button type="submit" name="do" value="disable">
                  {t('twofa_disable')}
                </button>
              )}
            </p>
            {props.twoFactorRequired ? <p>{t('twofa_required_cannot_disable')}</p> : null}
          </form>
        </>
      ) : (
        <>
          <p>{t('twofa_off')}</p>
          <p>
            <a href="/admin/account/two-factor" class="button">
              {t('twofa_start')}
            </a>
          </p>
        </>
      )}
    </AdminPage>
  );
}

/** Enrolment: the QR code and the same secret as text, then a code to prove the app has it. */
export function EnrolPage(props: { qr: string; secret: string; error?: MessageKey | undefined; duty?: MessageKey | undefined }) {
  const { t } = useI18n();
  const errors: FieldErrors<'code'> = props.error ? { code: props.error } : {};
  return (
    <AdminPage title={t('twofa_enrol_title')} current="account">
      <FormNotice notice={props.duty ? { key: props.duty, kind: 'alert' } : undefined} />
      <ErrorSummary errors={errors} labels={{ code: 'twofa_code' }} />
      <ol class="enrol-steps">
        <li>
          <p>{t('twofa_enrol_step1')}</p>
          <figure class="totp-qr">{raw(props.qr)}</figure>
          <p>{t('twofa_enrol_manual')}</p>
          <p>
            <code class="totp-secret">{props.secret}</code>
          </p>
        </li>
        <li>
          <p>{t('twofa_enrol_step2')}</p>
          <form method="post" action="/admin/account/two-factor" novalidate>
            <CsrfField />
            <CodeInput label="twofa_code" error={props.error} />
            <p>
              <button type="submit">{t('twofa_confirm_submit')}</button>
            </p>
          </form>
        </li>
      </ol>
    </AdminPage>
  );
}

/** A one-time code field: digits from an app (or, at sign-in, a recovery code), filled in by the phone where it can. */
export function CodeInput(props: { label: MessageKey; error?: MessageKey | undefined; digitsOnly?: boolean }) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for="f-code">{t(props.label)}</label>
      {props.error ? (
        <p class="field-error" id="err-code">
          {t(props.error)}
        </p>
      ) : null}
      <input
        type="text"
        id="f-code"
        name="code"
        autocomplete="one-time-code"
        inputmode={props.digitsOnly === false ? undefined : 'numeric'}
        maxlength={40}
        size={12}
        spellcheck={false}
        aria-required="true"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? 'err-code' : undefined}
      />
    </div>
  );
}

/** The recovery codes, shown once, right after they were made. */
export function RecoveryCodesPage({ codes, title }: { codes: string[]; title: MessageKey }) {
  const { t } = useI18n();
  return (
    <AdminPage title={t(title)} current="account">
      <p class="success" role="status">
        {t('twofa_codes_intro')}
      </p>
      <h2 id="codes-heading">{t('twofa_codes_label')}</h2>
      <ul class="recovery-codes" aria-labelledby="codes-heading">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/admin/account" class="button">
          {t('twofa_codes_done')}
        </a>
      </p>
    </AdminPage>
  );
}
