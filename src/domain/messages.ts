import type { Kysely } from 'kysely';
import type { Database, EventRow, MessageAudience } from '../../db/schema';
import type { Progress } from './mail-view';
import { type StatusFilter, statusWhere } from './participants';
import { notUnsubscribed } from './unsubscribe';
import { rowsPerStatement } from './bound-parameters';
import { type MailSettings, queueMail } from './registration-mail';

type Db = Kysely<Database>;

export const AUDIENCES = ['all', 'confirmed', 'waitlisted', 'checked_in'] as const satisfies readonly MessageAudience[];

/** Recipients of a message: all = confirmed and waitlisted; checked_in = those who came; never who unsubscribed. */
function audienceQuery(db: Db, eventId: number, audience: MessageAudience) {
  const filter: StatusFilter = audience === 'all' ? 'active' : audience;
  return db.selectFrom('registrations').where('event_id', '=', eventId).where(statusWhere(filter)).where(notUnsubscribed);
}

export async function audienceSize(db: Db, eventId: number, audience: MessageAudience): Promise<number> {
  const row = await audienceQuery(db, eventId, audience).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Sends a message to one audience: the message row and one outbox row per recipient (in their language) in one
 * transaction, so that either everyone gets it or no one. Call deps.outboxChanged() after it returns.
 * @example const { id, recipients } = await sendMessage(db, event, { audience: 'confirmed', subject, body }, organiserId, now, config)
 */
export async function sendMessage(
  db: Db,
  event: EventRow,
  input: { audience: MessageAudience; subject: string; body: string },
  organiserId: number | null,
  now: Date,
  settings: MailSettings,
): Promise<{ id: number; recipients: number }> {
  return db.transaction().execute(async (trx) => {
    const people = await audienceQuery(trx, event.id, input.audience).select(['id', 'name', 'email', 'lang']).orderBy('id').execute();
    const message = await trx
      .insertInto('messages')
      .values({
        event_id: event.id,
        audience: input.audience,
        subject: input.subject,
        body: input.body,
        organiser_id: organiserId,
        recipients: people.length,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length) await trx.insertInto('message_mails').values(batch.map((m) => ({ message_id: message.id, outbox_message_id: m }))).execute();
      batch = [];
    };
    for (const person of people) {
      batch.push(await queueMail(trx, { kind: 'message', message: input }, event, person, now, settings));
      if (batch.length >= rowsPerStatement(2)) await flush();
    }
    await flush();
    return { id: message.id, recipients: people.length };
  });
}

/** How a message's mails stand: pending, sending, sent, failed. */
export async function messageProgress(db: Db, messageId: number): Promise<Progress> {
  const rows = await db
    .selectFrom('message_mails')
    .innerJoin('outbox', 'outbox.message_id', 'message_mails.outbox_message_id')
    .select((eb) => ['outbox.status', eb.fn.countAll<number>().as('n')])
    .where('message_mails.message_id', '=', messageId)
    .groupBy('outbox.status')
    .execute();
  const progress: Progress = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) progress[row.status] = Number(row.n);
  return progress;
}

/** The event's messages, newest first, each with its progress. */
export async function listMessages(db: Db, eventId: number) {
  const messages = await db.selectFrom('messages').selectAll().where('event_id', '=', eventId).orderBy('id', 'desc').limit(50).execute();
  return Promise.all(messages.map(async (m) => ({ ...m, progress: await messageProgress(db, m.id) })));
}

export async function findMessage(db: Db, eventId: number, messageId: number) {
  const message = await db.selectFrom('messages').selectAll().where('id', '=', messageId).where('event_id', '=', eventId).executeTakeFirst();
  return message ? { ...message, progress: await messageProgress(db, message.id) } : undefined;
}
