import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

const CONTENT_TABLES = ['events', 'rooms', 'speakers', 'programme_items', 'item_speakers', 'files', 'links'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft','published','cancelled')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('seminar','conference','webinar','workshop')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('nb'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Oslo'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('venue_name', 'text')
    .addColumn('venue_address', 'text')
    .addColumn('online_url', 'text')
    .addColumn('organiser_name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('capacity', 'integer')
    .addColumn('registration_opens_at', 'text')
    .addColumn('registration_closes_at', 'text')
    .addColumn('public_list', 'text', (c) => c.notNull().defaultTo('off').check(sql`public_list in ('off','organisations','names')`))
    .addColumn('reminder_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_status_starts').on('events').columns(['status', 'starts_at']).execute();

  await db.schema
    .createTable('rooms')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('rooms_event').on('rooms').column('event_id').execute();

  await db.schema
    .createTable('files')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('item_id', 'integer')
    .addColumn('speaker_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('presentation','document','image')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public').check(sql`visibility in ('public','participants','organisers')`))
    .addColumn('caption', 'text')
    .addColumn('credit', 'text')
    .addColumn('alt', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_event').on('files').column('event_id').execute();
  await db.schema.createIndex('files_item').on('files').column('item_id').execute();

  await db.schema
    .createTable('speakers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('organisation', 'text')
    .addColumn('bio', 'text')
    .addColumn('photo_file_id', 'integer', (c) => c.references('files.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('speakers_event').on('speakers').column('event_id').execute();

  await db.schema
    .createTable('programme_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('room_id', 'integer', (c) => c.references('rooms.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('talk','panel','workshop','break','meal','other')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled','cancelled')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('items_event_start').on('programme_items').columns(['event_id', 'starts_at']).execute();

  await db.schema
    .createTable('item_speakers')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('programme_items.id').onDelete('cascade'))
    .addColumn('speaker_id', 'integer', (c) => c.notNull().references('speakers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('item_speakers_pk', ['item_id', 'speaker_id'])
    .execute();
  await db.schema.createIndex('item_speakers_speaker').on('item_speakers').column('speaker_id').execute();

  await db.schema
    .createTable('links')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('video','read_more','other')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('content_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('content_version').values({ id: 1, version: 1 }).execute();

  // Any write to public content bumps the version, so a rendered-page cache can never serve stale pages,
  // whichever code path (or process) did the write.
  for (const table of CONTENT_TABLES) {
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
  for (const table of ['content_version', 'links', 'item_speakers', 'programme_items', 'speakers', 'files', 'rooms', 'events']) {
    await db.schema.dropTable(table).execute();
  }
}
