import type { OutgoingMail } from './outbox';

/**
 * A queued mail as the worker hands it over: the stored payload plus its stable Message-ID, the sender, and the
 * headers of its kind (see mail/headers.ts).
 */
export type DeliverableMail = OutgoingMail & { messageId: string; from: string; headers?: Record<string, string>; replyTo?: string };

/**
 * Where mail goes: SMTP in production, .eml files for a newcomer without SMTP, a fake in tests.
 * `send` resolves once the mail is accepted and rejects with the reason otherwise; the worker retries.
 */
export interface MailTransport {
  send(mail: DeliverableMail): Promise<void>;
  close?(): Promise<void>;
}
