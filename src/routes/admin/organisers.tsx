import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { type NewOrganiserState, type OrganisersPageProps, OrganisersPage } from '../../../views/admin/organisers';
import { type AdminEnv, requireAdmin } from './session';
import {
  createOrganiser,
  findOrganiserByEmail,
  grantEvent,
  listOrganisers,
  revokeEvent,
  setDisabled,
} from '../../domain/auth';
import { setRole, setTemporaryPassword } from '../../domain/account';
import { disableTwoFactor } from '../../domain/two-factor';
import { generatePassword, hashPassword } from '../../domain/passwords';
import { DomainError, NotFound } from '../../errors';
import { logAction } from '../audit';
import { formData, idParam } from '../request-helpers';

const emptyForm: NewOrganiserState = { values: { name: '', email: '', role: 'organiser' }, errors: {} };
const eventIdField = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

async function renderPage(
  c: Context<AdminEnv>,
  extra: { form?: NewOrganiserState; created?: OrganisersPageProps['created'] } = {},
  status: 200 | 422 = 200,
) {
  const { db } = c.var.deps;
  const [organisers, events] = await Promise.all([
    listOrganisers(db),
    db.selectFrom('events').select(['id', 'title', 'starts_at', 'time_zone']).orderBy('starts_at', 'desc').execute(),
  ]);
  c.status(status);
  return c.render(
    <OrganisersPage organisers={organisers} events={events} form={extra.form ?? emptyForm} created={extra.created} selfId={c.var.organiser.id} />,
    { title: c.var.t('admin_organisers_title') },
  );
}

/** An organiser other than oneself (an admin must not lock themselves out), or 404. */
async function otherOrganiser(c: Context<AdminEnv>) {
  const id = idParam(c, 'id');
  if (id === c.var.organiser.id) throw new NotFound();
  const row = await c.var.deps.db.selectFrom('organisers').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

const back = (c: Context<AdminEnv>, id: number) => c.redirect(`/admin/organisers#organiser-${id}`, 303);

const text = (form: FormData, name: string, max: number) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
};

/** Admins manage organisers: create with a temporary password, disable, give and take away events. */
export const organiserRoutes = new Hono<AdminEnv>()
  .use('*', requireAdmin)
  .get('/', (c) => renderPage(c))
  .post('/', async (c) => {
    const form = await formData(c);
    const role = text(form, 'role', 20);
    const state: NewOrganiserState = {
      values: { name: text(form, 'name', 200), email: text(form, 'email', 254), role: role === 'admin' ? 'admin' : 'organiser' },
      errors: {},
    };
    if (!state.values.name) state.errors.name = 'admin_name_required';
    if (!z.email().safeParse(state.values.email).success) state.errors.email = 'admin_email_invalid';
    else if (await findOrganiserByEmail(c.var.deps.db, state.values.email)) state.errors.email = 'admin_email_taken';
    if (Object.keys(state.errors).length) return renderPage(c, { form: state }, 422);
    const password = generatePassword();
    const password_hash = await hashPassword(password);
    const organiser = await createOrganiser(c.var.deps.db, { ...state.values, password_hash, must_change_password: 1 }, c.var.deps.clock());
    await logAction(c, 'organiser_created', `organiser:${organiser.id}`, { detail: { email: organiser.email, role: organiser.role } });
    return renderPage(c, { created: { key: 'admin_organiser_created', name: organiser.name, password } });
  })
  .post('/:id/disable', async (c) => {
    const organiser = await otherOrganiser(c);
    await setDisabled(c.var.deps.db, organiser.id, true, c.var.deps.clock());
    await logAction(c, 'organiser_disabled', `organiser:${organiser.id}`);
    return back(c, organiser.id);
  })
  .post('/:id/enable', async (c) => {
    const organiser = await otherOrganiser(c);
    await setDisabled(c.var.deps.db, organiser.id, false, c.var.deps.clock());
    await logAction(c, 'organiser_enabled', `organiser:${organiser.id}`);
    return back(c, organiser.id);
  })
  .post('/:id/password', async (c) => {
    const organiser = await otherOrganiser(c);
    const password = generatePassword();
    await setTemporaryPassword(c.var.deps.db, organiser.id, await hashPassword(password));
    await logAction(c, 'temporary_password_set', `organiser:${organiser.id}`);
    return renderPage(c, { created: { key: 'admin_password_reset', name: organiser.name, password } });
  })
  .post('/:id/role', async (c) => {
    const organiser = await otherOrganiser(c);
    const role = text(await formData(c), 'role', 20);
    if (role !== 'admin' && role !== 'organiser') throw new DomainError(422, 'admin_role_invalid');
    const before = await setRole(c.var.deps.db, organiser.id, role);
    if (before !== role) await logAction(c, 'role_changed', `organiser:${organiser.id}`, { detail: { from: before, to: role } });
    return back(c, organiser.id);
  })
  .post('/:id/two-factor/disable', async (c) => {
    const organiser = await otherOrganiser(c);
    await disableTwoFactor(c.var.deps.db, organiser.id);
    await logAction(c, 'two_factor_disabled', `organiser:${organiser.id}`);
    return back(c, organiser.id);
  })
  .post('/:id/events', async (c) => {
    const organiser = await otherOrganiser(c);
    const eventId = eventIdField.safeParse((await formData(c)).get('event_id'));
    const { db } = c.var.deps;
    if (!eventId.success || !(await db.selectFrom('events').select('id').where('id', '=', eventId.data).executeTakeFirst())) {
      throw new NotFound();
    }
    await grantEvent(db, organiser.id, eventId.data);
    await logAction(c, 'access_granted', `organiser:${organiser.id}`, { detail: { event: eventId.data } });
    return back(c, organiser.id);
  })
  .post('/:id/events/:eventId/remove', async (c) => {
    const organiser = await otherOrganiser(c);
    const eventId = idParam(c, 'eventId');
    await revokeEvent(c.var.deps.db, organiser.id, eventId);
    await logAction(c, 'access_revoked', `organiser:${organiser.id}`, { detail: { event: eventId } });
    return back(c, organiser.id);
  });
