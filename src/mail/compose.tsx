import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { EventRow, RegistrationRow } from '../../db/schema';
import { invitation } from '../calendar';
import type { AppConfig } from '../deps';
import { type Lang, type MessageKey, isLang, translator } from '../i18n/index';
import { formatDateRange, formatTimeRange, localDate } from '../time';
import { TOKEN_PLACEHOLDER, absolute, eventPath, managePath } from '../urls';
import type { OutgoingMail, QueuedMail } from './outbox';

// The one place that writes mail to participants: the registration mails by kind, and the organiser's own messages.
// Subject, text, HTML (JSX, so every typed character is escaped), the calendar part and the outbox headers; the
// domain says what happened and to whom, and queues what this returns. Rendered once, when queued: the outbox keeps
// the finished mail, so rows queued earlier stay deliverable whatever changes here.

/** What mail needs from the configuration: links and the organiser's address. */
export type MailSettings = Pick<AppConfig, 'baseUrl' | 'mailFrom'>;

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
  /** The private manage link, for mails about a registration that still stands. */
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

const BR = raw('<br>');

/** A mail's HTML page; each child on its own line, as mail programs show their source. */
function MailPage({ lang, title, children }: { lang: Lang; title: string; children: Child[] }) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <title>{title}</title>
      </head>
      {'\n'}
      <body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem">
        {children.filter(Boolean).flatMap((child) => ['\n', child])}
        {'\n'}
      </body>
    </html>
  );
}

const page = (node: ReturnType<typeof MailPage>) => `<!doctype html>${node.toString()}`;

/** Text with its line breaks kept. */
const withBreaks = (text: string) => text.split('\n').flatMap((line, i) => (i ? [BR, line] : [line]));

