import type { ParsedMail } from 'mailparser';
import type { Kysely } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import type { Database, QuestionRow } from '../../db/schema';
import type { TestSmtpServer } from '../smtp';

/** The organiser's questions the flows answer: the kinds a real form has (glossary: diet, accessibility, a choice). */
export const QUESTIONS = [
  { type: 'single_choice', label: 'Hvilket gruppearbeid vil du være med på?', options: ['Rekruttering', 'Oppfølging på arbeidsplassen'], required: 1, help: null },
  { type: 'yes_no', label: 'Blir du med på lunsj?', options: null, required: 1, help: null },
  { type: 'short_text', label: 'Matallergier og spesielle behov', options: null, required: 0, help: 'For eksempel glutenfri eller vegetar.' },
  { type: 'long_text', label: 'Behov for tilrettelegging', options: null, required: 0, help: null },
] as const;

/** Gives the event the flows' questions unless it already has some (the demo may grow its own). */
export async function ensureQuestions(db: Kysely<Database>, eventId: number): Promise<QuestionRow[]> {
  const existing = await db.selectFrom('questions').selectAll().where('event_id', '=', eventId).orderBy('position').execute();
  if (existing.length) return existing;
  for (const [position, q] of QUESTIONS.entries()) {
    await db
      .insertInto('questions')
      .values({ event_id: eventId, position, type: q.type, label: q.label, help: q.help, options: q.options ? JSON.stringify(q.options) : null, required: q.required })
      .execute();
  }
  return db.selectFrom('questions').selectAll().where('event_id', '=', eventId).orderBy('position').execute();
}

export interface Person {
  name: string;
  email: string;
  organisation: string;
}

/** The control a question is answered with, found by its visible label, as a person would find it. */
export function questionControl(page: Page, question: QuestionRow): Locator {
  return question.type === 'short_text' || question.type === 'long_text'
    ? page.getByLabel(question.label)
    : page.getByRole('group', { name: question.label });
}

const optionsOf = (question: QuestionRow): string[] => (question.options ? (JSON.parse(question.options) as string[]) : []);

/** The answer given to a required question: the first option, "Ja", or a short text. */
export function firstAnswer(question: QuestionRow): string {
  if (question.type === 'yes_no') return 'Ja';
  if (question.type === 'short_text' || question.type === 'long_text') return 'Vegetar';
  return optionsOf(question)[0] ?? '';
}

/** Fills the form with the mouse and keyboard as anyone would (clicks allowed). */
export async function fillRegistration(page: Page, person: Person, questions: readonly QuestionRow[]) {
  await page.getByLabel(/^Navn/).fill(person.name);
  await page.getByLabel(/^E-post/).fill(person.email);
  await page.getByLabel(/^Virksomhet/).fill(person.organisation);
  for (const question of questions) {
    const control = questionControl(page, question);
    if (question.type === 'short_text' || question.type === 'long_text') {
      if (question.required) await control.fill(firstAnswer(question));
      else if (question.type === 'short_text') await control.fill('Glutenfri');
    } else if (question.type === 'days' || question.type === 'multi_choice') {
      if (question.required) await control.getByRole('checkbox').first().check();
    } else {
      await control.getByRole('radio', { name: firstAnswer(question) }).check();
    }
  }
}

/**
 * Waits for a mail to arrive at the test SMTP server (the outbox worker delivers it after the commit).
 *
 * @example
 * const mail = await waitForMail(smtp, (m) => m.subject?.startsWith('Påmeldt') ?? false);
 */
export async function waitForMail(smtp: TestSmtpServer, match: (mail: ParsedMail) => boolean, what: string): Promise<ParsedMail> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = smtp.messages.find(match);
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = smtp.messages.map((m) => `${addressOf(m)}: ${m.subject}`).join('\n  ');
      throw new Error(`No mail ${what} arrived; the SMTP server has:\n  ${seen || '(nothing)'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function addressOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? '';
}

export const mailTo = (email: string, subject: RegExp) => (mail: ParsedMail) => addressOf(mail) === email && subject.test(mail.subject ?? '');

/** The manage link in a mail's plain text. */
export function manageLinkIn(mail: ParsedMail): string {
  const link = /https?:\/\/[^\s<>"]+\/registrations\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
  if (!link) throw new Error(`No manage link in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}

/** The text/calendar part, wherever it sits in the MIME tree (mailparser lists alternatives and attachments). */
export function calendarOf(mail: ParsedMail): string | undefined {
  const alternative = (mail as ParsedMail & { alternatives?: { contentType: string; content: Buffer }[] }).alternatives;
  const parts = [...(mail.attachments ?? []), ...(alternative ?? [])];
  const part = parts.find((p) => p.contentType.startsWith('text/calendar'));
  return part?.content.toString('utf8');
}
