import type { Context } from 'hono';
import { ConfirmPage } from '../../../views/admin/event-fields';
import { type AdminEnv, requireEventAccess } from './session';
import type { EventRow } from '../../../db/schema';
import type { AppEnv } from '../../env';
import type { MessageKey } from '../../i18n/index';
export { type Body, formBody, fragment, idParam } from '../request-helpers';
import type { Body } from '../request-helpers';

export type C = Context<AdminEnv>;

/** requireEventAccess for AdminEnv routes (whose context is an AppEnv one with a signed-in organiser): the event or 404. */
export const accessEvent = (c: C, id: string | number | undefined): Promise<EventRow> =>
  requireEventAccess(c as unknown as Context<AppEnv>, id ?? '');



/** One value of a field (the first if repeated). */
export const one = (body: Body, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : (v?.[0] ?? '');
};

/** The body with every field reduced to one string, for forms without repeated fields. */
export const single = (body: Body): Record<string, string> => Object.fromEntries(Object.keys(body).map((k) => [k, one(body, k)]));

export const isHtmx = (c: C) => c.req.header('hx-request') === 'true';

/** An HTML fragment for htmx, rendered with the request context so that components can translate. */

export const confirmed = (body: Body) => one(body, 'confirm') === 'yes';

/** The no-JavaScript confirmation step: the same POST again with confirm=yes. */
export function renderConfirm(c: C, props: { question: string; back: string; fields?: Record<string, string> }) {
  return c.render(<ConfirmPage title={c.var.t('edit_confirm_title')} question={props.question} action={new URL(c.req.url).pathname} back={props.back} fields={props.fields} />, {
    title: c.var.t('edit_confirm_title'),
  });
}

/** After a POST, back to a page with a notice named in the query (a fixed set, so no text can be injected). */
export const redirectWith = (c: C, path: string, done?: string, extra: Record<string, string | number> = {}) => {
  const query = new URLSearchParams();
  if (done) query.set('done', done);
  for (const [k, v] of Object.entries(extra)) query.set(k, String(v));
  const qs = query.toString();
  const [base, hash] = path.split('#');
  return c.redirect(`${base}${qs ? `?${qs}` : ''}${hash ? `#${hash}` : ''}`, 303);
};

/** The notice text for `?done=`, when it is one of the page's known notices. */
export function noticeFor(c: C, notices: Record<string, MessageKey>): string | undefined {
  const done = c.req.query('done');
  const key = done ? notices[done] : undefined;
  if (!key) return undefined;
  const number = (name: string) => {
    const n = Number(c.req.query(name) ?? 0);
    return Number.isFinite(n) ? n : 0;
  };
  return c.var.t(key, { count: number('n'), promoted: number('p') });
}
