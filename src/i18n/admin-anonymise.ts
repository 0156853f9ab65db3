import type { Dictionary } from './index';

/** Anonymising the participants of an event that has ended (GDPR retention). */
export const nb = {
  anon_participant_name: 'Anonymisert deltaker',
  anon_title: 'Anonymiser deltakerne: {title}',
  anon_action: 'Anonymiser deltakerne …',
  anon_done_on: 'Deltakerne ble anonymisert {date} kl. {time}.',
  anon_intro:
    'Når arrangementet er over, kan personopplysningene om deltakerne fjernes. Navn, e-postadresser, stillingstitler og svar slettes, og de personlige lenkene og kalenderfeedene slutter å virke. Status, virksomhet, registreringstidspunkt og oppmøte beholdes, slik at tallene og grafene fortsatt stemmer.',
  anon_mail_note: 'Sendte og feilede e-poster til deltakerne slettes. E-post som fortsatt venter på å bli sendt, beholdes til den er sendt.',
  anon_question: 'Vil du anonymisere {count, plural, one {# deltaker} other {# deltakere}} på «{title}»? Dette kan ikke angres.',
  anon_not_ended: 'Arrangementet er ikke over ennå. Deltakerne kan anonymiseres når det er slutt ({date}).',
  anon_already: 'Deltakerne på dette arrangementet er allerede anonymisert.',
  anon_done: '{count, plural, one {# deltaker} other {# deltakere}} ble anonymisert.',
  anon_back: 'Tilbake til arrangementet',
} as const;

export const en: Dictionary<typeof nb> = {
  anon_participant_name: 'Anonymised participant',
  anon_title: 'Anonymise the participants: {title}',
  anon_action: 'Anonymise the participants …',
  anon_done_on: 'The participants were anonymised on {date} at {time}.',
  anon_intro:
    'Once the event is over, the personal data of its participants can be removed. Names, e-mail addresses, job titles and answers are deleted, and the personal links and calendar feeds stop working. Status, organisation, time of registration and attendance are kept, so that the numbers and charts still add up.',
  anon_mail_note: 'Sent and failed mails to the participants are deleted. Mail still waiting to be sent is kept until it has been sent.',
  anon_question: 'Anonymise {count, plural, one {# participant} other {# participants}} of “{title}”? This cannot be undone.',
  anon_not_ended: 'The event has not ended yet. Its participants can be anonymised once it is over ({date}).',
  anon_already: 'The participants of this event have already been anonymised.',
  anon_done: '{count, plural, one {# participant was} other {# participants were}} anonymised.',
  anon_back: 'Back to the event',
};
