import { z } from 'zod';
import type { MessageKey } from '../i18n/index';
import { isLocalDateTime } from '../time';

/** Field name → message key of its first problem; 'form' for the form as a whole. */
export type FormErrors<F extends string> = Partial<Record<F | 'form', MessageKey>>;

export type FormResult<F extends string, T> = { ok: true; data: T } | { ok: false; errors: FormErrors<F> };

/** zod issues as field errors; every message in our schemas is a message key. */
export function fieldErrors<F extends string>(error: z.ZodError): FormErrors<F> {
  const errors: Record<string, MessageKey> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= (issue.message.startsWith('edit_') ? issue.message : 'edit_invalid') as MessageKey;
  }
  return errors as FormErrors<F>;
}

export function parseWith<F extends string, S extends z.ZodType>(schema: S, values: unknown): FormResult<F, z.output<S>> {
  const result = schema.safeParse(values);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: fieldErrors<F>(result.error) };
}

/** Picks named string fields out of a form body ('' when missing). */
export function pickFields<F extends string>(body: Record<string, unknown>, fields: readonly F[]): Record<F, string> {
  return Object.fromEntries(fields.map((f) => [f, typeof body[f] === 'string' ? body[f] : ''])) as Record<F, string>;
}

/** True for absolute http(s) URLs, the only kind we link to. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Field builders shared by the organiser's forms; every error is a message key. */
export const text = (max: number) => z.string().trim().max(max, { error: 'edit_too_long' });
export const required = (max: number) => text(max).min(1, { error: 'edit_required' });
export const optional = (max: number) => text(max).transform((v) => v || null);
export const httpUrl = text(2000)
  .refine((v) => v === '' || isHttpUrl(v), { error: 'edit_url_invalid' })
  .transform((v) => v || null);
export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
// The shape first ("write a date and a time"), then whether that day and time exist (not 31 April, not 24:30).
export const localDateTimeField = z
  .string()
  .trim()
  .regex(LOCAL_DATE_TIME, { error: 'edit_datetime_invalid' })
  .refine(isLocalDateTime, { error: 'edit_datetime_impossible', abort: true });
export const optionalLocalDateTime = z
  .string()
  .trim()
  .refine((v) => v === '' || LOCAL_DATE_TIME.test(v), { error: 'edit_datetime_invalid', abort: true })
  .refine((v) => v === '' || isLocalDateTime(v), { error: 'edit_datetime_impossible' });
export const wholeNumber = (min: number, max: number, error: MessageKey) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, { error })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error });
