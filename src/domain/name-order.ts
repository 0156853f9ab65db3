import { type RawBuilder, sql } from 'kysely';

// SQLite's own ordering puts æ, ø and å (and any other non-ASCII letter) after z in byte order but in the wrong order
// among themselves, lower() folds only ASCII, and a Durable Object cannot register a collation. So names are ordered by
// this key, built from SQL's replace(): lower-cased, the Norwegian letters mapped to the three characters that follow
// z in ASCII ({ | }), and the letters Norwegian sorts with others (é with e, ü with y, ä with æ, ö with ø, and aa with å, as in Aasen) mapped too.
const FOLDS: [from: string, to: string][] = [
  ['Æ', '{'], ['æ', '{'], ['Ä', '{'], ['ä', '{'],
  ['Ø', '|'], ['ø', '|'], ['Ö', '|'], ['ö', '|'],
  ['Å', '}'], ['å', '}'], ['aa', '}'],
  ['É', 'e'], ['é', 'e'], ['È', 'e'], ['è', 'e'],
  ['Ü', 'y'], ['ü', 'y'],
];

/**
 * A sort key of a text column in Norwegian order, for ORDER BY in SQL on SQLite and the Durable Object alike.
 * @example db.selectFrom('registrations').orderBy(norwegianSortKey(sql.ref('name'))) // Aas, Berg, Ærø, Øye, Åsen
 */
export function norwegianSortKey(column: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string> {
  let key: RawBuilder<unknown> = sql`lower(trim(${column}))`;
  for (const [from, to] of FOLDS) key = sql`replace(${key}, ${sql.lit(from)}, ${sql.lit(to)})`;
  return key as RawBuilder<string>;
}

/** The same key in JavaScript, for tests and for ordering rows already in memory. */
export function norwegianSortKeyOf(text: string): string {
  let key = text.trim().replace(/[A-Z]/g, (ch) => ch.toLowerCase());
  for (const [from, to] of FOLDS) key = key.split(from).join(to);
  return key;
}
