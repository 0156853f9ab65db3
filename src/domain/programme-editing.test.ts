import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { zonedToUtc } from '../time';
import { parseEventForm, blankEventForm, slugify } from './event-editing';
import { shiftLocal } from './local-shift';
import { findOverlaps, parseItemForm } from './programme-editing';

const event = {
  time_zone: 'Europe/Oslo',
  starts_at: zonedToUtc('2027-06-26T09:00', 'Europe/Oslo'),
  ends_at: zonedToUtc('2027-06-27T15:00', 'Europe/Oslo'),
} as EventRow;
const known = { roomIds: [1, 2], speakerIds: [7] };
const form = (o: Partial<Record<string, string>> = {}) => ({
  day: '2027-06-27',
  start: '09:00',
  end: '10:00',
  room_id: '1',
  kind: 'talk',
  title: 'Foredrag',
  abstract: '',
  speaker_ids: ['7'],
  ...o,
});

describe('programme items', () => {
  it('reads local times on the chosen day of the event', () => {
    const parsed = parseItemForm(form(), event, known);
    expect(parsed).toMatchObject({ ok: true, data: { starts_at: '2027-06-27T07:00:00.000Z', ends_at: '2027-06-27T08:00:00.000Z', room_id: 1, speaker_ids: [7] } });
  });

  it.each([
    [{ day: '2027-06-26', start: '08:00' }, 'start', 'edit_item_outside_event'],
    [{ end: '16:00', start: '14:00' }, 'start', 'edit_item_outside_event'],
    [{ end: '08:30' }, 'end', 'edit_end_before_start'],
    [{ day: '2027-06-28' }, 'day', 'edit_day_invalid'],
    [{ room_id: '3' }, 'room_id', 'edit_choice_invalid'],
    [{ start: '9' }, 'start', 'edit_time_invalid'],
  ])('refuses %o', (overrides, field, key) => {
    const parsed = parseItemForm(form(overrides), event, known);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field as 'start']).toBe(key);
  });

  it('flags overlaps in the same room only, not touching ends and not cancelled items', () => {
    const item = (id: number, room: number | null, s: string, e: string, status: 'scheduled' | 'cancelled' = 'scheduled') => ({
      id,
      room_id: room,
      starts_at: `2027-06-27T${s}:00.000Z`,
      ends_at: `2027-06-27T${e}:00.000Z`,
      status,
    });
    const overlaps = findOverlaps([
      item(1, 1, '07:00', '08:00'),
      item(2, 1, '07:30', '08:30'),
      item(3, 1, '08:30', '09:00'),
      item(4, 2, '07:00', '08:00'),
      item(5, 1, '07:00', '09:00', 'cancelled'),
    ]);
    expect([...overlaps]).toEqual([
      [1, [2]],
      [2, [1]],
    ]);
  });
});

describe('event helpers', () => {
  it('keeps the wall-clock time when shifting across daylight saving', () => {
    expect(shiftLocal('2026-10-20T07:00:00.000Z', 'Europe/Oslo', 14)).toBe('2026-11-03T08:00:00.000Z');
    expect(shiftLocal('2027-03-09T08:00:00.000Z', 'Europe/Oslo', 21)).toBe('2027-03-30T07:00:00.000Z');
  });

  it('makes slugs from Norwegian titles', () => {
    expect(slugify('Inkludering i arbeidslivet – Hamar 2027')).toBe('inkludering-i-arbeidslivet-hamar-2027');
    expect(slugify('Årskonferanse for Sør-Øst: «Blåkors»')).toBe('arskonferanse-for-sor-ost-blakors');
    expect(slugify('!!!')).toBe('arrangement');
  });

  it('reads the form in the event zone and checks the registration deadline', () => {
    const values = { ...blankEventForm(new Date('2026-11-23T12:00:00Z')), title: 'X', organiser_name: 'Y', time_zone: 'America/New_York', starts_local: '2027-01-10T09:00', ends_local: '2027-01-10T17:00' };
    const ok = parseEventForm(values);
    expect(ok.ok && ok.data.starts_at).toBe('2027-01-10T14:00:00.000Z');
    const late = parseEventForm({ ...values, registration_closes_local: '2027-01-10T18:00' });
    expect(!late.ok && late.errors.registration_closes_local).toBe('edit_closes_after_end');
  });
});
