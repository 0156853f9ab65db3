import { type Lang, translator } from '../i18n/index';
import type { MailContent } from './templates';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The mail with a password-reset link, for an organiser, in the language they asked in.
 * @example renderResetMail({ name: 'Kari', lang: 'nb', url: 'https://…/admin/password/reset/…', minutes: 60 }).subject
 */
export function renderResetMail(input: { name: string; lang: Lang; url: string; minutes: number }): MailContent {
  const t = translator(input.lang);
  const subject = t('reset_mail_subject');
  const lines = [t('mail_greeting', { name: input.name }), t('reset_mail_body', { minutes: input.minutes }), input.url, t('reset_mail_ignore')];
  const html = [
    `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem">',
    `<p>${escapeHtml(lines[0]!)}</p>`,
    `<p>${escapeHtml(lines[1]!)}</p>`,
    `<p><a href="${escapeHtml(input.url)}">${escapeHtml(t('reset_mail_link'))}</a></p>`,
    `<p>${escapeHtml(lines[3]!)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: lines.join('\n\n'), html };
}
