import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emlTransport } from '../src/adapters/eml-transport';
import { createApp } from '../src/app';
import { mailDomain, readSettings } from '../src/config';
import { sendMessage } from '../src/domain/messages';
import { cancelEvent, enqueueDueReminders, rescheduleEvent } from '../src/domain/event-changes';
import { cancelRegistration, register, sendManageLink } from '../src/domain/registration';
import { deliverDue } from '../src/mail/worker';
import { insertEvent } from './fixtures';
import { createTestDeps } from './helpers';
import { outboxOf, person } from './registration-helpers';

let t: Awaited<ReturnType<typeof createTestDeps>>;
beforeEach(async () => {
  t = await createTestDeps({ now: new Date('2027-01-10T10:00:00Z') });
});
afterEach(() => t.close());

// The site as someone runs it on an IP address: the sender must still be a valid mailbox.
const BASE_URL = 'http://127.0.0.1:8080';
const settings = () => ({ ...t.deps.config, ...readSettings({ BASE_URL }) });
const AUTOMATIC = ['confirmation', 'waitlisted', 'promoted', 'cancelled', 'updated', 'updated_waitlisted', 'reminder', 'manage_link', 'event_cancelled'];

/** Delivers the outbox as .eml files and reads each back: the raw text, mailparser's view, and the outbox kind. */
async function deliverAll(): Promise<{ kind: string; raw: string; mail: ParsedMail }[]> {
  const folder = join(t.dir, `mail-${Math.random().toString(36).slice(2)}`);
  const { mailFrom, baseUrl } = settings();
  await deliverDue(t.deps.db, emlTransport(folder), { now: t.deps.clock(), from: mailFrom, baseUrl });
  const kinds = new Map((await outboxOf(t.deps.db)).map((row) => [row.message_id, row.kind]));
  const out = [];
  for (const name of (await readdir(folder)).sort()) {
    const raw = await readFile(join(folder, name), 'latin1');
    const mail = await simpleParser(Buffer.from(raw, 'latin1'));
    out.push({ kind: kinds.get(mail.messageId!)!, raw, mail });
  }
  return out;
}

/** A header as written, unfolded (mailparser turns the List-* headers into objects). */
const headerLine = (mail: ParsedMail, key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/\r\n[ \t]+/g, ' ');

