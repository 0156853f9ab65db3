import { Hono } from 'hono';
import type { EventRow } from '../../../db/schema';
import type { FormErrors, FormResult } from '../../domain/forms';
import { pickFields } from '../../domain/forms';
import { NotFound } from '../../errors';
import type { MessageKey } from '../../i18n/index';
import { adminEventPath } from '../../urls';
import { logAction } from '../audit';
import { type C, accessEvent, confirmed, formBody, idParam, noticeFor, one, redirectWith, renderConfirm, single } from './event-helpers';
import type { AdminEnv } from './session';

export interface ListForm<F extends string> {
  values: Record<F, string>;
  errors: FormErrors<F>;
}

/** What one ordered list of an event (speakers, questions, links) brings to the shared add/edit/move/delete routes. */
export interface ListRoutesSpec<F extends string, Row extends { id: number }, Input> {
  /** The path under /admin/events/:id, and the name of the row's id in it. */
  path: 'speakers' | 'questions' | 'links';
  param: string;
  fields: readonly F[];
  blank: Record<F, string>;
  notices: { saved: MessageKey; deleted: MessageKey };
  parse: (values: Record<F, string>) => FormResult<F, Input>;
  toForm: (row: Row) => Record<F, string>;
  rows: {
    find: (db: C['var']['deps']['db'], eventId: number, id: number) => Promise<Row | undefined>;
    save: (db: C['var']['deps']['db'], eventId: number, input: Input, id: number | null, now: Date) => Promise<number>;
    move: (db: C['var']['deps']['db'], eventId: number, id: number, direction: 'up' | 'down', now: Date) => Promise<boolean>;
    remove: (db: C['var']['deps']['db'], eventId: number, id: number, now: Date) => Promise<void>;
  };
  /** The list page with the add form (and its notice, on a plain view). */
  listPage: (c: C, event: EventRow, form: ListForm<F>, notice: string | undefined) => Promise<Response>;
  editPage: (c: C, event: EventRow, row: Row, form: ListForm<F>) => Response | Promise<Response>;
  /** Where a saved row is shown on the list ('' for the top). */
  anchor?: (id: number) => string;
  /** Before deleting: the question to ask (null to delete at once) and what the audit log records about the row. */
  beforeDelete: (c: C, row: Row) => Promise<{ confirm: string | null; audit: Record<string, string | number> }>;
}

/** /admin/events/:id/<path>: list, add, edit, move and delete the rows of one ordered list. */
export function orderedListRoutes<F extends string, Row extends { id: number }, Input>(spec: ListRoutesSpec<F, Row, Input>) {
  const base = `/:id{[0-9]+}/${spec.path}`;
  const item = `${base}/:${spec.param}{[0-9]+}`;
  const listPath = (event: EventRow, id?: number) => adminEventPath(event, `/${spec.path}${id === undefined ? '' : (spec.anchor?.(id) ?? '')}`);
  const renderList = async (c: C, event: EventRow, form: ListForm<F> = { values: spec.blank, errors: {} }, status: 200 | 422 = 200) => {
    c.status(status);
    return spec.listPage(c, event, form, status === 200 ? noticeFor(c, spec.notices) : undefined);
  };
  const rowOf = async (c: C) => {
    const event = await accessEvent(c, c.req.param('id'));
    const row = await spec.rows.find(c.var.deps.db, event.id, idParam(c, spec.param));
    if (!row) throw new NotFound();
    return { event, row };
  };
  return new Hono<AdminEnv>()
    .get(base, async (c) => renderList(c, await accessEvent(c, idParam(c, 'id'))))
    .post(base, async (c) => {
      const event = await accessEvent(c, c.req.param('id'));
      const values = pickFields(single(await formBody(c)), spec.fields);
      const parsed = spec.parse(values);
      if (!parsed.ok) return renderList(c, event, { values, errors: parsed.errors }, 422);
      const id = await spec.rows.save(c.var.deps.db, event.id, parsed.data, null, c.var.deps.clock());
      return redirectWith(c, listPath(event, id), 'saved');
    })
    .get(item, async (c) => {
      const { event, row } = await rowOf(c);
      return spec.editPage(c, event, row, { values: spec.toForm(row), errors: {} });
    })
    .post(item, async (c) => {
      const { event, row } = await rowOf(c);
      const values = pickFields(single(await formBody(c)), spec.fields);
      const parsed = spec.parse(values);
      if (!parsed.ok) {
        c.status(422);
        return spec.editPage(c, event, row, { values, errors: parsed.errors });
      }
      await spec.rows.save(c.var.deps.db, event.id, parsed.data, row.id, c.var.deps.clock());
      return redirectWith(c, listPath(event, row.id), 'saved');
    })
    .post(`${item}/move`, async (c) => {
      const { event, row } = await rowOf(c);
      const direction = one(await formBody(c), 'direction') === 'up' ? 'up' : 'down';
      await spec.rows.move(c.var.deps.db, event.id, row.id, direction, c.var.deps.clock());
      return redirectWith(c, listPath(event, row.id));
    })
    .post(`${item}/delete`, async (c) => {
      const { event, row } = await rowOf(c);
      const { confirm, audit } = await spec.beforeDelete(c, row);
      if (confirm !== null && !confirmed(await formBody(c))) return renderConfirm(c, { question: confirm, back: listPath(event) });
      await spec.rows.remove(c.var.deps.db, event.id, row.id, c.var.deps.clock());
      await logAction(c, 'event_content_deleted', `event:${event.id}`, { detail: audit });
      return redirectWith(c, listPath(event), 'deleted');
    });
}
