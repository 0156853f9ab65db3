import { Hono } from 'hono';
import { AuditPage } from '../../../views/admin/audit-page';
import { type AdminEnv, requireAdmin } from './session';
import { auditPage } from '../../domain/audit-log';

/** /admin/audit: admins read the log (there is no route that changes it). */
export const auditRoutes = new Hono<AdminEnv>().use('*', requireAdmin).get('/', async (c) => {
  const asked = Number(c.req.query('page') ?? '1');
  // Far pages would make SQLite skip millions of rows; nobody pages that far by hand.
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 10_000 ? asked : 1;
  const { rows, hasOlder } = await auditPage(c.var.deps.db, page);
  return c.render(<AuditPage rows={rows} page={page} hasOlder={hasOlder} />, { title: c.var.t('audit_title') });
});
