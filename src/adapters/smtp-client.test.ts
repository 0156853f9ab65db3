import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeSocketConnect } from '../../test/node-socket';
import { type TestSmtpServer, mimeStructure, sampleInvitation, startSmtpServer } from '../../test/smtp';
import { dotStuff, parseSmtpUrl, smtpClientTransport } from './smtp-client';
import { smtpTransport } from './smtp-transport';

// A self-signed certificate for 127.0.0.1, made for this run; the client is told to trust it and verifies it.
let cert: { key: string; cert: string };
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-cert-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  cert = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  rmSync(dir, { recursive: true, force: true });
});

let servers: TestSmtpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function server(options: Parameters<typeof startSmtpServer>[0] = {}) {
  const s = await startSmtpServer(options);
  servers.push(s);
  return s;
}
const AUTH = { user: 'noreply@fylke.no', password: 'hemmelig æ 123' };
const userInfo = `${encodeURIComponent(AUTH.user)}:${encodeURIComponent(AUTH.password)}`;
const client = (url: string, ca: string | null = cert.cert) => smtpClientTransport(parseSmtpUrl(url, 'samling.test'), nodeSocketConnect(ca ? { ca } : {}));

describe('the Workers SMTP client', () => {
  it('upgrades with STARTTLS on a self-signed certificate it trusts, signs in with AUTH PLAIN and delivers', async () => {
    const smtp = await server({ tls: cert, auth: { ...AUTH, methods: ['PLAIN'] } });
    const transport = client(`smtp://${userInfo}@127.0.0.1:${smtp.port}`);
    await transport.send(sampleInvitation);
    await transport.close?.();
    expect(smtp.sessions).toEqual([{ secure: true, user: AUTH.user }]);
    expect(smtp.messages[0]?.subject).toBe(sampleInvitation.subject);
    expect(smtp.messages[0]?.messageId).toBe(sampleInvitation.messageId);
  });

  it('speaks TLS from the first byte for smtps:// and signs in with AUTH LOGIN', async () => {
    const smtp = await server({ tls: { ...cert, secure: true }, auth: { ...AUTH, methods: ['LOGIN'] } });
    const transport = client(`smtps://${userInfo}@127.0.0.1:${smtp.port}`);
    await transport.send(sampleInvitation);
    await transport.close?.();
    expect(smtp.sessions).toEqual([{ secure: true, user: AUTH.user }]);
  });

  it('refuses a certificate it was not told to trust, and a wrong password, with the reason', async () => {
    const smtp = await server({ tls: cert, auth: AUTH });
    await expect(client(`smtp://${userInfo}@127.0.0.1:${smtp.port}`, null).send(sampleInvitation)).rejects.toThrow(/self-signed|certificate/i);
    await expect(client(`smtp://noreply%40fylke.no:feil@127.0.0.1:${smtp.port}`).send(sampleInvitation)).rejects.toThrow(/AUTH PLAIN refused: 535/);
    expect(smtp.raw).toHaveLength(0);
  });

  it('reports a refused recipient so the outbox retries, then delivers on a fresh connection', async () => {
    const smtp = await server({ refuse: true });
    const transport = client(smtp.url);
    await expect(transport.send(sampleInvitation)).rejects.toThrow(/RCPT TO <kari@example.no> refused: 451/);
    smtp.setRefuse(false);
    await transport.send(sampleInvitation);
    await transport.send({ ...sampleInvitation, messageId: '<second@samling.example>' });
    await transport.close?.();
    expect(smtp.messages.map((m) => m.messageId)).toEqual([sampleInvitation.messageId, '<second@samling.example>']);
  });

  it('dot-stuffs lines that start with a dot, so a lone "." in the text does not end the message', async () => {
    const smtp = await server();
    const text = 'Programmet:\n.\n..to prikker\n.slutt';
    const transport = client(smtp.url);
    await transport.send({ ...sampleInvitation, text, calendar: undefined });
    await transport.close?.();
    expect(smtp.messages[0]?.text?.replace(/\r\n/g, '\n').trim()).toBe(text);
    const stuffed = new TextDecoder().decode(dotStuff(new TextEncoder().encode('a\r\n.\r\n..b\nc')));
    expect(stuffed).toBe('a\r\n..\r\n...b\r\nc\r\n.\r\n');
  });

  it('sends the same message as the Node transport: same headers, parts, calendar alternative and .ics', async () => {
    const smtp = await server();
    const node = smtpTransport(smtp.url);
    await node.send(sampleInvitation);
    await node.close?.();
    const edge = client(smtp.url);
    await edge.send(sampleInvitation);
    await edge.close?.();
    const [fromNode, fromEdge] = await Promise.all(smtp.raw.map((raw) => simpleParser(raw)));
    const summary = (m: NonNullable<typeof fromNode>) => ({
      from: m.from?.text,
      to: Array.isArray(m.to) ? m.to.map((a) => a.text) : m.to?.text,
      subject: m.subject,
      messageId: m.messageId,
      language: m.headers.get('content-language'),
      text: m.text,
      html: m.html,
      attachments: m.attachments.map((a) => ({ type: a.contentType, name: a.filename, method: a.contentType === 'text/calendar' ? a.headers.get('content-type') : undefined, content: a.content.toString('utf8') })),
    });
    expect(summary(fromEdge!)).toEqual(summary(fromNode!));
    expect(mimeStructure(smtp.raw[1]!)).toEqual(mimeStructure(smtp.raw[0]!));
    expect(mimeStructure(smtp.raw[1]!)).toContain('    text/calendar; method=REQUEST');
  });
});

describe('SMTP_URL', () => {
  it('reads host, port, TLS mode and percent-encoded credentials as on Node', () => {
    expect(parseSmtpUrl('smtps://noreply%40fylke.no:p%C3%A5ss@smtp.fylke.no', 'samling.fylke.no')).toEqual({
      hostname: 'smtp.fylke.no', port: 465, implicitTls: true, user: 'noreply@fylke.no', password: 'påss', clientName: 'samling.fylke.no',
    });
    expect(parseSmtpUrl('smtp://smtp.fylke.no', 'x')).toMatchObject({ port: 587, implicitTls: false, user: undefined });
    expect(() => parseSmtpUrl('http://smtp.fylke.no', 'x')).toThrow(/smtp:\/\/ or smtps:\/\//);
  });
});

