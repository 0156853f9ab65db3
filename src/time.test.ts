import { describe, expect, it } from 'vitest';
import {
  eventDays,
  formatDateRange,
  formatDay,
  formatShortDate,
  formatTime,
  formatTimeRange,
  isCalendarDate,
  isLocalDateTime,
  localDateTime,
  zonedToUtc,
} from './time';

const OSLO = 'Europe/Oslo';

describe('zonedToUtc', () => {
  it('keeps a 09:00 talk at 09:00 Oslo time in summer and in winter', () => {
    expect(zonedToUtc('2019-06-26T09:00', OSLO)).toBe('2019-06-26T07:00:00.000Z');
    expect(zonedToUtc('2020-01-15T09:00', OSLO)).toBe('2020-01-15T08:00:00.000Z');
    expect(formatTime(zonedToUtc('2019-06-26T09:00', OSLO), OSLO, 'nb')).toBe('09.00');
    expect(formatTime(zonedToUtc('2020-01-15T09:00', OSLO), OSLO, 'nb')).toBe('09.00');
  });

  it('handles the days of the daylight-saving changes', () => {
    // 31 March 2024: clocks jump from 02:00 to 03:00 in Oslo.
    expect(zonedToUtc('2024-03-31T01:30', OSLO)).toBe('2024-03-31T00:30:00.000Z');
    expect(zonedToUtc('2024-03-31T03:30', OSLO)).toBe('2024-03-31T01:30:00.000Z');
    // 27 October 2024: clocks go back from 03:00 to 02:00.
    expect(zonedToUtc('2024-10-27T09:00', OSLO)).toBe('2024-10-27T08:00:00.000Z');
    expect(formatTime('2024-10-27T08:00:00.000Z', OSLO, 'nb')).toBe('09.00');
  });

  it('round-trips through localDateTime', () => {
    for (const local of ['2019-06-26T09:00', '2026-12-31T23:59', '2024-03-31T04:15']) {
      expect(localDateTime(zonedToUtc(local, OSLO), OSLO)).toBe(local);
    }
  });

  it('refuses something that is not a local date-time', () => {
    expect(() => zonedToUtc('26.06.2019 09:00', OSLO)).toThrow(RangeError);
  });
});

describe('formatting the way readers expect', () => {
  const start = zonedToUtc('2019-06-26T09:00', OSLO);
  const end = zonedToUtc('2019-06-27T14:30', OSLO);

  it('writes a two-day span in bokmål and English', () => {
    expect(formatDateRange(start, end, OSLO, 'nb')).toBe('26.–27. juni 2019');
    expect(formatDateRange(start, end, OSLO, 'en')).toBe('26–27 June 2019');
  });

  it('writes spans across months and years, and single days', () => {
    expect(formatDateRange(zonedToUtc('2025-05-30T09:00', OSLO), zonedToUtc('2025-06-02T15:00', OSLO), OSLO, 'nb')).toBe(
      '30. mai–2. juni 2025',
    );
    expect(formatDateRange(zonedToUtc('2025-12-31T09:00', OSLO), zonedToUtc('2026-01-01T15:00', OSLO), OSLO, 'en')).toBe(
      '31 December 2025–1 January 2026',
    );
    expect(formatDateRange(start, zonedToUtc('2019-06-26T15:00', OSLO), OSLO, 'nb')).toBe('26. juni 2019');
  });

  it('writes times with a full stop in bokmål and a colon in English', () => {
    const a = zonedToUtc('2019-06-26T09:00', OSLO);
    const b = zonedToUtc('2019-06-26T10:30', OSLO);
    expect(formatTimeRange(a, b, OSLO, 'nb')).toBe('kl. 09.00–10.30');
    expect(formatTimeRange(a, b, OSLO, 'en')).toBe('09:00–10:30');
  });

  it('names the day of the week', () => {
    expect(formatDay('2019-06-26', 'nb')).toBe('onsdag 26. juni');
    expect(formatDay('2019-06-26', 'en')).toBe('Wednesday 26 June');
  });

  it('writes published dates as the articles do', () => {
    expect(formatShortDate('2019-06-25T08:00:00.000Z', OSLO, 'nb')).toBe('25.06.2019');
    expect(formatShortDate('2019-06-25T08:00:00.000Z', OSLO, 'en')).toBe('25 June 2019');
  });

  it('uses the local day, not the UTC one, near midnight', () => {
    // 00:30 on 1 July in Oslo is still 30 June in UTC.
    expect(formatDateRange(zonedToUtc('2019-07-01T00:30', OSLO), zonedToUtc('2019-07-01T02:00', OSLO), OSLO, 'nb')).toBe('1. juli 2019');
  });
});

describe('eventDays', () => {
  it('lists each local day of a multi-day event', () => {
    expect(eventDays(zonedToUtc('2019-06-26T09:00', OSLO), zonedToUtc('2019-06-27T14:30', OSLO), OSLO)).toEqual(['2019-06-26', '2019-06-27']);
  });
  it('does not count a day the event only touches at midnight', () => {
    expect(eventDays(zonedToUtc('2019-06-26T18:00', OSLO), zonedToUtc('2019-06-27T00:00', OSLO), OSLO)).toEqual(['2019-06-26']);
  });
});

describe('dates that exist', () => {
  it('knows the days of each month, leap years and a sane range of years', () => {
    expect(isCalendarDate('2027-04-30')).toBe(true);
    expect(isCalendarDate('2027-04-31')).toBe(false);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('0050-01-01')).toBe(false);
    expect(isCalendarDate('2027-00-10')).toBe(false);
    expect(isLocalDateTime('2027-04-30T23:59')).toBe(true);
    expect(isLocalDateTime('2027-04-30T24:30')).toBe(false);
    expect(isLocalDateTime('2027-04-30T10:60')).toBe(false);
  });

  it('zonedToUtc refuses what does not exist instead of rolling it over', () => {
    expect(() => zonedToUtc('2027-04-31T09:00', 'Europe/Oslo')).toThrow(RangeError);
    expect(() => zonedToUtc('2027-04-30T24:30', 'Europe/Oslo')).toThrow(RangeError);
    expect(() => zonedToUtc('0050-01-01T09:00', 'Europe/Oslo')).toThrow(RangeError);
  });
});