describe('the headers of every kind of mail', () => {
  it('CRLF throughout, a valid From on an IP address, Auto-Submitted on automatic mail, bulk and one-click unsubscribe on the organiser’s message', async () => {
    const s = settings();
    const event = await insertEvent(t.deps.db, { capacity: 1, contact_email: 'kontakt@innlandet.no', reminder_hours: 48 } as never);
    const kari = await register(t.deps.db, event.id, person(), 'nb', t.deps.clock(), s);
    await register(t.deps.db, event.id, person({ name: 'Ola', email: 'ola@example.no' }), 'en', t.deps.clock(), s);
    if (kari.kind !== 'registered') throw new Error('not registered');
    await cancelRegistration(t.deps.db, kari.registration.id, t.deps.clock(), s);
    await register(t.deps.db, event.id, person({ name: 'Per', email: 'per@example.no' }), 'nb', t.deps.clock(), s);
    await rescheduleEvent(t.deps.db, event.id, { venue_name: 'Scandic Hamar' }, t.deps.clock(), s);
    t.setNow(new Date('2027-01-13T10:00:00Z'));
    expect(await enqueueDueReminders(t.deps.db, t.deps.clock(), s)).toBe(1);
    t.setNow(new Date('2027-01-13T10:10:00Z'));
    await sendManageLink(t.deps.db, event.id, 'ola@example.no', t.deps.clock(), s);
    await sendMessage(t.deps.db, event, { audience: 'all', subject: 'Praktisk info', body: 'Hei!\nVelkommen.\n\nMvh' }, null, t.deps.clock(), s);
    await cancelEvent(t.deps.db, event.id, t.deps.clock(), s);

    const mails = await deliverAll();
    expect(new Set(mails.map((m) => m.kind))).toEqual(new Set([...AUTOMATIC, 'message']));
    for (const { kind, raw, mail } of mails) {
      // RFC 5322 §2.3: CR and LF only together, headers and bodies alike.
      expect(/\r(?!\n)|(?<!\r)\n/.test(raw), kind).toBe(false);
      expect(mail.from!.value, kind).toEqual([{ name: 'Samling', address: 'noreply@[127.0.0.1]' }]);
      expect(mail.replyTo?.value.map((a) => a.address), kind).toEqual(['kontakt@innlandet.no']);
      if (kind === 'message') continue;
      expect(mail.headers.get('auto-submitted'), kind).toBe('auto-generated');
      expect(mail.headers.get('precedence'), kind).toBeUndefined();
      expect(headerLine(mail, 'list-unsubscribe'), kind).toBeUndefined();
    }
    const messages = mails.filter((m) => m.kind === 'message');
    expect(messages).toHaveLength(2);
    for (const { mail } of messages) {
      expect(mail.headers.get('auto-submitted')).toBeUndefined();
      expect(mail.headers.get('precedence')).toBe('bulk');
      expect(headerLine(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(headerLine(mail, 'list-unsubscribe')).toMatch(
        /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:8080\/unsubscribe\/[A-Za-z0-9_-]{43}>$/,
      );
      expect(mail.text).toContain('Hei!\nVelkommen.');
    }
    // The working link is only in the mail: the database holds its hash.
    const url = String(mails.find((m) => m.kind === 'message')!.raw.match(/\/unsubscribe\/([A-Za-z0-9_-]{43})/)![1]);
    const dump = JSON.stringify([await t.deps.db.selectFrom('outbox').selectAll().execute(), await t.deps.db.selectFrom('message_unsubscribes').selectAll().execute()]);
    expect(dump).not.toContain(url);
  });

  it('makes a valid mailbox domain of any host', () => {
    expect(mailDomain('samling.example.no')).toBe('samling.example.no');
    expect(mailDomain('127.0.0.1')).toBe('[127.0.0.1]');
    expect(mailDomain('[::1]')).toBe('[IPv6:::1]');
    expect(readSettings({ BASE_URL: 'http://[::1]:3000' }).mailFrom).toBe('Samling <noreply@[IPv6:::1]>');
    expect(readSettings({ BASE_URL: 'https://samling.example.no' }).mailFrom).toBe('Samling <noreply@samling.example.no>');
  });
});

describe('one-click unsubscribe (RFC 8058)', () => {
  it('stops that event’s organiser messages to that address, and nothing else', async () => {
    const s = settings();
    const app = createApp({ ...t.deps, config: s });
    const event = await insertEvent(t.deps.db, { contact_email: 'kontakt@innlandet.no' });
    const other = await insertEvent(t.deps.db);
    for (const e of [event, other]) {
      await register(t.deps.db, e.id, person(), 'nb', t.deps.clock(), s);
      await register(t.deps.db, e.id, person({ name: 'Ola', email: 'ola@example.no' }), 'nb', t.deps.clock(), s);
    }
    await sendMessage(t.deps.db, event, { audience: 'all', subject: 'Første', body: 'Hei' }, null, t.deps.clock(), s);
    const first = (await deliverAll()).find((m) => m.kind === 'message' && m.mail.to && JSON.stringify(m.mail.to).includes('kari@example.no'))!;
    const link = /<([^>]+)>/.exec(headerLine(first.mail, 'list-unsubscribe')!)![1]!;
    const path = new URL(link).pathname;

    // A link checker's GET changes nothing; it shows a page with the button.
    const page = await app.request(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(await page.text()).toContain(`action="${path}"`);
    expect(await sendMessage(t.deps.db, event, { audience: 'all', subject: 'Andre', body: 'Hei' }, null, t.deps.clock(), s)).toMatchObject({ recipients: 2 });

    // The mail program's one-click POST: no cookie, no form token.
    const res = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Du får ikke flere meldinger');
    expect((await app.request(path, { method: 'POST' })).status).toBe(200);
    expect((await app.request(`/unsubscribe/${'x'.repeat(43)}`, { method: 'POST' })).status).toBe(404);

    expect(await sendMessage(t.deps.db, event, { audience: 'all', subject: 'Tredje', body: 'Hei' }, null, t.deps.clock(), s)).toMatchObject({ recipients: 1 });
    expect(await sendMessage(t.deps.db, other, { audience: 'all', subject: 'Annet', body: 'Hei' }, null, t.deps.clock(), s)).toMatchObject({ recipients: 2 });
    // Confirmations and cancellations still reach the person.
    await cancelEvent(t.deps.db, event.id, t.deps.clock(), s);
    const cancelled = (await outboxOf(t.deps.db)).filter((m) => m.kind === 'event_cancelled').map((m) => m.to_address);
    expect(cancelled).toContain('kari@example.no');
  });
});
