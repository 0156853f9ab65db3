import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // What changed in a published programme, so that people holding a printed copy can see it on the programme page.
  // Room names are copied, not referenced: a room renamed or deleted later must not rewrite history.
  await db.schema
    .createTable('programme_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('programme_items.id').onDelete('cascade'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('added','moved','cancelled','changed')`))
    .addColumn('old_starts_at', 'text')
    .addColumn('new_starts_at', 'text')
    .addColumn('old_room', 'text')
    .addColumn('new_room', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('programme_changes_event').on('programme_changes').columns(['event_id', 'at']).execute();
  for (const op of ['insert', 'update', 'delete']) {
    await sql
      .raw(
        `create trigger programme_changes_${op}_bump after ${op} on programme_changes begin ` +
          `update content_version set version = version + 1 where id = 1; end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('programme_changes').execute();
}
