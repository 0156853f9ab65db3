import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * A Kysely database over a better-sqlite3 file (or ':memory:'), set up for a web server:
 * WAL so readers never wait for the writer, foreign keys enforced, and a busy timeout instead of SQLITE_BUSY errors.
 */
export function openSqlite(filename: string): { db: Kysely<Database>; sqlite: SQLite.Database } {
  const sqlite = new SQLite(filename);
  if (filename !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), sqlite };
}
