// A portable backup of a whole instance: every table's rows and every stored file's bytes in ONE file, so the data of
// the Durable Object can be restored on Node and back. Web-standard APIs only; written and read as a stream.
//
// The file is JSON Lines (UTF-8, one JSON value a line):
//   {"samling_backup":1,"exported_at":"…","migrations":["2026-11-23-01-public-side",…]}
//   {"file":"<storage key>","size":123,"sha256":"…"} then {"b":"<base64 of at most 48 KiB>"}… for each stored file
//   {"table":"events","columns":["id",…]} then {"r":[1,…]}… for each table, parents before children
//   {"end":{"files":3,"rows":{"events":3,…}}}
// Files come first so that an import stores them before it opens the one transaction that writes the rows.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { concatBytes, fromBase64, toBase64 } from '../bytes';
import { DomainError } from '../errors';
import type { FileStore } from '../file-store';
import { insertBatches } from './bound-parameters';

type Db = Kysely<Database>;
type Value = string | number | null;

const FORMAT = 1;
const CHUNK_BYTES = 48 * 1024;
const PAGE_ROWS = 500;
/** Rows that an otherwise empty instance already has: the first admin made at start, its session, the migrations' own. */
const PRESENT_WHEN_EMPTY = new Set(['organisers', 'sessions', 'login_attempts', 'content_version']);

export class BackupRefused extends DomainError {}
const refuse = (key: 'backup_err_not_empty' | 'backup_err_format' | 'backup_err_newer' | 'backup_err_file') => new BackupRefused(422, key);

/** Tables that triggers keep from the others (counts per event): rebuilt by the restore's own inserts, never copied. */
const DERIVED = new Set(['registration_counts']);

