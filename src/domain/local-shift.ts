import type { EventRow } from '../../db/schema';
import { localDateTime, zonedToUtc } from '../time';

/**
 * The same wall-clock time `days` later in the zone: 09:00 stays 09:00 across a daylight-saving change.
 * @example shiftLocal('2026-10-20T07:00:00.000Z', 'Europe/Oslo', 14) // '2026-11-03T08:00:00.000Z' (09:00 both)
 */
export function shiftLocal(instant: string, timeZone: string, days: number, toZone: string = timeZone): string {
  const local = localDateTime(instant, timeZone);
  const [y, m, d] = local.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  return zonedToUtc(`${date}${local.slice(10)}`, toZone);
}

/** Whole days from the event's first local day to `date` ('YYYY-MM-DD'). */
export function daysUntil(event: Pick<EventRow, 'starts_at' | 'time_zone'>, date: string): number {
  const from = localDateTime(event.starts_at, event.time_zone).slice(0, 10);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
