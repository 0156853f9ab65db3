import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailTransport } from '../mail/transport';
import { composeMail } from './mime';

/**
 * Writes each mail as `<folder>/<timestamp>-<message id>.eml` instead of sending it, so someone running the app without
 * SMTP can open the invitations in a mail client. The file appears whole or not at all (temp file + rename).
 *
 * @example
 * const transport = process.env.SMTP_URL ? smtpTransport(process.env.SMTP_URL) : emlTransport(join(dataDir, 'mail'));
 */
export function emlTransport(folder: string): MailTransport {
  let ready: Promise<unknown> | undefined;
  return {
    async send(mail) {
      ready ??= mkdir(folder, { recursive: true });
      await ready;
      const { raw: message } = await composeMail(mail);
      const name = `${emlTimestamp(new Date())}-${safeFileName(mail.messageId)}.eml`;
      const temp = join(folder, `.${name}.${crypto.randomUUID()}.tmp`);
      await writeFile(temp, message);
      await rename(temp, join(folder, name));
    },
  };
}

/** Sortable and valid on every file system: 20261123T120000123Z. */
function emlTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function safeFileName(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

/**
 * Deletes the .eml files written before `before` (they hold names and addresses): the mail folder's part of the
 * retention period. Returns how many were deleted; a missing folder has none.
 */
export async function pruneEmlFolder(folder: string, before: Date): Promise<number> {
  const cut = emlTimestamp(before);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  // The name starts with the time it was written, so no file needs opening.
  const old = names.filter((name) => name.endsWith('.eml') && name.slice(0, cut.length) < cut);
  await Promise.all(old.map((name) => rm(join(folder, name), { force: true })));
  return old.length;
}
