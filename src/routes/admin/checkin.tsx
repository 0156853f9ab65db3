import { Hono } from 'hono';
import { CheckinCount, CheckinCountText, CheckinPage, CheckinPerson } from '../../../views/admin/checkin-page';
import { requireEventAccess } from './session';
import { checkinList, setCheckedIn } from '../../domain/checkin';
import { keptCounts } from '../../domain/events';
import type { AppEnv } from '../../env';
import { NotFound } from '../../errors';
import { field, fragment, idParam, isHtmx } from '../request-helpers';
import { formData } from '../request-helpers';
import { adminEventPath } from '../../urls';

const LIMIT = 100;

/** Polled every few seconds at the door: the counts the triggers keep, no rows read. */
async function doorCount(db: AppEnv['Variables']['deps']['db'], eventId: number) {
  const counts = await keptCounts(db, eventId);
  return { checked: counts.checkedIn, expected: counts.confirmed };
}

/** The door: /admin/events/:id/checkin (search, check in, undo) and its count for polling. */
export const checkinRoutes = new Hono<AppEnv>()
  .get('/:id/checkin', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const { db } = c.var.deps;
    const [people, count] = await Promise.all([checkinList(db, event.id, q, LIMIT), doorCount(db, event.id)]);
    return c.render(<CheckinPage event={event} people={people} q={q} limit={LIMIT} {...count} />, {
      title: c.var.t('ap_checkin_title', { title: event.title }),
    });
  })
  .get('/:id/checkin/count', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    return fragment(c, <CheckinCountText {...await doorCount(c.var.deps.db, event.id)} event={event} />);
  })
  .post('/:id/checkin/:rid', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const id = idParam(c, 'rid');
    const form = await formData(c);
    const q = field(form, 'q', 200);
    const { db, clock } = c.var.deps;
    const person = await setCheckedIn(db, event.id, id, field(form, 'checked', 1) === '1', clock());
    if (!person) throw new NotFound();
    if (isHtmx(c)) {
      const count = await doorCount(db, event.id);
      return fragment(
        c,
        <>
          <CheckinPerson event={event} person={person} q={q} />
          <CheckinCount event={event} {...count} oob />
        </>,
      );
    }
    return c.redirect(adminEventPath(event, `/checkin${q ? `?q=${encodeURIComponent(q)}` : ''}#c-${person.id}`), 303);
  });
