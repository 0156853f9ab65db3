import { connect } from 'cloudflare:sockets';
import type { MailTransport } from '../mail/transport';
import { type EdgeMailSettings, chooseMailTransport } from './mail-choice';
import type { SmtpConnect } from './smtp-client';

export type { EdgeMailSettings } from './mail-choice';

// Cloudflare's Socket already has the shape the SMTP client needs.
const workersConnect: SmtpConnect = (address, options) => connect(address, { ...options, allowHalfOpen: false });

/**
 * Mail from the Worker: SMTP over Workers TCP sockets (SMTP_URL) or the HTTP mail API (MAIL_API_URL + MAIL_API_KEY),
 * with the same MIME as on Node.
 * @example const transport = edgeMailTransport({ smtpUrl: env.SMTP_URL, mailApiUrl: env.MAIL_API_URL, mailApiKey: env.MAIL_API_KEY, baseUrl: env.BASE_URL });
 */
export function edgeMailTransport(settings: EdgeMailSettings): MailTransport {
  return chooseMailTransport(settings, workersConnect);
}
