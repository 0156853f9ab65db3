import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, EventRow, QuestionRow } from '../../db/schema';
import type { MessageKey } from '../i18n/index';
import { eventDays } from '../time';

/** Longest accepted text per field; a longer one is refused with a message, never cut silently. */
export const LIMITS = { name: 200, email: 254, organisation: 200, job_title: 200, short_text: 500, long_text: 4000 } as const;

/** A stored answer: text (short, long, one choice), several choices or days, or yes/no. */
export type AnswerValue = string | string[] | boolean;

/** The form as the visitor filled it in, kept verbatim so that a form with errors shows what they typed. */
export interface FormValues {
  name: string;
  email: string;
  organisation: string;
  job_title: string;
  listed: boolean;
  /** By question id; one value for text, one choice and yes/no ('yes' | 'no'), several for choices and days. */
  answers: Record<number, string[]>;
}

export interface FieldError {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** By field name: 'name', 'email', 'organisation', 'job_title', 'listed', `q_<id>`, or 'form' for the whole form. */
export type FormErrors = Record<string, FieldError>;

export const EMPTY_FORM: FormValues = { name: '', email: '', organisation: '', job_title: '', listed: false, answers: {} };

export const questionField = (id: number) => `q_${id}`;

export async function listQuestions(db: Kysely<Database>, eventId: number): Promise<QuestionRow[]> {
  return db.selectFrom('questions').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
}

/**
 * What a question offers: its own options for choices, the event's local days ('YYYY-MM-DD') for `days`, none else.
 * @example questionOptions({ type: 'single_choice', options: '["Ja","Nei"]' }, event) // ['Ja', 'Nei']
 */
export function questionOptions(
  question: Pick<QuestionRow, 'type' | 'options'>,
  event: Pick<EventRow, 'starts_at' | 'ends_at' | 'time_zone'>,
): string[] {
  if (question.type === 'days') return eventDays(event.starts_at, event.ends_at, event.time_zone);
  if (question.type !== 'single_choice' && question.type !== 'multi_choice') return [];
  try {
    const parsed: unknown = JSON.parse(question.options ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return [];
  }
}

type Body = Record<string, string | File | (string | File)[]>;

const strings = (value: Body[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');

/**
 * Reads a posted form (`parseBody({ all: true })`) into form values. `unknown` is true when the form names a question
 * the event does not have (a tampered form, or a question deleted while the visitor was typing).
 */
export function readForm(body: Body, questions: readonly Pick<QuestionRow, 'id'>[]): { values: FormValues; unknown: boolean } {
  const known = new Set(questions.map((q) => q.id));
  const answers: Record<number, string[]> = {};
  let unknown = false;
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('q_')) continue;
    const id = /^q_([1-9][0-9]{0,9})$/.test(key) ? Number(key.slice(2)) : NaN;
    if (!known.has(id)) {
      unknown = true;
      continue;
    }
    answers[id] = strings(value).slice(0, 100);
  }
  const first = (name: string) => strings(body[name])[0] ?? '';
  return {
    values: {
      name: first('name'),
      email: first('email'),
      organisation: first('organisation'),
      job_title: first('job_title'),
      listed: first('listed') === '1',
      answers,
    },
    unknown,
  };
}

/** One line: control characters and runs of white space become one space. */
const oneLine = (s: string) => s.replace(/[\p{Cc}\s]+/gu, ' ').trim();
/** Several lines: CRLF normalised, control characters other than newline and tab removed. */
const manyLines = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, '').trim();

// Deliberately plain: one @, no spaces or brackets, a dot in the domain. Real validation is the confirmation mail.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;

const text = (max: number, required: boolean, clean = oneLine) => {
  const base = z.string().overwrite(clean);
  return (required ? base.min(1, 'reg_err_required') : base).max(max, 'reg_err_too_long');
};

export const personSchema = z.object({
  name: text(LIMITS.name, true),
  email: z.string().overwrite(oneLine).min(1, 'reg_err_required').max(LIMITS.email, 'reg_err_too_long').regex(EMAIL, 'reg_err_email'),
  organisation: text(LIMITS.organisation, true),
  job_title: text(LIMITS.job_title, false).transform((s) => s || null),
  listed: z.boolean(),
});

export type PersonInput = z.infer<typeof personSchema>;

/** A valid registration form: the person and the answers given (unanswered optional questions left out). */
export interface RegistrationInput extends PersonInput {
  answers: { questionId: number; value: AnswerValue }[];
}

function answerSchema(question: QuestionRow, options: string[]) {
  const required = question.required === 1;
  const choice = (v: string) => options.includes(v);
  switch (question.type) {
    case 'short_text':
      return text(LIMITS.short_text, required);
    case 'long_text':
      return text(LIMITS.long_text, required, manyLines);
    case 'single_choice': {
      const base = z.string().refine((v) => v === '' || choice(v), 'reg_err_choice');
      return required ? base.refine((v) => v !== '', 'reg_err_choose') : base;
    }
    case 'yes_no': {
      const base = z.string().refine((v) => v === '' || v === 'yes' || v === 'no', 'reg_err_choice');
      return required ? base.refine((v) => v !== '', 'reg_err_choose') : base;
    }
    case 'multi_choice':
    case 'days': {
      const base = z.array(z.string()).refine((vs) => vs.every(choice), 'reg_err_choice');
      return required ? base.refine((vs) => vs.length > 0, 'reg_err_choose_some') : base;
    }
  }
}

const MULTI = new Set<QuestionRow['type']>(['multi_choice', 'days']);

// zod compiles each new object schema on its first use, which costs more than many validations: a form's schema is
// built once per set of questions (and event days) and reused while they stay the same.
const SCHEMA_CACHE_SIZE = 200;
const schemas = new Map<string, z.ZodType>();

function formSchema(questions: readonly QuestionRow[], event: Pick<EventRow, 'starts_at' | 'ends_at' | 'time_zone'>): z.ZodType {
  const key = JSON.stringify([event.starts_at, event.ends_at, event.time_zone, questions.map((q) => [q.id, q.type, q.required, q.options])]);
  let schema = schemas.get(key);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const q of questions) shape[questionField(q.id)] = answerSchema(q, questionOptions(q, event));
    schema = personSchema.extend(shape);
    if (schemas.size >= SCHEMA_CACHE_SIZE) schemas.delete(schemas.keys().next().value as string);
    schemas.set(key, schema);
  }
  return schema;
}

