import type Mail from 'nodemailer/lib/mailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { DeliverableMail } from '../mail/transport';

/**
 * The nodemailer message for a queued mail, shared by every transport (SMTP on Node, .eml files, SMTP over Workers
 * sockets, the HTTP mail API) so all produce the same MIME: multipart/mixed { multipart/alternative { text/plain,
 * text/html, text/calendar; method=… }, the .ics attachment }. nodemailer's `icalEvent` adds both the calendar
 * alternative and the `application/ics` attachment. nodemailer's MailComposer also runs in workerd (nodejs_compat).
 *
 * @example
 * await transporter.sendMail(mailOptions({ ...payload, messageId: row.message_id, from: 'Samling <noreply@example.no>' }));
 */
export function mailOptions(mail: DeliverableMail): Mail.Options {
  return {
    from: mail.from,
    to: mail.to,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    // Lines end in CRLF in a message (RFC 5322 §2.3); nodemailer leaves the bodies' own line ends as they are.
    text: crlf(mail.text),
    html: crlf(mail.html),
    messageId: mail.messageId,
    headers: { 'Content-Language': mail.lang, ...mail.headers },
    ...(mail.calendar
      ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: mail.calendar.filename } }
      : {}),
  };
}

const crlf = (text: string) => text.replace(/\r?\n|\r/g, '\r\n');

export interface ComposedMail {
  /** The whole message, CRLF line endings, as nodemailer would send it. */
  raw: Uint8Array;
  /** SMTP envelope: the bare sender and recipient addresses. */
  envelope: { from: string; to: string[] };
}

/**
 * The raw message and its envelope, built by nodemailer's MailComposer exactly as its SMTP transport builds them.
 * @example const { raw, envelope } = await composeMail(mail); // envelope.to: ['kari@example.no']
 */
export async function composeMail(mail: DeliverableMail): Promise<ComposedMail> {
  const node = new MailComposer(mailOptions(mail)).compile();
  const envelope = node.getEnvelope();
  const raw = await node.build();
  return {
    raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
    envelope: { from: envelope.from || '', to: envelope.to },
  };
}
