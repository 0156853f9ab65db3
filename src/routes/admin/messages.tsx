import { type Context, Hono } from 'hono';
import type { EventRow, MessageAudience } from '../../../db/schema';
import { BODY_MAX, type MessageFormState, MessagePage, MessagesPage, ProgressText, SUBJECT_MAX } from '../../../views/admin/messages-page';
import { requireEventAccess } from './session';
import { AUDIENCES, audienceSize, findMessage, listMessages, sendMessage } from '../../domain/messages';
import { renderParticipantMail } from '../../mail/compose';
import type { AppEnv } from '../../env';
import { NotFound } from '../../errors';
import { field, fragment, idParam } from '../request-helpers';
import { formData } from '../request-helpers';
import { adminEventPath } from '../../urls';
import { logAction } from '../audit';

type C = Context<AppEnv>;

const isAudience = (value: string): value is MessageAudience => (AUDIENCES as readonly string[]).includes(value);

async function audienceSizes(c: C, eventId: number): Promise<Record<MessageAudience, number>> {
  const db = c.var.deps.db;
  const [all, confirmed, waitlisted, checked_in] = await Promise.all(AUDIENCES.map((a) => audienceSize(db, eventId, a)));
  return { all: all!, confirmed: confirmed!, waitlisted: waitlisted!, checked_in: checked_in! };
}

async function renderMessages(c: C, event: EventRow, form: MessageFormState, status: 200 | 422 = 200) {
  const [sizes, messages] = await Promise.all([audienceSizes(c, event.id), listMessages(c.var.deps.db, event.id)]);
  c.status(status);
  return c.render(<MessagesPage event={event} form={form} audienceSizes={sizes} messages={messages} />, {
    title: c.var.t('ap_messages_title', { title: event.title }),
  });
}

/** Reads and checks the form; too long is refused with a message rather than cut. */
function readForm(form: FormData): MessageFormState {
  const audience = field(form, 'audience', 20);
  const raw = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const subject = raw('subject').trim();
  const body = raw('body').replace(/\r\n?/g, '\n').trim();
  const state: MessageFormState = { values: { audience: isAudience(audience) ? audience : 'all', subject: subject.slice(0, SUBJECT_MAX * 2), body: body.slice(0, BODY_MAX * 2) }, errors: {} };
  if (!isAudience(audience)) state.errors.audience = 'ap_audience_invalid';
  if (!subject) state.errors.subject = 'ap_subject_required';
  else if (subject.length > SUBJECT_MAX) state.errors.subject = 'ap_subject_too_long';
  if (!body) state.errors.body = 'ap_body_required';
  else if (body.length > BODY_MAX) state.errors.body = 'ap_body_too_long';
  return state;
}

/** Messages to participants: write, preview, send through the outbox, and follow the progress. */
export const messageRoutes = new Hono<AppEnv>()
  .get('/:id/messages', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    return renderMessages(c, event, { values: { audience: 'all', subject: '', body: '' }, errors: {} });
  })
  .post('/:id/messages', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const form = await formData(c);
    const state = readForm(form);
    const { db, clock, config } = c.var.deps;
    const recipients = await audienceSize(db, event.id, state.values.audience);
    if (!state.errors.audience && recipients === 0) state.errors.audience = 'ap_audience_empty';
    if (Object.keys(state.errors).length) return renderMessages(c, event, state, 422);
    if (field(form, 'action', 10) === 'send') {
      const sent = await sendMessage(db, event, state.values, c.var.organiser?.id ?? null, clock(), config);
      c.var.deps.outboxChanged();
      await logAction(c, 'message_sent', `event:${event.id}`, { detail: { message: sent.id, audience: state.values.audience, recipients } });
      return c.redirect(adminEventPath(event, `/messages/${sent.id}?queued=1`), 303);
    }
    const sampleName = c.var.t('ap_preview_sample_name');
    const mail = renderParticipantMail({ event, name: sampleName, lang: c.var.lang, baseUrl: config.baseUrl, ...state.values });
    return renderMessages(c, event, { ...state, preview: { subject: mail.subject, text: mail.text, recipients, sampleName } });
  })
  .get('/:id/messages/:mid', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const message = await findMessage(c.var.deps.db, event.id, idParam(c, 'mid'));
    if (!message) throw new NotFound();
    return c.render(<MessagePage event={event} message={message} queued={c.req.query('queued') === '1'} />, {
      title: c.var.t('ap_message_title', { subject: message.subject }),
    });
  })
  .get('/:id/messages/:mid/progress', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const message = await findMessage(c.var.deps.db, event.id, idParam(c, 'mid'));
    if (!message) throw new NotFound();
    // 286 tells htmx to stop polling: nothing is waiting any more.
    const done = message.progress.pending + message.progress.sending === 0;
    return fragment(c, <ProgressText progress={message.progress} />, done ? (286 as 200) : 200);
  });
