import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type DatabaseMetadata,
  SqliteAdapter,
  SqliteQueryCompiler,
  type TableMetadata,
  sql,
} from 'kysely';

/**
 * The parts of a Durable Object's `ctx.storage` this dialect uses (typed here, so Node's type check needs no Workers
 * types). `transaction` must roll back every write made in its closure, also across `await`, when the closure throws;
 * nested calls act as savepoints (both measured: ../../../shared/EDGE.md).
 */
export interface DurableSqlStorage {
  sql: { exec(query: string, ...bindings: unknown[]): { columnNames: string[]; toArray(): Record<string, unknown>[] } };
  transaction<T>(closure: () => Promise<T>): Promise<T>;
}

/**
 * Kysely over a SQLite-backed Durable Object: Kysely's own SQLite compiler and adapter, and a driver with one logical
 * connection. The DO refuses BEGIN/COMMIT/SAVEPOINT as SQL, so a transaction is an open `storage.transaction` whose
 * closure waits on a promise that commit resolves and rollback rejects, and each savepoint a nested one.
 * @example const db = new Kysely<Database>({ dialect: durableSqliteDialect(ctx.storage) });
 */
export function durableSqliteDialect(storage: DurableSqlStorage): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createDriver: () => new DurableSqliteDriver(storage),
    createIntrospector: (db) => new DurableSqliteIntrospector(db),
  };
}

const ROLLBACK = Symbol('rollback');

/** One open `storage.transaction` call: `close(true)` commits it, `close(false)` rolls it back. */
interface OpenTransaction {
  name: string;
  close(commit: boolean): Promise<void>;
}

/** Opens a storage transaction and resolves once its closure runs, i.e. once the DO has really begun it. */
function openTransaction(storage: DurableSqlStorage, name: string): Promise<OpenTransaction> {
  return new Promise((entered, failed) => {
    let finish!: (commit: boolean) => void;
    const decided = new Promise<void>((resolve, reject) => {
      finish = (commit) => (commit ? resolve() : reject(ROLLBACK));
    });
    const done = storage.transaction(async () => {
      entered(open);
      await decided;
    });
    const open: OpenTransaction = {
      name,
      async close(commit) {
        finish(commit);
        await done.catch((error: unknown) => {
          if (error !== ROLLBACK) throw error;
        });
      },
    };
    // A transaction that could not even start.
    done.catch(failed);
  });
}

class DurableSqliteConnection implements DatabaseConnection {
  /** The outermost transaction first, then one per savepoint. */
  readonly open: OpenTransaction[] = [];

  constructor(readonly storage: DurableSqlStorage) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const cursor = this.storage.sql.exec(compiled.sql, ...compiled.parameters.map(bindable));
    const rows = cursor.toArray() as R[];
    if (cursor.columnNames.length > 0) return { rows };
    // The cursor's rowsWritten counts index writes too; SQLite's own counters are exact.
    const [counts] = this.storage.sql.exec('select changes() as changed, last_insert_rowid() as id').toArray();
    return { rows, numAffectedRows: BigInt(Number(counts?.changed ?? 0)), insertId: BigInt(Number(counts?.id ?? 0)) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The Durable Object dialect does not stream queries');
  }

  async push(name: string): Promise<void> {
    this.open.push(await openTransaction(this.storage, name));
  }

  /** Ends the transaction or savepoint `name` and every savepoint opened inside it, innermost first. */
  async pop(name: string, commit: boolean): Promise<void> {
    const at = this.open.findLastIndex((t) => t.name === name);
    // A rollback after a failed commit finds the transaction closed already.
    if (at < 0 && !commit) return;
    if (at < 0) throw new Error(`no open savepoint named ${name}`);
    for (const t of this.open.splice(at).reverse()) await t.close(commit);
  }
}

/** The DO binds `true` as the text 'true' and refuses bigint; SQLite's own forms are 1/0 and a number. */
function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return value.slice().buffer;
  return value;
}

const TRANSACTION = '(transaction)';

class DurableSqliteDriver implements Driver {
  readonly #connection: DurableSqliteConnection;
  #lock: Promise<void> = Promise.resolve();
  #unlock: (() => void) | undefined;

  constructor(storage: DurableSqlStorage) {
    this.#connection = new DurableSqliteConnection(storage);
  }

  async init(): Promise<void> {}

  /** One connection, one user at a time: a query from outside an open transaction must wait for it to end. */
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#lock;
    let unlock!: () => void;
    this.#lock = new Promise((resolve) => (unlock = resolve));
    await previous;
    this.#unlock = unlock;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const unlock = this.#unlock;
    this.#unlock = undefined;
    unlock?.();
  }

  beginTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as DurableSqliteConnection).push(TRANSACTION);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as DurableSqliteConnection).pop(TRANSACTION, true);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as DurableSqliteConnection).pop(TRANSACTION, false);
  }

  savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    return (connection as DurableSqliteConnection).push(name);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    // SQL's ROLLBACK TO keeps the savepoint open: undo its writes, then open it anew for the release that follows.
    await (connection as DurableSqliteConnection).pop(name, false);
    await (connection as DurableSqliteConnection).push(name);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    return (connection as DurableSqliteConnection).pop(name, true);
  }

  async destroy(): Promise<void> {}
}

/**
 * Kysely's SqliteIntrospector reads `pragma_table_info` of every table, and the DO refuses it for its own `_cf_*`
 * tables (there once an alarm was set), which would stop the Migrator: those are left out.
 */
class DurableSqliteIntrospector implements DatabaseIntrospector {
  constructor(readonly db: Kysely<any>) {}

  async getSchemas() {
    return [];
  }

  async getTables(options: { withInternalKyselyTables?: boolean } = {}): Promise<TableMetadata[]> {
    const tables = await sql<{ name: string; type: string }>`
      select name, type from sqlite_master
      where type in ('table', 'view') and name not like 'sqlite\\_%' escape '\\' and name not like '\\_cf\\_%' escape '\\'
      order by name`.execute(this.db);
    const wanted = tables.rows.filter((t) => options.withInternalKyselyTables || !t.name.startsWith('kysely_'));
    return Promise.all(
      wanted.map(async ({ name, type }) => {
        const columns = await sql<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>`
          select name, type, "notnull", dflt_value, pk from pragma_table_info(${name})`.execute(this.db);
        const soleIntegerKey = columns.rows.filter((c) => c.pk > 0).length === 1;
        return {
          name,
          isView: type === 'view',
          columns: columns.rows.map((c) => ({
            name: c.name,
            dataType: c.type,
            isNullable: !c.notnull,
            isAutoIncrementing: soleIntegerKey && c.pk > 0 && c.type.toLowerCase() === 'integer',
            hasDefaultValue: c.dflt_value != null,
          })),
        };
      }),
    );
  }

  async getMetadata(options?: { withInternalKyselyTables?: boolean }): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
