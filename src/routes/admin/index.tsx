import { Hono } from 'hono';
import { DashboardPage } from '../../../views/admin/dashboard';
import { type AdminEnv, csrfProtection, loadSession, noStore, requireOrganiser } from './session';
import { limitFormBody } from '../request-helpers';
import { manageableEvents } from '../../domain/auth';
import type { AppEnv } from '../../env';
import { anonymiseRoutes } from './anonymise';
import { apiTokenRoutes } from './api-tokens';
import { accountRoutes } from './account';
import { requireAccountReady } from './account-gate';
import { auditRoutes } from './audit-log';
import { authRoutes } from './auth';
import { backupRoutes } from './backup';
import { passwordResetRoutes } from './password-reset';
import { secondFactorRoutes } from './sign-in-steps';
import { adminEventRoutes } from './events';
import { adminFileRoutes } from './files';
import { organiserRoutes } from './organisers';
import { outboxRoutes } from './outbox';
import { checkinRoutes } from './checkin';
import { eventDashboardRoutes } from './event-dashboard';
import { messageRoutes } from './messages';
import { participantRoutes } from './participants';

const dashboard = new Hono<AdminEnv>().get('/', async (c) => {
  const events = await manageableEvents(c.var.deps.db, c.var.organiser);
  return c.render(<DashboardPage events={events} />, { title: c.var.t('admin_dashboard_title') });
});

/**
 * The organiser area, mounted at /admin. Order matters: nothing is cached, the session is read and CSRF checked for
 * every request; sign-in and sign-out come before `requireOrganiser`, everything after it needs a session.
 * Mount further areas after `requireOrganiser`, e.g. `.route('/events', adminEventRoutes)`.
 */
export const adminRoutes = new Hono<AppEnv>()
  // Forms are small; uploads (multipart) are streamed with their own limit.
  .use('*', noStore, limitFormBody(256 * 1024), loadSession, csrfProtection)
  .route('/', authRoutes)
  .route('/', secondFactorRoutes)
  .route('/', passwordResetRoutes)
  .use('*', requireOrganiser, requireAccountReady)
  .route('/account', accountRoutes)
  .route('/audit', auditRoutes)
  .route('/', dashboard)
  .route('/organisers', organiserRoutes)
  .route('/events', adminEventRoutes)
  .route('/events', participantRoutes)
  .route('/events', checkinRoutes)
  .route('/events', messageRoutes)
  .route('/events', eventDashboardRoutes)
  .route('/outbox', outboxRoutes)
  .route('/events', adminFileRoutes)
  .route('/events', anonymiseRoutes)
  .route('/api-tokens', apiTokenRoutes)
  .route('/backup', backupRoutes);
