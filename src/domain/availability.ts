import type { EventRow } from '../../db/schema';

export type RegistrationWindow =
  | { state: 'open'; placesLeft: number | null }
  | { state: 'full' }
  | { state: 'not_yet'; opensAt: string }
  | { state: 'closed' }
  | { state: 'cancelled' };

/**
 * Whether people can register now, and how many places are left. A full event still takes registrations, onto the
 * waiting list.
 * @example registrationWindow({ ...event, capacity: 30 }, 28, now) // { state: 'open', placesLeft: 2 }
 */
export function registrationWindow(
  event: Pick<EventRow, 'status' | 'capacity' | 'registration_opens_at' | 'registration_closes_at' | 'starts_at'>,
  confirmed: number,
  now: Date,
): RegistrationWindow {
  const at = now.toISOString();
  if (event.status === 'cancelled') return { state: 'cancelled' };
  if (event.registration_opens_at && at < event.registration_opens_at) {
    return { state: 'not_yet', opensAt: event.registration_opens_at };
  }
  const closesAt = event.registration_closes_at ?? event.starts_at;
  if (at >= closesAt) return { state: 'closed' };
  if (event.capacity === null) return { state: 'open', placesLeft: null };
  const left = event.capacity - confirmed;
  return left > 0 ? { state: 'open', placesLeft: left } : { state: 'full' };
}
