import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, EventRow } from '../../db/schema';
import { emailKey } from './registration-tokens';
import { isToken, randomToken, sha256Hex } from './tokens';

type Db = Kysely<Database>;

/**
 * A fresh one-click unsubscribe token for one organiser message to `email`, stored hashed. Made at delivery, so the
 * working link is only ever in the mail, never in the outbox.
 */
export async function issueUnsubscribeToken(db: Db, eventId: number, email: string, now: Date): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('message_unsubscribes')
    .values({ token_hash: sha256Hex(token), event_id: eventId, email_key: emailKey(email), created_at: now.toISOString(), unsubscribed_at: null })
    .execute();
  return token;
}

/** The event a token's link belongs to and whether it was used, or undefined for an unknown token. */
export async function findUnsubscribe(db: Db, token: string): Promise<{ event: EventRow; done: boolean } | undefined> {
  if (!isToken(token)) return undefined;
  const row = await db.selectFrom('message_unsubscribes').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row) return undefined;
  const event = await db.selectFrom('events').selectAll().where('id', '=', row.event_id).executeTakeFirstOrThrow();
  return { event, done: row.unsubscribed_at !== null };
}

/** Uses a link: that address gets no more organiser messages of the event. Idempotent; false for an unknown token. */
export async function unsubscribe(db: Db, token: string, now: Date): Promise<boolean> {
  if (!isToken(token)) return false;
  const row = await db.selectFrom('message_unsubscribes').select('unsubscribed_at').where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row) return false;
  if (row.unsubscribed_at === null) {
    await db.updateTable('message_unsubscribes').set({ unsubscribed_at: now.toISOString() }).where('token_hash', '=', sha256Hex(token)).execute();
  }
  return true;
}

/** For a query over registrations: only people who have not unsubscribed from this event's organiser messages. */
export const notUnsubscribed = (eb: ExpressionBuilder<Database, 'registrations'>) =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('message_unsubscribes')
        .select('message_unsubscribes.event_id')
        .whereRef('message_unsubscribes.event_id', '=', 'registrations.event_id')
        .whereRef('message_unsubscribes.email_key', '=', 'registrations.email_key')
        .where('message_unsubscribes.unsubscribed_at', 'is not', null),
    ),
  );
