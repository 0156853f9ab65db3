import SQLite from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';
import type { Database } from '../../db/schema';
import { MAX_BOUND_PARAMETERS } from '../domain/bound-parameters';

const STATEMENT_CACHE_SIZE = 500;

/**
 * A Kysely database over a better-sqlite3 file (or ':memory:'), set up for a web server:
 * WAL so readers never wait for the writer, foreign keys enforced, a busy timeout instead of SQLITE_BUSY errors,
 * and prepared statements reused (Kysely's driver would prepare every query anew, a large share of a small query's cost).
 * `strictParameters` (tests) refuses a statement with more bound values than a Durable Object accepts, as it would.
 */
export function openSqlite(
  filename: string,
  options: { strictParameters?: boolean } = {},
): { db: Kysely<Database>; sqlite: SQLite.Database } {
  const sqlite = new SQLite(filename);
  if (filename !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const statements = new Map<string, SQLite.Statement>();
  const database: SqliteDatabase = {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        // Queries built with a variable number of values (IN lists, bulk inserts) must not grow the cache forever.
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return options.strictParameters ? limitParameters(statement, sql) : statement;
    },
  };
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), sqlite };
}

/**
 * Keeps SQLite's planner informed: `PRAGMA optimize` gathers statistics (ANALYZE) for the indexes that need them.
 * Call after the migrations; 0x10002 on start also looks at tables it has not seen used yet. Returns a stop function.
 */
export function optimizePeriodically(sqlite: SQLite.Database, everyMs = 60 * 60_000): () => void {
  sqlite.pragma('optimize = 0x10002');
  const timer = setInterval(() => sqlite.pragma('optimize'), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The statement, refusing to run with more bound values than the Durable Object allows (its error, on Node). */
function limitParameters(statement: SQLite.Statement, sql: string): SqliteStatement {
  const check = (parameters: ReadonlyArray<unknown>) => {
    if (parameters.length > MAX_BOUND_PARAMETERS) {
      throw new Error(`too many SQL variables: ${parameters.length} > ${MAX_BOUND_PARAMETERS} in ${sql.slice(0, 200)}`);
    }
  };
  return {
    get reader() {
      return statement.reader;
    },
    all: (parameters) => (check(parameters), statement.all(parameters)),
    run: (parameters) => (check(parameters), statement.run(parameters)),
    iterate: (parameters) => (check(parameters), statement.iterate(parameters)),
  };
}
