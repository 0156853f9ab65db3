import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/** When an event's participants were anonymised (null: not yet); it can be done once. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').addColumn('anonymised_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').dropColumn('anonymised_at').execute();
}
