import { QuestionEditPage, QuestionsPage } from '../../../views/admin/question-pages';
import { QUESTION_FIELDS, answerCount, listEventQuestions, parseQuestionForm, questionList, questionToForm } from '../../domain/question-editing';
import { orderedListRoutes } from './ordered-list-routes';

/** /admin/events/:id/questions: the organiser's own questions on the registration form. */
export const questionRoutes = orderedListRoutes({
  path: 'questions',
  param: 'qid',
  fields: QUESTION_FIELDS,
  blank: { type: 'short_text', label: '', help: '', options: '', required: '' },
  notices: { saved: 'edit_question_saved', deleted: 'edit_saved' },
  parse: parseQuestionForm,
  toForm: questionToForm,
  rows: questionList,
  anchor: (id) => `#question-${id}`,
  listPage: async (c, event, form, notice) =>
    c.render(<QuestionsPage event={event} questions={await listEventQuestions(c.var.deps.db, event.id)} form={form} notice={notice} />, {
      title: c.var.t('edit_questions_title', { title: event.title }),
    }),
  editPage: (c, event, question, form) =>
    c.render(<QuestionEditPage event={event} question={question} form={form} />, { title: c.var.t('edit_question_edit_title', { label: question.label }) }),
  // Deleting answers people gave is asked about first; a question nobody answered goes at once.
  beforeDelete: async (c, question) => {
    const answers = await answerCount(c.var.deps.db, question.id);
    return { confirm: answers > 0 ? c.var.t('edit_confirm_delete_question', { label: question.label, count: answers }) : null, audit: { question: question.id, answers } };
  },
});
