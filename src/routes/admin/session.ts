import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import type { EventRow, SessionRow } from '../../../db/schema';
import type { Viewer } from '../../domain/access';
import { type SessionOrganiser, resumeSession, viewerFor } from '../../domain/auth';
import type { AppEnv } from '../../env';
import { DomainError, NotFound } from '../../errors';
import { peekFirstField } from '../../multipart-token';
import { formData } from '../request-helpers';
import { findManagedEvent } from '../../domain/event-access';

export const SESSION_COOKIE = 'sid';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The environment of routes behind `requireOrganiser`: someone is signed in. */
export interface AdminEnv {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & { organiser: SessionOrganiser; viewer: Viewer; session: SessionRow };
}

/** Secure cookies when the visitor came over https, directly or as the configured public address says. */
export function isSecure(c: Context<AppEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.var.deps.config.baseUrl.startsWith('https:');
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  // No Max-Age: the browser forgets it when closed; the server enforces idle and absolute expiry either way.
  setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isSecure(c) });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isSecure(c) });
}

/** Admin pages are personal and change with every action: never store them anywhere. */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
  c.res.headers.set('x-robots-tag', 'noindex');
  // A page with a private token in its address has already said no-referrer.
  if (!c.res.headers.has('referrer-policy')) c.res.headers.set('referrer-policy', 'same-origin');
};

/** Reads the session cookie; sets `organiser`, `viewer` and `session` when it belongs to a live session. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const { db, clock } = c.var.deps;
    const found = await resumeSession(db, token, clock());
    if (found?.session.second_factor_pending) {
      c.set('pendingOrganiser', found.organiser);
      c.set('session', found.session);
    } else if (found) {
      c.set('organiser', found.organiser);
      c.set('session', found.session);
      c.set('viewer', await viewerFor(db, found.organiser));
    } else {
      clearSessionCookie(c);
    }
  }
  await next();
};

const sameOrigin = (origin: string, c: Context<AppEnv>) =>
  origin === new URL(c.req.url).origin || origin === new URL(c.var.deps.config.baseUrl).origin;
const originCheck = csrf({ origin: sameOrigin });

function equalStrings(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * Two locks on every state-changing request: Hono's Origin (Sec-Fetch-Site) check, and, once signed in, the session's
 * form token in the `_csrf` field (url-encoded forms, and the first field of multipart uploads, whose bodies are
 * otherwise streamed to the route unread) or the X-CSRF-Token header (htmx, fetch); never in the URL. Runs after `loadSession`; a mismatch is a 403.
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/^(GET|HEAD|OPTIONS)$/.test(c.req.method)) return next();
  try {
    await originCheck(c, async () => {});
  } catch {
    throw new DomainError(403, 'admin_csrf_failed');
  }
  const session = c.var.session;
  if (session) {
    const type = c.req.header('content-type') ?? '';
    let token = c.req.header(CSRF_HEADER);
    if (!token && /^application\/x-www-form-urlencoded\b/i.test(type)) {
      const value = (await formData(c)).get(CSRF_FIELD);
      token = typeof value === 'string' ? value : undefined;
    } else if (!token && /^multipart\/form-data\b/i.test(type)) {
      // Streamed uploads: the token is the form's first field; the route then reads the same body from the start.
      const peeked = await peekFirstField(c.req.raw, CSRF_FIELD);
      c.req.raw = peeked.request;
      token = peeked.value;
    }
    if (!token || !equalStrings(token, session.csrf_token)) throw new DomainError(403, 'admin_csrf_failed');
  }
  await next();
};

/**
 * A local path under /admin to return to after signing in, or undefined — never another site (no open redirect).
 * @example safeNext('/admin/events/3?tab=programme') // '/admin/events/3?tab=programme'; safeNext('//evil.example') // undefined
 */
export function safeNext(next: string | undefined | null): string | undefined {
  if (!next || next.length > 2000 || !next.startsWith('/') || /[\\\u0000-\u001f]/.test(next)) return undefined;
  const base = 'http://local.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base || !(url.pathname === '/admin' || url.pathname.startsWith('/admin/'))) return undefined;
  if (url.pathname === '/admin/login' || url.pathname === '/admin/logout') return undefined;
  return url.pathname + url.search;
}

/** Sends the signed-out to the sign-in page (coming back here afterwards); htmx requests get HX-Redirect. */
export const requireOrganiser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.organiser) return next();
  const url = new URL(c.req.url);
  const back = c.req.method === 'GET' ? safeNext(url.pathname + url.search) : undefined;
  const login = back && back !== '/admin' ? `/admin/login?next=${encodeURIComponent(back)}` : '/admin/login';
  if (c.req.header('hx-request')) {
    c.header('HX-Redirect', login);
    return c.body(null, 401);
  }
  return c.redirect(login, 303);
};

/** Admin-only pages; others get the same 404 as for a page that does not exist. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.organiser?.role !== 'admin') throw new NotFound();
  await next();
};

/**
 * The event, if the signed-in organiser may manage it; otherwise a 404 — the same as for an id that does not exist, so
 * guessing ids reveals nothing. Use it first in every /admin/events/:id route.
 * @example const event = await requireEventAccess(c, Number(c.req.param('id')));
 */
export async function requireEventAccess(c: Context<AppEnv>, eventId: number | string): Promise<EventRow> {
  const organiser = c.var.organiser;
  const id = typeof eventId === 'number' ? eventId : /^[0-9]{1,15}$/.test(eventId) ? Number(eventId) : NaN;
  const event = organiser ? await findManagedEvent(c.var.deps.db, organiser, id) : undefined;
  if (!event) throw new NotFound();
  return event;
}
