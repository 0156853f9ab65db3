/**
 * Rows grouped by a key, in their order: built once per request, so matching rows to items is a lookup instead of a
 * filter over the whole array for each item (Map.groupBy needs Node 21).
 * @example groupBy([{ item: 1 }, { item: 2 }, { item: 1 }], (r) => r.item).get(1) // [{ item: 1 }, { item: 1 }]
 */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
