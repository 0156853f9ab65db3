import type { MailTransport } from '../mail/transport';
import { composeMail } from './mime';

const TIMEOUT_MS = 30_000;

/**
 * Delivers through an HTTP mail API that takes the raw MIME message: Mailgun's `messages.mime` endpoint
 * (`POST https://api.eu.mailgun.net/v3/<domain>/messages.mime`, multipart/form-data with `to` and the message as the
 * file `message`, HTTP Basic auth as `api:<key>`). The message is the same one SMTP sends (./mime.ts), so invitations
 * keep their calendar alternative. Any answer but 2xx rejects with its status and text; the outbox retries.
 *
 * @example
 * const transport = mailApiTransport('https://api.eu.mailgun.net/v3/mg.fylke.no/messages.mime', env.MAIL_API_KEY);
 */
export function mailApiTransport(url: string, key: string, fetchImpl: typeof fetch = fetch): MailTransport {
  const authorization = `Basic ${btoa(`api:${key}`)}`;
  return {
    async send(mail) {
      const { raw, envelope } = await composeMail(mail);
      const form = new FormData();
      form.append('to', envelope.to.join(', '));
      form.append('message', new Blob([new Uint8Array(raw)], { type: 'message/rfc822' }), 'message.eml');
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { authorization },
        body: form,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) {
        const text = (await response.text().catch(() => '')).slice(0, 500);
        throw new Error(`Mail API answered ${response.status} ${response.statusText}: ${text}`);
      }
      await response.body?.cancel();
    },
  };
}
