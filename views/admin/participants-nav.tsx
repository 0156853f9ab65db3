import type { EventRow } from '../../db/schema';
import { EventAdminNav } from './event-nav';

export type EventPage = 'participants' | 'checkin' | 'messages' | 'dashboard';

/** The event's organiser pages (the shared navigation), with one of the participant pages marked as current. */
export function EventPagesNav({ event, current }: { event: Pick<EventRow, 'id' | 'title'>; current: EventPage }) {
  return <EventAdminNav event={event} current={current} />;
}
