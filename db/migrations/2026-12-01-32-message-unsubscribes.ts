import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/**
 * Who asked not to get an event's organiser messages any more (RFC 8058 one-click unsubscribe), by the lower-cased
 * address, so that it also holds for a later registration with the same address. Confirmations and cancellations
 * are not affected.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_unsubscribes')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_unsubscribes_pk', ['event_id', 'email_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('message_unsubscribes').execute();
}
