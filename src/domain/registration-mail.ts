import type { Kysely } from 'kysely';
import type { Database, EventRow } from '../../db/schema';
import { type MailCause, type MailSettings, type Recipient, composeMail } from '../mail/compose';
import { enqueueMail } from '../mail/outbox';
import { nextCalendarSequence } from './calendar-sequence';

export type { MailSettings };

/**
 * Writes the mail that tells a participant what happened to the outbox of the caller's transaction (so the mail exists
 * exactly when the change does); the composer renders it. Returns its Message-ID.
 * @example await queueMail(trx, { kind: 'promoted', calendar: 'REQUEST' }, event, registration, now, settings)
 */
export async function queueMail(trx: Kysely<Database>, cause: MailCause, event: EventRow, to: Recipient, now: Date, settings: MailSettings): Promise<string> {
  // Each calendar message to a participant supersedes the one before it, so its SEQUENCE is recorded with the mail.
  const sequence = cause.calendar ? await nextCalendarSequence(trx, event, to) : undefined;
  return enqueueMail(trx, composeMail(cause, event, to, now, settings, sequence), now, new URL(settings.baseUrl).hostname);
}
