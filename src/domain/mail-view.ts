import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database, OutboxRow, OutboxStatus } from '../../db/schema';
import type { OutgoingMail } from '../mail/outbox';
import { jsonValues } from './bound-parameters';
import { redactPrivateLinks } from '../urls';

type Db = Kysely<Database>;

/**
 * Mail of the viewer's events. One event (most organisers) is compared with `=`, so that SQLite reads its mail in id
 * order from the (event_id) and (event_id, status) indexes instead of sorting all of it or scanning the outbox.
 */
export function outboxInScope(eventIds: readonly number[]) {
  return (eb: ExpressionBuilder<Database, 'outbox'>): Expression<SqlBool> =>
    eventIds.length === 1 ? eb('outbox.event_id', '=', eventIds[0]!) : eb('outbox.event_id', 'in', jsonValues(eventIds));
}

/**
 * The latest mails the viewer may see, newest first, for the list on /admin/outbox.
 * @example await recentMails(db, [3], 50) // [{ id: 812, to_address: 'kari@example.no', subject: 'Påmeldt: …', … }]
 */
export async function recentMails(db: Db, eventIds: readonly number[] | null, limit = 50) {
  return db
    .selectFrom('outbox')
    .leftJoin('events', 'events.id', 'outbox.event_id')
    .select([
      'outbox.id',
      'outbox.kind',
      'outbox.to_address',
      'outbox.status',
      'outbox.created_at',
      'events.title as event_title',
      sql<string | null>`json_extract(outbox.payload, '$.subject')`.as('subject'),
    ])
    .$if(eventIds !== null, (q) => q.where(outboxInScope(eventIds ?? [])))
    .orderBy('outbox.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * What the mail page shows: the outbox row, its event's title and the message as it was queued (null if unreadable),
 * with every private link redacted: a participant's link is theirs alone, not their organiser's. The row's
 * private_token is left out.
 */
export type MailView = Omit<OutboxRow, 'private_token'> & { event_title: string | null; message: Partial<OutgoingMail> | null };

/**
 * One mail, if the viewer may see it (same scope as the list); undefined otherwise, so that another organiser's mail
 * is as absent as one that does not exist.
 * @example await findMail(db, 812, [3]) // { id: 812, status: 'sent', message: { subject, text, calendar? }, … }
 */
export async function findMail(db: Db, id: number, eventIds: readonly number[] | null): Promise<MailView | undefined> {
  const row = await db
    .selectFrom('outbox')
    .leftJoin('events', 'events.id', 'outbox.event_id')
    .selectAll('outbox')
    .select('events.title as event_title')
    .where('outbox.id', '=', id)
    .$if(eventIds !== null, (q) => q.where(outboxInScope(eventIds ?? [])))
    .executeTakeFirst();
  if (!row) return undefined;
  let message: Partial<OutgoingMail> | null;
  try {
    const parsed: unknown = JSON.parse(row.payload);
    message = parsed && typeof parsed === 'object' ? (parsed as Partial<OutgoingMail>) : null;
  } catch {
    message = null;
  }
  if (message) message = { ...message, text: redactPrivateLinks(message.text ?? ''), html: redactPrivateLinks(message.html ?? '') };
  const { private_token: _secret, ...stored } = row;
  return { ...stored, message };
}

/** Mails by status, for one message or the whole outbox. */
export type Progress = Record<OutboxStatus, number>;

/**
 * Mail status counts and the latest failed mails, for all mail (eventIds null: admins) or the given events' mail.
 * @example await outboxOverview(db, [3, 4]) // { summary: { pending: 0, sending: 0, sent: 40, failed: 1 }, failed: [...] }
 */
export async function outboxOverview(db: Db, eventIds: readonly number[] | null) {
  let counts = db.selectFrom('outbox').select((eb) => ['outbox.status', eb.fn.countAll<number>().as('n')]);
  let failed = db
    .selectFrom('outbox')
    .leftJoin('events', 'events.id', 'outbox.event_id')
    .select(['outbox.id', 'outbox.kind', 'outbox.to_address', 'outbox.attempts', 'outbox.last_error', 'outbox.created_at', 'outbox.event_id', 'events.title as event_title'])
    .where('outbox.status', '=', 'failed');
  if (eventIds) {
    counts = counts.where(outboxInScope(eventIds));
    failed = failed.where(outboxInScope(eventIds));
  }
  const [rows, failedRows] = await Promise.all([counts.groupBy('outbox.status').execute(), failed.orderBy('outbox.id', 'desc').limit(200).execute()]);
  const summary: Progress = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) summary[row.status] = Number(row.n);
  return { summary, failed: failedRows };
}
