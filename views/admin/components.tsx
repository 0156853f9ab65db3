import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../../src/routes/admin/session';
import type { MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';

/** The signed-in session's form token, for forms and URLs built by hand. */
export function useCsrfToken(): string {
  return useI18n().c.var.session?.csrf_token ?? '';
}

/** The hidden form token; put it in every admin <form method="post"> (url-encoded forms). */
export function CsrfField() {
  return <input type="hidden" name={CSRF_FIELD} value={useCsrfToken()} />;
}

export type AdminSection = 'events' | 'organisers' | 'outbox' | 'api' | 'account' | 'audit' | 'backup';

const NAV: { section: AdminSection; href: string; label: MessageKey; adminOnly?: true }[] = [
  { section: 'events', href: '/admin', label: 'admin_nav_events' },
  { section: 'outbox', href: '/admin/outbox', label: 'ap_outbox_title' },
  { section: 'api', href: '/admin/api-tokens', label: 'admin_nav_api' },
  { section: 'organisers', href: '/admin/organisers', label: 'admin_nav_organisers', adminOnly: true },
  { section: 'audit', href: '/admin/audit', label: 'admin_nav_audit', adminOnly: true },
  { section: 'backup', href: '/admin/backup', label: 'backup_nav', adminOnly: true },
  { section: 'account', href: '/admin/account', label: 'admin_nav_account' },
];

/**
 * The organiser area's navigation: events, mail status, API tokens, organisers, the log and backup (admins), one's own account,
 * and signing out (a POST form).
 */
export function AdminNav({ current }: { current?: AdminSection | undefined }) {
  const { t, c } = useI18n();
  const organiser = c.var.organiser;
  if (!organiser) return null;
  return (
    <nav class="admin-nav" aria-label={t('admin_nav_label')}>
      <ul>
        {NAV.filter((item) => !item.adminOnly || organiser.role === 'admin').map((item) => (
          <li>
            <a href={item.href} aria-current={current === item.section ? 'page' : undefined}>
              {t(item.label)}
            </a>
          </li>
        ))}
        <li>
          <form method="post" action="/admin/logout" class="inline-form">
            <CsrfField />
            <span class="signed-in-as">{t('admin_signed_in_as', { name: organiser.name })}</span>{' '}
            <button type="submit">{t('admin_sign_out')}</button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

/** A message about a whole form or page, not one of its fields: an alert (refused, required first) or a status. */
export function FormNotice({ notice }: { notice?: { key: MessageKey; params?: Record<string, string | number>; kind: 'alert' | 'status' } | undefined }) {
  const { t } = useI18n();
  if (!notice) return null;
  return (
    <p class={notice.kind === 'alert' ? 'error-summary' : 'success'} role={notice.kind}>
      {t(notice.key, notice.params)}
    </p>
  );
}

/** Every admin page: the admin navigation above the page's own heading and content. */
export function AdminPage(props: { title: string; current?: AdminSection; children: Child }) {
  return (
    <div class="admin">
      <AdminNav current={props.current} />
      <h1>{props.title}</h1>
      {props.children}
    </div>
  );
}

export type FieldErrors<F extends string> = Partial<Record<F | 'form', MessageKey>>;

export const inputId = (field: string) => `f-${field}`;
export const errorId = (field: string) => `err-${field}`;

/** The list of a form's errors at its top, announced and focused, each linking to its field. */
export function ErrorSummary<F extends string>({ errors, labels }: { errors: FieldErrors<F>; labels: Partial<Record<F, MessageKey>> }) {
  const { t } = useI18n();
  const entries = Object.entries(errors) as [F | 'form', MessageKey][];
  if (!entries.length) return null;
  return (
    <div class="error-summary" id="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('admin_errors_heading')}</h2>
      <ul>
        {entries.map(([field, key]) => {
          const label = field === 'form' ? undefined : labels[field];
          return label ? (
            <li>
              <a href={`#${inputId(field)}`}>
                {t(label)}: {t(key)}
              </a>
            </li>
          ) : (
            <li>{t(key)}</li>
          );
        })}
      </ul>
    </div>
  );
}

/** A labelled input with its error beside it, bound by for/id and aria-describedby. */
export function TextInput(props: {
  field: string;
  label: MessageKey;
  value?: string;
  error?: MessageKey | undefined;
  type?: 'text' | 'email' | 'password';
  autocomplete: string;
  required?: boolean;
  maxlength?: number;
  /** A hint under the label, already translated. */
  hint?: string;
}) {
  const { t } = useI18n();
  const hintId = `hint-${props.field}`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId(props.field) : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={inputId(props.field)}>{t(props.label)}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={errorId(props.field)}>
          {t(props.error)}
        </p>
      ) : null}
      <input
        type={props.type ?? 'text'}
        id={inputId(props.field)}
        name={props.field}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        aria-required={props.required ? 'true' : undefined}
        maxlength={props.maxlength}
        spellcheck={props.type === 'email' || props.type === 'password' ? false : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}
