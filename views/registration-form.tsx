import type { Child } from 'hono/jsx';
import type { EventRow, QuestionRow } from '../db/schema';
import {
  type FieldError,
  type FormErrors,
  type FormValues,
  LIMITS,
  questionField,
  questionOptions,
} from '../src/domain/questions';
import type { MessageKey } from '../src/i18n/index';
import { HONEYPOT_FIELD } from '../src/routes/registration-guard';
import { formatDay } from '../src/time';
import { useI18n } from './context';

export interface FormState {
  values: FormValues;
  errors: FormErrors;
}

/** Everything a field needs to render itself, in the full form and alone (inline validation). */
export interface FieldContext {
  event: EventRow;
  questions: readonly QuestionRow[];
  state: FormState;
  /** The inline-validation endpoint; `?field=<name>` is added per field. */
  validateUrl: string;
  mode: 'register' | 'edit';
}

export const inputId = (field: string) => `f-${field}`;
const errorId = (field: string) => `err-${field}`;
const hintId = (field: string) => `hint-${field}`;
const describedBy = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

function ErrorText({ field, error }: { field: string; error: FieldError | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p class="field-error" id={errorId(field)} role="alert">
      {t(error.key, error.params)}
    </p>
  );
}

/** The part htmx swaps after inline validation: it re-posts the form and gets this block back for one field. */
function FieldBox(props: { field: string; ctx: FieldContext; validate?: boolean; children: Child }) {
  const url = `${props.ctx.validateUrl}?field=${encodeURIComponent(props.field)}`;
  return (
    <div
      class="field"
      id={`field-${props.field}`}
      {...(props.validate === false
        ? {}
        : { 'data-hx-post': url, 'data-hx-trigger': 'change', 'data-hx-target': 'this', 'data-hx-swap': 'outerHTML', 'data-hx-sync': 'closest form:abort' })}
    >
      {props.children}
    </div>
  );
}

function Required() {
  return <span aria-hidden="true"> *</span>;
}

function TextField(props: {
  ctx: FieldContext;
  field: 'name' | 'email' | 'organisation' | 'job_title';
  label: MessageKey;
  hint?: MessageKey;
  type?: 'text' | 'email';
  autocomplete: string;
  required: boolean;
}) {
  const { t } = useI18n();
  const { field, ctx } = props;
  const error = ctx.state.errors[field];
  return (
    <FieldBox field={field} ctx={ctx}>
      <label for={inputId(field)}>
        {t(props.label)}
        {props.required ? <Required /> : null}
        {props.hint ? (
          <span class="hint" id={hintId(field)}>
            {t(props.hint)}
          </span>
        ) : null}
      </label>
      <ErrorText field={field} error={error} />
      <input
        type={props.type ?? 'text'}
        id={inputId(field)}
        name={field}
        value={ctx.state.values[field]}
        autocomplete={props.autocomplete}
        maxlength={LIMITS[field]}
        spellcheck={props.type === 'email' ? false : undefined}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.hint && hintId(field), error && errorId(field))}
      />
    </FieldBox>
  );
}

function QuestionField({ ctx, question }: { ctx: FieldContext; question: QuestionRow }) {
  const { t, lang } = useI18n();
  const field = questionField(question.id);
  const error = ctx.state.errors[field];
  const given = ctx.state.values.answers[question.id] ?? [];
  const required = question.required === 1;
  // The organiser's words are in the event's language.
  const contentLang = ctx.event.language === lang ? undefined : ctx.event.language;
  const hint = question.help ? (
    <span class="hint" id={hintId(field)} lang={contentLang}>
      {question.help}
    </span>
  ) : null;
  const described = describedBy(question.help && hintId(field), error && errorId(field));

  if (question.type === 'short_text' || question.type === 'long_text') {
    const common = {
      id: inputId(field),
      name: field,
      maxlength: LIMITS[question.type],
      'aria-required': required ? 'true' : undefined,
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': described,
    };
    return (
      <FieldBox field={field} ctx={ctx}>
        <label for={inputId(field)}>
          <span lang={contentLang}>{question.label}</span>
          {required ? <Required /> : null}
          {hint}
        </label>
        <ErrorText field={field} error={error} />
        {question.type === 'short_text' ? <input type="text" value={given[0] ?? ''} {...common} /> : <textarea {...common}>{given[0] ?? ''}</textarea>}
      </FieldBox>
    );
  }

  const multiple = question.type === 'multi_choice' || question.type === 'days';
  const options: { value: string; label: string }[] =
    question.type === 'yes_no'
      ? [
          { value: 'yes', label: t('reg_yes') },
          { value: 'no', label: t('reg_no') },
        ]
      : questionOptions(question, ctx.event).map((value) => ({ value, label: question.type === 'days' ? formatDay(value, lang) : value }));
  return (
    <FieldBox field={field} ctx={ctx}>
      <fieldset id={inputId(field)} tabindex={-1} aria-describedby={described}>
        <legend>
          <span lang={contentLang}>{question.label}</span>
          {required ? <Required /> : null}
          {hint}
        </legend>
        <ErrorText field={field} error={error} />
        {options.map((option, i) => (
          <label class="choice" for={`${inputId(field)}-${i}`}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              id={`${inputId(field)}-${i}`}
              name={field}
              value={option.value}
              checked={given.includes(option.value)}
              aria-invalid={error ? 'true' : undefined}
            />
            <span lang={question.type === 'days' || question.type === 'yes_no' ? undefined : contentLang}>{option.label}</span>
          </label>
        ))}
      </fieldset>
    </FieldBox>
  );
}

