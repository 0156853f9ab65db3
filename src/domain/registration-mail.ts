import type { Kysely } from 'kysely';
import type { Database, EventRow, RegistrationRow } from '../../db/schema';
import { invitation } from '../calendar';
import type { AppConfig } from '../deps';
import { type Lang, isLang } from '../i18n/index';
import { enqueueMail, type OutgoingMail } from '../mail/outbox';
import { type MailKind, renderMail } from '../mail/templates';

/** What mail-writing domain functions need from the configuration: links and the organiser's address. */
export type MailSettings = Pick<AppConfig, 'baseUrl' | 'mailFrom'>;

type Db = Kysely<Database>;

/** "Samling <noreply@x.no>" → "noreply@x.no". */
const addressOf = (from: string) => (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();

export interface MailOptions {
  manageUrl?: string | null;
  position?: number | null;
  calendar?: 'REQUEST' | 'CANCEL';
}

/** The calendar part of a participant's mail: the event's iTIP invitation (REQUEST) or withdrawal (CANCEL). */
export function invitationPart(
  event: EventRow,
  to: Pick<RegistrationRow, 'name' | 'email'>,
  method: 'REQUEST' | 'CANCEL',
  lang: Lang,
  now: Date,
  settings: MailSettings,
): NonNullable<OutgoingMail['calendar']> {
  return {
    method,
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invitation.ics',
    content: invitation({
      event,
      attendee: { name: to.name, email: to.email },
      method,
      baseUrl: settings.baseUrl,
      organiser: { name: event.organiser_name, email: addressOf(settings.mailFrom) },
      status: 'confirmed',
      lang,
      now,
    }),
  };
}

/** Renders a participant's mail in their language and writes it to the outbox of the caller's transaction. */
export async function queueMail(
  trx: Db,
  kind: MailKind,
  event: EventRow,
  to: Pick<RegistrationRow, 'name' | 'email' | 'lang'> & { id: number | null },
  now: Date,
  settings: MailSettings,
  opts: MailOptions = {},
): Promise<void> {
  const lang: Lang = isLang(to.lang) ? to.lang : 'nb';
  const content = renderMail({ kind, event, name: to.name, lang, baseUrl: settings.baseUrl, manageUrl: opts.manageUrl, position: opts.position });
  const calendar = opts.calendar ? invitationPart(event, to, opts.calendar, lang, now, settings) : undefined;
  await enqueueMail(
    trx,
    { kind, eventId: event.id, registrationId: to.id, to: to.email, lang, ...content, ...(calendar ? { calendar } : {}) },
    now,
    new URL(settings.baseUrl).hostname,
  );
}
