import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Counted events per key (failed sign-ins per client and address, registrations per client …), for a wait that
  // doubles with each one beyond the free allowance.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('last_hit_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_last_hit').on('rate_limits').column('last_hit_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
