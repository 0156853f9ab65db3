import { describe, expect, it } from 'vitest';
import { findOverlaps } from './programme-editing';

type Item = Parameters<typeof findOverlaps>[0][number];

/** The rule as stated: every pair in the same room whose times overlap. */
function pairwise(items: readonly Item[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const live = items.filter((i) => i.status !== 'cancelled');
  for (const a of live) {
    for (const b of live) {
      if (a.id !== b.id && a.room_id === b.room_id && a.starts_at < b.ends_at && b.starts_at < a.ends_at) out.set(a.id, [...(out.get(a.id) ?? []), b.id]);
    }
  }
  return out;
}

const at = (minutes: number) => new Date(Date.UTC(2027, 0, 14, 8) + minutes * 60_000).toISOString();

describe('findOverlaps', () => {
  it('finds exactly the overlaps of the pairwise rule, in the given order, on random programmes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const items: Item[] = Array.from({ length: 40 }, (_, i) => {
        const start = Math.floor(random() * 48) * 15;
        return {
          id: 100 + ((i * 7) % 40),
          room_id: [null, 1, 2][Math.floor(random() * 3)]!,
          starts_at: at(start),
          ends_at: at(start + [0, 15, 30, 60, 90][Math.floor(random() * 5)]!),
          status: random() < 0.1 ? 'cancelled' : 'scheduled',
        } as Item;
      });
      expect(findOverlaps(items)).toEqual(pairwise(items));
    }
  });
});
