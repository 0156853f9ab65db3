import { TZDate } from '@date-fns/tz';
import type { ICalEventData } from 'ical-generator';
import { tzlib_get_ical_block, tzlib_get_offset, tzlib_get_timezones } from 'timezones-ical-library';
import { isoWithOffset } from './schedule-formats';
import { zonedParts } from './time';

/** Time zones in calendar files: the VTIMEZONE blocks, and local times only where those blocks agree. */

const KNOWN_ZONES = new Set(tzlib_get_timezones() as string[]);
const vtimezones = new Map<string, string | null>();

/**
 * The VTIMEZONE of an IANA zone from timezones-ical-library (pure data, so it also runs on Workers). The library
 * shares one definition between zones with identical rules (Europe/Oslo comes back as Europe/Berlin), so the block
 * is renamed to the zone asked for, which is what DTSTART;TZID= refers to.
 */
export function vtimezone(zone: string): string | null {
  let block = vtimezones.get(zone);
  if (block === undefined) {
    const found = KNOWN_ZONES.has(zone) ? tzlib_get_ical_block(zone) : null;
    const text = Array.isArray(found) ? found[0] : undefined;
    block = text?.startsWith('BEGIN:VTIMEZONE')
      ? text.replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`)
      : null;
    vtimezones.set(zone, block);
  }
  return block;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** '+0200': the zone's offset at an instant, by the runtime's own zone data (what zonedToUtc used). */
const intlOffset = (instant: string, zone: string) => isoWithOffset(instant, zone).slice(-6).replace(':', '');

/**
 * Start and end as wall-clock times in the event's zone (with its VTIMEZONE), or in UTC when the zone has no VTIMEZONE
 * or its rules would put one of the instants at another hour than the runtime's zone data does (a zone whose law
 * changed): a UTC time is never wrong, a mismatched VTIMEZONE would move the talk.
 */
const agreement = new Map<string, boolean>();

export function zonedTimes(start: string, end: string, zone: string): Pick<ICalEventData, 'start' | 'end' | 'timezone'> {
  const agrees = (instant: string) => {
    // Remembered: an event's few instants are asked about for every invitation and feed, and the look-up is slow.
    const key = `${zone} ${instant}`;
    let known = agreement.get(key);
    if (known === undefined) {
      const p = zonedParts(instant, zone);
      const offset = tzlib_get_offset(zone, `${p.year}-${pad(p.month)}-${pad(p.day)}`, `${pad(p.hour)}:${pad(p.minute)}`);
      known = offset === intlOffset(instant, zone);
      if (agreement.size >= 10_000) agreement.clear();
      agreement.set(key, known);
    }
    return known;
  };
  if (vtimezone(zone) && agrees(start) && agrees(end)) {
    return { start: new TZDate(start, zone), end: new TZDate(end, zone), timezone: zone };
  }
  return { start: new Date(start), end: new Date(end), timezone: null };
}
