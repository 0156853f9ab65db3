import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { mimeStructure, sampleInvitation as invitation, startSmtpServer } from '../../test/smtp';
import { emlTransport, pruneEmlFolder } from './eml-transport';
import { smtpTransport } from './smtp-transport';

describe('emlTransport', () => {
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup = [];
  });

  async function tempFolder() {
    const t = await createTestDeps();
    cleanup.push(t.close);
    return join(t.dir, 'mail');
  }

  it('deletes, for the retention period, only the mails written before the cut', async () => {
    const folder = await tempFolder();
    const transport = emlTransport(folder);
    await transport.send({ ...invitation, messageId: '<a@localhost>' });
    const cut = new Date(Date.now() + 60_000);
    expect(await pruneEmlFolder(folder, new Date(Date.now() - 86_400_000))).toBe(0);
    expect(await readdir(folder)).toHaveLength(1);
    expect(await pruneEmlFolder(folder, cut)).toBe(1);
    expect(await readdir(folder)).toEqual([]);
    expect(await pruneEmlFolder(join(folder, 'missing'), cut)).toBe(0);
  });

  it('writes each mail as a readable .eml file named by time and Message-ID, with nothing half-written left over', async () => {
    const folder = await tempFolder();
    const transport = emlTransport(folder);

    await transport.send(invitation);
    await transport.send({ ...invitation, messageId: '<second/../../x@samling.example>', to: 'ola@example.no' });

    const files = (await readdir(folder)).sort();
    expect(files).toHaveLength(2);
    for (const name of files) expect(name).toMatch(/^\d{8}T\d{9}Z-[A-Za-z0-9._-]+\.eml$/);
    expect(files.some((name) => name.endsWith('-5f1c2a9e-0d7b-4c4e-9a51-2a7d3c1b9e01_samling.example.eml'))).toBe(true);

    const parsed = await Promise.all(files.map(async (name) => simpleParser(await readFile(join(folder, name)))));
    const first = parsed.find((m) => m.messageId === invitation.messageId)!;
    expect(first.subject).toBe(invitation.subject);
    expect(first.headers.get('content-language')).toBe('nb');
    expect(first.text?.trim()).toBe(invitation.text);
    expect(first.html).toBe(invitation.html);
    expect(first.attachments.find((a) => a.filename === 'invitasjon.ics')?.content.toString()).toBe(
      invitation.calendar!.content,
    );
    expect(parsed.map((m) => m.to && !Array.isArray(m.to) && m.to.text).sort()).toEqual([
      'kari@example.no',
      'ola@example.no',
    ]);
  });

  it('produces the same MIME structure as the SMTP transport', async () => {
    const folder = await tempFolder();
    const smtp = await startSmtpServer();
    const smtpSend = smtpTransport(smtp.url);
    cleanup.push(smtp.close, async () => smtpSend.close?.());

    await emlTransport(folder).send(invitation);
    await smtpSend.send(invitation);

    const [file] = await readdir(folder);
    const eml = await readFile(join(folder, file!));
    expect(mimeStructure(eml)).toEqual(mimeStructure(smtp.raw[0]!));
    expect(mimeStructure(eml)).toContain('    text/calendar; method=REQUEST');
  });
});
