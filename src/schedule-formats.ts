import type { FileRow, RoomRow, SpeakerRow } from '../db/schema';
import type { EventDetails, ProgrammeItem } from './domain/events';
import { eventDays, localDate, zonedParts, zonedToUtc } from './time';
import { absolute, eventPath, filePath, itemPath } from './urls';
import { uuidV5 } from './uuid-v5';
import { groupBy } from './group-by';

/**
 * The programme in the two open formats conference apps such as Giggity and ConfClerk read: the C3VOC schedule.json
 * (c3voc schema.json, draft-06) and the frab schedule.xml (c3voc schedule.xml.xsd). Both carry the same GUIDs.
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
const eventPage = (base: string, slug: string) => absolute(base, eventPath({ slug }));
const itemPage = (base: string, slug: string, id: number) => absolute(base, itemPath({ slug }, id));
const fileLink = (base: string, file: Pick<FileRow, 'id' | 'filename'>) => absolute(base, filePath(file));

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

/** The GUIDs in both formats, named by their place on this site so that they never change. */
const itemGuid = (base: string, item: Pick<ProgrammeItem, 'id'>) => uuidV5(`${base}/programme-items/${item.id}`);
const roomGuid = (base: string, slug: string, room: RoomRow | null) =>
  uuidV5(room ? `${base}/rooms/${room.id}` : `${eventPage(base, slug)}#venue`);
const personGuid = (base: string, speaker: Pick<SpeakerRow, 'id'>) => uuidV5(`${base}/speakers/${speaker.id}`);

/**
 * The conference's acronym in both formats: the slug with `_` for `-` (the JSON schema allows a hyphen only before
 * a year), at least four characters.
 * @example acronym('helse-nord-2019') // 'helse_nord_2019'
 */
export const acronym = (slug: string) => slug.replace(/-/g, '_').padEnd(4, '_');

/** An item's slug in both formats: the acronym, a hyphen, then at least four characters (the XSD's pattern). */
const itemSlug = (slug: string, item: Pick<ProgrammeItem, 'id'>) => `${acronym(slug)}-item-${item.id}`;

/** The version both formats carry: the latest change to the event or any of its items. */
const scheduleVersion = (details: EventDetails) =>
  details.items.reduce((latest, item) => (item.updated_at > latest ? item.updated_at : latest), details.event.updated_at);

interface ScheduleRoom {
  name: string;
  room: RoomRow | null;
}

/**
 * The scheduled items of each day by room, rooms in the organiser's order with the room-less (plenary) items first,
 * grouped under the venue's name. Cancelled items are left out: neither format has a status, and an app would
 * otherwise list a cancelled talk as if it happened (the API keeps them, with their status).
 */
function itemsByDayAndRoom(details: EventDetails) {
  const { event } = details;
  const zone = event.time_zone;
  const venue: ScheduleRoom = { name: event.venue_name ?? event.title, room: null };
  const rooms = [venue, ...details.rooms.filter((r) => r.name !== venue.name).map((r) => ({ name: r.name, room: r }))];
  const scheduled = details.items.filter((item) => item.status !== 'cancelled');
  // Grouped once (not filtered per day and room): a programme of 2,000 items stays linear.
  const byDay = groupBy(scheduled, (item) => localDate(item.starts_at, zone));
  const days = scheduleDays(details).map((date, i) => {
    const byRoom = groupBy(byDay.get(date) ?? [], (item) => item.room?.name ?? venue.name);
    const taken = new Set<string>();
    return {
      index: i + 1,
      date,
      ...dayBounds(date, zone),
      // A room name given twice is one room, the first of that name.
      rooms: rooms.filter((r) => byRoom.has(r.name) && !taken.has(r.name) && taken.add(r.name)).map((r) => ({ ...r, items: byRoom.get(r.name)! })),
    };
  });
  const used = rooms.filter((r) => days.some((d) => d.rooms.some((dr) => dr.name === r.name)));
  return { rooms: used, days };
}

// ——— C3VOC schedule.json ———

/** The C3VOC reference types for our files: presentations are slides, documents papers, images media. */
const REFERENCE_TYPE = { presentation: 'slides', document: 'paper', image: 'media' } as const satisfies Record<FileRow['kind'], string>;

/**
 * The programme as the C3VOC schedule.json that pretalx exports and conference apps read
 * (https://c3voc.de/schedule/schema.json). Only what the viewer of `details` may see; what the format has no place
 * for (item status, speakers' roles, event-level links) is in the API.
 * @example scheduleJson(details, 'https://samling.example').schedule.conference.days[0].rooms['Sal A'][0].date
 * // '2019-06-26T09:00:00+02:00'
 */
