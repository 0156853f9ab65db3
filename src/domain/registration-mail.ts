import type { Kysely } from 'kysely';
import type { Database, EventRow } from '../../db/schema';
import { type MailCause, type MailSettings, type Recipient, carriesManageLink, composeMail } from '../mail/compose';
import { enqueueMail } from '../mail/outbox';
import { addManageToken } from './registration-tokens';
import { nextCalendarSequence } from './calendar-sequence';

export type { MailSettings };

/**
 * Writes the mail that tells a participant what happened to the outbox of the caller's transaction (so the mail exists
 * exactly when the change does); the composer renders it. A mail about a registration that still stands carries a
 * manage link of its own (the cause's fresh token, or one minted here), which the outbox keeps only until it is sent.
 * Returns its Message-ID.
 * @example await queueMail(trx, { kind: 'promoted', calendar: 'REQUEST' }, event, registration, now, settings)
 */
export async function queueMail(trx: Kysely<Database>, cause: MailCause, event: EventRow, to: Recipient, now: Date, settings: MailSettings): Promise<string> {
  const given = 'token' in cause ? cause.token : undefined;
  const privateToken = to.id !== null && carriesManageLink(cause, to) ? (given ?? (await addManageToken(trx, to.id, now))) : null;
  // Each calendar message to a participant supersedes the one before it, so its SEQUENCE is recorded with the mail.
  const sequence = cause.calendar ? await nextCalendarSequence(trx, event, to) : undefined;
  const mail = composeMail(cause, event, to, now, settings, sequence);
  return enqueueMail(trx, { ...mail, privateToken }, now, new URL(settings.baseUrl).hostname);
}
