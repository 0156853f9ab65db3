import type { Lang } from './i18n/index';

/** Wall-clock parts of an instant in a time zone. */
export interface ZonedParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const PARTS_CACHE_SIZE = 10_000;
const partsCache = new Map<string, Readonly<ZonedParts>>();

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

export function zonedParts(instant: string | Date, timeZone: string): Readonly<ZonedParts> {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  // formatToParts is the slow part of showing a time, and pages and mails show the same few instants over and over.
  const key = `${date.getTime()}|${timeZone}`;
  const known = partsCache.get(key);
  if (known) return known;
  const out: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(date)) out[p.type] = p.value;
  const parts = Object.freeze({
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    weekday: WEEKDAYS.indexOf(out.weekday ?? ''),
  });
  if (partsCache.size >= PARTS_CACHE_SIZE) partsCache.clear();
  partsCache.set(key, parts);
  return parts;
}

function offsetMinutes(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, date.getUTCSeconds());
  return Math.round((asUtc - date.getTime()) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/** Years a date may have: wide enough for archives and long plans, narrow enough to refuse a slip such as 0050. */
export const YEAR_RANGE = { min: 1900, max: 2200 } as const;

const yearInRange = (year: number) => year >= YEAR_RANGE.min && year <= YEAR_RANGE.max;

function realDate(y: number, m: number, d: number): boolean {
  if (!yearInRange(y) || m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Whether a 'YYYY-MM-DD' day exists, in a year inside YEAR_RANGE: not 2027-04-31, not 2027-02-29, not 0050-01-01.
 * @example isCalendarDate('2028-02-29') // true
 */
export function isCalendarDate(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return !!m && realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Whether a 'YYYY-MM-DDTHH:mm' wall-clock time exists: a real day (isCalendarDate) and a time from 00:00 to 23:59.
 * @example isLocalDateTime('2027-04-30T24:30') // false
 */
export function isLocalDateTime(local: string): boolean {
  const m = LOCAL.exec(local);
  if (!m) return false;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return realDate(y, mo, d) && h <= 23 && mi <= 59;
}

/** Whether an instant (an ISO 8601 string) falls in a year inside YEAR_RANGE, in UTC. */
export const isInstantInRange = (instant: string) => yearInRange(new Date(instant).getUTCFullYear());

/**
 * The UTC instant of a wall-clock time in a zone, so that "09:00 in Oslo" stays 09:00 whatever the season.
 * A time skipped by a daylight-saving jump resolves forward, as calendar programs do.
 * @example zonedToUtc('2019-06-26T09:00', 'Europe/Oslo') // '2019-06-26T07:00:00.000Z'
 */
export function zonedToUtc(local: string, timeZone: string): string {
  const m = LOCAL.exec(local);
  // Date.UTC would roll 31 April over to 1 May and 24:30 to the next day, and read year 50 as 1950.
  if (!m || !isLocalDateTime(local)) throw new RangeError(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes: the offset at the guess, then at the corrected instant (differs only around a transition).
  let instant = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  instant = naive - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant).toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of the instant's day in the zone. */
export function localDate(instant: string | Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM-DDTHH:mm' in the zone: the value of an `<input type="datetime-local">`. */
export function localDateTime(instant: string | Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const MONTHS: Record<Lang, string[]> = {
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const DAYS: Record<Lang, string[]> = {
  nb: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** '09.00' in bokmål, '09:00' in English. */
export function formatTime(instant: string, timeZone: string, lang: Lang): string {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.hour)}${lang === 'nb' ? '.' : ':'}${pad(p.minute)}`;
}

/** 'kl. 09.00–10.30' in bokmål, '09:00–10:30' in English. */
export function formatTimeRange(start: string, end: string, timeZone: string, lang: Lang): string {
  const range = `${formatTime(start, timeZone, lang)}–${formatTime(end, timeZone, lang)}`;
  return lang === 'nb' ? `kl. ${range}` : range;
}

function dayMonth(p: ZonedParts, lang: Lang): string {
  const month = MONTHS[lang][p.month - 1];
  return lang === 'nb' ? `${p.day}. ${month}` : `${p.day} ${month}`;
}

/** '26. juni 2019' / '26 June 2019'. */
export function formatDate(instant: string, timeZone: string, lang: Lang): string {
  const p = zonedParts(instant, timeZone);
  return `${dayMonth(p, lang)} ${p.year}`;
}

/**
 * A date span as a reader expects it, collapsing what two dates share.
 * @example formatDateRange('2019-06-26T07:00:00Z', '2019-06-27T12:00:00Z', 'Europe/Oslo', 'nb') // '26.–27. juni 2019'
 */
export function formatDateRange(start: string, end: string, timeZone: string, lang: Lang): string {
  const a = zonedParts(start, timeZone);
  const b = zonedParts(end, timeZone);
  if (a.year === b.year && a.month === b.month && a.day === b.day) return formatDate(start, timeZone, lang);
  if (a.year === b.year && a.month === b.month) {
    return lang === 'nb' ? `${a.day}.–${dayMonth(b, lang)} ${b.year}` : `${a.day}–${dayMonth(b, lang)} ${b.year}`;
  }
  if (a.year === b.year) return `${dayMonth(a, lang)}–${dayMonth(b, lang)} ${b.year}`;
  return `${formatDate(start, timeZone, lang)}–${formatDate(end, timeZone, lang)}`;
}

/** 'onsdag 26. juni' / 'Wednesday 26 June', for a 'YYYY-MM-DD' day. */
export function formatDay(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const p: ZonedParts = { year: y, month: m, day: d, hour: 0, minute: 0, weekday };
  return `${DAYS[lang][weekday]} ${dayMonth(p, lang)}`;
}

/** '25.06.2019' in bokmål (as the seed articles print it), '25 June 2019' in English. */
export function formatShortDate(instant: string, timeZone: string, lang: Lang): string {
  if (lang === 'en') return formatDate(instant, timeZone, lang);
  const p = zonedParts(instant, timeZone);
  return `${pad(p.day)}.${pad(p.month)}.${p.year}`;
}

/** The local days ('YYYY-MM-DD') an event spans, first to last. */
export function eventDays(start: string, end: string, timeZone: string): string[] {
  const first = localDate(start, timeZone);
  // An event ending exactly at midnight does not occupy the next day.
  const last = localDate(new Date(new Date(end).getTime() - 1), timeZone);
  const days: string[] = [];
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  for (let i = 0; i < 366; i++) {
    const day = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    if (day > last && days.length > 0) break;
    days.push(day);
  }
  return days;
}
