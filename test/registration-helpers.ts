import type { Kysely } from 'kysely';
import type { Database, QuestionRow } from '../db/schema';
import type { RegistrationInput } from '../src/domain/questions';
import { register } from '../src/domain/registration';
import type { MailSettings } from '../src/domain/registration-mail';
import type { DeliverableMail } from '../src/mail/transport';
import { deliverDue } from '../src/mail/worker';

export const SETTINGS: MailSettings = { baseUrl: 'http://localhost:3000', mailFrom: 'Samling <noreply@localhost>' };

/** A valid registration; override any field. */
export function person(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return { name: 'Kari Nordmann', email: 'kari@example.no', organisation: 'Nav Innlandet', job_title: null, listed: false, answers: [], ...overrides };
}

/** Registers `email` (named after it), failing the test if that is refused. */
export async function registerPerson(db: Kysely<Database>, eventId: number, email: string, now: Date, lang: 'nb' | 'en' = 'nb') {
  const outcome = await register(db, eventId, person({ email, name: `Person ${email}` }), lang, now, SETTINGS);
  if (outcome.kind !== 'registered') throw new Error(`expected a registration for ${email}`);
  return outcome;
}

export async function insertQuestion(
  db: Kysely<Database>,
  eventId: number,
  q: Pick<QuestionRow, 'type' | 'label'> & Partial<Pick<QuestionRow, 'options' | 'required' | 'help' | 'position'>>,
): Promise<QuestionRow> {
  return db
    .insertInto('questions')
    .values({ event_id: eventId, position: 0, help: null, options: null, required: 0, ...q })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function outboxOf(db: Kysely<Database>) {
  const rows = await db.selectFrom('outbox').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ ...r, mail: JSON.parse(r.payload) as { subject: string; text: string; html: string; lang: string; calendar?: { method: string; content: string } } }));
}

export async function statuses(db: Kysely<Database>, eventId: number) {
  return db.selectFrom('registrations').select(['id', 'email', 'status']).where('event_id', '=', eventId).orderBy('id').execute();
}

/** Delivers every due mail, returning each as its recipient gets it (with the manage link the worker filled in). */
export async function deliverAll(db: Kysely<Database>, now: Date): Promise<DeliverableMail[]> {
  const sent: DeliverableMail[] = [];
  await deliverDue(db, { send: async (mail) => void sent.push(mail) }, { now, from: SETTINGS.mailFrom });
  return sent;
}

/** The manage token in a mail's text, if it holds a manage link. */
export const manageTokenIn = (text: string) => /\/registrations\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/.exec(text)?.[1];
