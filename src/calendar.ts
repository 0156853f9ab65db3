import {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  type ICalEventData,
  ICalEventStatus,
  escape,
  foldLines,
} from 'ical-generator';
import type { EventRow } from '../db/schema';
import type { EventDetails, ProgrammeItem } from './domain/events';
import { type Lang, type Translate, translator } from './i18n/index';
import { vtimezone, zonedTimes } from './calendar-zones';
import { localDate } from './time';
import { FEED_PATH, absolute, eventPath, filePath, itemPath } from './urls';

/**
 * Calendar files (RFC 5545) and invitations (RFC 5546 iTIP) built from plain event data. Every function is pure: the
 * same input gives the same text (DTSTAMP defaults to when the content last changed, not to the clock), so the
 * files cache well; mail code passes `now` so each message carries the time it was written.
 */

export interface CalendarOptions {
  /** Absolute origin, no trailing slash needed; its host names the UIDs. */
  baseUrl: string;
  /** MAIL_FROM: its address is the ORGANIZER of an event without a contact address, in files and invitations alike. */
  mailFrom: string;
  /** Language of the labels inside descriptions; default: the event's own language, else bokmål. */
  lang?: Lang;
  /** DTSTAMP; default: when the event (or the item) last changed. */
  now?: Date | string;
}

const PROD_ID = { company: 'Samling', product: 'Samling', language: 'NB' };
/** How often a subscribed calendar should fetch again (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
const FEED_TTL = 'PT1H';

// ——— Shared pieces ———

interface Context {
  base: string;
  host: string;
  t: Translate;
  now: Date | string | undefined;
  mailFrom: string;
}

function context(event: EventRow, opts: CalendarOptions): Context {
  const base = opts.baseUrl.replace(/\/+$/, '');
  return { base, host: new URL(base).hostname, t: translator(opts.lang ?? eventLang(event)), now: opts.now, mailFrom: opts.mailFrom };
}

function eventLang(event: EventRow): Lang {
  const primary = event.language.toLowerCase().split('-')[0];
  return primary === 'en' ? 'en' : 'nb';
}

interface CalendarHead {
  method: ICalCalendarMethod | null;
  /** NAME (RFC 7986) and X-WR-CALNAME: what a subscribing calendar is called. */
  name?: string;
  source?: string;
  /** How often to fetch again: REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL, an RFC 5545 duration. */
  ttl?: string;
}

/** A calendar to add VEVENTs to; `toString` is the one place it becomes text (see `serialise`). */
function newCalendar(head: CalendarHead) {
  // The zone goes on each event, never on the calendar: a calendar zone would make ical-generator write DTSTAMP
  // as local time, and RFC 5545 requires it in UTC.
  const cal = new ICalCalendar({ prodId: PROD_ID, method: head.method, source: head.source, timezone: { name: null, generator: vtimezone } });
  return {
    add: (data: ICalEventData) => void cal.createEvent(data),
    toString: () => serialise(cal.toString(), head),
  };
}

/**
 * ical-generator 10 writes NAME and X-WR-CALNAME unescaped (a title with a line break would add a property), puts
 * REFRESH-INTERVAL and X-PUBLISHED-TTL after the VTIMEZONEs, and ends without CRLF. So those properties are written
 * here, escaped, folded and before the first component, and every line, the last one too, ends with CRLF
 * (RFC 5545 §3.1, §3.4, §3.6).
 */
function serialise(text: string, head: CalendarHead): string {
  const props = [
    ...(head.name === undefined ? [] : [`NAME:${escape(head.name, false)}`, `X-WR-CALNAME:${escape(head.name, false)}`]),
    ...(head.ttl === undefined ? [] : [`REFRESH-INTERVAL;VALUE=DURATION:${head.ttl}`, `X-PUBLISHED-TTL:${head.ttl}`]),
  ];
  const firstComponent = text.indexOf('\r\nBEGIN:', 1) + 2;
  const lines = props.map((line) => `${foldLines(line)}\r\n`).join('');
  return `${text.slice(0, firstComponent)}${lines}${text.slice(firstComponent).replace(/(\r\n)?$/, '\r\n')}`;
}

