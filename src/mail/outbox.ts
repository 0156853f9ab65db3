import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** A mail as the worker hands it to the transport. Everything is rendered when it is queued. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The iTIP invitation: sent as a `text/calendar; method=…` alternative and as an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string; filename: string };
  /** BCP 47 language of the mail (Content-Language). */
  lang: string;
}

export interface QueuedMail extends OutgoingMail {
  kind: string;
  eventId?: number | null;
  registrationId?: number | null;
  /** The token for the mail's manage link placeholder: kept apart from the payload, and only until the mail is sent. */
  privateToken?: string | null;
}

/**
 * Writes a mail to the outbox. Call it with the transaction of the change that causes the mail,
 * so that the mail exists exactly when the change does.
 */
export async function enqueueMail(db: Kysely<Database>, mail: QueuedMail, now: Date, domain: string): Promise<string> {
  const { kind, eventId, registrationId, privateToken, ...message } = mail;
  const messageId = `<${crypto.randomUUID()}@${domain}>`;
  await db
    .insertInto('outbox')
    .values({
      message_id: messageId,
      kind,
      event_id: eventId ?? null,
      registration_id: registrationId ?? null,
      to_address: message.to,
      payload: JSON.stringify(message),
      private_token: privateToken ?? null,
      next_attempt_at: now.toISOString(),
      last_error: null,
      created_at: now.toISOString(),
      sent_at: null,
    })
    .execute();
  return messageId;
}
