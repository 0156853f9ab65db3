// An SMTP client on Web streams, for Cloudflare Workers' TCP sockets (`connect` from `cloudflare:sockets`), where
// nodemailer's transports cannot run (they need node:net). It takes a small socket interface so that the tests drive
// it on Node against a real SMTP server. The message itself is built by ./mime.ts, as on Node.
import { toBase64 } from '../bytes';
import type { DeliverableMail, MailTransport } from '../mail/transport';
import { composeMail } from './mime';

/** What the client needs of a TCP socket; Cloudflare's `Socket` has this shape. */
export interface SmtpSocket {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  /** Upgrades the connection to TLS (after STARTTLS) and returns the new socket; the old one is unusable after. */
  startTls(): SmtpSocket;
  close(): Promise<void>;
}

/**
 * Opens a TCP connection: `on` is TLS from the start (port 465), `starttls` plain but upgradeable (587, 25), as
 * Cloudflare's `secureTransport` option.
 */
export type SmtpConnect = (address: { hostname: string; port: number }, options: { secureTransport: 'on' | 'starttls' }) => SmtpSocket;

export interface SmtpServerSettings {
  hostname: string;
  port: number;
  /** smtps:// (TLS from the first byte) instead of smtp:// (STARTTLS when the server offers it). */
  implicitTls: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** The name given in EHLO. */
  clientName: string;
}

/** An SMTP failure, with the command and the server's reply, so the outbox records why and tries again later. */
export class SmtpError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}

/**
 * The server settings in an SMTP_URL, read as nodemailer reads it on Node: `smtp://user:pass@host:587` (STARTTLS),
 * `smtps://user:pass@host:465` (TLS); user and password percent-decoded.
 * @example parseSmtpUrl('smtps://noreply%40fylke.no:hemmelig@smtp.fylke.no', 'samling.fylke.no')
 * // { hostname: 'smtp.fylke.no', port: 465, implicitTls: true, user: 'noreply@fylke.no', password: 'hemmelig', clientName: 'samling.fylke.no' }
 */
