import { describe, expect, it } from 'vitest';
import type { QuestionRow } from '../../db/schema';
import { EMPTY_FORM, readForm, validateForm } from './questions';

const event = { starts_at: '2019-06-26T08:00:00.000Z', ends_at: '2019-06-27T10:45:00.000Z', time_zone: 'Europe/Oslo' };
const q = (id: number, type: QuestionRow['type'], extra: Partial<QuestionRow> = {}): QuestionRow => ({
  id, event_id: 1, position: id, type, label: `Q${id}`, help: null, options: null, required: 0, ...extra,
});
const questions = [
  q(1, 'short_text', { required: 1 }),
  q(2, 'multi_choice', { options: JSON.stringify(['Kaffe', 'Te']) }),
  q(3, 'yes_no'),
  q(4, 'days', { required: 1 }),
];
const person = { ...EMPTY_FORM, name: '  Kari \n Nordmann ', email: ' kari@nav.no ', organisation: 'Nav' };

describe('validateForm', () => {
  it('cleans whitespace and turns answers into stored values, leaving out unanswered optional questions', () => {
    const result = validateForm({ ...person, answers: { 1: ['Hei'], 2: ['Te', 'Te'], 4: ['2019-06-27'] } }, questions, event, 'register');
    expect(result).toEqual({
      ok: true,
      input: {
        name: 'Kari Nordmann',
        email: 'kari@nav.no',
        organisation: 'Nav',
        job_title: null,
        listed: false,
        answers: [
          { questionId: 1, value: 'Hei' },
          { questionId: 2, value: ['Te'] },
          { questionId: 4, value: ['2019-06-27'] },
        ],
      },
    });
    const yes = validateForm({ ...person, answers: { 1: ['x'], 3: ['no'], 4: ['2019-06-26'] } }, questions, event, 'register');
    expect(yes.ok && yes.input.answers[1]).toEqual({ questionId: 3, value: false });
  });

  it('names each wrong field with its message key', () => {
    const result = validateForm(
      { ...EMPTY_FORM, name: 'x'.repeat(201), email: 'a@b', answers: { 2: ['Øl'], 3: ['kanskje'] } },
      questions,
      event,
      'register',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      name: { key: 'reg_err_too_long', params: { max: 200 } },
      email: { key: 'reg_err_email' },
      organisation: { key: 'reg_err_required' },
      q_1: { key: 'reg_err_required' },
      q_2: { key: 'reg_err_choice' },
      q_3: { key: 'reg_err_choice' },
      q_4: { key: 'reg_err_choose_some' },
    });
  });

  it('does not check the e-mail when editing', () => {
    const result = validateForm({ ...person, email: '', answers: { 1: ['x'], 4: ['2019-06-26'] } }, questions, event, 'edit');
    expect(result.ok).toBe(true);
  });
});

describe('readForm', () => {
  it('reads single and repeated fields, and flags questions the event does not have', () => {
    expect(readForm({ name: ['Kari', 'Ola'], q_2: ['Kaffe', 'Te'], listed: '1' }, questions)).toEqual({
      values: { ...EMPTY_FORM, name: 'Kari', listed: true, answers: { 2: ['Kaffe', 'Te'] } },
      unknown: false,
    });
    expect(readForm({ q_9: 'x' }, questions).unknown).toBe(true);
    expect(readForm({ 'q_1e3': 'x' }, questions).unknown).toBe(true);
  });
});
