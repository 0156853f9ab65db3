import { type Context, Hono } from 'hono';
import type { EventRow, QuestionRow, RegistrationRow } from '../../db/schema';
import { ConfirmPage, DeletedPage, ManagePage } from '../../views/manage-page';
import { type FieldContext, FieldFor, type FormState, RegistrationForm, fieldNames } from '../../views/registration-form';
import {
  DuplicateNotice,
  DuplicatePage,
  ManageLinkSentPage,
  RegisterPage,
  RegisteredNotice,
  RegistrationUnavailablePage,
  registerUrl,
  unavailableTitle,
} from '../../views/registration-pages';
import { eventCalendar, personalCalendar } from '../calendar';
import { type Viewer, visibleTo } from '../domain/access';
import { type RegistrationWindow, registrationWindow } from '../domain/availability';
import { confirmedCount, findFile, findPublicEvent, loadEventDetails } from '../domain/events';
import { EMPTY_FORM, type FormErrors, type FormValues, answerFormValue, listQuestions, readForm, validateForm } from '../domain/questions';
import { RegistrationClosed, cancelRegistration, deleteRegistration, exportRegistration, register, sendManageLink, updateRegistration } from '../domain/registration';
import { type RegistrationWithEvent, findByFeedToken, findByToken, waitlistPosition } from '../domain/registration-queries';
import { feedTokenFor } from '../domain/registration-tokens';
import type { AppEnv } from '../env';
import { privateLinkHeaders } from '../security-headers';
import { checkRegistrationLimit, countRegistration, honeypotFilled } from './registration-guard';
import { DomainError, NotFound } from '../errors';
import { contentDisposition, formBody, fragment, idParam, isHtmx, limitFormBody } from './request-helpers';
import { calendarOptions } from './calendar';
import { absolute, managePath, participantFilePath, personalFeedPath } from '../urls';
import { logAction } from './audit';

type C = Context<AppEnv>;
type Closed = Exclude<RegistrationWindow, { state: 'open' | 'full' }>;

// A registration form is a few kilobytes; anything much larger is not one.
const limitBody = limitFormBody(64 * 1024);

function formContext(event: EventRow, questions: QuestionRow[], state: FormState, validateUrl: string, mode: FieldContext['mode']): FieldContext {
  return { event, questions, state, validateUrl, mode };
}

// ——— Registering ———

async function registrationContext(c: C) {
  const { db, clock } = c.var.deps;
  const event = await findPublicEvent(db, c.req.param('slug') ?? '');
  if (!event) throw new NotFound();
  const questions = await listQuestions(db, event.id);
  // Open or closed does not depend on the seats taken; counting them waits until a page shows "full" or places left.
  const window = registrationWindow(event, 0, clock());
  const seats = async () => registrationWindow(event, await confirmedCount(db, event.id), clock());
  return { event, questions, window, seats };
}

const isClosed = (w: RegistrationWindow): w is Closed => w.state !== 'open' && w.state !== 'full';

function unavailable(c: C, event: EventRow, window: Closed) {
  // htmx leaves 4xx answers unswapped, so it gets the same page as a 200 fragment in the form's place.
  if (isHtmx(c)) {
    return fragment(c, <section id="registration-form" tabindex={-1} autofocus><RegistrationUnavailablePage event={event} window={window} /></section>);
  }
  c.status(409);
  return c.render(<RegistrationUnavailablePage event={event} window={window} />, { title: c.var.t(unavailableTitle(window)) });
}

/** Validates one field of a posted form and answers with just that field (htmx swaps it in place). */
function validateField(c: C, ctx: Omit<FieldContext, 'state'>, values: FormValues) {
  const field = c.req.query('field') ?? '';
  if (!fieldNames(ctx).includes(field)) throw new DomainError(400, 'error_bad_request');
  const result = validateForm(values, ctx.questions, ctx.event, ctx.mode);
  const errors: FormErrors = {};
  const error = result.ok ? undefined : result.errors[field];
  if (error) errors[field] = error;
  return fragment(c, <FieldFor ctx={{ ...ctx, state: { values, errors } }} field={field} />);
}

