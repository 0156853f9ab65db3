import ICAL from 'ical.js';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { smtpTransport } from '../src/adapters/smtp-transport';
import { createApp } from '../src/app';
import { deliverDue } from '../src/mail/worker';
import { insertEvent } from './fixtures';
import { createTestDeps } from './helpers';
import { type TestSmtpServer, mimeStructure, startSmtpServer } from './smtp';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let smtp: TestSmtpServer;

beforeEach(async () => {
  t = await createTestDeps({ now: new Date('2026-11-23T12:00:00Z') });
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await smtp.close();
  await t.close();
});

it('a registration’s confirmation arrives over real SMTP with a METHOD:REQUEST invitation for the participant', async () => {
  const event = await insertEvent(t.deps.db, { slug: 'innlandet', title: 'Flere inn i arbeidslivet', capacity: 10 });
  const app = createApp(t.deps);
  const res = await app.request(`/events/${event.slug}/register`, {
    method: 'POST',
    headers: { 'accept-language': 'en' },
    body: new URLSearchParams({ name: 'Kari Nordmann', email: 'kari@example.no', organisation: 'Nav Innlandet' }),
  });
  expect(res.status).toBe(303);
  const token = res.headers.get('location')!.split('/')[2]!.split('?')[0]!;

  const transport = smtpTransport(smtp.url);
  try {
    expect(await deliverDue(t.deps.db, transport, { now: t.deps.clock(), from: t.deps.config.mailFrom })).toEqual({ sent: 1, failed: 0, retried: 0 });
  } finally {
    await transport.close?.();
  }
  const [mail] = smtp.messages;
  expect(mail?.subject).toBe('Registered: Flere inn i arbeidslivet');
  expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('kari@example.no');
  expect(mail?.headers.get('content-language')).toBe('en');
  expect(mail?.text).toContain(`http://localhost:3000/registrations/${token}`);
  expect(mail?.html).toContain(`href="http://localhost:3000/registrations/${token}"`);
  const structure = mimeStructure(smtp.raw[0]!).map((line) => line.trim());
  expect(structure).toContain('text/calendar; method=REQUEST');
  expect(structure).toContain('text/plain');
  expect(structure).toContain('text/html');

  const ics = mail!.attachments.find((a) => /calendar|ics/.test(a.contentType))!;
  const calendar = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
  expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
  expect(calendar.getFirstSubcomponent('vtimezone')).not.toBeNull();
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  expect(String(vevent.getFirstPropertyValue('attendee')).toLowerCase()).toBe('mailto:kari@example.no');
  expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:noreply@localhost');
  expect(vevent.getFirstPropertyValue('uid')).toBe(`event-${event.id}@localhost`);
});
