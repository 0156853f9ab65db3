import { type Context, Hono } from 'hono';
import type { EventRow } from '../../../db/schema';
import { AnonymisePage } from '../../../views/admin/anonymise-page';
import { requireEventAccess } from './session';
import { AlreadyAnonymised, EventNotEnded, anonymiseEvent, hasEnded } from '../../domain/anonymise';
import type { AppEnv } from '../../env';
import { formData } from '../request-helpers';
import { adminEventPath } from '../../urls';
import { logAction } from '../audit';

type C = Context<AppEnv>;

async function renderPage(c: C, event: EventRow, extra: { done?: number; refused?: boolean } = {}) {
  const row = await c.var.deps.db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', event.id)
    .executeTakeFirst();
  const ended = hasEnded(event, c.var.deps.clock());
  // Refusals are conflicts with the event's state, also when only looked at, so that scripts see them too.
  if (!ended || extra.refused) c.status(409);
  return c.render(<AnonymisePage event={event} participants={Number(row?.n ?? 0)} ended={ended} {...extra} />, {
    title: c.var.t('anon_title', { title: event.title }),
  });
}

/**
 * /admin/events/:id/anonymise (mounted at /admin/events after requireOrganiser): the confirmation page and the POST
 * that anonymises the participants of an ended event, once.
 */
export const anonymiseRoutes = new Hono<AppEnv>()
  .get('/:id/anonymise', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const done = c.req.query('done');
    return renderPage(c, event, done && /^[0-9]{1,9}$/.test(done) && event.anonymised_at ? { done: Number(done) } : {});
  })
  .post('/:id/anonymise', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const form = await formData(c);
    if (form.get('confirm') !== 'yes') return renderPage(c, event);
    try {
      const outcome = await anonymiseEvent(c.var.deps.db, event.id, c.var.deps.clock());
      await logAction(c, 'participants_anonymised', `event:${event.id}`, { detail: { registrations: outcome.registrations } });
      return c.redirect(adminEventPath(event, `/anonymise?done=${outcome.registrations}`), 303);
    } catch (error) {
      if (!(error instanceof EventNotEnded || error instanceof AlreadyAnonymised)) throw error;
      const fresh = await requireEventAccess(c, event.id);
      return renderPage(c, fresh, { refused: true });
    }
  });
