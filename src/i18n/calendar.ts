import type { Dictionary } from './index';

// Texts inside calendar files (.ics): what a calendar program shows in the event's notes and title.
export const nb = {
  calendar_more_info: 'Mer informasjon',
  calendar_join_online: 'Delta digitalt',
  calendar_cancelled_prefix: 'AVLYST: {title}',
  calendar_waitlisted_note: 'Du står på ventelisten. Vi gir beskjed på e-post hvis du får plass.',
  calendar_programme_name: '{title} – program',
  calendar_feed_name: '{site} – arrangementer',
} as const;

export const en: Dictionary<typeof nb> = {
  calendar_more_info: 'More information',
  calendar_join_online: 'Join online',
  calendar_cancelled_prefix: 'CANCELLED: {title}',
  calendar_waitlisted_note: 'You are on the waiting list. We will e-mail you if you get a place.',
  calendar_programme_name: '{title} – programme',
  calendar_feed_name: '{site} – events',
};
