import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import type { DeliverableMail, MailTransport } from '../mail/transport';

export interface SmtpTransportOptions {
  /** Parallel SMTP connections in the pool (nodemailer's default is 5). */
  maxConnections?: number;
  /** Messages per connection before it is recycled (nodemailer's default is 100). */
  maxMessages?: number;
  /** Milliseconds to wait for a connection, the greeting, and socket inactivity. */
  connectionTimeout?: number;
  greetingTimeout?: number;
  socketTimeout?: number;
}

/**
 * The nodemailer message for a queued mail, shared by the SMTP and .eml transports so both produce the same MIME:
 * multipart/mixed { multipart/alternative { text/plain, text/html, text/calendar; method=… }, the .ics attachment }.
 * nodemailer's `icalEvent` adds both the calendar alternative and the `application/ics` attachment.
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

/**
 * Delivers through an SMTP server (`smtp://user:pass@host:587`, `smtps://…:465`) over a pool of reused connections,
 * so a batch of invitations does not pay a TCP and TLS handshake per mail.
 *
 * @example
 * const transport = smtpTransport(process.env.SMTP_URL!);
 * await deliverDue(db, transport, { now: new Date(), from: 'noreply@example.no' });
 * await transport.close?.();
 */
export function smtpTransport(smtpUrl: string, options: SmtpTransportOptions = {}): MailTransport {
  const transporter = nodemailer.createTransport(
    new SMTPPool({
      pool: true,
      url: smtpUrl,
      maxConnections: options.maxConnections ?? 5,
      maxMessages: options.maxMessages ?? 100,
      connectionTimeout: options.connectionTimeout ?? 30_000,
      greetingTimeout: options.greetingTimeout ?? 30_000,
      socketTimeout: options.socketTimeout ?? 60_000,
      getSocket: noDelaySocket,
    }),
  );
  return {
    async send(mail) {
      await transporter.sendMail(mailOptions(mail));
    },
    async close() {
      transporter.close();
    },
  };
}

/**
 * nodemailer leaves Nagle's algorithm on, so the small final `.` of each message waits for the server's delayed ACK:
 * about 40 ms per mail and connection, which caps a pool of 5 at roughly 100 mails/s. Handing nodemailer a socket with
 * TCP_NODELAY removes that wait. The socket is handed over while still connecting, so that nodemailer's own handlers
 * see a refused or timed-out connection and drop the pool slot (an error passed to the callback would leak the slot);
 * TLS (smtps, STARTTLS) is still negotiated by nodemailer on top of it.
 */
function noDelaySocket(
  options: SMTPPool.Options,
  callback: (err: Error | null, socketOptions: { connection: Socket }) => void,
): void {
  const socket = connect({
    host: options.host ?? 'localhost',
    port: options.port ?? (options.secure ? 465 : 587),
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  });
  socket.setNoDelay(true);
  callback(null, { connection: socket });
}
