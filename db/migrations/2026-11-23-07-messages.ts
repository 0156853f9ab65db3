import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // An organiser's message to participants; each recipient's mail is an outbox row, tied here by its Message-ID so
  // that the progress of one message can be counted by outbox status.
  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('all','confirmed','waitlisted','checked_in')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('organiser_id', 'integer', (c) => c.references('organisers.id').onDelete('set null'))
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('messages_event').on('messages').columns(['event_id', 'id']).execute();

  await db.schema
    .createTable('message_mails')
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('outbox_message_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_mails_pk', ['message_id', 'outbox_message_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('message_mails').execute();
  await db.schema.dropTable('messages').execute();
}
