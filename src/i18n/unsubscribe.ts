import type { Dictionary } from './index';

/** The one-click unsubscribe page of the organiser's messages (RFC 8058). */
export const nb = {
  unsub_title: 'Meld deg av meldinger fra arrangøren',
  unsub_question:
    'Vil du slutte å få meldinger fra arrangøren av «{title}»? Du får fortsatt bekreftelser, endringer og avlysninger som gjelder påmeldingen din.',
  unsub_button: 'Meld meg av meldingene',
  unsub_done: 'Du får ikke flere meldinger fra arrangøren av «{title}». Bekreftelser, endringer og avlysninger får du fortsatt.',
} as const;

export const en: Dictionary<typeof nb> = {
  unsub_title: 'Stop messages from the organiser',
  unsub_question:
    'Do you want to stop getting messages from the organiser of “{title}”? You will still get confirmations, changes and cancellations about your registration.',
  unsub_button: 'Stop these messages',
  unsub_done: 'You will get no more messages from the organiser of “{title}”. Confirmations, changes and cancellations still reach you.',
};