/** Our tables in an order where every table comes after the tables its foreign keys point to. */
export async function tablesInOrder(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite\_%' escape '\\' and name not like '\_cf\_%' escape '\\'
      and name not like 'kysely\_%' escape '\\'
    order by rowid`.execute(db);
  const parents = new Map<string, string[]>();
  for (const { name } of rows) {
    if (DERIVED.has(name)) continue;
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
    parents.set(name, fks.rows.map((r) => r.table).filter((t) => t !== name));
  }
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name) || !parents.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name)!) visit(parent, path);
    ordered.push(name);
  };
  for (const { name } of rows) visit(name, new Set());
  return ordered;
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

async function* exportLines(db: Db, files: FileStore, now: Date): AsyncGenerator<string> {
  yield JSON.stringify({ samling_backup: FORMAT, exported_at: now.toISOString(), migrations: await appliedMigrations(db) });
  const stored = await db.selectFrom('files').select(['storage_key', 'size', 'sha256']).orderBy('id').execute();
  for (const file of stored) {
    const body = await files.get(file.storage_key);
    if (!body) continue;
    yield JSON.stringify({ file: file.storage_key, size: file.size, sha256: file.sha256 });
    for await (const chunk of rechunk(body, CHUNK_BYTES)) yield JSON.stringify({ b: toBase64(chunk) });
  }
  const counts: Record<string, number> = {};
  for (const table of await tablesInOrder(db)) {
    counts[table] = 0;
    let after = -Infinity;
    let columns: string[] | undefined;
    for (;;) {
      // By rowid, a page at a time: bounded memory whatever the table's size.
      const { rows } = await sql<Record<string, Value> & { _rowid: number }>`
        select rowid as _rowid, * from ${sql.table(table)} where rowid > ${after} order by rowid limit ${PAGE_ROWS}`.execute(db);
      if (!rows.length) break;
      if (!columns) {
        columns = Object.keys(rows[0]!).filter((c) => c !== '_rowid');
        yield JSON.stringify({ table, columns });
      }
      for (const row of rows) yield JSON.stringify({ r: columns.map((c) => row[c] ?? null) });
      counts[table] += rows.length;
      after = rows[rows.length - 1]!._rowid;
    }
  }
  yield JSON.stringify({ end: { files: stored.length, rows: counts } });
}

/**
 * The whole instance as one backup file, produced while it is read.
 * @example return new Response(exportBackup(deps.db, deps.files, deps.clock()), { headers: { 'content-type': BACKUP_TYPE } });
 */
export function exportBackup(db: Db, files: FileStore, now: Date): ReadableStream<Uint8Array> {
  const lines = exportLines(db, files, now);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(`${value}\n`));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

export const BACKUP_TYPE = 'application/x-ndjson';

async function* rechunk(body: ReadableStream<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let pending = new Uint8Array(0);
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    const joined = concatBytes(pending, chunk);
    let offset = 0;
    for (; joined.length - offset >= size; offset += size) yield joined.slice(offset, offset + size);
    pending = joined.slice(offset);
  }
  if (pending.length) yield pending;
}

/** JSON lines of a byte stream, with one line of look-ahead. */
class Lines {
  private decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private buffered = '';
  private done = false;
  private peeked: unknown;
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }
  async peek(): Promise<unknown> {
    if (this.peeked === undefined) this.peeked = await this.read();
    return this.peeked;
  }
  async next(): Promise<unknown> {
    const line = await this.peek();
    this.peeked = undefined;
    return line;
  }
  private async read(): Promise<unknown> {
    for (;;) {
      const end = this.buffered.indexOf('\n');
      if (end >= 0) {
        const line = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 1);
        if (!line.trim()) continue;
        try {
          return JSON.parse(line) as unknown;
        } catch {
          throw refuse('backup_err_format');
        }
      }
      if (this.done) {
        if (this.buffered.trim()) throw refuse('backup_err_format');
        return null;
      }
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await this.reader.read();
        this.buffered += result.done ? this.decoder.decode() : this.decoder.decode(result.value, { stream: true });
      } catch {
        throw refuse('backup_err_format');
      }
      this.done = result.done;
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isValue = (v: unknown): v is Value => v === null || typeof v === 'string' || typeof v === 'number';

function decodeChunk(text: string): Uint8Array {
  try {
    return fromBase64(text);
  } catch {
    throw refuse('backup_err_format');
  }
}

/** Whether the instance holds nothing but what a freshly started one has (see PRESENT_WHEN_EMPTY). */
export async function isEmptyInstance(db: Db): Promise<boolean> {
  for (const table of await tablesInOrder(db)) {
    if (PRESENT_WHEN_EMPTY.has(table)) continue;
    const { rows } = await sql<{ one: number }>`select 1 as one from ${sql.table(table)} limit 1`.execute(db);
    if (rows.length) return false;
  }
  return true;
}

export interface RestoreSummary {
  files: number;
  rows: Record<string, number>;
}

/**
 * Restores a backup made by `exportBackup` into an empty instance (same or older migrations than this one has):
 * the files are stored first, checked against their size and SHA-256, then all rows are written in one transaction
 * that first removes what a fresh start put there (its first admin: sign in with the restored accounts afterwards).
 * A refusal (not empty, not a backup, cut short, a file that does not match) throws BackupRefused and writes no row.
 */
export async function importBackup(db: Db, files: FileStore, body: ReadableStream<Uint8Array>): Promise<RestoreSummary> {
  const lines = new Lines(body);
  const header = await lines.next();
  if (!isObject(header) || header.samling_backup !== FORMAT || !Array.isArray(header.migrations)) throw refuse('backup_err_format');
  const ours = new Set(await appliedMigrations(db));
  if (header.migrations.some((name) => !ours.has(String(name)))) throw refuse('backup_err_newer');
  if (!(await isEmptyInstance(db))) throw refuse('backup_err_not_empty');

  let storedFiles = 0;
  for (let line = await lines.peek(); isObject(line) && typeof line.file === 'string'; line = await lines.peek()) {
    await lines.next();
    const stored = await files.put(line.file, fileBody(lines));
    if (stored.size !== line.size || stored.sha256 !== line.sha256) throw refuse('backup_err_file');
    storedFiles += 1;
  }

  const tables = new Map<string, { columns: string[]; rows: Value[][] }>();
  let current: { columns: string[]; rows: Value[][] } | undefined;
  for (;;) {
    const line = await lines.next();
    if (!isObject(line)) throw refuse('backup_err_format');
    if (Array.isArray(line.r) && current && line.r.length === current.columns.length && line.r.every(isValue)) {
      current.rows.push(line.r);
    } else if (typeof line.table === 'string' && Array.isArray(line.columns) && line.columns.every((c) => typeof c === 'string')) {
      current = { columns: line.columns as string[], rows: [] };
      tables.set(line.table, current);
    } else if (isObject(line.end)) {
      const expected = line.end.rows;
      const complete = isObject(expected) && line.end.files === storedFiles &&
        Object.entries(expected).every(([table, n]) => (tables.get(table)?.rows.length ?? 0) === n);
      if (!complete) throw refuse('backup_err_format');
      break;
    } else {
      throw refuse('backup_err_format');
    }
  }

  const order = await tablesInOrder(db);
  if ([...tables.keys()].some((table) => !order.includes(table))) throw refuse('backup_err_newer');
  await db.transaction().execute(async (trx) => {
    for (const table of [...order].reverse()) await sql`delete from ${sql.table(table)}`.execute(trx);
    for (const table of order) {
      const data = tables.get(table);
      if (!data?.rows.length) continue;
      const objects = data.rows.map((row) => Object.fromEntries(data.columns.map((c, i) => [c, row[i]])));
      for (const batch of insertBatches(objects)) {
        await trx.insertInto(table as keyof Database).values(batch as never).execute();
      }
    }
  });
  return { files: storedFiles, rows: Object.fromEntries([...tables].map(([t, d]) => [t, d.rows.length])) };
}

/** The bytes of the file whose header was just read: its {"b":…} lines, up to the next line that is not one. */
function fileBody(lines: Lines): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const line = await lines.peek();
      if (isObject(line) && typeof line.b === 'string') {
        await lines.next();
        controller.enqueue(decodeChunk(line.b));
      } else {
        controller.close();
      }
    },
  });
}
