import type { Kysely, Transaction } from 'kysely';
import type { AuditLogRow, Database } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Everything the audit log records; each has its label in the dictionaries (`audit_action_…`). */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'second_factor_failed',
  'password_changed',
  'password_reset_requested',
  'password_reset',
  'temporary_password_set',
  'organiser_created',
  'role_changed',
  'organiser_disabled',
  'organiser_enabled',
  'access_granted',
  'access_revoked',
  'two_factor_enabled',
  'two_factor_disabled',
  'recovery_codes_created',
  'recovery_code_used',
  'participants_exported',
  'participant_data_exported',
  'message_sent',
  'participants_anonymised',
  'registration_deleted',
  'event_content_deleted',
  'file_deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** The organiser acting; null or absent for a visitor or a participant. */
  actor?: { id: number; email: string } | null | undefined;
  action: AuditAction;
  /** What it was done to: "event:12", "organiser:3", "registration:40", or the address tried at a failed sign-in. */
  target?: string | null | undefined;
  ip?: string | null | undefined;
  detail?: Record<string, string | number | boolean | null> | undefined;
}

// Limits keep a flood of failed sign-ins with huge addresses from filling the disk faster than the rows themselves.
const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

/**
 * Appends one entry. There is no function to change or remove one, and the table's triggers refuse UPDATE and DELETE.
 * Call it with the transaction of the change where there is one, so the entry exists exactly when the change does.
 * @example await audit(db, { actor: organiser, action: 'participants_exported', target: `event:${event.id}` }, now);
 */
export async function audit(db: Db, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor_id: entry.actor?.id ?? null,
      actor: clip(entry.actor?.email, 254),
      action: entry.action,
      target: clip(entry.target, 300),
      ip: clip(entry.ip, 64),
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the log, newest first (page 1 is the newest), and whether an older page follows. */
export async function auditPage(db: Db, page: number, size = AUDIT_PAGE_SIZE): Promise<{ rows: AuditLogRow[]; hasOlder: boolean }> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute();
  return { rows: rows.slice(0, size), hasOlder: rows.length > size };
}
