import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('questions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('short_text','long_text','single_choice','multi_choice','yes_no','days')`),
    )
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('help', 'text')
    .addColumn('options', 'text')
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('questions_event').on('questions').column('event_id').execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('confirmed','waitlisted','cancelled')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('job_title', 'text')
    .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('nb'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('feed_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('promoted_at', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('reminder_sent_at', 'text')
    .execute();
  // One active registration per address per event; a cancelled one does not block registering again.
  await sql`create unique index registrations_active_email on registrations (event_id, email_key) where status <> 'cancelled'`.execute(db);
  await db.schema.createIndex('registrations_event_status').on('registrations').columns(['event_id', 'status', 'id']).execute();

  await db.schema
    .createTable('answers')
    .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['registration_id', 'question_id'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_id', 'integer', (c) => c.references('events.id').onDelete('set null'))
    .addColumn('registration_id', 'integer', (c) => c.references('registrations.id').onDelete('set null'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending','sending','sent','failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  // Registrations change what public pages show (places left, the public list).
  for (const table of ['questions', 'registrations']) {
    for (const op of ['insert', 'update', 'delete']) {
      await sql
        .raw(
          `create trigger ${table}_${op}_bump after ${op} on ${table} begin ` +
            `update content_version set version = version + 1 where id = 1; end`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['outbox', 'answers', 'registrations', 'questions']) {
    await db.schema.dropTable(table).execute();
  }
}