const registerRoutes = new Hono<AppEnv>()
  .get('/events/:slug/register', async (c) => {
    const { event, questions, seats } = await registrationContext(c);
    const window = await seats();
    if (isClosed(window)) return unavailable(c, event, window);
    const ctx = formContext(event, questions, { values: EMPTY_FORM, errors: {} }, registerUrl(event, '/validate'), 'register');
    return c.render(<RegisterPage ctx={ctx} window={window} />, { title: c.var.t('reg_title', { title: event.title }) });
  })
  .post('/events/:slug/register', limitBody, async (c) => {
    const { event, questions, window: open, seats } = await registrationContext(c);
    if (isClosed(open)) return unavailable(c, event, open);
    await checkRegistrationLimit(c);
    const body = await formBody(c);
    const { values, unknown } = readForm(body, questions);
    const result = validateForm(values, questions, event, 'register');
    // A person never sees the honeypot; should one have filled it anyway, the form comes back to be sent again.
    const bot = honeypotFilled(body);
    if (bot) await countRegistration(c);
    if (!result.ok || unknown || bot) {
      const formError = bot ? 'reg_err_honeypot' : unknown ? 'reg_err_form_changed' : undefined;
      const errors: FormErrors = { ...(formError ? { form: { key: formError } } : {}), ...(result.ok ? {} : result.errors) };
      const ctx = formContext(event, questions, { values, errors }, registerUrl(event, '/validate'), 'register');
      const window = await seats();
      if (isHtmx(c)) {
        return fragment(c, <RegistrationForm ctx={ctx} action={registerUrl(event)} submitLabel={c.var.t(window.state === 'full' ? 'reg_submit_waitlist' : 'reg_submit')} />, 422);
      }
      c.status(422);
      return c.render(<RegisterPage ctx={ctx} window={window} />, { title: c.var.t('reg_title', { title: event.title }) });
    }

    const { deps } = c.var;
    let outcome;
    try {
      outcome = await register(deps.db, event.id, result.input, c.var.lang, deps.clock(), deps.config);
    } catch (error) {
      if (error instanceof RegistrationClosed) return unavailable(c, event, error.window);
      throw error;
    }
    if (outcome.kind === 'duplicate') {
      if (isHtmx(c)) return fragment(c, <DuplicateNotice event={event} email={result.input.email} />);
      c.status(409);
      return c.render(<DuplicatePage event={event} email={result.input.email} />, { title: c.var.t('reg_duplicate_title') });
    }
    deps.outboxChanged();
    await countRegistration(c);
    const { registration, token, position } = outcome;
    if (isHtmx(c)) {
      return fragment(
        c,
        <>
          <RegisteredNotice
            event={event}
            status={registration.status as 'confirmed' | 'waitlisted'}
            email={registration.email}
            position={position}
            manageHref={managePath(token)}
            standalone
          />
          {/* The count of places left above the form is out of date now: take it away. */}
          <p id="places-left" data-hx-swap-oob="delete"></p>
        </>,
      );
    }
    // The confirmation page is the manage page, greeting the new participant.
    return c.redirect(`${managePath(token)}?welcome=1`, 303);
  })
  .post('/events/:slug/register/validate', limitBody, async (c) => {
    const { event, questions } = await registrationContext(c);
    const { values } = readForm(await formBody(c), questions);
    return validateField(c, { event, questions, validateUrl: registerUrl(event, '/validate'), mode: 'register' }, values);
  })
  .post('/events/:slug/register/resend', limitBody, async (c) => {
    const { event } = await registrationContext(c);
    const body = await formBody(c);
    const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    const { deps } = c.var;
    if (email && (await sendManageLink(deps.db, event.id, email, deps.clock(), deps.config))) deps.outboxChanged();
    // The same answer whether or not the address is registered.
    return c.render(<ManageLinkSentPage event={event} />, { title: c.var.t('reg_resent_title') });
  });

// ——— The manage link ———

async function byToken(c: C): Promise<RegistrationWithEvent & { token: string }> {
  const token = c.req.param('token') ?? '';
  const found = await findByToken(c.var.deps.db, token);
  if (!found) throw new DomainError(404, 'manage_not_found');
  return { ...found, token };
}

