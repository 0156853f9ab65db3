import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

/**
 * Organiser accounts: one-time passwords that must be changed, password reset by mail, TOTP two-factor sign-in with
 * recovery codes, sessions still waiting for their second factor, and an append-only audit log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisers').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('organisers').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('organisers').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('organisers').addColumn('totp_pending_secret', 'text').execute();
  await db.schema.alterTable('organisers').addColumn('totp_last_step', 'integer').execute();
  await db.schema.alterTable('sessions').addColumn('second_factor_pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('organiser_id', 'integer', (c) => c.notNull().references('organisers.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('recovery_codes_organiser').on('recovery_codes').columns(['organiser_id', 'code_hash']).execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('organiser_id', 'integer', (c) => c.notNull().references('organisers.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_resets_organiser').on('password_resets').column('organiser_id').execute();

  // No foreign keys: the log outlives the accounts and events it names.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('ip', 'text')
    .addColumn('detail', 'text')
    .execute();
  await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('password_resets').execute();
  await db.schema.dropTable('recovery_codes').execute();
  await db.schema.alterTable('sessions').dropColumn('second_factor_pending').execute();
  for (const column of ['totp_last_step', 'totp_pending_secret', 'totp_enabled_at', 'totp_secret', 'must_change_password']) {
    await db.schema.alterTable('organisers').dropColumn(column).execute();
  }
}
