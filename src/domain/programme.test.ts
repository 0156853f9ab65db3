import { describe, expect, it } from 'vitest';
import type { RoomRow } from '../../db/schema';
import { zonedToUtc } from '../time';
import type { ProgrammeItem } from './events';
import { groupProgramme } from './programme';

const OSLO = 'Europe/Oslo';
const plenum: RoomRow = { id: 1, event_id: 1, name: 'Plenumssalen', position: 0 };
const small: RoomRow = { id: 2, event_id: 1, name: 'Møterom Saltstraumen', position: 1 };

let nextId = 1;
function item(start: string, end: string, title: string, room: RoomRow | null = null): ProgrammeItem {
  return {
    id: nextId++,
    event_id: 1,
    room_id: room?.id ?? null,
    room,
    kind: 'talk',
    title,
    abstract: null,
    starts_at: zonedToUtc(start, OSLO),
    ends_at: zonedToUtc(end, OSLO),
    status: 'scheduled',
    created_at: '2019-01-01T00:00:00.000Z',
    updated_at: '2019-01-01T00:00:00.000Z',
    speakers: [],
    materials: [],
  };
}

describe('groupProgramme', () => {
  it('puts items into their local days in time order', () => {
    const days = groupProgramme(
      [
        item('2019-06-27T09:00', '2019-06-27T10:00', 'Dag to'),
        item('2019-06-26T10:00', '2019-06-26T11:00', 'Andre'),
        item('2019-06-26T09:00', '2019-06-26T10:00', 'Første'),
      ],
      OSLO,
    );
    expect(days.map((d) => d.day)).toEqual(['2019-06-26', '2019-06-27']);
    expect(days[0]?.slots.map((s) => s.items.map((i) => i.title))).toEqual([['Første'], ['Andre']]);
  });

  it('groups parallel items by start time in room order and names the rooms', () => {
    const days = groupProgramme(
      [
        item('2019-06-26T13:00', '2019-06-26T14:00', 'Gruppe B', small),
        item('2019-06-26T13:00', '2019-06-26T14:00', 'Gruppe A', plenum),
        item('2019-06-26T09:00', '2019-06-26T10:00', 'Åpning', plenum),
      ],
      OSLO,
    );
    expect(days).toHaveLength(1);
    expect(days[0]?.rooms).toEqual(['Plenumssalen', 'Møterom Saltstraumen']);
    expect(days[0]?.slots.map((s) => s.items.map((i) => i.title))).toEqual([['Åpning'], ['Gruppe A', 'Gruppe B']]);
  });

  it('lists no rooms when a day uses only one', () => {
    const days = groupProgramme([item('2019-06-26T09:00', '2019-06-26T10:00', 'Åpning', plenum)], OSLO);
    expect(days[0]?.rooms).toEqual([]);
  });

  it('files an item late in the evening under its local day, not the UTC one', () => {
    const days = groupProgramme([item('2019-06-27T00:30', '2019-06-27T01:30', 'Nattmøte')], OSLO);
    expect(days[0]?.day).toBe('2019-06-27');
  });
});
