import type { MailTransport } from '../mail/transport';

/**
 * Mail without mail settings on Workers (as .eml files are on Node, where a Worker has no folder): each mail is
 * logged by address and subject and counted as delivered; organisers still read it under «E-post» in /admin.
 */
export function logTransport(log: (line: string) => void = console.log): MailTransport {
  return {
    async send(mail) {
      log(`Mail not sent (no mail settings): to ${mail.to}, «${mail.subject}»`);
    },
  };
}
