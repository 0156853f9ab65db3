import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The mail status page counts an event's outbox by status (and the retention job finds its settled mail); the
  // ON DELETE SET NULL of events checks it too. The second one lists an event's latest mail in id order.
  await db.schema.createIndex('outbox_event_status').on('outbox').columns(['event_id', 'status']).execute();
  await db.schema.createIndex('outbox_event').on('outbox').column('event_id').execute();
  // A participant's data download, "resend my link", deleting one's data, and ON DELETE SET NULL of registrations.
  await db.schema.createIndex('outbox_registration').on('outbox').column('registration_id').execute();
  // Keyset order of the CSV export and the API's registration pages (event_id, then the rowid id).
  await db.schema.createIndex('registrations_event').on('registrations').column('event_id').execute();
  // Counts per organisation spelling (the participants page's groups, the CSV's normalised column) from the index
  // alone, and one group's rows found by its spellings.
  await db.schema.createIndex('registrations_event_organisation').on('registrations').columns(['event_id', 'organisation', 'status']).execute();
  // The door's count poll (checked in per status) from the index alone.
  await db.schema.createIndex('registrations_event_checkin').on('registrations').columns(['event_id', 'status', 'checked_in_at']).execute();

  // Registrations no longer bump the site-wide content version (which empties every cached page): only the pages
  // showing their event's counts (the event page, the public list) read this per-event version. A check-in, a
  // reminder sent or an e-mail change shows on no public page and bumps nothing. The same triggers keep the counts,
  // so that the seat count and the organisers' event list need not count rows.
  await db.schema
    .createTable('registration_counts')
    .addColumn('event_id', 'integer', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waitlisted', 'integer', (c) => c.notNull().defaultTo(0))
    // Checked in and not cancelled: the door's count, polled every few seconds.
    .addColumn('checked_in', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    insert into registration_counts (event_id, version, confirmed, waitlisted, checked_in)
    select event_id, 1, sum(status = 'confirmed'), sum(status = 'waitlisted'), sum(${sql.raw(CHECKED_IN('registrations'))})
    from registrations group by event_id
  `.execute(db);
  for (const op of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger if exists registrations_${op}_bump`).execute(db);
  }
  await sql
    .raw(
      `create trigger registrations_insert_count after insert on registrations begin ` +
        `insert into registration_counts (event_id, version, confirmed, waitlisted, checked_in) ` +
        `values (new.event_id, 1, new.status = 'confirmed', new.status = 'waitlisted', ${CHECKED_IN('new')}) ` +
        `on conflict (event_id) do update set version = version + 1, ` +
        `confirmed = confirmed + (new.status = 'confirmed'), waitlisted = waitlisted + (new.status = 'waitlisted'), ` +
        `checked_in = checked_in + ${CHECKED_IN('new')}; end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger registrations_delete_count after delete on registrations begin ` +
        `update registration_counts set version = version + 1, ` +
        `confirmed = confirmed - (old.status = 'confirmed'), waitlisted = waitlisted - (old.status = 'waitlisted'), ` +
        `checked_in = checked_in - ${CHECKED_IN('old')} where event_id = old.event_id; end`,
    )
    .execute(db);
  // A registration never moves to another event (event_id is not among the columns watched).
  await sql
    .raw(
      `create trigger registrations_update_count after update of status, name, organisation, listed on registrations begin ` +
        `update registration_counts set version = version + 1, ` +
        `confirmed = confirmed - (old.status = 'confirmed') + (new.status = 'confirmed'), ` +
        `waitlisted = waitlisted - (old.status = 'waitlisted') + (new.status = 'waitlisted') ` +
        `where event_id = new.event_id; end`,
    )
    .execute(db);
  // A check-in changes the door's count and nothing public: no version bump.
  await sql
    .raw(
      `create trigger registrations_checkin_count after update of status, checked_in_at on registrations begin ` +
        `update registration_counts set checked_in = checked_in - ${CHECKED_IN('old')} + ${CHECKED_IN('new')} ` +
        `where event_id = new.event_id; end`,
    )
    .execute(db);
}

const CHECKED_IN = (row: string) => `(${row}.status <> 'cancelled' and ${row}.checked_in_at is not null)`;

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop trigger if exists registrations_checkin_count').execute(db);
  for (const op of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger if exists registrations_${op}_count`).execute(db);
    await sql
      .raw(`create trigger registrations_${op}_bump after ${op} on registrations begin update content_version set version = version + 1 where id = 1; end`)
      .execute(db);
  }
  await db.schema.dropTable('registration_counts').execute();
  for (const index of ['registrations_event_organisation', 'registrations_event_checkin', 'registrations_event', 'outbox_registration', 'outbox_event', 'outbox_event_status']) {
    await db.schema.dropIndex(index).execute();
  }
}
