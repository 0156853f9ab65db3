import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/**
 * One-click unsubscribe links (RFC 8058) of the organiser's messages: one row per message mail, made when it is
 * delivered, holding only the SHA-256 of the link's token. `unsubscribed_at` set: that address gets no more organiser
 * messages of that event (its confirmations and cancellations still come). By the lower-cased address, so that it
 * also holds after the person registers again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_unsubscribes')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('unsubscribed_at', 'text')
    .execute();
  await db.schema.createIndex('message_unsubscribes_event_email').on('message_unsubscribes').columns(['event_id', 'email_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('message_unsubscribes').execute();
}
