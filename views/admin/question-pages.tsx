import type { EventRow, QuestionRow } from '../../db/schema';
import type { FormErrors } from '../../src/domain/forms';
import { QUESTION_TYPES, type QuestionField, type QuestionFormValues } from '../../src/domain/question-editing';
import type { MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';
import { AdminPage } from './components';
import { Checkbox, Input, Select, TextArea } from './event-fields';
import { EventAdminNav } from './event-nav';
import { ItemForm, OrderedListPage } from './ordered-list-page';
import { adminEventPath } from '../../src/urls';

export interface QuestionFormState {
  values: QuestionFormValues;
  errors: FormErrors<QuestionField>;
}

const LABELS: Record<QuestionField, MessageKey> = {
  type: 'edit_f_type',
  label: 'edit_f_label',
  help: 'edit_f_help',
  options: 'edit_f_options',
  required: 'edit_f_required',
};

function QuestionForm({ form, action, submit }: { form: QuestionFormState; action: string; submit: MessageKey }) {
  const { t } = useI18n();
  const { values: v, errors: e } = form;
  return (
    <ItemForm errors={e} labels={LABELS} action={action} submit={submit}>
      <Input field="label" label="edit_f_label" value={v.label} error={e.label} required maxlength={300} />
      <Select
        field="type"
        label="edit_f_type"
        value={v.type}
        error={e.type}
        options={QUESTION_TYPES.map((q) => ({ value: q, label: t(`edit_question_type_${q}` as MessageKey) }))}
      />
      <Input field="help" label="edit_f_help" value={v.help} error={e.help} maxlength={1000} />
      <TextArea field="options" label="edit_f_options" hint="edit_f_options_hint" value={v.options} error={e.options} rows={5} />
      <Checkbox field="required" label="edit_f_required" checked={v.required === '1' || v.required === 'on'} />
    </ItemForm>
  );
}

export function QuestionsPage(props: { event: EventRow; questions: (QuestionRow & { answers: number })[]; form: QuestionFormState; notice?: string | undefined }) {
  const { t } = useI18n();
  const { event } = props;
  return (
    <OrderedListPage
      event={event}
      page="questions"
      title={t('edit_questions_title', { title: event.title })}
      notice={props.notice}
      none={t('edit_questions_none')}
      items={props.questions}
      columns={[{ label: t('edit_f_label') }, { label: t('edit_f_type') }, { label: t('edit_question_answers', { count: '' }).trim(), num: true }]}
      name={(q) => q.label}
      cells={(q) => (
        <>
          <th scope="row">
            {q.label}
            {q.required ? <span class="badge"> ({t('edit_question_required_mark')})</span> : null}
          </th>
          <td>{t(`edit_question_type_${q.type}` as MessageKey)}</td>
          <td class="num">{q.answers}</td>
        </>
      )}
      newTitle={t('edit_question_new')}
      form={<QuestionForm form={props.form} action={adminEventPath(event, '/questions')} submit="edit_question_add" />}
    />
  );
}

export function QuestionEditPage(props: { event: EventRow; question: QuestionRow; form: QuestionFormState }) {
  const { t } = useI18n();
  const base = adminEventPath(props.event, '/questions');
  return (
    <AdminPage title={t('edit_question_edit_title', { label: props.question.label })} current="events">
      <EventAdminNav event={props.event} current="questions" />
      <QuestionForm form={props.form} action={`${base}/${props.question.id}`} submit="edit_save" />
      <p>
        <a href={base}>{t('edit_page_questions')}</a>
      </p>
    </AdminPage>
  );
}
