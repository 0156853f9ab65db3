import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { person, SETTINGS } from '../../test/registration-helpers';
import { seedDemo } from '../demo/seed';
import { ensureFirstAdmin } from './auth';
import { BackupRefused, exportBackup, importBackup, tablesInOrder } from './backup';
import { register } from './registration';

type T = Awaited<ReturnType<typeof createTestDeps>>;
const NOW = new Date('2026-11-23T12:00:00Z');
const opened: T[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});
async function instance() {
  const t = await createTestDeps({ now: NOW });
  opened.push(t);
  return t;
}

/** A started instance with data: the demo events and files, a registration with its mail, an organiser. */
async function filled() {
  const t = await instance();
  await ensureFirstAdmin(t.deps.db, { email: 'admin@fylke.no', password: 'et langt passord' }, () => {}, NOW, { iterations: 1000 });
  await seedDemo(t.deps.db, t.deps.files, NOW);
  const event = await t.deps.db.selectFrom('events').selectAll().where('status', '=', 'published').orderBy('starts_at', 'desc').executeTakeFirstOrThrow();
  await register(t.deps.db, event.id, person({ email: 'ny@nav.no' }), 'nb', NOW, SETTINGS);
  return t;
}

/** Every table's rows in rowid order, and every stored file's bytes, for comparison. */
async function contents(t: T) {
  const tables: Record<string, unknown[]> = {};
  for (const table of await tablesInOrder(t.deps.db)) {
    tables[table] = (await sql`select * from ${sql.table(table)} order by rowid`.execute(t.deps.db)).rows;
  }
  const files: Record<string, string> = {};
  for (const { storage_key } of await t.deps.db.selectFrom('files').select('storage_key').execute()) {
    const body = await t.deps.files.get(storage_key);
    files[storage_key] = Buffer.from(await bytesOf(body!)).toString('base64');
  }
  return { tables, files };
}

const bytesOf = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());
/** The backup's lines, less the content_version row (a change counter, bumped by the restore's own inserts). */
function withoutContentVersion(backup: Uint8Array): string[] {
  const lines = new TextDecoder().decode(backup).trimEnd().split('\n');
  const at = lines.findIndex((line) => line.startsWith('{"table":"content_version"'));
  return at < 0 ? lines : [...lines.slice(0, at + 1), ...lines.slice(at + 2)];
}
const streamOf = (bytes: Uint8Array | string) => new Blob([bytes as BlobPart]).stream();

describe('backup and restore', () => {
  it('restores every table and every file into a fresh instance, which exports the same file again', async () => {
    const from = await filled();
    const backup = await bytesOf(exportBackup(from.deps.db, from.deps.files, NOW));

    // A freshly started target: migrated, with its own first admin, no events.
    const to = await instance();
    await ensureFirstAdmin(to.deps.db, {}, () => {}, NOW, { iterations: 1000 });
    const summary = await importBackup(to.deps.db, to.deps.files, streamOf(backup));

    const [expected, actual] = [await contents(from), await contents(to)];
    expect(Object.keys(actual.files).length).toBeGreaterThan(5);
    expect(summary.files).toBe(Object.keys(expected.files).length);
    expect(actual.files).toEqual(expected.files);
    expect(expected.tables.registrations!.length).toBeGreaterThan(40);
    expect(expected.tables.outbox!.length).toBeGreaterThan(0);
    // content_version counts changes; the triggers bump it while the rows go in.
    const { content_version: _a, ...expectedRest } = expected.tables;
    const { content_version: _b, ...actualRest } = actual.tables;
    expect(actualRest).toEqual(expectedRest);
    expect(summary.rows.registrations).toBe(expected.tables.registrations!.length);
    const again = await bytesOf(exportBackup(to.deps.db, to.deps.files, NOW));
    expect(withoutContentVersion(again)).toEqual(withoutContentVersion(backup));
  });

  it('refuses an instance that has data, and writes nothing', async () => {
    const from = await filled();
    const backup = await bytesOf(exportBackup(from.deps.db, from.deps.files, NOW));
    const before = await contents(from);
    await expect(importBackup(from.deps.db, from.deps.files, streamOf(backup))).rejects.toMatchObject({ messageKey: 'backup_err_not_empty', status: 422 });
    expect(await contents(from)).toEqual(before);
  });

  it('refuses a file cut short, a damaged file, another format and a newer schema, leaving the target empty', async () => {
    const from = await filled();
    const text = new TextDecoder().decode(await bytesOf(exportBackup(from.deps.db, from.deps.files, NOW)));
    const lines = text.trimEnd().split('\n');
    const damaged = lines.map((line) => (line.startsWith('{"b":"') ? line.replace('{"b":"', '{"b":"AAAA') : line)).join('\n');
    const header = JSON.parse(lines[0]!);
    const cases: [string, string][] = [
      [lines.slice(0, -30).join('\n'), 'backup_err_format'],
      [damaged, 'backup_err_file'],
      ['id,name\n1,Kari\n', 'backup_err_format'],
      [[JSON.stringify({ ...header, migrations: [...header.migrations, '2099-01-01-01-future'] }), ...lines.slice(1)].join('\n'), 'backup_err_newer'],
    ];
    for (const [body, messageKey] of cases) {
      const to = await instance();
      const error = await importBackup(to.deps.db, to.deps.files, streamOf(body)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupRefused);
      expect(error).toMatchObject({ messageKey });
      expect(await to.deps.db.selectFrom('events').select('id').execute()).toEqual([]);
      expect(await to.deps.db.selectFrom('registrations').select('id').execute()).toEqual([]);
    }
  });
});
