import { Hono } from 'hono';
import type { EventRow } from '../../../db/schema';
import { ItemEditPage, ItemEditRow, type ItemFormState, ItemRow, ProgrammeAdminPage, type ProgrammeData } from '../../../views/admin/programme-page';
import type { AdminEnv } from './session';
import { moveRow } from '../../domain/ordered-list';
import { listSpeakers } from '../../domain/speaker-editing';
import {
  addRoom,
  blankItemForm,
  canDeleteItems,
  cancelItem,
  deleteItem,
  deleteRoom,
  findOverlaps,
  itemFormValues,
  itemToForm,
  listItems,
  listRooms,
  parseItemForm,
  renameRoom,
  roomNameSchema,
  saveItem,
} from '../../domain/programme-editing';
import { DomainError, NotFound } from '../../errors';
import type { MessageKey } from '../../i18n/index';
import { type C, accessEvent, confirmed, formBody, fragment, idParam, isHtmx, noticeFor, one, redirectWith, renderConfirm } from './event-helpers';
import { adminEventPath } from '../../urls';
import { logAction } from '../audit';

const NOTICES = { saved: 'edit_item_saved', changed: 'edit_saved' } as const;

async function loadData(db: C['var']['deps']['db'], event: EventRow): Promise<ProgrammeData> {
  const [rooms, speakers, items] = await Promise.all([listRooms(db, event.id), listSpeakers(db, event.id), listItems(db, event.id)]);
  return { event, rooms, speakers, items, overlaps: findOverlaps(items) };
}

const programmePath = (event: EventRow) => adminEventPath(event, '/programme');

async function renderPage(c: C, event: EventRow, extra: { form?: ItemFormState; roomError?: MessageKey } = {}, status: 200 | 422 = 200) {
  const data = await loadData(c.var.deps.db, event);
  const savedId = Number(c.req.query('item'));
  const saved = status === 200 && data.overlaps.has(savedId) ? data.items.find((i) => i.id === savedId) : undefined;
  c.status(status);
  return c.render(
    <ProgrammeAdminPage
      data={data}
      form={extra.form ?? { values: blankItemForm(event), errors: {} }}
      notice={status === 200 ? noticeFor(c, NOTICES) : undefined}
      savedOverlap={saved}
      roomError={extra.roomError}
    />,
    { title: c.var.t('edit_programme_title', { title: event.title }) },
  );
}

async function itemOf(c: C) {
  const event = await accessEvent(c, c.req.param('id'));
  const data = await loadData(c.var.deps.db, event);
  const item = data.items.find((i) => i.id === idParam(c, 'iid'));
  if (!item) throw new NotFound();
  return { event, data, item };
}

async function roomOf(c: C) {
  const event = await accessEvent(c, c.req.param('id'));
  const room = (await listRooms(c.var.deps.db, event.id)).find((r) => r.id === idParam(c, 'rid'));
  if (!room) throw new NotFound();
  return { event, room };
}

const known = (data: ProgrammeData) => ({ roomIds: data.rooms.map((r) => r.id), speakerIds: data.speakers.map((s) => s.id) });

