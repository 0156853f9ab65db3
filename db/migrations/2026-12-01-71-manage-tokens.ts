import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

const LINK = /\/registrations\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g;
/** What a queued mail holds where its manage link goes; the worker puts the mail's own token there when it sends. */
const PLACEHOLDER = '/registrations/…';

/**
 * Further manage links of a registration (one minted for each mail that carries one), so that sending a new link never
 * breaks an older one or the calendar feed derived from it. The outbox keeps a mail's token in clear only until the
 * mail is sent (`private_token`); its payload holds a placeholder. Mails queued earlier get the same treatment here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('manage_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('feed_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('manage_tokens_registration').on('manage_tokens').column('registration_id').execute();
  await db.schema.alterTable('outbox').addColumn('private_token', 'text').execute();

  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'status', 'payload'])
    .where('payload', 'like', '%/registrations/%')
    .execute();
  for (const row of rows as { id: number; status: string; payload: string }[]) {
    // A mail carries one manage link (in its text and its HTML).
    const token = LINK.exec(row.payload)?.[1] ?? null;
    LINK.lastIndex = 0;
    if (!token) continue;
    const payload = row.payload.replace(LINK, PLACEHOLDER);
    await db
      .updateTable('outbox')
      .set({ payload, private_token: row.status === 'sent' ? null : token })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('private_token').execute();
  await db.schema.dropTable('manage_tokens').execute();
}
