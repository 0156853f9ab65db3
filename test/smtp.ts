import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DeliverableMail } from '../src/mail/transport';

export interface SmtpServerOptions {
  /** Start refusing every recipient (as a full mailbox or a greylisting server would). */
  refuse?: boolean;
  /** The SMTP reply code used while refusing: 4xx temporary (default 451), 5xx permanent. */
  refuseCode?: number;
  /** Listen on this port instead of a free one, e.g. to bring a stopped server back at the same address. */
  port?: number;
  /** Parse every message with mailparser into `messages` (default true; a benchmark may only want `raw`). */
  parse?: boolean;
  /** Keep every raw message in `raw` (default true). */
  keepRaw?: boolean;
  /** Called with every accepted message, after it is stored and before the client is told it was accepted. */
  onMessage?: (raw: Buffer) => void;
  /** Offer STARTTLS with this certificate (or, with `secure`, speak TLS from the first byte as on port 465). */
  tls?: { key: string; cert: string; secure?: boolean };
  /** Require AUTH with these credentials, offering these methods (default PLAIN and LOGIN). */
  auth?: { user: string; password: string; methods?: string[] };
}

export interface TestSmtpServer {
  port: number;
  url: string;
  /** Accepted messages, parsed; a message is here before the sender's `sendMail` resolves. */
  messages: ParsedMail[];
  /** Per accepted message: whether it arrived over TLS and as which user. */
  sessions: { secure: boolean; user: string | undefined }[];
  raw: Buffer[];
  setRefuse(refuse: boolean): void;
  close(): Promise<void>;
}

/**
 * An in-process SMTP server on 127.0.0.1 (no TLS, no auth required) that collects what it is sent.
 *
 * @example
 * const smtp = await startSmtpServer();
 * const transport = smtpTransport(smtp.url);
 * // … deliver …
 * expect(smtp.messages[0]?.subject).toBe('Bekreftelse');
 * await transport.close?.();
 * await smtp.close();
 */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  let refuse = options.refuse ?? false;
  const refuseCode = options.refuseCode ?? 451;
  const parse = options.parse ?? true;
  const keepRaw = options.keepRaw ?? true;
  const messages: ParsedMail[] = [];
  const raw: Buffer[] = [];
  const sessions: TestSmtpServer['sessions'] = [];
  const { tls, auth } = options;

  const server = new SMTPServer({
    authOptional: !auth,
    authMethods: auth?.methods ?? ['PLAIN', 'LOGIN'],
    disabledCommands: tls ? [] : ['STARTTLS'],
    ...(tls ? { key: tls.key, cert: tls.cert, secure: tls.secure ?? false } : {}),
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.password) return callback(null, { user: auth.user });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    logger: false,
    closeTimeout: 50,
    onRcptTo(_address, _session, callback) {
      if (!refuse) return callback();
      const error = Object.assign(new Error(`Mailbox unavailable (test server refusing)`), { responseCode: refuseCode });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const message = Buffer.concat(chunks);
        void (async () => {
          if (keepRaw) raw.push(message);
          sessions.push({ secure: session.secure, user: session.user as string | undefined });
          if (parse) messages.push(await simpleParser(message));
          options.onMessage?.(message);
          callback();
        })().catch(callback);
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    sessions,
    raw,
    setRefuse(value) {
      refuse = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The MIME tree of a raw message as indented content types with their parameters that matter here (method, filename),
 * so a test can assert the structure itself, e.g. that the calendar is an alternative and not only an attachment.
 *
 * @example
 * mimeStructure(smtp.raw[0]!);
 * // ['multipart/mixed', '  multipart/alternative', '    text/plain', '    text/html',
 * //  '    text/calendar; method=REQUEST', '  application/ics; filename=invitasjon.ics']
 */
export function mimeStructure(raw: Buffer | string, depth = 0): string[] {
  const text = raw.toString('latin1');
  const split = text.search(/\r?\n\r?\n/);
  const head = (split < 0 ? text : text.slice(0, split)).replace(/\r?\n[ \t]+/g, ' ');
  const body = split < 0 ? '' : text.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const param = (value: string, name: string) => new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value)?.[1];

  const contentType = header('Content-Type') || 'text/plain';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const method = param(contentType, 'method');
  const filename = param(header('Content-Disposition'), 'filename') ?? param(contentType, 'name');
  const label = [type, method && `method=${method}`, filename && `filename=${filename}`].filter(Boolean).join('; ');
  const lines = [`${'  '.repeat(depth)}${label}`];

  const boundary = param(contentType, 'boundary');
  if (type.startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      lines.push(...mimeStructure(part.replace(/^\r?\n/, ''), depth + 1));
    }
  }
  return lines;
}

const sampleIcs = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Samling//Seminar//NB',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:event-7@samling.example',
  'SEQUENCE:0',
  'DTSTAMP:20261123T120000Z',
  'DTSTART;TZID=Europe/Oslo:20261201T090000',
  'DTEND;TZID=Europe/Oslo:20261201T153000',
  'SUMMARY:Inkludering i arbeidslivet – Kristiansand',
  'ORGANIZER;CN=Nav Agder:mailto:noreply@samling.example',
  'ATTENDEE;CN=Kari Nordmann;RSVP=FALSE:mailto:kari@example.no',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

/** A realistic confirmation with a calendar invitation, for transport tests. */
export const sampleInvitation: DeliverableMail = {
  to: 'kari@example.no',
  subject: 'Bekreftelse: Inkludering i arbeidslivet',
  text: 'Hei Kari! Du er påmeldt. Vi gleder oss til å se deg 1. desember kl. 09.00.',
  html: '<p>Hei Kari! Du er påmeldt. Vi gleder oss til å se deg <strong>1. desember kl. 09.00</strong>.</p>',
  lang: 'nb',
  calendar: { method: 'REQUEST', content: sampleIcs, filename: 'invitasjon.ics' },
  messageId: '<5f1c2a9e-0d7b-4c4e-9a51-2a7d3c1b9e01@samling.example>',
  from: 'Samling <noreply@samling.example>',
};
