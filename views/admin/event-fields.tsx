import type { Child } from 'hono/jsx';
import type { MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';
import { AdminPage, CsrfField, errorId, inputId } from './components';

const hintId = (field: string) => `hint-${field}`;

/** aria-describedby for a field: its hint and its error, whichever it has. */
const describedBy = (field: string, hint?: MessageKey, error?: MessageKey) =>
  [hint ? hintId(field) : '', error ? errorId(field) : ''].filter(Boolean).join(' ') || undefined;

interface FieldProps {
  field: string;
  /** Makes ids unique when one page holds several forms with the same field names. */
  idPrefix?: string | undefined;
  label: MessageKey;
  hint?: MessageKey | undefined;
  error?: MessageKey | undefined;
  required?: boolean;
}

const key = (props: FieldProps) => (props.idPrefix ?? '') + props.field;

function FieldShell(props: FieldProps & { children: Child }) {
  const { t } = useI18n();
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={inputId(key(props))}>
        {t(props.label)}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {props.hint ? (
        <p class="hint" id={hintId(key(props))}>
          {t(props.hint)}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={errorId(key(props))}>
          {t(props.error)}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

/** A labelled input (any type) with its hint and error bound by aria-describedby. */
export function Input(
  props: FieldProps & { value: string; type?: string; maxlength?: number; autocomplete?: string; inputmode?: 'numeric' | 'text' | 'email' | 'url' | 'tel'; pattern?: string; size?: number },
) {
  return (
    <FieldShell {...props}>
      <input
        type={props.type ?? 'text'}
        id={inputId(key(props))}
        name={props.field}
        value={props.value}
        maxlength={props.maxlength}
        autocomplete={props.autocomplete ?? 'off'}
        inputmode={props.inputmode}
        pattern={props.pattern}
        size={props.size}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(key(props), props.hint, props.error)}
      />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { value: string; rows?: number; maxlength?: number }) {
  return (
    <FieldShell {...props}>
      <textarea
        id={inputId(key(props))}
        name={props.field}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(key(props), props.hint, props.error)}
      >
        {props.value}
      </textarea>
    </FieldShell>
  );
}

export function Select(props: FieldProps & { value: string; options: { value: string; label: string }[]; autofocus?: boolean }) {
  return (
    <FieldShell {...props}>
      <select
        id={inputId(key(props))}
        name={props.field}
        autofocus={props.autofocus}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(key(props), props.hint, props.error)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of checkboxes in a fieldset, its legend as the label; the error names the group. */
export function Checkboxes(props: FieldProps & { values: string[]; options: { value: string; label: string }[]; empty?: MessageKey }) {
  const { t } = useI18n();
  return (
    <fieldset
      class={`field checkboxes${props.error ? ' field-invalid' : ''}`}
      id={inputId(key(props))}
      aria-describedby={describedBy(key(props), props.hint, props.error)}
    >
      <legend>{t(props.label)}</legend>
      {props.error ? (
        <p class="field-error" id={errorId(key(props))}>
          {t(props.error)}
        </p>
      ) : null}
      {props.options.length === 0 && props.empty ? <p class="hint">{t(props.empty)}</p> : null}
      {props.options.map((o) => (
        <div class="checkbox">
          <input type="checkbox" id={`${inputId(key(props))}-${o.value}`} name={props.field} value={o.value} checked={props.values.includes(o.value)} />
          <label for={`${inputId(key(props))}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Checkbox(props: FieldProps & { checked: boolean }) {
  const { t } = useI18n();
  return (
    <div class="field checkbox">
      <input type="checkbox" id={inputId(key(props))} name={props.field} value="1" checked={props.checked} />
      <label for={inputId(key(props))}>{t(props.label)}</label>
    </div>
  );
}

/** A status line after a successful action (role=status so that screen readers announce it). */
export function Notice({ text, kind = 'success' }: { text: string | undefined; kind?: 'success' | 'warning' }) {
  if (!text) return null;
  return (
    <p class={kind === 'success' ? 'success' : 'warning'} role="status">
      {text}
    </p>
  );
}

/** A form with one button posting to `action` (with the form token and any hidden fields). */
export function ActionButton(props: { action: string; label: string; fields?: Record<string, string>; class?: string; ariaLabel?: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.class} aria-label={props.ariaLabel}>
        {props.label}
      </button>
    </form>
  );
}

/**
 * The confirmation step of a destructive action, which works without JavaScript: the same POST again with confirm=yes,
 * or back.
 */
export function ConfirmPage(props: { title: string; question: string; action: string; back: string; fields?: Record<string, string> }) {
  const { t } = useI18n();
  return (
    <AdminPage title={props.title} current="events">
      <div class="confirm" role="alert">
        <p>{props.question}</p>
      </div>
      <form method="post" action={props.action}>
        <CsrfField />
        <input type="hidden" name="confirm" value="yes" />
        {Object.entries(props.fields ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <p>
          <button type="submit" class="danger">
            {t('edit_confirm_yes')}
          </button>{' '}
          <a href={props.back}>{t('edit_confirm_no')}</a>
        </p>
      </form>
    </AdminPage>
  );
}
