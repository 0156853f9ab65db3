import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import type { MailTransport } from '../mail/transport';
import { mailOptions } from './mime';

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