const eventPage = (ctx: Context, event: EventRow) => absolute(ctx.base, eventPath(event));
const itemPage = (ctx: Context, event: EventRow, item: ProgrammeItem) => absolute(ctx.base, itemPath(event, item.id));
const fileLink = (ctx: Context, file: { id: number; filename: string }) => absolute(ctx.base, filePath(file));

/** "Venue, address", or the online link for an event that only happens online. */
function eventLocation(event: EventRow): string | null {
  const place = [event.venue_name, event.venue_address].filter(Boolean).join(', ');
  return place || event.online_url;
}

/** Parameter values may not hold a double quote or control characters (RFC 5545 §3.2); a backslash is no escape there. */
const paramSafe = (name: string) => name.replace(/[\x00-\x1f\x7f"]/g, ' ').replace(/\s+/g, ' ').trim();

/** "Samling <noreply@x.no>" → "noreply@x.no". */
const addressOf = (from: string) => (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();

/** One ORGANIZER per event in every file and invitation: the event's contact, else the sender of its mail. */
function organiserOf(ctx: Context, event: EventRow) {
  return { name: paramSafe(event.organiser_name), email: event.contact_email ?? addressOf(ctx.mailFrom) };
}

const later = (a: string, b: string) => (a > b ? a : b);

function eventVevent(ctx: Context, event: EventRow, markCancelled: boolean): ICalEventData {
  const cancelled = event.status === 'cancelled';
  const description = [
    event.summary,
    event.online_url ? `${ctx.t('calendar_join_online')}: ${event.online_url}` : '',
    `${ctx.t('calendar_more_info')}: ${eventPage(ctx, event)}`,
  ];
  return {
    id: `event-${event.id}@${ctx.host}`,
    sequence: event.sequence,
    stamp: ctx.now ?? event.updated_at,
    created: event.created_at,
    lastModified: event.updated_at,
    ...zonedTimes(event.starts_at, event.ends_at, event.time_zone),
    summary: cancelled && markCancelled ? ctx.t('calendar_cancelled_prefix', { title: event.title }) : event.title,
    description: paragraphs(description),
    location: eventLocation(event),
    url: eventPage(ctx, event),
    organizer: organiserOf(ctx, event),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  };
}

function itemVevent(ctx: Context, details: EventDetails, item: ProgrammeItem): ICalEventData {
  const { event } = details;
  const cancelled = item.status === 'cancelled' || event.status === 'cancelled';
  const speakers = item.speakers.map((s) => {
    const about = [s.role, s.organisation].filter(Boolean).join(', ');
    return about ? `${s.name} (${about})` : s.name;
  });
  const description = [
    item.abstract ?? '',
    speakers.length ? `${ctx.t('programme_speakers')}: ${speakers.join('; ')}` : '',
    item.materials.length
      ? `${ctx.t('programme_materials')}:\n${item.materials.map((f) => `${f.title}: ${fileLink(ctx, f)}`).join('\n')}`
      : '',
    event.online_url ? `${ctx.t('calendar_join_online')}: ${event.online_url}` : '',
    `${ctx.t('calendar_more_info')}: ${itemPage(ctx, event, item)}`,
  ];
  const place = [item.room?.name, event.venue_name].filter(Boolean).join(', ');
  return {
    id: `item-${item.id}@${ctx.host}`,
    // Items have no sequence of their own; the event's rises with every change of time or place, and DTSTAMP
    // (the later of the two changes) orders edits of the item itself.
    sequence: event.sequence,
    stamp: ctx.now ?? later(event.updated_at, item.updated_at),
    created: item.created_at,
    lastModified: item.updated_at,
    ...zonedTimes(item.starts_at, item.ends_at, event.time_zone),
    summary: cancelled ? ctx.t('calendar_cancelled_prefix', { title: item.title }) : item.title,
    description: paragraphs(description),
    location: place || eventLocation(event),
    url: itemPage(ctx, event, item),
    organizer: organiserOf(ctx, event),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  };
}

const paragraphs = (parts: string[]) => parts.map((p) => p.trim()).filter(Boolean).join('\n\n');

// ——— Public functions ———

/**
 * One event as a calendar file ("add to calendar"). METHOD:PUBLISH by default, which Outlook needs to import a file
 * as an appointment rather than a meeting; `method: null` leaves METHOD out (for CalDAV stores, which forbid it).
 * No X-WR-CALNAME: with one, Outlook opens the file as a separate calendar instead of adding the event.
 * @example eventCalendar(event, { baseUrl: 'https://samling.example' }) // 'BEGIN:VCALENDAR…UID:event-7@samling.example…'
 */
export function eventCalendar(event: EventRow, opts: CalendarOptions & { method?: 'PUBLISH' | null }): string {
  const ctx = context(event, opts);
  const cal = newCalendar({ method: opts.method === null ? null : ICalCalendarMethod.PUBLISH });
  cal.add(eventVevent(ctx, event, true));
  return cal.toString();
}

export interface InvitationInput {
  event: EventRow;
  attendee: { name: string; email: string };
  method: 'REQUEST' | 'CANCEL';
  baseUrl: string;
  mailFrom: string;
  /** SEQUENCE: higher than any earlier message to this participant (see `nextSequence`); default the event's. */
  sequence?: number;
  /** A waiting-list place is TENTATIVE, with a note in the description; a confirmed place is ACCEPTED. */
  status?: 'confirmed' | 'waitlisted';
  lang?: Lang;
  /** DTSTAMP: when this message is written (pass the clock); default: when the event last changed. */
  now?: Date | string;
}

/**
 * The SEQUENCE of the next iTIP message to one participant: at least the event's, and above the last one they got
 * (null: none yet). Each message to them thus supersedes the one before, so their own cancellation after an update
 * (REQUEST 0 → REQUEST 1 → CANCEL 2) is not taken for an older message (RFC 5546 §2.1.4; Outlook, MS-OXOCAL, wants it raised).
 * @example nextSequence(1, 1) // 2
 */
export const nextSequence = (eventSequence: number, lastSent: number | null) =>
  Math.max(eventSequence, lastSent === null ? 0 : lastSent + 1);

/**
 * The iTIP invitation a registration mail attaches (RFC 5546): METHOD:REQUEST when a place is confirmed or the time
 * or place changed (with the event's raised SEQUENCE), METHOD:CANCEL with STATUS:CANCELLED when the event is cancelled
 * or the registration withdrawn. The UID is the event's, so an update or cancellation replaces the entry the
 * participant already has. RSVP=FALSE: the answer was the registration, so calendars offer no accept/decline buttons.
 * @example invitation({ event, attendee: { name: 'Kari', email: 'kari@nav.no' }, method: 'REQUEST', baseUrl, mailFrom })
 */
export function invitation(input: InvitationInput): string {
  const { event, attendee, method } = input;
  const ctx = context(event, input);
  const cal = newCalendar({ method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  const vevent = eventVevent(ctx, event, false);
  const waitlisted = method === 'REQUEST' && input.status === 'waitlisted';
  cal.add({
    ...vevent,
    sequence: input.sequence ?? event.sequence,
    description: waitlisted ? paragraphs([ctx.t('calendar_waitlisted_note'), String(vevent.description)]) : vevent.description,
    attendees: [
      {
        name: paramSafe(attendee.name),
        email: attendee.email,
        role: ICalAttendeeRole.REQ,
        rsvp: false,
        status: method === 'CANCEL' ? null : waitlisted ? ICalAttendeeStatus.TENTATIVE : ICalAttendeeStatus.ACCEPTED,
      },
    ],
    status: method === 'CANCEL' || event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}

/**
 * The whole programme, one VEVENT per item. Cancelled items stay in, with STATUS:CANCELLED and "AVLYST:" in the
 * title: a calendar that already holds the item (a subscription, or an earlier import, matched by UID) then shows it
 * as cancelled, whereas an item that silently vanished from the file would stay in an imported calendar as if it
 * still happened. A programme with no items yet gives the event itself, so the file is never empty.
 */
export function programmeCalendar(details: EventDetails, opts: CalendarOptions): string {
  const ctx = context(details.event, opts);
  const cal = newCalendar({
    method: ICalCalendarMethod.PUBLISH,
    name: ctx.t('calendar_programme_name', { title: details.event.title }),
  });
  if (details.items.length === 0) cal.add(eventVevent(ctx, details.event, true));
  for (const item of details.items) cal.add(itemVevent(ctx, details, item));
  return cal.toString();
}

/** One programme item as a calendar file, or null when the event has no such item. */
export function itemCalendar(details: EventDetails, itemId: number, opts: CalendarOptions): string | null {
  const item = details.items.find((i) => i.id === itemId);
  if (!item) return null;
  const cal = newCalendar({ method: ICalCalendarMethod.PUBLISH });
  cal.add(itemVevent(context(details.event, opts), details, item));
  return cal.toString();
}

/**
 * The subscription feed of all public events (pass them in, upcoming and past; cancelled ones show as cancelled).
 * REFRESH-INTERVAL and X-PUBLISHED-TTL ask subscribers to fetch it again every hour.
 */
export function feedCalendar(events: EventRow[], opts: CalendarOptions & { name: string }): string {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const cal = newCalendar({ method: ICalCalendarMethod.PUBLISH, name: opts.name, source: absolute(base, FEED_PATH), ttl: FEED_TTL });
  for (const event of events) cal.add(eventVevent(context(event, opts), event, true));
  return cal.toString();
}

/**
 * A participant's own feed: the event, plus the programme items on the days they chose (`days`: local 'YYYY-MM-DD'
 * days in the event's zone, as the registration's "days" answer holds them; null = every day). Refreshes hourly
 * like the public feed, so programme changes reach the participant's calendar.
 * @example personalCalendar(details, { baseUrl, days: ['2019-06-26'] }) // the event + the items of 26 June
 */
export function personalCalendar(details: EventDetails, opts: CalendarOptions & { days: readonly string[] | null }): string {
  const { event } = details;
  const ctx = context(event, opts);
  const cal = newCalendar({ method: ICalCalendarMethod.PUBLISH, name: event.title, ttl: FEED_TTL });
  cal.add(eventVevent(ctx, event, true));
  const chosen = opts.days === null ? null : new Set(opts.days);
  for (const item of details.items) {
    if (chosen === null || chosen.has(localDate(item.starts_at, event.time_zone))) cal.add(itemVevent(ctx, details, item));
  }
  return cal.toString();
}

const utcStamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Google Calendar's "add event" link, for visitors who use Google Calendar in the browser (it cannot open .ics links).
 * @example googleCalendarUrl({ title: 'Inkludering', start: '2019-06-26T07:00:00.000Z', end: '2019-06-26T13:00:00.000Z' })
 * // 'https://calendar.google.com/calendar/render?action=TEMPLATE&text=Inkludering&dates=20190626T070000Z/20190626T130000Z'
 */
export function googleCalendarUrl(input: { title: string; start: string; end: string; details?: string; location?: string }): string {
  const params: [string, string | undefined][] = [
    ['action', 'TEMPLATE'],
    ['text', input.title],
    // The slash between the dates stays as it is: it is allowed in a query and Google expects it there.
    ['dates', `${utcStamp(input.start)}/${utcStamp(input.end)}`],
    ['details', input.details],
    ['location', input.location],
  ];
  const query = params
    .filter(([, value]) => value)
    .map(([key, value = '']) => `${key}=${key === 'dates' ? value : encodeURIComponent(value)}`)
    .join('&');
  return `https://calendar.google.com/calendar/render?${query}`;
}
