import { eventPath } from '../urls';
import { Hono } from 'hono';
import { EventHeading } from '../../views/registration-pages';
import { useI18n } from '../../views/context';
import type { EventRow } from '../../db/schema';
import { findUnsubscribe, unsubscribe } from '../domain/unsubscribe';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { privateLinkHeaders } from '../security-headers';

function UnsubscribePage({ event, token, done }: { event: EventRow; token: string; done: boolean }) {
  const { t } = useI18n();
  return (
    <article class="manage">
      <EventHeading event={event} heading={t('unsub_title')} />
      {done ? (
        <p class="success" role="status">
          {t('unsub_done', { title: event.title })}
        </p>
      ) : (
        <form method="post" action={`/unsubscribe/${token}`}>
          <p>{t('unsub_question', { title: event.title })}</p>
          <button type="submit">{t('unsub_button')}</button>
        </form>
      )}
      <p>
        <a href={eventPath(event)}>{t('reg_back_to_event')}</a>
      </p>
    </article>
  );
}

/**
 * The organiser messages' unsubscribe link (List-Unsubscribe). A GET only asks, since link checkers and previews
 * open links; the POST unsubscribes, both the mail program's one-click `List-Unsubscribe=One-Click` (RFC 8058, with
 * no cookie or form token) and the page's button.
 */
export const unsubscribeRoutes = new Hono<AppEnv>()
  .use('/unsubscribe/*', privateLinkHeaders)
  .get('/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    const found = await findUnsubscribe(c.var.deps.db, token);
    if (!found) throw new NotFound();
    return c.render(<UnsubscribePage event={found.event} token={token} done={found.done} />, { title: c.var.t('unsub_title') });
  })
  .post('/unsubscribe/:token', async (c) => {
    const { db, clock } = c.var.deps;
    const token = c.req.param('token');
    if (!(await unsubscribe(db, token, clock()))) throw new NotFound();
    const found = (await findUnsubscribe(db, token))!;
    return c.render(<UnsubscribePage event={found.event} token={token} done />, { title: c.var.t('unsub_title') });
  });
