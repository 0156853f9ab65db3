import type { Hono } from 'hono';
import { DOMParser } from 'linkedom';
import type { OrganiserRole } from '../db/schema';
import type { AppDeps } from '../src/deps';
import { createOrganiser, createSession } from '../src/domain/auth';
import type { AppEnv } from '../src/env';

export const ORIGIN = 'http://localhost';

export const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

let counter = 0;

/**
 * A signed-in organiser for route tests, without the slow password round trip: an organiser row and a live session.
 * Returns the cookie header, the session's form token and the organiser, plus request helpers that send both.
 * @example const kari = await signIn(app, t.deps, { role: 'organiser' }); await kari.post('/admin/events/new', { title: 'X' });
 */
export async function signIn(
  app: Hono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'clock'>,
  options: { role?: OrganiserRole; email?: string; name?: string } = {},
) {
  counter += 1;
  const email = options.email ?? `organiser${counter}@example.no`;
  const organiser = await createOrganiser(
    deps.db,
    { email, name: options.name ?? email.split('@')[0]!, role: options.role ?? 'organiser', password_hash: 'pbkdf2-sha256$1$AA==$AA==' },
    deps.clock(),
  );
  const { token, session } = await createSession(deps.db, organiser.id, deps.clock());
  const cookie = `sid=${token}`;
  const csrf = session.csrf_token;
  async function get(path: string, headers: Record<string, string> = {}) {
    const res = await app.request(path, { headers: { cookie, ...headers } });
    const body = await res.text();
    return { res, body, doc: parseHtml(body) };
  }
  /** A form post with the token (unless `_csrf` is given, e.g. '' to leave it out). Arrays become repeated fields. */
  async function post(path: string, fields: Record<string, string | string[]> = {}, headers: Record<string, string> = {}) {
    const body = new URLSearchParams();
    if (!('_csrf' in fields)) body.append('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) if (!(k === '_csrf' && one === '')) body.append(k, one);
    const res = await app.request(path, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: body.toString(),
    });
    const text = await res.text();
    return { res, body: text, doc: parseHtml(text) };
  }
  return { organiser, cookie, csrf, get, post };
}