/** The manage link's paragraph, text and HTML. */
function manageParts(t: ReturnType<typeof translator>, url: string) {
  return {
    text: `${t('mail_manage', { url })}\n${t('mail_manage_private')}`,
    html: (
      <p>
        <a href={url}>{t('mail_manage_link')}</a>
        {BR}
        {t('mail_manage_private')}
      </p>
    ),
  };
}

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
  const manage = input.manageUrl && ABOUT_ACTIVE.has(kind) ? manageParts(t, input.manageUrl) : null;
  const earlier = !manage && ABOUT_ACTIVE.has(kind) ? t('mail_manage_earlier') : null;
  const signature = t('mail_signature', { organiser: event.organiser_name });

  const text = [
    greeting,
    body,
    facts.map(([label, value]) => `${label}: ${value}`).join('\n'),
    `${t('mail_event_page')}: ${eventUrl}`,
    manage ? manage.text : earlier,
    signature,
  ]
    .filter(Boolean)
    .join('\n\n');

  const subject = t(SUBJECT[kind], { title: event.title });
  const html = page(
    <MailPage lang={lang} title={subject}>
      {[
        <p>{greeting}</p>,
        <p>{body}</p>,
        <table role="presentation">
          {facts.map(([label, value]) => (
            <tr>
              <th style="text-align:left;padding-right:1rem">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </table>,
        <p>
          <a href={eventUrl}>{t('mail_event_page')}</a>
        </p>,
        manage ? manage.html : earlier ? (
          <p>{earlier}</p>
        ) : null,
        <p>{signature}</p>,
      ]}
    </MailPage>,
  );

  // A subject is one header line, whatever the organiser typed into the title.
  return { subject: subject.replace(/[\r\n\t]+/g, ' '), text, html };
}

export interface ParticipantMailInput {
  event: Pick<EventRow, 'slug' | 'title' | 'organiser_name'>;
  name: string;
  lang: Lang;
  baseUrl: string;
  subject: string;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
  /** The participant's private manage link, when their registration still stands. */
  manageUrl?: string | null;
}

/**
 * The organiser's text in the participant's language wrapper: greeting, the text, a link to the event page and the
 * signature; plain text and HTML with every typed character escaped.
 * @example renderParticipantMail({ event, name: 'Kari', lang: 'nb', baseUrl, subject: 'Parkering', body: 'Bruk P2.' }).text
 */
export function renderParticipantMail(input: ParticipantMailInput): MailContent {
  const t = translator(input.lang);
  const eventUrl = absolute(input.baseUrl, eventPath(input.event));
  const greeting = t('ap_mail_greeting', { name: input.name });
  const signature = t('ap_mail_signature', { organiser: input.event.organiser_name });
  const about = t('ap_mail_about', { title: input.event.title });
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  const subject = input.subject.replace(/[\r\n\t]+/g, ' ').trim();
  const manage = input.manageUrl ? manageParts(t, input.manageUrl) : null;
  const text = [greeting, body, `${about}: ${eventUrl}`, manage?.text, signature].filter(Boolean).join('\n\n');
  const html = page(
    <MailPage lang={input.lang} title={subject}>
      {[
        <p>{greeting}</p>,
        ...body.split(/\n{2,}/).map((paragraph) => <p>{withBreaks(paragraph)}</p>),
        <p>
          <a href={eventUrl}>{about}</a>
        </p>,
        manage?.html,
        <p>{signature}</p>,
      ]}
    </MailPage>,
  );
  return { subject, text, html };
}

/** The participant's language, bokmål for anything we do not write. */
export const mailLang = (lang: string): Lang => (isLang(lang) ? lang : 'nb');

/**
 * The calendar part of a participant's mail: the event's iTIP invitation (REQUEST) or withdrawal (CANCEL), with the
 * SEQUENCE the caller recorded for this participant (src/domain/calendar-sequence.ts).
 */
export function invitationPart(
  event: EventRow,
  to: Pick<RegistrationRow, 'name' | 'email'>,
  method: 'REQUEST' | 'CANCEL',
  lang: Lang,
  now: Date,
  settings: MailSettings,
  sequence?: number,
): NonNullable<OutgoingMail['calendar']> {
  return {
    method,
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invitation.ics',
    content: invitation({
      event,
      attendee: { name: to.name, email: to.email },
      method,
      baseUrl: settings.baseUrl,
      mailFrom: settings.mailFrom,
      ...(sequence === undefined ? {} : { sequence }),
      status: 'confirmed',
      lang,
      now,
    }),
  };
}

export type Recipient = Pick<RegistrationRow, 'name' | 'email' | 'lang'> & { id: number | null; calendar_sequence?: number | null };

type Calendar = { calendar?: 'REQUEST' | 'CANCEL' };

/** What happened, for the mail that tells a participant. */
export type MailCause =
  /** A registration mail, by kind; `token`: the manage token it carries when the caller has just issued one. */
  | ({ kind: MailKind; token?: string; position?: number | null } & Calendar)
  /** The organiser's own text (the outbox kind says which: 'message', …). */
  | ({ kind: string; message: { subject: string; body: string } } & Calendar)
  /** The organiser moved a confirmed participant back to the waiting list (their calendar entry is withdrawn). */
  | ({ kind: 'waitlisted'; movedBack: { position: number } } & Calendar);

/**
 * Whether the mail carries the recipient's private manage link: every mail about a registration that still stands
 * (the organiser's messages and the move back to the waiting list too), never one about a registration that is gone.
 */
export function carriesManageLink(cause: MailCause, to: Recipient): boolean {
  return to.id !== null && ('message' in cause || 'movedBack' in cause || ABOUT_ACTIVE.has(cause.kind as MailKind));
}

/**
 * The manage link as the outbox stores it: its token is a placeholder that the mail worker fills in when it sends, so
 * the stored mail (which organisers may read) never holds a working link.
 */
export const storedManageUrl = (baseUrl: string) => absolute(baseUrl, managePath(TOKEN_PLACEHOLDER));

function contentOf(cause: MailCause, event: EventRow, name: string, lang: Lang, baseUrl: string, manageUrl: string | null): MailContent {
  if ('movedBack' in cause) {
    const t = translator(lang);
    const { position } = cause.movedBack;
    const subject = t('ap_mail_waitlisted_subject', { title: event.title });
    return renderParticipantMail({ event, name, lang, baseUrl, subject, body: t('ap_mail_waitlisted_body', { title: event.title, position }), manageUrl });
  }
  if ('message' in cause) return renderParticipantMail({ event, name, lang, baseUrl, subject: cause.message.subject, body: cause.message.body, manageUrl });
  return renderMail({ kind: cause.kind as MailKind, event, name, lang, baseUrl, manageUrl, position: cause.position });
}

/**
 * The whole mail to one participant about one event, ready for the outbox: content in their language, the calendar
 * part when asked for, and the outbox's kind, event and registration. A manage link in it holds the placeholder token
 * (see carriesManageLink); the caller gives the outbox the token to fill in.
 * @example composeMail({ kind: 'promoted', calendar: 'REQUEST' }, event, registration, now, settings)
 */
export function composeMail(cause: MailCause, event: EventRow, to: Recipient, now: Date, settings: MailSettings, sequence?: number): QueuedMail {
  const lang = mailLang(to.lang);
  const manageUrl = carriesManageLink(cause, to) ? storedManageUrl(settings.baseUrl) : null;
  const content = contentOf(cause, event, to.name, lang, settings.baseUrl, manageUrl);
  const calendar = cause.calendar ? invitationPart(event, to, cause.calendar, lang, now, settings, sequence) : undefined;
  return { kind: cause.kind, eventId: event.id, registrationId: to.id, to: to.email, lang, ...content, ...(calendar ? { calendar } : {}) };
}

/**
 * The mail with a password-reset link, for an organiser, in the language they asked in.
 * @example renderResetMail({ name: 'Kari', lang: 'nb', url: 'https://…/admin/password/reset/…', minutes: 60 }).subject
 */
export function renderResetMail(input: { name: string; lang: Lang; url: string; minutes: number }): MailContent {
  const t = translator(input.lang);
  const subject = t('reset_mail_subject');
  const [greeting, body, ignore] = [t('mail_greeting', { name: input.name }), t('reset_mail_body', { minutes: input.minutes }), t('reset_mail_ignore')];
  const html = page(
    <MailPage lang={input.lang} title={subject}>
      {[
        <p>{greeting}</p>,
        <p>{body}</p>,
        <p>
          <a href={input.url}>{t('reset_mail_link')}</a>
        </p>,
        <p>{ignore}</p>,
      ]}
    </MailPage>,
  );
  return { subject, text: [greeting, body, input.url, ignore].join('\n\n'), html };
}
