import type { Kysely } from 'kysely';
import type { Database, EventRow, RegistrationRow } from '../../db/schema';
import { type Lang, isLang, translator } from '../i18n/index';
import { enqueueMail } from '../mail/outbox';
import { type MailSettings, invitationPart } from './registration-mail';
import { absolute, eventPath } from '../urls';

type Db = Kysely<Database>;

export interface ParticipantMailInput {
  event: Pick<EventRow, 'slug' | 'title' | 'organiser_name'>;
  name: string;
  lang: Lang;
  baseUrl: string;
  subject: string;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The organiser's text in the participant's language wrapper: greeting, the text, a link to the event page and the
 * signature; plain text and HTML with every typed character escaped.
 * @example renderParticipantMail({ event, name: 'Kari', lang: 'nb', baseUrl, subject: 'Parkering', body: 'Bruk P2.' }).text
 */
export function renderParticipantMail(input: ParticipantMailInput): { subject: string; text: string; html: string } {
  const t = translator(input.lang);
  const eventUrl = absolute(input.baseUrl, eventPath(input.event));
  const greeting = t('ap_mail_greeting', { name: input.name });
  const signature = t('ap_mail_signature', { organiser: input.event.organiser_name });
  const about = t('ap_mail_about', { title: input.event.title });
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  const subject = input.subject.replace(/[\r\n\t]+/g, ' ').trim();
  const text = [greeting, body, `${about}: ${eventUrl}`, signature].join('\n\n');
  const paragraphs = body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  const html = [
    `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs,
    `<p><a href="${escapeHtml(eventUrl)}">${escapeHtml(about)}</a></p>`,
    `<p>${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

export const langOf = (lang: string): Lang => (isLang(lang) ? lang : 'nb');

export async function queueNotice(
  trx: Db,
  kind: string,
  event: EventRow,
  person: Pick<RegistrationRow, 'id' | 'name' | 'email' | 'lang'>,
  content: { subject: string; body: string },
  now: Date,
  settings: MailSettings,
  calendar?: 'REQUEST' | 'CANCEL',
): Promise<string> {
  const lang = langOf(person.lang);
  const mail = renderParticipantMail({ event, name: person.name, lang, baseUrl: settings.baseUrl, ...content });
  const ics = calendar ? invitationPart(event, person, calendar, lang, now, settings) : undefined;
  return enqueueMail(
    trx,
    { kind, eventId: event.id, registrationId: person.id, to: person.email, lang, ...mail, ...(ics ? { calendar: ics } : {}) },
    now,
    new URL(settings.baseUrl).hostname,
  );
}
