import type { Context } from 'hono';
import type { EventRow } from '../../../db/schema';
import * as S from '../../api/schemas';
import { type FormValues, listQuestions, questionField, validateForm } from '../../domain/questions';
import { RegistrationClosed, register } from '../../domain/registration';
import type { Translate } from '../../i18n/index';
import { ApiError, type ApiIssue, invalid } from './errors';
import type { ApiEnv, ApiRoute } from './index';
import { findRegistration } from './queries';

/** An API answer as the form would give it: a single value for text, a choice or yes/no, a list for the rest. */
function formValues(body: S.RegistrationCreateInput): FormValues {
  const answers: FormValues['answers'] = {};
  for (const { question_id, value } of body.answers) {
    answers[question_id] = Array.isArray(value) ? value : typeof value === 'boolean' ? [value ? 'yes' : 'no'] : [value];
  }
  return { name: body.name, email: body.email, organisation: body.organisation, job_title: body.job_title ?? '', listed: body.listed, answers };
}

/** The form's field errors as API issues, pointing into the request body. */
function issuesOf(errors: ReturnType<typeof validateForm> & { ok: false }, body: S.RegistrationCreateInput, t: Translate): ApiIssue[] {
  return Object.entries(errors.errors).map(([field, error]) => {
    const index = body.answers.findIndex((a) => questionField(a.question_id) === field);
    const path = field.startsWith('q_') ? (index >= 0 ? ['answers', index, 'value'] : ['answers']) : [field];
    const message = t(error.key, error.params);
    return { path, message: index < 0 && field.startsWith('q_') ? `question ${field.slice(2)}: ${message}` : message, code: 'invalid_value' };
  });
}

async function createRegistration({ c, event, body }: { c: Context<ApiEnv>; event: EventRow; body: S.RegistrationCreateInput }) {
  const { db, clock, config } = c.var.deps;
  const questions = await listQuestions(db, event.id);
  const known = new Set(questions.map((q) => q.id));
  const seen = new Set<number>();
  const wrong: ApiIssue[] = [];
  body.answers.forEach((a, i) => {
    if (!known.has(a.question_id)) wrong.push({ path: ['answers', i, 'question_id'], message: 'the event has no such question', code: 'invalid_value' });
    else if (seen.has(a.question_id)) wrong.push({ path: ['answers', i, 'question_id'], message: 'answered twice', code: 'invalid_value' });
    seen.add(a.question_id);
  });
  if (wrong.length) throw invalid(wrong);
  // The form's own rules: the same validation, then the same register() with its seats, waiting list and mail.
  const result = validateForm(formValues(body), questions, event, 'register');
  if (!result.ok) throw invalid(issuesOf(result, body, c.var.t));
  if (event.status === 'draft') throw new ApiError(409, 'registration_closed', 'api_error_registration_closed');
  const lang = body.lang ?? (event.language.toLowerCase().startsWith('en') ? 'en' : 'nb');
  let outcome;
  try {
    outcome = await register(db, event.id, result.input, lang, clock(), config);
  } catch (error) {
    if (error instanceof RegistrationClosed) throw new ApiError(409, 'registration_closed', 'api_error_registration_closed');
    throw error;
  }
  if (outcome.kind === 'duplicate') throw new ApiError(409, 'duplicate', 'api_error_duplicate_registration');
  c.var.deps.outboxChanged();
  c.header('location', `${new URL(c.req.url).origin}/api/v1/events/${event.id}/registrations/${outcome.registration.id}`);
  return (await findRegistration(db, event.id, outcome.registration.id))!;
}

/** POST /events/:id/registrations: one entry of the API's route table (src/routes/api/index.ts). */
export const createRegistrationRoute = {
  method: 'post',
  path: '/events/:id/registrations',
  operationId: 'createRegistration',
  summary: 'Register a person as the public form does: a seat or the waiting list, the questions, the mail',
  tag: 'registrations',
  body: S.RegistrationCreate,
  status: 201,
  response: S.Registration,
  conflict: true,
  handler: createRegistration,
} as unknown as ApiRoute;