export function parseSmtpUrl(smtpUrl: string, clientName: string): SmtpServerSettings {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}"`);
  const implicitTls = url.protocol === 'smtps:';
  return {
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : implicitTls ? 465 : 587,
    implicitTls,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    clientName,
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const CRLF = encoder.encode('\r\n');
const DOT = 0x2e;
const LF = 0x0a;
const TIMEOUT_MS = 30_000;

interface Reply {
  code: number;
  lines: string[];
}

/** One SMTP connection: reads replies line by line (multi-line replies are `250-…` until `250 …`), writes commands. */
class SmtpSession {
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private writer: WritableStreamDefaultWriter<Uint8Array>;
  private buffered = '';
  extensions = new Set<string>();
  authMechanisms = new Set<string>();
  secure: boolean;

  constructor(
    private socket: SmtpSocket,
    secure: boolean,
  ) {
    this.reader = socket.readable.getReader();
    this.writer = socket.writable.getWriter();
    this.secure = secure;
  }

  async read(): Promise<Reply> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine();
      const match = /^(\d{3})([ -])(.*)$/.exec(line);
      if (!match) throw new SmtpError(`SMTP server sent an unreadable reply: ${line.slice(0, 200)}`);
      lines.push(match[3]!);
      if (match[2] === ' ') return { code: Number(match[1]), lines };
    }
  }

  private async readLine(): Promise<string> {
    for (;;) {
      const end = this.buffered.indexOf('\n');
      if (end >= 0) {
        const line = this.buffered.slice(0, end).replace(/\r$/, '');
        this.buffered = this.buffered.slice(end + 1);
        return line;
      }
      const { value, done } = await withTimeout(this.reader.read(), 'waiting for the SMTP server');
      if (done) throw new SmtpError('SMTP server closed the connection');
      this.buffered += decoder.decode(value, { stream: true });
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await withTimeout(this.writer.write(bytes), 'sending to the SMTP server');
  }

  /** Sends a command and returns the reply, or throws when its code is not one of `expected`. */
  async command(line: string, expected: number[], shown = line): Promise<Reply> {
    await this.write(encoder.encode(`${line}\r\n`));
    return this.expect(expected, shown);
  }

  async expect(expected: number[], what: string): Promise<Reply> {
    const reply = await this.read();
    if (!expected.includes(reply.code)) {
      throw new SmtpError(`SMTP ${what} refused: ${reply.code} ${reply.lines.join(' ').slice(0, 500)}`, reply.code);
    }
    return reply;
  }

  async ehlo(name: string): Promise<void> {
    const reply = await this.command(`EHLO ${name}`, [250]);
    this.extensions = new Set(reply.lines.slice(1).map((l) => l.split(' ')[0]!.toUpperCase()));
    const auth = reply.lines.slice(1).find((l) => /^AUTH[ =]/i.test(l));
    this.authMechanisms = new Set(auth ? auth.slice(5).toUpperCase().split(/\s+/) : []);
  }

  /** Swaps the plain socket for its TLS upgrade; the old reader and writer must let go of the streams first. */
  startTls(): void {
    this.reader.releaseLock();
    this.writer.releaseLock();
    this.socket = this.socket.startTls();
    this.reader = this.socket.readable.getReader();
    this.writer = this.socket.writable.getWriter();
    this.buffered = '';
    this.secure = true;
  }

  async close(): Promise<void> {
    try {
      this.reader.releaseLock();
      this.writer.releaseLock();
    } catch {
      // A read still pending on a broken connection keeps its lock; closing the socket ends it.
    }
    await this.socket.close().catch(() => {});
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SmtpError(`SMTP timed out ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const base64 = (text: string) => toBase64(encoder.encode(text));

const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '::1' || hostname.startsWith('127.');

async function open(connect: SmtpConnect, server: SmtpServerSettings): Promise<SmtpSession> {
  const socket = connect({ hostname: server.hostname, port: server.port }, { secureTransport: server.implicitTls ? 'on' : 'starttls' });
  const session = new SmtpSession(socket, server.implicitTls);
  try {
    await session.expect([220], 'greeting');
    await session.ehlo(server.clientName);
    if (!session.secure && session.extensions.has('STARTTLS')) {
      await session.command('STARTTLS', [220]);
      session.startTls();
      await session.ehlo(server.clientName);
    }
    if (server.user) await authenticate(session, server);
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}

async function authenticate(session: SmtpSession, server: SmtpServerSettings): Promise<void> {
  // A password never crosses the network in the clear; on this machine's loopback there is no network to cross.
  if (!session.secure && !isLoopback(server.hostname)) {
    throw new SmtpError(`SMTP server ${server.hostname} offers no STARTTLS; refusing to send the password unencrypted (use smtps://)`);
  }
  const user = server.user ?? '';
  const password = server.password ?? '';
  if (session.authMechanisms.has('PLAIN') || session.authMechanisms.size === 0) {
    await session.command(`AUTH PLAIN ${base64(`\0${user}\0${password}`)}`, [235], 'AUTH PLAIN');
  } else if (session.authMechanisms.has('LOGIN')) {
    await session.command('AUTH LOGIN', [334]);
    await session.command(base64(user), [334], 'AUTH LOGIN user name');
    await session.command(base64(password), [235], 'AUTH LOGIN password');
  } else {
    throw new SmtpError(`SMTP server offers neither AUTH PLAIN nor LOGIN (${[...session.authMechanisms].join(', ')})`);
  }
}

/**
 * The message as DATA: every line that starts with "." gets a second one (RFC 5321 4.5.2), bare LF becomes CRLF,
 * and it ends with CRLF "." CRLF.
 */
export function dotStuff(raw: Uint8Array): Uint8Array {
  const out: number[] = [];
  let lineStart = true;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (lineStart && byte === DOT) out.push(DOT);
    if (byte === LF && raw[i - 1] !== 0x0d) out.push(0x0d);
    out.push(byte);
    lineStart = byte === LF;
  }
  if (!lineStart) out.push(...CRLF);
  out.push(DOT, ...CRLF);
  return Uint8Array.from(out);
}

async function sendOn(session: SmtpSession, mail: DeliverableMail): Promise<void> {
  const { raw, envelope } = await composeMail(mail);
  if (!envelope.to.length) throw new SmtpError(`No recipient address in "${mail.to}"`);
  // An address is written into a command line: one with a line break or angle bracket could inject another command.
  for (const address of [envelope.from, ...envelope.to]) {
    if (/[\r\n<>]/.test(address)) throw new SmtpError(`Refusing an address with a line break or angle bracket: ${JSON.stringify(address)}`);
  }
  await session.command(`MAIL FROM:<${envelope.from}>`, [250], 'MAIL FROM');
  for (const to of envelope.to) await session.command(`RCPT TO:<${to}>`, [250, 251], `RCPT TO <${to}>`);
  await session.command('DATA', [354]);
  await session.write(dotStuff(raw));
  await session.expect([250], 'message (after DATA)');
}

/**
 * Delivers through an SMTP server over sockets from `connect`, keeping up to `maxConnections` connections open
 * between mails (each mail on a connection starts with RSET), so a batch pays one TLS handshake per connection.
 * A connection that failed in any way is closed, never reused.
 *
 * @example
 * import { connect } from 'cloudflare:sockets';
 * const transport = smtpClientTransport(parseSmtpUrl(env.SMTP_URL, 'samling.example.no'), connect);
 */
export function smtpClientTransport(server: SmtpServerSettings, connect: SmtpConnect, maxConnections = 3): MailTransport {
  const idle: SmtpSession[] = [];
  const waiting: (() => void)[] = [];
  let open_ = 0;

  async function acquire(): Promise<SmtpSession> {
    const reused = idle.pop();
    if (reused) {
      try {
        await reused.command('RSET', [250]);
        return reused;
      } catch {
        open_ -= 1;
        await reused.close();
      }
    }
    if (open_ >= maxConnections) {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return acquire();
    }
    open_ += 1;
    try {
      return await open(connect, server);
    } catch (error) {
      open_ -= 1;
      waiting.shift()?.();
      throw error;
    }
  }

  function release(session: SmtpSession, healthy: boolean) {
    if (healthy) idle.push(session);
    else {
      open_ -= 1;
      void session.close();
    }
    waiting.shift()?.();
  }

  return {
    async send(mail) {
      const session = await acquire();
      try {
        await sendOn(session, mail);
      } catch (error) {
        release(session, false);
        throw error;
      }
      release(session, true);
    },
    async close() {
      const sessions = idle.splice(0);
      open_ -= sessions.length;
      await Promise.all(
        sessions.map(async (session) => {
          await session.command('QUIT', [221]).catch(() => {});
          await session.close();
        }),
      );
    },
  };
}