/** /admin/events/:id/programme: rooms and items, with htmx inline editing of item rows and plain pages as fallback. */
export const programmeRoutes = new Hono<AdminEnv>()
  .get('/:id{[0-9]+}/programme', async (c) => renderPage(c, await accessEvent(c, c.req.param('id'))))
  .post('/:id{[0-9]+}/programme/items', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    const data = await loadData(c.var.deps.db, event);
    const values = itemFormValues(await formBody(c));
    const parsed = parseItemForm(values, event, known(data));
    if (!parsed.ok) return renderPage(c, event, { form: { values, errors: parsed.errors } }, 422);
    const id = await saveItem(c.var.deps.db, event, parsed.data, null, c.var.deps.clock());
    return redirectWith(c, `${programmePath(event)}#item-${id}`, 'saved', { item: id });
  })
  .get('/:id{[0-9]+}/programme/items/:iid{[0-9]+}/edit', async (c) => {
    const { data, item } = await itemOf(c);
    const form = { values: itemToForm(item, item.speaker_ids, data.event.time_zone), errors: {} };
    if (isHtmx(c)) return fragment(c, <ItemEditRow data={data} item={item} form={form} />);
    return c.render(<ItemEditPage data={data} item={item} form={form} />, { title: c.var.t('edit_item_edit_title', { title: item.title }) });
  })
  .get('/:id{[0-9]+}/programme/items/:iid{[0-9]+}/row', async (c) => {
    const { data, item } = await itemOf(c);
    if (!isHtmx(c)) return c.redirect(`${programmePath(data.event)}#item-${item.id}`, 303);
    return fragment(c, <ItemRow data={data} item={item} focus />);
  })
  .post('/:id{[0-9]+}/programme/items/:iid{[0-9]+}', async (c) => {
    const { event, data, item } = await itemOf(c);
    if (item.status === 'cancelled') throw new DomainError(409, 'edit_not_allowed_now');
    const values = itemFormValues(await formBody(c));
    const parsed = parseItemForm(values, event, known(data));
    if (!parsed.ok) {
      const form = { values, errors: parsed.errors };
      if (isHtmx(c)) return fragment(c, <ItemEditRow data={data} item={item} form={form} />, 422);
      c.status(422);
      return c.render(<ItemEditPage data={data} item={item} form={form} />, { title: c.var.t('edit_item_edit_title', { title: item.title }) });
    }
    await saveItem(c.var.deps.db, event, parsed.data, item.id, c.var.deps.clock());
    if (isHtmx(c)) {
      const fresh = await loadData(c.var.deps.db, event);
      const saved = fresh.items.find((i) => i.id === item.id)!;
      return fragment(c, <ItemRow data={fresh} item={saved} focus />);
    }
    return redirectWith(c, `${programmePath(event)}#item-${item.id}`, 'saved', { item: item.id });
  })
  .post('/:id{[0-9]+}/programme/items/:iid{[0-9]+}/cancel', async (c) => {
    const { event, item } = await itemOf(c);
    if (!confirmed(await formBody(c))) {
      return renderConfirm(c, { question: c.var.t('edit_confirm_cancel_item', { title: item.title }), back: programmePath(event) });
    }
    await cancelItem(c.var.deps.db, event, item.id, c.var.deps.clock());
    return redirectWith(c, `${programmePath(event)}#item-${item.id}`, 'changed');
  })
  .post('/:id{[0-9]+}/programme/items/:iid{[0-9]+}/delete', async (c) => {
    const { event, item } = await itemOf(c);
    // Once the programme has been public, an item is cancelled instead, so that the change stays visible.
    if (!canDeleteItems(event)) throw new DomainError(409, 'edit_not_allowed_now');
    if (!confirmed(await formBody(c))) {
      return renderConfirm(c, { question: c.var.t('edit_confirm_delete_item', { title: item.title }), back: programmePath(event) });
    }
    await deleteItem(c.var.deps.db, event, item.id, c.var.deps.clock());
    await logAction(c, 'event_content_deleted', `event:${event.id}`, { detail: { programme_item: item.id } });
    return redirectWith(c, programmePath(event), 'changed');
  })
  .post('/:id{[0-9]+}/programme/rooms', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    const name = roomNameSchema.safeParse(one(await formBody(c), 'name'));
    if (!name.success) return renderPage(c, event, { roomError: name.error.issues[0]!.message as MessageKey }, 422);
    await addRoom(c.var.deps.db, event.id, name.data, c.var.deps.clock());
    return redirectWith(c, `${programmePath(event)}#rooms-heading`, 'changed');
  })
  .post('/:id{[0-9]+}/programme/rooms/:rid{[0-9]+}', async (c) => {
    const { event, room } = await roomOf(c);
    const name = roomNameSchema.safeParse(one(await formBody(c), 'name'));
    if (!name.success) return renderPage(c, event, { roomError: name.error.issues[0]!.message as MessageKey }, 422);
    await renameRoom(c.var.deps.db, event.id, room.id, name.data, c.var.deps.clock());
    return redirectWith(c, `${programmePath(event)}#room-${room.id}`, 'changed');
  })
  .post('/:id{[0-9]+}/programme/rooms/:rid{[0-9]+}/move', async (c) => {
    const { event, room } = await roomOf(c);
    const direction = one(await formBody(c), 'direction') === 'up' ? 'up' : 'down';
    await moveRow(c.var.deps.db, 'rooms', event.id, room.id, direction, c.var.deps.clock());
    return redirectWith(c, `${programmePath(event)}#room-${room.id}`);
  })
  .post('/:id{[0-9]+}/programme/rooms/:rid{[0-9]+}/delete', async (c) => {
    const { event, room } = await roomOf(c);
    if (!confirmed(await formBody(c))) {
      return renderConfirm(c, { question: c.var.t('edit_confirm_delete_room', { name: room.name }), back: programmePath(event) });
    }
    await deleteRoom(c.var.deps.db, event.id, room.id, c.var.deps.clock());
    await logAction(c, 'event_content_deleted', `event:${event.id}`, { detail: { room: room.id } });
    return redirectWith(c, `${programmePath(event)}#rooms-heading`, 'changed');
  });
