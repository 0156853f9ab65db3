import type { Context } from 'hono';
import { clientAddress } from '../client-address';
import { type AuditEntry, audit } from '../domain/audit-log';
import type { AppEnv } from '../env';

/**
 * Records what the signed-in organiser (or, without one, a visitor) just did, from the request's address. One line at
 * each call site.
 * @example await logAction(c, 'participants_exported', `event:${event.id}`);
 */
export async function logAction<E extends AppEnv>(
  c: Context<E>,
  action: AuditEntry['action'],
  target?: string | null,
  extra: Pick<AuditEntry, 'detail' | 'actor'> = {},
): Promise<void> {
  const ctx = c as unknown as Context<AppEnv>;
  const actor = extra.actor !== undefined ? extra.actor : (ctx.var.organiser ?? null);
  await audit(ctx.var.deps.db, { actor, action, target, ip: clientAddress(ctx), detail: extra.detail }, ctx.var.deps.clock());
}
