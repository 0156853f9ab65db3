import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { issueUnsubscribeToken } from '../domain/unsubscribe';

/** The mails a person wrote: the organiser's message to participants. Every other kind is sent automatically. */
const WRITTEN_BY_A_PERSON = new Set(['message']);

/** The events a delivery run has looked up: a batch of mails is mostly about one event. */
export type EventLookups = Map<number, Promise<{ slug: string; contact_email: string | null } | undefined>>;

function eventOf(db: Kysely<Database>, id: number, events: EventLookups) {
  let found = events.get(id);
  if (!found) {
    found = db.selectFrom('events').select(['slug', 'contact_email']).where('id', '=', id).executeTakeFirst();
    events.set(id, found);
  }
  return found;
}

export interface DeliveryHeaders {
  headers: Record<string, string>;
  /** The event's contact address, so that a reply reaches a person rather than noreply. */
  replyTo?: string;
}

/**
 * The headers a mail gets at delivery, by its kind, whatever its body: `Auto-Submitted: auto-generated` (RFC 3834)
 * on every automatic mail, so out-of-office replies stay away; and on the organiser's message, which goes to many,
 * `Precedence: bulk` with a one-click unsubscribe (RFC 2369 List-Unsubscribe, RFC 8058 List-Unsubscribe-Post) that
 * stops that event's organiser messages to that address only. Its token is made here, at delivery, so the working
 * link is in the mail and nowhere in the database.
 */
export async function deliveryHeaders(
  db: Kysely<Database>,
  mail: { kind: string; eventId: number | null; to: string },
  opts: { now: Date; baseUrl?: string },
  events: EventLookups = new Map(),
): Promise<DeliveryHeaders> {
  const event = mail.eventId === null ? undefined : await eventOf(db, mail.eventId, events);
  const replyTo = event?.contact_email ?? undefined;
  if (!WRITTEN_BY_A_PERSON.has(mail.kind)) {
    // X-Auto-Response-Suppress is Exchange's own word for the same.
    return { headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' }, replyTo };
  }
  const headers: Record<string, string> = { Precedence: 'bulk' };
  if (event && mail.eventId !== null && opts.baseUrl) {
    const base = opts.baseUrl.replace(/\/+$/, '');
    const token = await issueUnsubscribeToken(db, mail.eventId, mail.to, opts.now);
    headers['List-Id'] = `<${event.slug}.${new URL(base).hostname.replace(/^\[|\]$/g, '').replace(/:/g, '-')}>`;
    headers['List-Unsubscribe'] = `<${base}/unsubscribe/${token}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { headers, replyTo };
}