async function storedValues(c: C, registration: RegistrationRow): Promise<FormValues> {
  const rows = await c.var.deps.db.selectFrom('answers').select(['question_id', 'value']).where('registration_id', '=', registration.id).execute();
  return {
    name: registration.name,
    email: registration.email,
    organisation: registration.organisation,
    job_title: registration.job_title ?? '',
    listed: registration.listed === 1,
    answers: Object.fromEntries(rows.map((r) => [r.question_id, answerFormValue(r.value)])),
  };
}

async function renderManage(c: C, found: RegistrationWithEvent & { token: string }, state: FormState | null, notice?: 'welcome' | 'saved' | 'cancelled') {
  const { db, config } = c.var.deps;
  const { event, registration, token } = found;
  const [questions, position, files, feedToken] = await Promise.all([
    listQuestions(db, event.id),
    waitlistPosition(db, registration),
    db.selectFrom('files').selectAll().where('event_id', '=', event.id).where('visibility', '=', 'participants').orderBy('position').orderBy('id').execute(),
    feedTokenFor(token),
  ]);
  const form =
    registration.status === 'cancelled'
      ? null
      : formContext(event, questions, state ?? { values: await storedValues(c, registration), errors: {} }, managePath(token, '/validate'), 'edit');
  return c.render(
    <ManagePage
      event={event}
      registration={registration}
      position={position}
      token={token}
      feedUrl={absolute(config.baseUrl, personalFeedPath(feedToken))}
      files={files}
      form={form}
      notice={notice}
    />,
    { title: c.var.t('manage_title', { title: event.title }) },
  );
}

const NOTICES = ['welcome', 'saved', 'cancelled'] as const;

