import { describe, expect, it } from 'vitest';
import { mailApiTransport } from '../../src/adapters/mail-api';
import { composeMail } from '../../src/adapters/mime';
import { dotStuff } from '../../src/adapters/smtp-client';
import { hashPassword, needsRehash, verifyPassword } from '../../src/domain/passwords';
import type { DeliverableMail } from '../../src/mail/transport';

// Inside workerd: the argon2 .wasm imported at bundle time (WebAssembly compiled at run time is refused there), and
// the mail MIME built by nodemailer's MailComposer under nodejs_compat, as on Node.

const invitation: DeliverableMail = {
  to: 'Kari Nordmann <kari@example.no>',
  subject: 'Bekreftelse: Inkludering i arbeidslivet',
  text: 'Hei Kari! Du er påmeldt.\n.\nVi ses.',
  html: '<p>Hei Kari! Du er påmeldt.</p>',
  lang: 'nb',
  calendar: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n', filename: 'invitasjon.ics' },
  messageId: '<workerd-1@samling.example>',
  from: 'Samling <noreply@samling.example>',
};

describe('passwords in workerd', () => {
  it('hashes with argon2id m=19456 KiB, t=2, p=1 and verifies, æøå included; older PBKDF2 hashes still verify', async () => {
    const hash = await hashPassword('blåbær og brunost 42');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('blåbær og brunost 42', hash)).toBe(true);
    expect(await verifyPassword('blåbær og brunost 43', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
    // Production Workers refuse PBKDF2 above 100,000 iterations; a hash of up to that verifies there too.
    const old = await hashPassword('blåbær og brunost 42', { iterations: 100_000 });
    expect(await verifyPassword('blåbær og brunost 42', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });
});

describe('mail MIME in workerd', () => {
  it('builds the invitation with its calendar alternative and .ics attachment, and hands it to the mail API', async () => {
    const { raw, envelope } = await composeMail(invitation);
    const text = new TextDecoder().decode(raw);
    expect(envelope).toEqual({ from: 'noreply@samling.example', to: ['kari@example.no'] });
    expect(text).toContain('Message-ID: <workerd-1@samling.example>');
    expect(text).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(text).toMatch(/Content-Disposition: attachment; filename=invitasjon\.ics/);
    expect(new TextDecoder().decode(dotStuff(raw)).endsWith('\r\n.\r\n')).toBe(true);

    const requests: Request[] = [];
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return new Response('{"message":"Queued"}');
    }) as typeof fetch;
    await mailApiTransport('https://api.eu.mailgun.net/v3/mg.example.no/messages.mime', 'key', fetchImpl).send(invitation);
    const form = await requests[0]!.formData();
    expect(form.get('to')).toBe('kari@example.no');
    expect(new TextDecoder().decode(await (form.get('message') as unknown as File).arrayBuffer())).toContain('method=REQUEST');
  });
});