export function scheduleJson(details: EventDetails, baseUrl: string) {
  const base = trimBase(baseUrl);
  const { event } = details;
  const zone = event.time_zone;
  const page = eventPage(base, event.slug);
  const grouped = itemsByDayAndRoom(details);
  const days = scheduleDays(details);
  const c3vocEvent = (item: ProgrammeItem, roomName: string) => ({
    guid: itemGuid(base, item),
    id: item.id,
    date: isoWithOffset(item.starts_at, zone),
    start: localTime(item.starts_at, zone),
    end: isoWithOffset(item.ends_at, zone),
    duration: hhmm(minutesBetween(item.starts_at, item.ends_at)),
    room: roomName,
    slug: itemSlug(event.slug, item),
    url: itemPage(base, event.slug, item.id),
    title: item.title,
    subtitle: null,
    track: null,
    type: item.kind,
    language: event.language,
    abstract: item.abstract,
    description: null,
    persons: item.speakers.map((s) => ({
      name: s.name,
      guid: personGuid(base, s),
      url: `${page}/speakers/${s.id}`,
      biography: s.bio,
    })),
    links: [],
    attachments: item.materials.map((f) => ({ type: REFERENCE_TYPE[f.kind], url: fileLink(base, f), title: f.title })),
  });
  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'Samling', url: `${base}/` },
    schedule: {
      version: scheduleVersion(details),
      base_url: `${base}/`,
      conference: {
        acronym: acronym(event.slug),
        title: event.title,
        description: event.summary,
        start: days[0] ?? localDate(event.starts_at, zone),
        end: days[days.length - 1] ?? localDate(event.ends_at, zone),
        daysCount: days.length,
        timeslot_duration: '00:05',
        time_zone_name: zone,
        url: page,
        rooms: grouped.rooms.map((r) => ({ name: r.name, guid: roomGuid(base, event.slug, r.room) })),
        days: grouped.days.map((day) => ({
          index: day.index,
          date: day.date,
          day_start: day.start,
          day_end: day.end,
          rooms: Object.fromEntries(day.rooms.map((r) => [r.name, r.items.map((item) => c3vocEvent(item, r.name))])),
        })),
      },
    },
  };
}

/** What /events/:slug/schedule.json returns. */
export type ScheduleJson = ReturnType<typeof scheduleJson>;

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
    text('slug', itemSlug(event.slug, item)),
    text('track', ''),
    text('language', event.language),
    el('persons', {}, {
      children: item.speakers.map((s) => el('person', { id: s.id, guid: personGuid(base, s) }, { text: s.name })),
    }),
    el('links', {}, { children: [el('link', { href: itemPage(base, event.slug, item.id) }, { text: item.title })] }),
    el('attachments', {}, {
      children: item.materials.map((f) => el('attachment', { href: fileLink(base, f) }, { text: f.title })),
    }),
    text('url', itemPage(base, event.slug, item.id)),
  ];
  return el('event', { guid: itemGuid(base, item), id: item.id }, { children });
}

/** The programme as frab schedule.xml (the c3voc schedule.xml.xsd), the same days, rooms and GUIDs as the JSON. */
export function scheduleXml(details: EventDetails, baseUrl: string): string {
  const base = trimBase(baseUrl);
  const { event } = details;
  const zone = event.time_zone;
  const days = scheduleDays(details);
  const conference = el('conference', {}, {
    children: [
      text('title', event.title),
      text('acronym', acronym(event.slug)),
      text('start', days[0] ?? localDate(event.starts_at, zone)),
      text('end', days[days.length - 1] ?? localDate(event.ends_at, zone)),
      text('days', days.length),
      text('timeslot_duration', '00:05'),
      text('base_url', `${base}/`),
      text('time_zone_name', zone),
    ],
  });
  const dayElements = itemsByDayAndRoom(details).days.map((day) =>
    el('day', { index: day.index, date: day.date, start: day.start, end: day.end }, {
      children: day.rooms.map((r) =>
        el('room', { name: r.name, guid: roomGuid(base, event.slug, r.room) }, {
          children: r.items.map((item) => frabEvent(details, base, item, r.name)),
        }),
      ),
    }),
  );
  const schedule = el('schedule', {}, { children: [text('version', scheduleVersion(details)), conference, ...dayElements] });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${schedule}\n`;
}
