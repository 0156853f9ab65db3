import { type Expression, type RawBuilder, sql } from 'kysely';

/**
 * A Durable Object's SQLite accepts at most 100 bound values per statement ("too many SQL variables"); Node's has no
 * such limit, but the same queries run on both. Lists that grow with the data go through the helpers below.
 */
export const MAX_BOUND_PARAMETERS = 100;

/**
 * A list of values as ONE bound parameter, for `where(column, 'in', jsonValues(ids))`: SQLite expands it with
 * `json_each`, so a message to 1,000 participants binds one value, not 1,000.
 * @example db.selectFrom('registrations').selectAll().where('id', 'in', jsonValues(ids))
 */
export function jsonValues<T extends string | number>(values: readonly T[]): RawBuilder<T> & Expression<T> {
  return sql<T>`(select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * Rows split into batches whose multi-row insert binds at most MAX_BOUND_PARAMETERS values (one per column and row;
 * Kysely inserts the union of the rows' keys). Run the batches inside one transaction so that they land together.
 * @example for (const batch of insertBatches(rows)) await trx.insertInto('registrations').values(batch).execute();
 */
export function insertBatches<T extends object>(rows: readonly T[]): T[][] {
  const size = rowsPerStatement(new Set(rows.flatMap((row) => Object.keys(row))).size);
  const batches: T[][] = [];
  for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size));
  return batches;
}

/** How many rows of `columns` bound values one insert may carry. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / Math.max(1, columns)));
}
