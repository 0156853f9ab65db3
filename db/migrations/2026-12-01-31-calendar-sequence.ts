import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/**
 * The SEQUENCE of the last iTIP message a participant got (null: none yet), so that the next one, their own
 * cancellation included, can be higher.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').addColumn('calendar_sequence', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('calendar_sequence').execute();
}