function toAnswer(question: QuestionRow, raw: string | string[]): AnswerValue | null {
  if (Array.isArray(raw)) return raw.length ? [...new Set(raw)] : null;
  if (raw === '') return null;
  if (question.type === 'yes_no') return raw === 'yes';
  return raw;
}

/**
 * Checks a filled-in form against the person's fields and the event's questions. In 'edit' mode the e-mail is not
 * part of the form (it identifies the registration) and is not checked.
 * @example validateForm(values, questions, event, 'register') // { ok: false, errors: { email: { key: 'reg_err_email' } } }
 */
export function validateForm(
  values: FormValues,
  questions: readonly QuestionRow[],
  event: Pick<EventRow, 'starts_at' | 'ends_at' | 'time_zone'>,
  mode: 'register' | 'edit',
): { ok: true; input: RegistrationInput } | { ok: false; errors: FormErrors } {
  const data: Record<string, unknown> = {
    name: values.name,
    email: mode === 'edit' ? 'unchanged@example.invalid' : values.email,
    organisation: values.organisation,
    job_title: values.job_title,
    listed: values.listed,
  };
  for (const q of questions) {
    const given = values.answers[q.id] ?? [];
    data[questionField(q.id)] = MULTI.has(q.type) ? given : (given[0] ?? '');
  }
  const result = formSchema(questions, event).safeParse(data);
  if (!result.success) {
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      if (errors[field]) continue;
      const params = issue.code === 'too_big' ? { max: Number(issue.maximum) } : undefined;
      errors[field] = { key: issue.message as MessageKey, ...(params ? { params } : {}) };
    }
    return { ok: false, errors };
  }
  const parsed = result.data as PersonInput & Record<string, string | string[]>;
  const answers: RegistrationInput['answers'] = [];
  for (const q of questions) {
    const value = toAnswer(q, parsed[questionField(q.id)] as string | string[]);
    if (value !== null) answers.push({ questionId: q.id, value });
  }
  return {
    ok: true,
    input: { name: parsed.name, email: parsed.email, organisation: parsed.organisation, job_title: parsed.job_title, listed: parsed.listed, answers },
  };
}

/** A stored answer (JSON) as the form shows it. */
export function answerFormValue(json: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (typeof value === 'boolean') return [value ? 'yes' : 'no'];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
