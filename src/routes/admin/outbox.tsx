import { type Context, Hono } from 'hono';
import { MailPage } from '../../../views/admin/mail-page';
import { OutboxPage } from '../../../views/admin/outbox-page';
import { findMail, recentMails } from '../../domain/mail-view';
import { outboxOverview } from '../../domain/mail-view';
import type { AppEnv } from '../../env';
import { NotFound } from '../../errors';
import { retryFailed } from '../../mail/worker';
import { contentDisposition } from '../request-helpers';
import { idParam } from '../request-helpers';

/** The events whose mail the signed-in person may see: all (null) for an admin, else those given to them. */
async function scope(c: Context<AppEnv>): Promise<number[] | null> {
  const organiser = c.var.organiser;
  if (!organiser) throw new NotFound();
  if (organiser.role === 'admin') return null;
  const rows = await c.var.deps.db.selectFrom('event_organisers').select('event_id').where('organiser_id', '=', organiser.id).execute();
  return rows.map((r) => r.event_id);
}

/** /admin/outbox: mail status (admins: all mail; organisers: their events' mail) and retrying failed mail. */
export const outboxRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const events = await scope(c);
    const [overview, recent] = await Promise.all([outboxOverview(c.var.deps.db, events), recentMails(c.var.deps.db, events, 50)]);
    return c.render(<OutboxPage overview={overview} recent={recent} isAdmin={events === null} retried={c.req.query('retried') === '1'} />, {
      title: c.var.t('ap_outbox_title'),
    });
  })
  .get('/:oid', async (c) => {
    const mail = await findMail(c.var.deps.db, idParam(c, 'oid'), await scope(c));
    if (!mail) throw new NotFound();
    return c.render(<MailPage mail={mail} />, { title: c.var.t('am_title', { subject: mail.message?.subject ?? '' }) });
  })
  .get('/:oid/invitation.ics', async (c) => {
    const mail = await findMail(c.var.deps.db, idParam(c, 'oid'), await scope(c));
    const calendar = mail?.message?.calendar;
    if (!calendar || typeof calendar.content !== 'string') throw new NotFound();
    return c.body(calendar.content, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': contentDisposition('attachment', 'invitation.ics'),
    });
  })
  .post('/:oid/retry', async (c) => {
    const id = idParam(c, 'oid');
    const events = await scope(c);
    const { db, clock } = c.var.deps;
    const row = await db.selectFrom('outbox').select(['id', 'event_id']).where('id', '=', id).executeTakeFirst();
    // Another organiser's mail is as absent as a mail that does not exist.
    if (!row || (events !== null && (row.event_id === null || !events.includes(row.event_id)))) throw new NotFound();
    if (await retryFailed(db, row.id, clock())) c.var.deps.outboxChanged();
    return c.redirect('/admin/outbox?retried=1', 303);
  });
