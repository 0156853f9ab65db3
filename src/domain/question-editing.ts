import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database, QuestionRow } from '../../db/schema';
import { optional, parseWith, required, text } from './forms';
import { orderedList } from './ordered-list';

type Db = Kysely<Database> | Transaction<Database>;

export const QUESTION_TYPES = ['short_text', 'long_text', 'single_choice', 'multi_choice', 'yes_no', 'days'] as const;
const CHOICE_TYPES = new Set<string>(['single_choice', 'multi_choice']);

export const questionFormSchema = z
  .object({
    type: z.enum(QUESTION_TYPES, { error: 'edit_choice_invalid' }),
    label: required(300),
    help: optional(1000),
    options: text(5000),
    required: z.string().transform((v) => (v === '1' || v === 'on' ? 1 : 0)),
  })
  .transform((q, ctx) => {
    const options = [...new Set(q.options.split(/\r?\n/).map((o) => o.trim()).filter(Boolean))];
    if (CHOICE_TYPES.has(q.type) && options.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'edit_options_needed' });
      return z.NEVER;
    }
    if (options.some((o) => o.length > 200)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'edit_too_long' });
      return z.NEVER;
    }
    return { ...q, options: CHOICE_TYPES.has(q.type) ? JSON.stringify(options) : null };
  });
export type QuestionField = 'type' | 'label' | 'help' | 'options' | 'required';
export type QuestionFormValues = Record<QuestionField, string>;
export type QuestionInput = z.output<typeof questionFormSchema>;
export const QUESTION_FIELDS: QuestionField[] = ['type', 'label', 'help', 'options', 'required'];

export const parseQuestionForm = (values: QuestionFormValues) => parseWith<QuestionField, typeof questionFormSchema>(questionFormSchema, values);

export function questionToForm(q: QuestionRow): QuestionFormValues {
  let options: string[] = [];
  try {
    const parsed: unknown = JSON.parse(q.options ?? '[]');
    if (Array.isArray(parsed)) options = parsed.map(String);
  } catch {
    // A broken list shows as empty; saving writes a good one.
  }
  return { type: q.type, label: q.label, help: q.help ?? '', options: options.join('\n'), required: q.required ? '1' : '' };
}


export async function listEventQuestions(db: Db, eventId: number): Promise<(QuestionRow & { answers: number })[]> {
  return db
    .selectFrom('questions')
    .selectAll()
    .select((eb) => eb.selectFrom('answers').select((e) => e.fn.countAll<number>().as('n')).whereRef('answers.question_id', '=', 'questions.id').as('answers'))
    .where('event_id', '=', eventId)
    .orderBy('position')
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, answers: Number(r.answers ?? 0) })));
}

export async function answerCount(db: Db, questionId: number): Promise<number> {
  const row = await db
    .selectFrom('answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The registration form's own questions; deleting one deletes every answer to it. */
export const questionList = orderedList<'questions', QuestionInput>('questions', {
  beforeDelete: async (trx, _eventId, id) => {
    await trx.deleteFrom('answers').where('question_id', '=', id).execute();
  },
});
export const { find: findQuestion, save: saveQuestion, remove: deleteQuestion } = questionList;
