import type { FileRow } from '../db/schema';
import type { EventDetails, ProgrammeItem } from './domain/events';
import { eventDays, localDate, zonedParts, zonedToUtc } from './time';
import { groupBy } from './group-by';

/**
 * The programme in open formats: our own JSON (shape below) and the frab schedule.xml that conference apps such as
 * Giggity and ConfClerk read (following the c3voc schedule.xml.xsd: conference, day, room, event with guid).
 */

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as ISO 8601 wall-clock time in a zone, with that zone's offset at the instant.
 * @example isoWithOffset('2019-06-26T07:00:00.000Z', 'Europe/Oslo') // '2019-06-26T09:00:00+02:00'
 */
export function isoWithOffset(instant: string, zone: string): string {
  const date = new Date(instant);
  const p = zonedParts(date, zone);
  const wholeMinute = Math.floor(date.getTime() / 60_000) * 60_000;
  const offset = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - wholeMinute) / 60_000);
  const abs = Math.abs(offset);
  const seconds = pad(date.getUTCSeconds());
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${seconds}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const minutesBetween = (start: string, end: string) => Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 60_000));
const localTime = (instant: string, zone: string) => {
  const p = zonedParts(instant, zone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
};

const trimBase = (baseUrl: string) => baseUrl.replace(/\/+$/, '');
const eventPage = (base: string, slug: string) => `${base}/events/${encodeURIComponent(slug)}`;
const itemPage = (base: string, slug: string, id: number) => `${eventPage(base, slug)}/programme#item-${id}`;
const fileLink = (base: string, file: Pick<FileRow, 'id' | 'filename'>) => `${base}/files/${file.id}/${encodeURIComponent(file.filename)}`;

/** The local days of the programme: the event's days plus any day an item falls on outside them. */
function scheduleDays(details: EventDetails): string[] {
  const { event } = details;
  const days = new Set(eventDays(event.starts_at, event.ends_at, event.time_zone));
  for (const item of details.items) days.add(localDate(item.starts_at, event.time_zone));
  return [...days].sort();
}

/** From local midnight to the next local midnight: a day's bounds, whatever daylight saving does that day. */
function dayBounds(day: string, zone: string): { start: string; end: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return {
    start: isoWithOffset(zonedToUtc(`${day}T00:00`, zone), zone),
    end: isoWithOffset(zonedToUtc(`${next}T00:00`, zone), zone),
  };
}

// ——— Stable GUIDs (UUID version 5, RFC 9562), as frab and pretalx give every talk ———

const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** SHA-1 of bytes. Written out because the only standard one (crypto.subtle) is asynchronous. */
function sha1(message: Uint8Array): Uint8Array {
  const length = ((message.length + 9 + 63) >> 6) << 6;
  const padded = new Uint8Array(length);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = message.length * 8;
  view.setUint32(length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(length - 4, bits >>> 0);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let offset = 0; offset < length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
      w[i] = (x << 1) | (x >>> 31);
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20 ? [(b & c) | (~b & d), 0x5a827999]
        : i < 40 ? [b ^ c ^ d, 0x6ed9eba1]
        : i < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
        : [b ^ c ^ d, 0xca62c1d6];
      const next = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) >>> 0;
      e = d;
      d = c;
      c = ((b << 30) | (b >>> 2)) >>> 0;
      b = a;
      a = next;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  h.forEach((word, i) => outView.setUint32(i * 4, word));
  return out;
}

/**
 * A name-based UUID (version 5): the same name always gives the same UUID.
 * @example uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8') // '886313e1-3b8a-5372-9b90-0c9aee199e5d'
 */
export function uuidV5(name: string, namespace: string = NAMESPACE_URL): string {
  const ns = namespace.replace(/-/g, '').match(/../g)!.map((hex) => parseInt(hex, 16));
  const bytes = sha1(new Uint8Array([...ns, ...new TextEncoder().encode(name)])).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The item's GUID in both formats, named by its place on this site so that it never changes. */
const itemGuid = (base: string, item: Pick<ProgrammeItem, 'id'>) => uuidV5(`${base}/programme-items/${item.id}`);

// ——— JSON ———

export interface ScheduleJsonFile {
  id: number;
  title: string;
  kind: FileRow['kind'];
  filename: string;
  content_type: string;
  size: number;
  /** Absolute download URL: `<base>/files/<id>/<filename>`. */
  url: string;
}

export interface ScheduleJsonItem {
  id: number;
  guid: string;
  kind: ProgrammeItem['kind'];
  /** 'scheduled' or 'cancelled' (cancelled items stay listed so apps can show it). */
  status: ProgrammeItem['status'];
  title: string;
  abstract: string | null;
  /** ISO 8601 with the event zone's offset, e.g. '2019-06-26T09:00:00+02:00'. */
  start: string;
  end: string;
  /** Local day 'YYYY-MM-DD' and local times 'HH:MM' in the event's zone. */
  date: string;
  start_time: string;
  end_time: string;
  duration_minutes: number;
  room: { id: number; name: string } | null;
  speakers: { id: number; name: string; role: string | null; organisation: string | null }[];
  materials: ScheduleJsonFile[];
  /** The item on the programme page, and its calendar file. */
  url: string;
  ics_url: string;
}

/** What /events/:slug/schedule.json returns. Times in UTC are never given bare: every time carries its offset. */
export interface ScheduleJson {
  /** Version of this shape. */
  schema_version: 1;
  event: {
    id: number;
    slug: string;
    title: string;
    summary: string;
    kind: EventDetails['event']['kind'];
    /** 'published' or 'cancelled'. */
    status: EventDetails['event']['status'];
    language: string;
    time_zone: string;
    start: string;
    end: string;
    venue: { name: string | null; address: string | null } | null;
    online_url: string | null;
    organiser: string;
    url: string;
    ics_url: string;
    /** Raised whenever the event's time or place changes. */
    sequence: number;
    updated_at: string;
  };
  /** Every local day of the event, in order, with its items' ids. */
  days: { index: number; date: string; start: string; end: string; item_ids: number[] }[];
  rooms: { id: number; name: string }[];
  speakers: { id: number; name: string; role: string | null; organisation: string | null; bio: string | null; url: string }[];
  items: ScheduleJsonItem[];
  /** Documents and presentations of the event that belong to no single item. */
  files: ScheduleJsonFile[];
  links: { kind: string; title: string; url: string }[];
}

function jsonFile(base: string, file: FileRow): ScheduleJsonFile {
  return {
    id: file.id,
    title: file.title,
    kind: file.kind,
    filename: file.filename,
    content_type: file.content_type,
    size: file.size,
    url: fileLink(base, file),
  };
}

/**
 * The programme as JSON for scripts and apps (see ScheduleJson). Only what the viewer of `details` may see.
 * @example scheduleJson(details, 'https://samling.example').items[0].start // '2019-06-26T09:00:00+02:00'
 */
export function scheduleJson(details: EventDetails, baseUrl: string): ScheduleJson {
  const base = trimBase(baseUrl);
  const { event } = details;
  const zone = event.time_zone;
  const page = eventPage(base, event.slug);
  const items = details.items.map(
    (item): ScheduleJsonItem => ({
      id: item.id,
      guid: itemGuid(base, item),
      kind: item.kind,
      status: item.status,
      title: item.title,
      abstract: item.abstract,
      start: isoWithOffset(item.starts_at, zone),
      end: isoWithOffset(item.ends_at, zone),
      date: localDate(item.starts_at, zone),
      start_time: localTime(item.starts_at, zone),
      end_time: localTime(item.ends_at, zone),
      duration_minutes: minutesBetween(item.starts_at, item.ends_at),
      room: item.room ? { id: item.room.id, name: item.room.name } : null,
      speakers: item.speakers.map((s) => ({ id: s.id, name: s.name, role: s.role, organisation: s.organisation })),
      materials: item.materials.map((f) => jsonFile(base, f)),
      url: itemPage(base, event.slug, item.id),
      ics_url: `${page}/items/${item.id}.ics`,
    }),
  );
  const itemsByDate = groupBy(items, (item) => item.date);
  return {
    schema_version: 1,
    event: {
      id: event.id,
      slug: event.slug,
      title: event.title,
      summary: event.summary,
      kind: event.kind,
      status: event.status,
      language: event.language,
      time_zone: zone,
      start: isoWithOffset(event.starts_at, zone),
      end: isoWithOffset(event.ends_at, zone),
      venue: event.venue_name || event.venue_address ? { name: event.venue_name, address: event.venue_address } : null,
      online_url: event.online_url,
      organiser: event.organiser_name,
      url: page,
      ics_url: `${page}/event.ics`,
      sequence: event.sequence,
      updated_at: event.updated_at,
    },
    days: scheduleDays(details).map((date, i) => ({
      index: i + 1,
      date,
      ...dayBounds(date, zone),
      item_ids: (itemsByDate.get(date) ?? []).map((item) => item.id),
    })),
    rooms: details.rooms.map((r) => ({ id: r.id, name: r.name })),
    speakers: details.speakers.map((s) => ({
      id: s.id,
      name: s.name,
      role: s.role,
      organisation: s.organisation,
      bio: s.bio,
      url: `${page}/speakers/${s.id}`,
    })),
    items,
    files: details.files.filter((f) => f.kind !== 'image' && f.item_id === null).map((f) => jsonFile(base, f)),
    links: details.links.map((l) => ({ kind: l.kind, title: l.title, url: l.url })),
  };
}

// ——— frab XML ———

/** Text for XML content and attribute values: escaped, and without the characters XML 1.0 cannot hold at all. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type Attrs = Record<string, string | number>;
/** One element; `children` are already-serialised elements, `text` is escaped here. */
function el(name: string, attrs: Attrs, content: { text?: string | null; children?: string[] } = {}): string {
  const attributes = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const inner = content.children ? content.children.join('') : escapeXml(content.text ?? '');
  return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
}
const text = (name: string, value: string | number | null | undefined) => el(name, {}, { text: value == null ? '' : String(value) });

function frabEvent(details: EventDetails, base: string, item: ProgrammeItem, roomName: string): string {
  const { event } = details;
  const zone = event.time_zone;
  const children = [
    text('room', roomName),
    text('title', item.title),
    text('subtitle', ''),
    text('type', item.kind),
    text('date', isoWithOffset(item.starts_at, zone)),
    text('start', localTime(item.starts_at, zone)),
    text('duration', hhmm(minutesBetween(item.starts_at, item.ends_at))),
    text('abstract', item.abstract ?? ''),
    text('slug', `${event.slug}-${item.id}`),
    text('track', ''),
    text('language', event.language),
    el('persons', {}, { children: item.speakers.map((s) => el('person', { id: s.id }, { text: s.name })) }),
    el('links', {}, { children: [el('link', { href: itemPage(base, event.slug, item.id) }, { text: item.title })] }),
    el('attachments', {}, {
      children: item.materials.map((f) => el('attachment', { href: fileLink(base, f) }, { text: f.title })),
    }),
    text('url', itemPage(base, event.slug, item.id)),
  ];
  return el('event', { guid: itemGuid(base, item), id: item.id }, { children });
}

/**
 * The programme as frab schedule.xml. Cancelled items are left out: the format has no status, and an app would
 * otherwise list a cancelled talk as if it happened. Items without a room are grouped under the venue's name.
 */
export function scheduleXml(details: EventDetails, baseUrl: string): string {
  const base = trimBase(baseUrl);
  const { event } = details;
  const zone = event.time_zone;
  const days = scheduleDays(details);
  const scheduled = details.items.filter((item) => item.status !== 'cancelled');
  const scheduledByDay = groupBy(scheduled, (item) => localDate(item.starts_at, zone));
  const defaultRoom = event.venue_name ?? event.title;
  // Rooms in the organiser's order, the room-less (plenary) items first.
  const roomOrder = [defaultRoom, ...details.rooms.map((r) => r.name)];
  const version = details.items.reduce((latest, item) => (item.updated_at > latest ? item.updated_at : latest), event.updated_at);

  const conference = el('conference', {}, {
    children: [
      text('title', event.title),
      text('acronym', event.slug),
      text('start', days[0] ?? localDate(event.starts_at, zone)),
      text('end', days[days.length - 1] ?? localDate(event.ends_at, zone)),
      text('days', days.length),
      text('timeslot_duration', '00:05'),
      text('base_url', `${base}/`),
      text('time_zone_name', zone),
    ],
  });
  const dayElements = days.map((day, i) => {
    const byRoom = groupBy(scheduledByDay.get(day) ?? [], (item) => item.room?.name ?? defaultRoom);
    const rooms = roomOrder
      .filter((name, index) => roomOrder.indexOf(name) === index && byRoom.has(name))
      .map((name) => el('room', { name }, { children: byRoom.get(name)!.map((item) => frabEvent(details, base, item, name)) }));
    const bounds = dayBounds(day, zone);
    return el('day', { index: i + 1, date: day, start: bounds.start, end: bounds.end }, { children: rooms });
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el('schedule', {}, { children: [text('version', version), conference, ...dayElements] })}\n`;
}
