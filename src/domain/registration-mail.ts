import type { Kysely } from 'kysely';
import type { Database, EventRow } from '../../db/schema';
import { type MailCause, type MailSettings, type Recipient, composeMail } from '../mail/compose';
import { enqueueMail } from '../mail/outbox';

export type { MailSettings };

/**
 * Writes the mail that tells a participant what happened to the outbox of the caller's transaction (so the mail exists
 * exactly when the change does); the composer renders it. Returns its Message-ID.
 * @example await queueMail(trx, { kind: 'promoted', calendar: 'REQUEST' }, event, registration, now, settings)
 */
export function queueMail(trx: Kysely<Database>, cause: MailCause, event: EventRow, to: Recipient, now: Date, settings: MailSettings): Promise<string> {
  return enqueueMail(trx, composeMail(cause, event, to, now, settings), now, new URL(settings.baseUrl).hostname);
}
