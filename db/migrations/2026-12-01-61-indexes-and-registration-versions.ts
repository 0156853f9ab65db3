import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The mail status page counts an event's outbox by status; the ON DELETE SET NULL of events checks it too.
  await db.schema.createIndex('outbox_event_status').on('outbox').columns(['event_id', 'status']).execute();
  // A participant's data download, "resend my link", deleting one's data, and ON DELETE SET NULL of registrations.
  await db.schema.createIndex('outbox_registration').on('outbox').column('registration_id').execute();
  // Keyset order of the CSV export and the API's registration pages (event_id, then the rowid id).
  await db.schema.createIndex('registrations_event').on('registrations').column('event_id').execute();
  // The door's count poll (checked in per status) from the index alone.
  await db.schema.createIndex('registrations_event_checkin').on('registrations').columns(['event_id', 'status', 'checked_in_at']).execute();

  // Registrations no longer bump the site-wide content version (which empties every cached page): only the pages
  // showing their event's counts (the event page, the public list) read this per-event version. A check-in, a
  // reminder sent or an e-mail change shows on no public page and bumps nothing.
  await db.schema
    .createTable('registration_versions')
    .addColumn('event_id', 'integer', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  for (const op of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger if exists registrations_${op}_bump`).execute(db);
  }
  const bump = (row: 'new' | 'old') =>
    `insert into registration_versions (event_id, version) values (${row}.event_id, 1) ` +
    `on conflict (event_id) do update set version = version + 1; `;
  await sql.raw(`create trigger registrations_insert_bump after insert on registrations begin ${bump('new')}end`).execute(db);
  await sql.raw(`create trigger registrations_delete_bump after delete on registrations begin ${bump('old')}end`).execute(db);
  await sql
    .raw(
      `create trigger registrations_update_bump after update of status, name, organisation, listed, event_id on registrations ` +
        `begin ${bump('old')}${bump('new')}end`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const op of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger if exists registrations_${op}_bump`).execute(db);
    await sql
      .raw(`create trigger registrations_${op}_bump after ${op} on registrations begin update content_version set version = version + 1 where id = 1; end`)
      .execute(db);
  }
  await db.schema.dropTable('registration_versions').execute();
  for (const index of ['registrations_event_checkin', 'registrations_event', 'outbox_registration', 'outbox_event_status']) {
    await db.schema.dropIndex(index).execute();
  }
}
