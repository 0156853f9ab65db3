import type { EventRow } from '../../db/schema';
import { type Lang, type MessageKey, translator } from '../i18n/index';
import { formatDateRange, formatTimeRange, localDate } from '../time';
import { absolute, eventPath } from '../urls';

/** Every mail sent to a participant; the outbox row's `kind` is the same word. */
export type MailKind =
  | 'confirmation'
  | 'waitlisted'
  | 'promoted'
  | 'cancelled'
  | 'deleted'
  | 'reminder'
  | 'updated'
  | 'updated_waitlisted'
  | 'event_cancelled'
  | 'manage_link';

export interface MailTemplateInput {
  kind: MailKind;
  event: Pick<EventRow, 'slug' | 'title' | 'starts_at' | 'ends_at' | 'time_zone' | 'venue_name' | 'venue_address' | 'online_url' | 'organiser_name'>;
  /** The participant's name and language. */
  name: string;
  lang: Lang;
  baseUrl: string;
  /** The private manage link, when the mail may carry it (the token is known only while handling its own request). */
  manageUrl?: string | null;
  /** Place on the waiting list, for 'waitlisted'. */
  position?: number | null;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const BODY: Record<MailKind, MessageKey> = {
  confirmation: 'mail_confirmation_body',
  waitlisted: 'mail_waitlisted_body',
  promoted: 'mail_promoted_body',
  cancelled: 'mail_cancelled_body',
  deleted: 'mail_deleted_body',
  reminder: 'mail_reminder_body',
  updated: 'mail_updated_body',
  updated_waitlisted: 'mail_updated_waitlisted_body',
  event_cancelled: 'mail_event_cancelled_body',
  manage_link: 'mail_manage_link_body',
};

const SUBJECT: Record<MailKind, MessageKey> = {
  confirmation: 'mail_confirmation_subject',
  waitlisted: 'mail_waitlisted_subject',
  promoted: 'mail_promoted_subject',
  cancelled: 'mail_cancelled_subject',
  deleted: 'mail_deleted_subject',
  reminder: 'mail_reminder_subject',
  updated: 'mail_updated_subject',
  updated_waitlisted: 'mail_updated_subject',
  event_cancelled: 'mail_event_cancelled_subject',
  manage_link: 'mail_manage_link_subject',
};

// Mails about a registration that still stands point to where it can be changed.
const ABOUT_ACTIVE = new Set<MailKind>(['confirmation', 'waitlisted', 'promoted', 'reminder', 'updated', 'updated_waitlisted', 'manage_link']);

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** "26. juni 2019, kl. 09.00–15.30" (one day) or "26.–27. juni 2019". */
export function whenText(event: MailTemplateInput['event'], lang: Lang): string {
  const tz = event.time_zone;
  const oneDay = localDate(event.starts_at, tz) === localDate(new Date(new Date(event.ends_at).getTime() - 1), tz);
  const dates = formatDateRange(event.starts_at, event.ends_at, tz, lang);
  return oneDay ? `${dates}, ${formatTimeRange(event.starts_at, event.ends_at, tz, lang)}` : dates;
}

/**
 * A participant's mail in their language: subject, plain text and a simple HTML version with the same content.
 * Everything the participant or organiser typed is escaped in the HTML.
 * @example renderMail({ kind: 'confirmation', event, name: 'Kari', lang: 'nb', baseUrl, manageUrl }).subject // 'Påmeldt: Inkluderingsseminar'
 */
export function renderMail(input: MailTemplateInput): MailContent {
  const { event, lang, kind } = input;
  const t = translator(lang);
  const base = input.baseUrl.replace(/\/+$/, '');
  const eventUrl = absolute(base, eventPath(event));
  const place = [event.venue_name, event.venue_address].filter(Boolean).join(', ');
  const facts: [string, string][] = [[t('mail_when'), whenText(event, lang)]];
  if (place) facts.push([t('mail_where'), place]);
  if (event.online_url && kind !== 'event_cancelled') facts.push([t('mail_online'), event.online_url]);

  const greeting = t('mail_greeting', { name: input.name });
  const body = t(BODY[kind], { title: event.title, position: input.position ?? '' });
  const manage = input.manageUrl && ABOUT_ACTIVE.has(kind) ? input.manageUrl : null;
  const earlier = !manage && ABOUT_ACTIVE.has(kind) ? t('mail_manage_earlier') : null;
  const signature = t('mail_signature', { organiser: event.organiser_name });

  const text = [
    greeting,
    body,
    facts.map(([label, value]) => `${label}: ${value}`).join('\n'),
    `${t('mail_event_page')}: ${eventUrl}`,
    manage ? `${t('mail_manage', { url: manage })}\n${t('mail_manage_private')}` : earlier,
    signature,
  ]
    .filter(Boolean)
    .join('\n\n');

  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const a = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(t(SUBJECT[kind], { title: event.title }))}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem">',
    p(greeting),
    p(body),
    `<table role="presentation">${facts
      .map(([label, value]) => `<tr><th style="text-align:left;padding-right:1rem">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
      .join('')}</table>`,
    `<p>${a(eventUrl, t('mail_event_page'))}</p>`,
    manage ? `<p>${a(manage, t('mail_manage_link'))}<br>${escapeHtml(t('mail_manage_private'))}</p>` : earlier ? p(earlier) : '',
    p(signature),
    '</body></html>',
  ].join('\n');

  // A subject is one header line, whatever the organiser typed into the title.
  return { subject: t(SUBJECT[kind], { title: event.title }).replace(/[\r\n\t]+/g, ' '), text, html };
}