const manageRoutes = new Hono<AppEnv>()
  // The URL is the key to the registration (and to the personal feed).
  .use('/registrations/*', privateLinkHeaders)
  .get('/registrations/feed/:file{[A-Za-z0-9_-]{43}\\.ics}', async (c) => {
    const { db } = c.var.deps;
    const found = await findByFeedToken(db, c.req.param('file').slice(0, -4));
    if (!found) throw new DomainError(404, 'manage_not_found');
    if (found.registration.status === 'cancelled') throw new DomainError(410, 'manage_status_cancelled');
    const { event, registration } = found;
    const viewer: Viewer = { participantOf: registration.status === 'confirmed' ? [event.id] : [], organiserOf: [] };
    const [details, questions, answers] = await Promise.all([
      loadEventDetails(db, event, viewer),
      listQuestions(db, event.id),
      db.selectFrom('answers').select(['question_id', 'value']).where('registration_id', '=', registration.id).execute(),
    ]);
    const daysQuestion = questions.find((q) => q.type === 'days');
    const chosen = daysQuestion ? answers.find((a) => a.question_id === daysQuestion.id) : undefined;
    const body = personalCalendar(details, { ...calendarOptions(c), days: chosen ? answerFormValue(chosen.value) : null });
    return c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8' });
  })
  .get('/registrations/:token', async (c) => {
    const found = await byToken(c);
    const notice = NOTICES.find((n) => c.req.query(n) !== undefined);
    return renderManage(c, found, null, notice);
  })
  .post('/registrations/:token', limitBody, async (c) => {
    const found = await byToken(c);
    const { event, registration, token } = found;
    if (registration.status === 'cancelled') throw new DomainError(409, 'manage_status_cancelled');
    const { db, clock } = c.var.deps;
    const questions = await listQuestions(db, event.id);
    const { values, unknown } = readForm(await formBody(c), questions);
    values.email = registration.email;
    const result = validateForm(values, questions, event, 'edit');
    const ctx = (errors: FormErrors) => formContext(event, questions, { values, errors }, managePath(token, '/validate'), 'edit');
    if (!result.ok || unknown) {
      const errors: FormErrors = { ...(unknown ? { form: { key: 'reg_err_form_changed' } } : {}), ...(result.ok ? {} : result.errors) };
      if (isHtmx(c)) return fragment(c, <RegistrationForm ctx={ctx(errors)} action={managePath(token)} submitLabel={c.var.t('manage_save')} />, 422);
      c.status(422);
      return renderManage(c, found, { values, errors });
    }
    await updateRegistration(db, registration.id, result.input, clock());
    if (isHtmx(c)) {
      return fragment(
        c,
        <RegistrationForm ctx={ctx({})} action={managePath(token)} submitLabel={c.var.t('manage_save')} notice={c.var.t('manage_saved')} />,
      );
    }
    return c.redirect(`${managePath(token)}?saved=1`, 303);
  })
  .post('/registrations/:token/validate', limitBody, async (c) => {
    const { event, registration, token } = await byToken(c);
    const questions = await listQuestions(c.var.deps.db, event.id);
    const { values } = readForm(await formBody(c), questions);
    values.email = registration.email;
    return validateField(c, { event, questions, validateUrl: managePath(token, '/validate'), mode: 'edit' }, values);
  })
  .get('/registrations/:token/cancel', async (c) => {
    const { event, registration, token } = await byToken(c);
    if (registration.status === 'cancelled') return c.redirect(managePath(token), 303);
    return c.render(<ConfirmPage event={event} token={token} action="cancel" waitlisted={registration.status === 'waitlisted'} />, {
      title: c.var.t('manage_cancel_confirm_title'),
    });
  })
  .post('/registrations/:token/cancel', async (c) => {
    const { registration, token } = await byToken(c);
    const { deps } = c.var;
    if (await cancelRegistration(deps.db, registration.id, deps.clock(), deps.config)) deps.outboxChanged();
    return c.redirect(`${managePath(token)}?cancelled=1`, 303);
  })
  .get('/registrations/:token/delete', async (c) => {
    const { event, registration, token } = await byToken(c);
    return c.render(<ConfirmPage event={event} token={token} action="delete" waitlisted={registration.status === 'waitlisted'} />, {
      title: c.var.t('manage_delete_confirm_title'),
    });
  })
  .post('/registrations/:token/delete', async (c) => {
    const { event, registration } = await byToken(c);
    const { deps } = c.var;
    await deleteRegistration(deps.db, registration.id, deps.clock(), deps.config);
    await logAction(c, 'registration_deleted', `registration:${registration.id}`, { detail: { event: event.id } });
    deps.outboxChanged();
    return c.render(<DeletedPage event={event} />, { title: c.var.t('manage_deleted_title') });
  })
  .get('/registrations/:token/event.ics', async (c) => {
    const { event } = await byToken(c);
    const body = eventCalendar(event, calendarOptions(c));
    return c.body(body, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${event.slug.replace(/[^\w.-]/g, '_')}.ics"`,
    });
  })
  .get('/registrations/:token/data.json', async (c) => {
    const found = await byToken(c);
    const data = await exportRegistration(c.var.deps.db, found);
    await logAction(c, 'participant_data_exported', `registration:${found.registration.id}`, { detail: { event: found.event.id } });
    return c.body(JSON.stringify(data, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="registration.json"',
    });
  })
  .get('/registrations/:token/files/:id{[0-9]+}/:filename', async (c) => {
    const { event, registration, token } = await byToken(c);
    const { db, files } = c.var.deps;
    // The manage link proves a participant; a place on the waiting list is not yet one.
    const viewer: Viewer = { participantOf: registration.status === 'confirmed' ? [event.id] : [], organiserOf: [] };
    const file = await findFile(db, idParam(c, 'id'));
    if (!file || file.event_id !== event.id || !visibleTo(file, event.id, viewer)) throw new DomainError(404, 'manage_not_participant');
    if (c.req.param('filename') !== file.filename) {
      return c.redirect(participantFilePath(token, file), 301);
    }
    const body = await files.get(file.storage_key);
    if (!body) throw new NotFound();
    return c.body(body, 200, {
      'content-type': file.content_type,
      'content-length': String(file.size),
      'content-disposition': contentDisposition('attachment', file.filename),
      'x-content-type-options': 'nosniff',
    });
  });

/** Registration (`/events/:slug/register…`) and the private manage link (`/registrations/…`); mount at '/'. */
export const registrationRoutes = new Hono<AppEnv>().route('/', registerRoutes).route('/', manageRoutes);
