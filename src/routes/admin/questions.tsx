import { Hono } from 'hono';
import { QuestionEditPage, type QuestionFormState, QuestionsPage } from '../../../views/admin/question-pages';
import type { AdminEnv } from '../../admin-session';
import {
  QUESTION_FIELDS,
  answerCount,
  deleteQuestion,
  findQuestion,
  listEventQuestions,
  moveRow,
  parseQuestionForm,
  pickFields,
  questionToForm,
  saveQuestion,
} from '../../domain/event-editing';
import { NotFound } from '../../errors';
import { type C, accessEvent, confirmed, formBody, idParam, noticeFor, one, redirectWith, renderConfirm, single } from './event-helpers';
import { logAction } from '../audit';

const NOTICES = { saved: 'edit_question_saved', deleted: 'edit_saved' } as const;
const blank: QuestionFormState = { values: { type: 'short_text', label: '', help: '', options: '', required: '' }, errors: {} };

async function renderList(c: C, eventId: number, form: QuestionFormState = blank, status: 200 | 422 = 200) {
  const event = await accessEvent(c, eventId);
  const questions = await listEventQuestions(c.var.deps.db, event.id);
  c.status(status);
  return c.render(<QuestionsPage event={event} questions={questions} form={form} notice={status === 200 ? noticeFor(c, NOTICES) : undefined} />, {
    title: c.var.t('edit_questions_title', { title: event.title }),
  });
}

async function questionOf(c: C) {
  const event = await accessEvent(c, c.req.param('id'));
  const question = await findQuestion(c.var.deps.db, event.id, idParam(c, 'qid'));
  if (!question) throw new NotFound();
  return { event, question };
}

/** /admin/events/:id/questions: the organiser's own questions on the registration form. */
export const questionRoutes = new Hono<AdminEnv>()
  .get('/:id{[0-9]+}/questions', (c) => renderList(c, idParam(c, 'id')))
  .post('/:id{[0-9]+}/questions', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    const values = pickFields(single(await formBody(c)), QUESTION_FIELDS);
    const parsed = parseQuestionForm(values);
    if (!parsed.ok) return renderList(c, event.id, { values, errors: parsed.errors }, 422);
    const id = await saveQuestion(c.var.deps.db, event.id, parsed.data, null, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${event.id}/questions#question-${id}`, 'saved');
  })
  .get('/:id{[0-9]+}/questions/:qid{[0-9]+}', async (c) => {
    const { event, question } = await questionOf(c);
    return c.render(<QuestionEditPage event={event} question={question} form={{ values: questionToForm(question), errors: {} }} />, {
      title: c.var.t('edit_question_edit_title', { label: question.label }),
    });
  })
  .post('/:id{[0-9]+}/questions/:qid{[0-9]+}', async (c) => {
    const { event, question } = await questionOf(c);
    const values = pickFields(single(await formBody(c)), QUESTION_FIELDS);
    const parsed = parseQuestionForm(values);
    if (!parsed.ok) {
      c.status(422);
      return c.render(<QuestionEditPage event={event} question={question} form={{ values, errors: parsed.errors }} />, {
        title: c.var.t('edit_question_edit_title', { label: question.label }),
      });
    }
    await saveQuestion(c.var.deps.db, event.id, parsed.data, question.id, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${event.id}/questions#question-${question.id}`, 'saved');
  })
  .post('/:id{[0-9]+}/questions/:qid{[0-9]+}/move', async (c) => {
    const { event, question } = await questionOf(c);
    const direction = one(await formBody(c), 'direction') === 'up' ? 'up' : 'down';
    await moveRow(c.var.deps.db, 'questions', event.id, question.id, direction, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${event.id}/questions#question-${question.id}`);
  })
  .post('/:id{[0-9]+}/questions/:qid{[0-9]+}/delete', async (c) => {
    const { event, question } = await questionOf(c);
    const answers = await answerCount(c.var.deps.db, question.id);
    // Deleting answers people gave is asked about first; a question nobody answered goes at once.
    if (answers > 0 && !confirmed(await formBody(c))) {
      return renderConfirm(c, {
        question: c.var.t('edit_confirm_delete_question', { label: question.label, count: answers }),
        back: `/admin/events/${event.id}/questions`,
      });
    }
    await deleteQuestion(c.var.deps.db, event.id, question.id, c.var.deps.clock());
    await logAction(c, 'event_content_deleted', `event:${event.id}`, { detail: { question: question.id, answers } });
    return redirectWith(c, `/admin/events/${event.id}/questions`, 'deleted');
  });
