import type { EventRow } from '../../db/schema';

// The time rules of an event and of a programme item, written once for the organiser's forms and the API; each caller
// turns a problem into its own message (a field error on the form, an issue with a code in the API).

type EventTimes = Pick<EventRow, 'starts_at' | 'ends_at' | 'registration_opens_at' | 'registration_closes_at'>;

export type EventTimeProblem =
  | { field: 'ends_at'; code: 'ends_before_starts' }
  | { field: 'registration_closes_at'; code: 'registration_window' | 'closes_after_end' };

/**
 * What is wrong with an event's times (UTC instants), in order of importance per field: the end after the start;
 * registration closing after it opens and no later than the end.
 * @example eventTimeProblems({ starts_at: '…T10', ends_at: '…T09', … }) // [{ field: 'ends_at', code: 'ends_before_starts' }]
 */
export function eventTimeProblems(e: EventTimes): EventTimeProblem[] {
  const problems: EventTimeProblem[] = [];
  if (e.ends_at <= e.starts_at) problems.push({ field: 'ends_at', code: 'ends_before_starts' });
  if (e.registration_opens_at && e.registration_closes_at && e.registration_closes_at <= e.registration_opens_at) {
    problems.push({ field: 'registration_closes_at', code: 'registration_window' });
  }
  if (e.registration_closes_at && e.registration_closes_at > e.ends_at) problems.push({ field: 'registration_closes_at', code: 'closes_after_end' });
  return problems;
}

export type ItemTimeProblem = { field: 'ends_at'; code: 'ends_before_starts' } | { field: 'starts_at' | 'ends_at'; code: 'outside_event' };

/** What is wrong with a programme item's times: the end after the start, and both within the event. */
export function itemTimeProblems(item: { starts_at: string; ends_at: string }, event: Pick<EventRow, 'starts_at' | 'ends_at'>): ItemTimeProblem[] {
  const problems: ItemTimeProblem[] = [];
  if (item.ends_at <= item.starts_at) problems.push({ field: 'ends_at', code: 'ends_before_starts' });
  if (item.starts_at < event.starts_at || item.starts_at > event.ends_at) problems.push({ field: 'starts_at', code: 'outside_event' });
  if (item.ends_at > event.ends_at || item.ends_at < event.starts_at) problems.push({ field: 'ends_at', code: 'outside_event' });
  return problems;
}
