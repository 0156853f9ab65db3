import type { Context, Env } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Child } from 'hono/jsx';
import { RequestContext } from 'hono/jsx-renderer';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FormBindings } from '../env';
import { DomainError, NotFound } from '../errors';

// Helpers every route module shares: reading posted forms safely and answering htmx with fragments.

/** An HTML fragment for htmx, rendered with the request context so that components can translate. */
export function fragment<E extends Env>(c: Context<E>, node: Child, status: ContentfulStatusCode = 200) {
  c.header('vary', 'HX-Request', { append: true });
  return c.html(<RequestContext.Provider value={c}>{node}</RequestContext.Provider>, status);
}

/** A positive id from the route's path, or the same 404 as for anything that does not exist. */
export function idParam<E extends Env>(c: Context<E>, name: string): number {
  const value = c.req.param(name) ?? '';
  if (!/^[0-9]{1,15}$/.test(value)) throw new NotFound();
  const id = Number(value);
  if (id < 1) throw new NotFound();
  return id;
}

/** The string value of a form field, trimmed and cut to `max`. */
export function field(form: FormData, name: string, max: number): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

export const isHtmx = <E extends Env>(c: Context<E>) => c.req.header('hx-request') === 'true';

/** The form body an entry point has already read (see src/adapters/node-http.ts). */
const preRead = <E extends Env>(c: Context<E>): string | undefined => (c.env as FormBindings | undefined)?.formText;

/**
 * The posted form. A body of another type reads as an empty form (so the visitor sees what is missing); a broken
 * one (bad multipart, bad encoding) is a 400, never a 500.
 */
export async function formData<E extends Env>(c: Context<E>): Promise<FormData> {
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(c.req.header('content-type') ?? '')) return new FormData();
  const text = preRead(c);
  if (text !== undefined) {
    const form = new FormData();
    for (const [key, value] of new URLSearchParams(text)) form.append(key, value);
    return form;
  }
  try {
    return await c.req.formData();
  } catch {
    throw new DomainError(400, 'error_bad_request');
  }
}

export type Body = Record<string, string | string[]>;

/** The posted form's text fields (files dropped); repeated names become arrays. */
export async function formBody<E extends Env>(c: Context<E>): Promise<Body> {
  const out: Body = {};
  const text = preRead(c);
  for (const [key, value] of text !== undefined ? new URLSearchParams(text) : (await formData(c)).entries()) {
    if (typeof value !== 'string') continue;
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/**
 * Refuses a form body above `maxSize` bytes with 413 before reading it; uploads (multipart) pass, as they are
 * streamed with limits of their own.
 */
export function limitFormBody(maxSize: number) {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError(413, 'error_too_large');
    },
  });
  return <E extends Env>(c: Context<E>, next: () => Promise<void>) => {
    if (/^multipart\//i.test(c.req.header('content-type') ?? '')) return next();
    // A body read ahead came with a Content-Length that Node held it to: no need to touch the Request's stream.
    if (preRead(c) !== undefined) {
      if (Number(c.req.header('content-length')) > maxSize) throw new DomainError(413, 'error_too_large');
      return next();
    }
    return limit(c, next);
  };
}

/**
 * A Content-Disposition header (RFC 6266) that keeps non-ASCII names, with an ASCII fallback for old clients.
 * @example contentDisposition('attachment', 'Bodø industri.pdf') // attachment; filename="Bod_ industri.pdf"; filename*=UTF-8''Bod%C3%B8%20industri.pdf
 */
export function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

