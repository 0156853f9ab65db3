import { localDate } from '../time';
import type { ProgrammeItem } from './events';

export interface ProgrammeSlot {
  starts_at: string;
  /** Items starting at the same time, in room order: parallel sessions. */
  items: ProgrammeItem[];
}

export interface ProgrammeDay {
  /** 'YYYY-MM-DD' in the event's zone. */
  day: string;
  /** Names of the rooms used this day, in the event's room order; empty when everything is in one place. */
  rooms: string[];
  slots: ProgrammeSlot[];
}

/**
 * Groups a programme into days (in the event's zone) and, within a day, into time slots whose items run in parallel.
 * Items are expected sorted by start; rooms keep the order of their `position`.
 */
export function groupProgramme(items: readonly ProgrammeItem[], timeZone: string): ProgrammeDay[] {
  const days = new Map<string, ProgrammeDay>();
  const sorted = [...items].sort(
    (a, b) =>
      a.starts_at.localeCompare(b.starts_at) ||
      (a.room?.position ?? -1) - (b.room?.position ?? -1) ||
      a.id - b.id,
  );
  for (const item of sorted) {
    const key = localDate(item.starts_at, timeZone);
    let day = days.get(key);
    if (!day) {
      day = { day: key, rooms: [], slots: [] };
      days.set(key, day);
    }
    const last = day.slots.at(-1);
    if (last && last.starts_at === item.starts_at) last.items.push(item);
    else day.slots.push({ starts_at: item.starts_at, items: [item] });
  }
  for (const day of days.values()) {
    const rooms = new Map<string, number>();
    for (const slot of day.slots) for (const item of slot.items) if (item.room) rooms.set(item.room.name, item.room.position);
    day.rooms = rooms.size > 1 ? [...rooms].sort((a, b) => a[1] - b[1]).map(([name]) => name) : [];
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}
