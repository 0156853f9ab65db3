import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mimeStructure, sampleInvitation as invitation, startSmtpServer, type TestSmtpServer } from '../../test/smtp';
import type { MailTransport } from '../mail/transport';
import { smtpTransport } from './smtp-transport';

describe('smtpTransport', () => {
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  beforeEach(async () => {
    smtp = await startSmtpServer();
    transport = smtpTransport(smtp.url);
  });
  afterEach(async () => {
    await transport.close?.();
    await smtp.close();
  });

  it('delivers an invitation that calendar clients recognise: text, html, a REQUEST alternative and an .ics file', async () => {
    await transport.send(invitation);

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.messageId).toBe(invitation.messageId);
    expect(mail.subject).toBe(invitation.subject);
    expect(mail.from?.value).toEqual([{ name: 'Samling', address: 'noreply@samling.example' }]);
    expect(mail.headers.get('content-language')).toBe('nb');
    expect(mail.text?.trim()).toBe(invitation.text);
    expect(mail.html).toBe(invitation.html);

    const calendarPart = mail.attachments.find((a) => a.contentType === 'text/calendar');
    expect(calendarPart?.content.toString('utf8')).toBe(invitation.calendar!.content);
    const file = mail.attachments.find((a) => a.filename === 'invitasjon.ics');
    expect(file?.contentDisposition).toBe('attachment');
    expect(file?.content.toString('utf8')).toBe(invitation.calendar!.content);

    expect(mimeStructure(smtp.raw[0]!)).toEqual([
      'multipart/mixed',
      '  multipart/alternative',
      '    text/plain',
      '    text/html',
      '    text/calendar; method=REQUEST',
      '  application/ics; filename=invitasjon.ics',
    ]);
    expect(smtp.raw[0]!.toString()).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
  });

  it('sends a cancellation with method=CANCEL', async () => {
    const cancel = invitation.calendar!.content.replace('METHOD:REQUEST', 'METHOD:CANCEL');
    await transport.send({
      ...invitation,
      lang: 'en',
      calendar: { method: 'CANCEL', content: cancel, filename: 'cancel.ics' },
    });

    expect(smtp.messages[0]!.headers.get('content-language')).toBe('en');
    expect(mimeStructure(smtp.raw[0]!)).toContain('    text/calendar; method=CANCEL');
  });

  it('sends a plain message without any calendar part', async () => {
    const { calendar: _, ...message } = invitation;
    await transport.send({ ...message, subject: 'Melding fra arrangøren' });

    expect(smtp.messages[0]!.attachments).toEqual([]);
    expect(mimeStructure(smtp.raw[0]!)).toEqual(['multipart/alternative', '  text/plain', '  text/html']);
  });

  it('sends many mails over the pool without losing or duplicating any', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `<pool-${i}@samling.example>`);
    await Promise.all(ids.map((messageId, i) => transport.send({ ...invitation, to: `p${i}@example.no`, messageId })));

    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual([...ids].sort());
  });

  it('rejects when the server refuses the recipient, so the caller can retry', async () => {
    smtp.setRefuse(true);
    await expect(transport.send(invitation)).rejects.toThrow(/451/);
    expect(smtp.messages).toHaveLength(0);
  });
});
