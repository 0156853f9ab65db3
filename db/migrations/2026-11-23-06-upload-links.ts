import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/** One private upload link per speaker; only the SHA-256 of its token is kept. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('upload_links')
    .addColumn('speaker_id', 'integer', (c) => c.primaryKey().references('speakers.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('upload_links').execute();
}
