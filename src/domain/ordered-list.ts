import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/** The tables whose rows an organiser puts in order, one list per event. */
export type ListTable = 'rooms' | 'speakers' | 'questions' | 'links';

/** What every ordered table has: the only columns the shared code touches. */
type ListDb = Record<string, { id: Generated<number>; event_id: number; position: number }>;
const asList = (db: Db) => db as unknown as Kysely<ListDb>;

/** Marks the event changed (updated_at), for edits of its programme, speakers, questions and links. */
export async function touchEvent(db: Db, eventId: number, now: Date): Promise<void> {
  await db.updateTable('events').set({ updated_at: now.toISOString() }).where('id', '=', eventId).execute();
}

/** Swaps a row with its neighbour in `position` order (renumbering the list 0…n first), within one event. */
export async function moveRow(
  db: Kysely<Database>,
  table: ListTable,
  eventId: number,
  id: number,
  direction: 'up' | 'down',
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const rows = await asList(trx).selectFrom(table).select(['id']).where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
    const ids = rows.map((r) => r.id);
    const at = ids.indexOf(id);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (at < 0 || to < 0 || to >= ids.length) return false;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    for (const [position, rowId] of ids.entries()) {
      await asList(trx).updateTable(table).set({ position }).where('id', '=', rowId).where('event_id', '=', eventId).execute();
    }
    await touchEvent(trx, eventId, now);
    return true;
  });
}

export async function nextPosition(db: Db, table: ListTable, eventId: number): Promise<number> {
  const row = await asList(db)
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('max'))
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

interface ListHooks<I> {
  /** Columns a new row gets besides the form's (e.g. no photo yet). */
  insertDefaults?: Record<string, unknown>;
  /** Runs in the delete's transaction first, to let go of what points at the row. */
  beforeDelete?: (trx: Kysely<Database>, eventId: number, id: number) => Promise<void>;
  /** Only for typing the input. */
  input?: I;
}

/**
 * Listing, finding, adding, editing, moving and deleting the rows of one ordered list of an event; every change marks
 * the event changed. `save` with id null appends the row at the end and returns its id.
 */
export function orderedList<T extends Exclude<ListTable, 'rooms'>, I extends object>(table: T, hooks: ListHooks<I> = {}) {
  type Row = Selectable<Database[T]>;
  // The queries only touch the shared columns, so they are written against the table's name, not its row type.
  const name: ListTable = table;
  return {
    list: (db: Db, eventId: number): Promise<Row[]> =>
      asList(db).selectFrom(name).selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute() as Promise<Row[]>,
    find: (db: Db, eventId: number, id: number): Promise<Row | undefined> =>
      asList(db).selectFrom(name).selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst() as Promise<Row | undefined>,
    save: (db: Kysely<Database>, eventId: number, input: I, id: number | null, now: Date): Promise<number> =>
      db.transaction().execute(async (trx) => {
        let savedId = id;
        if (id === null) {
          const values = { ...input, ...hooks.insertDefaults, event_id: eventId, position: await nextPosition(trx, name, eventId) };
          const row = await asList(trx).insertInto(name).values(values as { event_id: number; position: number }).returning('id').executeTakeFirstOrThrow();
          savedId = row.id;
        } else {
          await asList(trx).updateTable(name).set(input as { position?: number }).where('id', '=', id).where('event_id', '=', eventId).execute();
        }
        await touchEvent(trx, eventId, now);
        return savedId!;
      }),
    move: (db: Kysely<Database>, eventId: number, id: number, direction: 'up' | 'down', now: Date) => moveRow(db, name, eventId, id, direction, now),
    remove: (db: Kysely<Database>, eventId: number, id: number, now: Date): Promise<void> =>
      db.transaction().execute(async (trx) => {
        await hooks.beforeDelete?.(trx, eventId, id);
        await asList(trx).deleteFrom(name).where('id', '=', id).where('event_id', '=', eventId).execute();
        await touchEvent(trx, eventId, now);
      }),
  };
}
