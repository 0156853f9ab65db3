import { insertBatches } from './bound-parameters';
import type { Kysely } from 'kysely';
import type { Database, EventRow, RegistrationRow, RegistrationStatus } from '../../db/schema';
import type { AnswerValue, RegistrationInput } from './questions';
import { hashToken, isToken } from './registration-tokens';

type Db = Kysely<Database>;

export type RegistrationWithEvent = { registration: RegistrationRow; event: EventRow };

/** The first link is on the registration row, the ones mailed later in manage_tokens; each works until the data is gone. */
async function findBy(db: Db, column: 'token_hash' | 'feed_token_hash', token: string): Promise<RegistrationWithEvent | undefined> {
  if (!isToken(token)) return undefined;
  const hash = hashToken(token);
  const registration = await db
    .selectFrom('registrations')
    .selectAll()
    .where((eb) => eb.or([eb(column, '=', hash), eb('id', 'in', eb.selectFrom('manage_tokens').select('registration_id').where(column, '=', hash))]))
    .executeTakeFirst();
  if (!registration) return undefined;
  const event = await db.selectFrom('events').selectAll().where('id', '=', registration.event_id).executeTakeFirst();
  return event ? { registration, event } : undefined;
}

/** The registration a manage link belongs to (cancelled ones too), or undefined for a forged or outdated link. */
export const findByToken = (db: Db, token: string) => findBy(db, 'token_hash', token);
export const findByFeedToken = (db: Db, feedToken: string) => findBy(db, 'feed_token_hash', feedToken);

export async function countStatus(db: Db, eventId: number, status: RegistrationStatus): Promise<number> {
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** 1 for the first on the waiting list (arrival order), null when not waitlisted. */
export async function waitlistPosition(db: Db, registration: Pick<RegistrationRow, 'id' | 'event_id' | 'status'>): Promise<number | null> {
  if (registration.status !== 'waitlisted') return null;
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', registration.event_id)
    .where('status', '=', 'waitlisted')
    .where('id', '<=', registration.id)
    .executeTakeFirst();
  return Number(row?.n ?? 1);
}

/** Stored answers by question id, decoded. */
export async function loadAnswers(db: Db, registrationId: number): Promise<Map<number, AnswerValue>> {
  const rows = await db.selectFrom('answers').select(['question_id', 'value']).where('registration_id', '=', registrationId).execute();
  return new Map(rows.map((r) => [r.question_id, JSON.parse(r.value) as AnswerValue]));
}

export async function saveAnswers(
  trx: Db,
  registrationId: number,
  eventId: number,
  answers: RegistrationInput['answers'],
  replace = true,
): Promise<void> {
  if (replace) await trx.deleteFrom('answers').where('registration_id', '=', registrationId).execute();
  if (answers.length === 0) return;
  // Only questions the event still has: one deleted meanwhile must not fail the registration.
  const ids = new Set(
    (await trx.selectFrom('questions').select('id').where('event_id', '=', eventId).execute()).map((q) => q.id),
  );
  const rows = answers
    .filter((a) => ids.has(a.questionId))
    .map((a) => ({ registration_id: registrationId, question_id: a.questionId, value: JSON.stringify(a.value) }));
  for (const batch of insertBatches(rows)) await trx.insertInto('answers').values(batch).execute();
}