function ListedField({ ctx }: { ctx: FieldContext }) {
  const { t } = useI18n();
  return (
    <FieldBox field="listed" ctx={ctx} validate={false}>
      <label class="choice" for={inputId('listed')}>
        <input type="checkbox" id={inputId('listed')} name="listed" value="1" checked={ctx.state.values.listed} aria-describedby={hintId('listed')} />
        {t('reg_field_listed')}
      </label>
      <span class="hint" id={hintId('listed')}>
        {t('reg_field_listed_hint')}
      </span>
    </FieldBox>
  );
}

/** One field by its form name: what inline validation sends back, and what the full form is made of. */
export function FieldFor({ ctx, field }: { ctx: FieldContext; field: string }) {
  switch (field) {
    case 'name':
      return <TextField ctx={ctx} field="name" label="reg_field_name" autocomplete="name" required />;
    case 'email':
      return (
        <TextField ctx={ctx} field="email" label="reg_field_email" hint="reg_field_email_hint" type="email" autocomplete="email" required />
      );
    case 'organisation':
      return (
        <TextField
          ctx={ctx}
          field="organisation"
          label="reg_field_organisation"
          hint="reg_field_organisation_hint"
          autocomplete="organization"
          required
        />
      );
    case 'job_title':
      return <TextField ctx={ctx} field="job_title" label="reg_field_job_title" autocomplete="organization-title" required={false} />;
    case 'listed':
      return <ListedField ctx={ctx} />;
    default: {
      const question = ctx.questions.find((q) => questionField(q.id) === field);
      return question ? <QuestionField ctx={ctx} question={question} /> : null;
    }
  }
}

/** The form's field names in display order. */
export function fieldNames(ctx: Pick<FieldContext, 'questions' | 'mode'>): string[] {
  const person = ctx.mode === 'register' ? ['name', 'email', 'organisation', 'job_title'] : ['name', 'organisation', 'job_title'];
  return [...person, ...ctx.questions.map((q) => questionField(q.id)), 'listed'];
}

function ErrorSummary({ ctx }: { ctx: FieldContext }) {
  const { t } = useI18n();
  const entries = Object.entries(ctx.state.errors);
  if (entries.length === 0) return null;
  const labelOf = (field: string): string => {
    const question = ctx.questions.find((q) => questionField(q.id) === field);
    if (question) return question.label;
    const keys: Record<string, MessageKey> = {
      name: 'reg_field_name',
      email: 'reg_field_email',
      organisation: 'reg_field_organisation',
      job_title: 'reg_field_job_title',
    };
    return keys[field] ? t(keys[field]) : '';
  };
  // Focused when it arrives (page load or htmx swap) so that a screen reader hears it first.
  return (
    <div class="error-summary" id="error-summary" role="alert" tabindex={-1} autofocus aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('reg_errors_heading', { count: entries.length })}</h2>
      <ul>
        {entries.map(([field, error]) =>
          field === 'form' ? (
            <li>{t(error.key, error.params)}</li>
          ) : (
            <li>
              <a href={`#${inputId(field)}`}>
                {labelOf(field)}: {t(error.key, error.params)}
              </a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

/**
 * A field for bots only (src/routes/registration-guard.ts): off-screen rather than display:none (which bots skip),
 * hidden from screen readers, out of the tab order, never autofilled. Always sent back empty.
 */
function Honeypot() {
  const { t } = useI18n();
  return (
    <div class="honeypot" aria-hidden="true">
      <label for="f-website">{t('reg_honeypot_label')}</label>
      <input type="text" id="f-website" name={HONEYPOT_FIELD} value="" tabindex={-1} autocomplete="off" />
    </div>
  );
}

/**
 * The registration form, also used (mode 'edit', without the e-mail) on the manage page. Posts normally without
 * JavaScript; with htmx it posts in place and the answer (the form with errors, or the result) replaces it.
 */
export function RegistrationForm(props: {
  ctx: FieldContext;
  action: string;
  submitLabel: string;
  /** Shown above the fields, e.g. "Endringene er lagret." */
  notice?: string;
}) {
  const { t } = useI18n();
  const { ctx } = props;
  const names = fieldNames(ctx);
  const questionNames = new Set(ctx.questions.map((q) => questionField(q.id)));
  return (
    <form
      method="post"
      action={props.action}
      id="registration-form"
      novalidate
      data-hx-post={props.action}
      data-hx-target="this"
      data-hx-swap="outerHTML"
    >
      <ErrorSummary ctx={ctx} />
      {props.notice ? (
        <p class="success" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="note">{t('reg_intro')}</p>
      {names
        .filter((n) => !questionNames.has(n) && n !== 'listed')
        .map((field) => (
          <FieldFor ctx={ctx} field={field} />
        ))}
      {ctx.questions.length ? (
        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">{t('reg_questions')}</h2>
          {ctx.questions.map((q) => (
            <FieldFor ctx={ctx} field={questionField(q.id)} />
          ))}
        </section>
      ) : null}
      <FieldFor ctx={ctx} field="listed" />
      {ctx.mode === 'register' ? <Honeypot /> : null}
      <p>
        <button type="submit">{props.submitLabel}</button>
      </p>
    </form>
  );
}
