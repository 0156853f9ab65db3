import type { MailTransport } from '../mail/transport';
import { mailApiTransport } from './mail-api';
import { type SmtpConnect, parseSmtpUrl, smtpClientTransport } from './smtp-client';

/** The Worker's mail settings (vars and secrets of the same names). */
export interface EdgeMailSettings {
  /** SMTP_URL: `smtp://user:pass@host:587` (STARTTLS) or `smtps://user:pass@host:465`, as on Node. */
  smtpUrl?: string | undefined;
  /** MAIL_API_URL and MAIL_API_KEY: a raw-MIME HTTP mail API (Mailgun's messages.mime); used when SMTP_URL is unset. */
  mailApiUrl?: string | undefined;
  mailApiKey?: string | undefined;
  /** BASE_URL: its host name is the name the client gives in EHLO. */
  baseUrl: string;
}

/**
 * The transport the settings ask for: SMTP over `connect`'s sockets, else the HTTP mail API. Without either, every
 * send fails with a message saying what to set, so mail waits in the outbox (and shows as failed on /admin/outbox)
 * instead of vanishing.
 */
export function chooseMailTransport(settings: EdgeMailSettings, connect: SmtpConnect, fetchImpl: typeof fetch = fetch): MailTransport {
  if (settings.smtpUrl) return smtpClientTransport(parseSmtpUrl(settings.smtpUrl, new URL(settings.baseUrl).hostname), connect);
  if (settings.mailApiUrl) {
    if (!settings.mailApiKey) throw new Error('MAIL_API_URL is set but MAIL_API_KEY is not (wrangler secret put MAIL_API_KEY)');
    return mailApiTransport(settings.mailApiUrl, settings.mailApiKey, fetchImpl);
  }
  return {
    async send() {
      throw new Error('Mail is not configured: set SMTP_URL, or MAIL_API_URL and MAIL_API_KEY');
    },
  };
}
