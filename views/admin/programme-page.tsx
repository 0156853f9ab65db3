import type { EventRow, RoomRow, SpeakerRow } from '../../db/schema';
import type { FormErrors } from '../../src/domain/forms';
import { type AdminItem, ITEM_KINDS, type ItemField, type ItemFormValues, canDeleteItems } from '../../src/domain/programme-editing';
import type { MessageKey } from '../../src/i18n/index';
import { eventDays, formatDay, formatTimeRange, localDate } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage, CsrfField, ErrorSummary, errorId, inputId } from './components';
import { ActionButton, Checkboxes, Input, Notice, Select, TextArea } from './event-fields';
import { EventAdminNav } from './event-nav';
import { adminEventPath } from '../../src/urls';

/** What every part of the programme editor needs to know. */
export interface ProgrammeData {
  event: EventRow;
  rooms: RoomRow[];
  speakers: SpeakerRow[];
  items: AdminItem[];
  /** Item id → ids of the items it overlaps in the same room. */
  overlaps: Map<number, number[]>;
}

// Lookups by id, built once per page: a programme of 2,000 items must not search the arrays for every row.
const lookups = new WeakMap<ProgrammeData, { items: Map<number, AdminItem>; rooms: Map<number, RoomRow>; speakers: Map<number, SpeakerRow> }>();
function byId(data: ProgrammeData) {
  let found = lookups.get(data);
  if (!found) {
    found = {
      items: new Map(data.items.map((i) => [i.id, i])),
      rooms: new Map(data.rooms.map((r) => [r.id, r])),
      speakers: new Map(data.speakers.map((s) => [s.id, s])),
    };
    lookups.set(data, found);
  }
  return found;
}
const titlesOf = (data: ProgrammeData, ids: readonly number[]) => ids.map((id) => byId(data).items.get(id)?.title ?? '').join('», «');

export interface ItemFormState {
  values: ItemFormValues;
  errors: FormErrors<ItemField>;
}

const LABELS: Record<ItemField, MessageKey> = {
  day: 'edit_f_day',
  start: 'edit_f_start',
  end: 'edit_f_end',
  room_id: 'edit_f_room',
  kind: 'edit_f_item_kind',
  title: 'edit_f_item_title',
  abstract: 'edit_f_abstract',
  speaker_ids: 'edit_f_speakers',
};

const itemPath = (data: ProgrammeData, id: number, rest = '') => adminEventPath(data.event, `/programme/items/${id}${rest}`);

/** The item form's fields (without the <form>), ids prefixed so that an inline edit row can sit beside the add form. */
function ItemFields({ data, form, prefix = '' }: { data: ProgrammeData; form: ItemFormState; prefix?: string }) {
  const { t, lang } = useI18n();
  const { values: v, errors: e } = form;
  const days = eventDays(data.event.starts_at, data.event.ends_at, data.event.time_zone);
  return (
    <>
      {/* The inline edit row (the only one with a prefix) replaces the button that opened it: htmx moves focus here. */}
      <Select field="day" idPrefix={prefix} label="edit_f_day" value={v.day} error={e.day} options={days.map((d) => ({ value: d, label: formatDay(d, lang) }))} autofocus={prefix !== ''} />
      <Input field="start" idPrefix={prefix} label="edit_f_start" type="time" value={v.start} error={e.start} required />
      <Input field="end" idPrefix={prefix} label="edit_f_end" type="time" value={v.end} error={e.end} required />
      <Select
        field="room_id"
        idPrefix={prefix}
        label="edit_f_room"
        value={v.room_id}
        error={e.room_id}
        options={[{ value: '', label: t('edit_no_room') }, ...data.rooms.map((r) => ({ value: String(r.id), label: r.name }))]}
      />
      <Select
        field="kind"
        idPrefix={prefix}
        label="edit_f_item_kind"
        value={v.kind}
        error={e.kind}
        options={ITEM_KINDS.map((k) => ({ value: k, label: t(`item_kind_${k}` as MessageKey) }))}
      />
      <Input field="title" idPrefix={prefix} label="edit_f_item_title" value={v.title} error={e.title} required maxlength={300} />
      <TextArea field="abstract" idPrefix={prefix} label="edit_f_abstract" value={v.abstract} error={e.abstract} rows={3} />
      <Checkboxes
        field="speaker_ids"
        idPrefix={prefix}
        label="edit_f_speakers"
        values={v.speaker_ids}
        error={e.speaker_ids}
        empty="edit_no_speakers_yet"
        options={data.speakers.map((s) => ({ value: String(s.id), label: s.organisation ? `${s.name} (${s.organisation})` : s.name }))}
      />
    </>
  );
}

/** An item that no longer lies within its event, e.g. after the event's times were changed. */
const outsideEvent = (data: ProgrammeData, item: AdminItem) =>
  item.status !== 'cancelled' && (item.starts_at < data.event.starts_at || item.ends_at > data.event.ends_at);

/** The warnings of one item (overlapping another in its room, outside the event's time), or nothing. */
function OverlapWarning({ data, item }: { data: ProgrammeData; item: AdminItem }) {
  const { t } = useI18n();
  const others = data.overlaps.get(item.id);
  const titles = titlesOf(data, others ?? []);
  return (
    <>
      {others?.length ? (
        <p class="warning overlap" id={`overlap-${item.id}`}>
          <span aria-hidden="true">⚠ </span>
          {t('edit_item_overlap', { titles })}
        </p>
      ) : null}
      {outsideEvent(data, item) ? (
        <p class="warning outside">
          <span aria-hidden="true">⚠ </span>
          {t('edit_item_outside_now')}
        </p>
      ) : null}
    </>
  );
}

/**
 * One item as a table row, with its actions; htmx swaps it for the edit row and back. `focus` when it comes back in
 * place of the edit row (saved or cancelled), so the keyboard is not dropped at the top of the page.
 */
export function ItemRow({ data, item, focus = false }: { data: ProgrammeData; item: AdminItem; focus?: boolean }) {
  const { t, lang } = useI18n();
  const { event } = data;
  const cancelled = item.status === 'cancelled';
  const room = item.room_id === null ? undefined : byId(data).rooms.get(item.room_id);
  const names = item.speaker_ids.map((id) => byId(data).speakers.get(id)?.name).filter(Boolean);
  return (
    <tr id={`item-${item.id}`} class={[cancelled ? 'item-cancelled' : '', data.overlaps.has(item.id) ? 'item-overlap' : ''].join(' ').trim() || undefined}>
      <td>
        <time datetime={item.starts_at}>
          {formatDay(localDate(item.starts_at, event.time_zone), lang)}, {formatTimeRange(item.starts_at, item.ends_at, event.time_zone, lang)}
        </time>
      </td>
      <td>{room?.name ?? ''}</td>
      <td>{t(`item_kind_${item.kind}` as MessageKey)}</td>
      <th scope="row">
        {cancelled ? <s>{item.title}</s> : item.title}
        {cancelled ? <strong class="cancelled"> ({t('edit_item_cancelled')})</strong> : null}
        <OverlapWarning data={data} item={item} />
      </th>
      <td>{names.join(', ')}</td>
      <td class="actions">
        {cancelled ? null : (
          <>
            <a
              href={itemPath(data, item.id, '/edit')}
              data-hx-get={itemPath(data, item.id, '/edit')}
              data-hx-target="closest tr"
              data-hx-swap="outerHTML"
              aria-label={t('edit_edit_named', { name: item.title })}
              autofocus={focus}
            >
              {t('edit_edit')}
            </a>{' '}
            {canDeleteItems(event) ? (
              <ActionButton action={itemPath(data, item.id, '/delete')} label={t('edit_delete')} ariaLabel={t('edit_delete_named', { name: item.title })} />
            ) : (
              <ActionButton action={itemPath(data, item.id, '/cancel')} label={t('edit_item_cancel')} />
            )}
          </>
        )}
      </td>
    </tr>
  );
}

/** The inline edit form of an item, in place of its row (htmx). Saving returns the row; errors return this again. */
export function ItemEditRow({ data, item, form }: { data: ProgrammeData; item: AdminItem; form: ItemFormState }) {
  const { t } = useI18n();
  const prefix = `i${item.id}-`;
  const errors = Object.entries(form.errors) as [ItemField | 'form', MessageKey][];
  return (
    <tr id={`item-${item.id}`} class="editing">
      <td colspan={6}>
        <form method="post" action={itemPath(data, item.id)} data-hx-post={itemPath(data, item.id)} data-hx-target="closest tr" data-hx-swap="outerHTML" novalidate>
          <CsrfField />
          {errors.length ? (
            <div class="error-summary" role="alert">
              <ul>
                {errors.map(([field, key]) =>
                  field === 'form' ? (
                    <li>{t(key)}</li>
                  ) : (
                    <li>
                      <a href={`#${inputId(prefix + field)}`}>
                        {t(LABELS[field])}: {t(key)}
                      </a>
                    </li>
                  ),
                )}
              </ul>
            </div>
          ) : null}
          <ItemFields data={data} form={form} prefix={prefix} />
          <p>
            <button type="submit">{t('edit_save')}</button>{' '}
            <a href={adminEventPath(data.event, '/programme')} data-hx-get={itemPath(data, item.id, '/row')} data-hx-target="closest tr" data-hx-swap="outerHTML">
              {t('edit_cancel_editing')}
            </a>
          </p>
        </form>
      </td>
    </tr>
  );
}

function ItemsTable({ data }: { data: ProgrammeData }) {
  const { t } = useI18n();
  if (data.items.length === 0) return <p>{t('edit_items_none')}</p>;
  return (
    <table class="admin-list programme-items">
      <thead>
        <tr>
          <th scope="col">{t('edit_col_time')}</th>
          <th scope="col">{t('edit_col_room')}</th>
          <th scope="col">{t('edit_col_kind')}</th>
          <th scope="col">{t('edit_col_title')}</th>
          <th scope="col">{t('edit_col_speakers')}</th>
          <th scope="col">{t('edit_col_actions')}</th>
        </tr>
      </thead>
      <tbody>
        {data.items.map((item) => (
          <ItemRow data={data} item={item} />
        ))}
      </tbody>
    </table>
  );
}

function Rooms({ data, roomError }: { data: ProgrammeData; roomError?: MessageKey | undefined }) {
  const { t } = useI18n();
  const base = adminEventPath(data.event, '/programme/rooms');
  return (
    <section aria-labelledby="rooms-heading">
      <h2 id="rooms-heading">{t('edit_rooms')}</h2>
      {data.rooms.length === 0 ? <p>{t('edit_rooms_none')}</p> : null}
      <ol class="rooms-list">
        {data.rooms.map((room, i) => (
          <li id={`room-${room.id}`}>
            <form method="post" action={`${base}/${room.id}`} class="inline-form">
              <CsrfField />
              <label for={`room-name-${room.id}`} class="visually-hidden">
                {t('edit_room_name')}
              </label>
              <input id={`room-name-${room.id}`} name="name" value={room.name} maxlength={100} required />{' '}
              <button type="submit">{t('edit_room_rename')}</button>
            </form>{' '}
            {i > 0 ? <ActionButton action={`${base}/${room.id}/move`} fields={{ direction: 'up' }} label="↑" ariaLabel={t('edit_move_up_named', { name: room.name })} /> : null}
            {i < data.rooms.length - 1 ? (
              <ActionButton action={`${base}/${room.id}/move`} fields={{ direction: 'down' }} label="↓" ariaLabel={t('edit_move_down_named', { name: room.name })} />
            ) : null}{' '}
            <ActionButton action={`${base}/${room.id}/delete`} label={t('edit_delete')} ariaLabel={t('edit_delete_named', { name: room.name })} />
          </li>
        ))}
      </ol>
      <form method="post" action={base} novalidate>
        <CsrfField />
        <div class={`field${roomError ? ' field-invalid' : ''}`}>
          <label for={inputId('room_name')}>{t('edit_room_name')}</label>
          {roomError ? (
            <p class="field-error" id={errorId('room_name')} role="alert">
              {t(roomError)}
            </p>
          ) : null}
          <input
            id={inputId('room_name')}
            name="name"
            maxlength={100}
            aria-invalid={roomError ? 'true' : undefined}
            aria-describedby={roomError ? errorId('room_name') : undefined}
          />
        </div>
        <p>
          <button type="submit">{t('edit_room_add')}</button>
        </p>
      </form>
    </section>
  );
}

/** The programme editor: rooms, the items (flagging overlaps), and a form for a new item. */
export function ProgrammeAdminPage(props: {
  data: ProgrammeData;
  form: ItemFormState;
  notice?: string | undefined;
  /** The item just saved, if it overlaps another: warned about at the top as well as in its row. */
  savedOverlap?: AdminItem | undefined;
  roomError?: MessageKey | undefined;
}) {
  const { t } = useI18n();
  const { data } = props;
  const { event } = data;
  return (
    <AdminPage title={t('edit_programme_title', { title: event.title })} current="events">
      <EventAdminNav event={event} current="programme" />
      <Notice text={props.notice} />
      {props.savedOverlap ? (
        <p class="warning" role="alert">
          <a href={`#item-${props.savedOverlap.id}`}>{props.savedOverlap.title}</a>:{' '}
          {t('edit_item_overlap', {
            titles: titlesOf(data, data.overlaps.get(props.savedOverlap.id) ?? []),
          })}
        </p>
      ) : data.overlaps.size ? (
        <p class="warning">{t('edit_overlaps_found', { count: data.overlaps.size })}</p>
      ) : null}
      {data.items.some((item) => outsideEvent(data, item)) ? <p class="warning">{t('edit_items_outside_found')}</p> : null}
      {event.status === 'published' ? <p class="hint">{t('edit_programme_changes_note')}</p> : null}
      <p class="hint">{t('edit_times_local', { zone: event.time_zone })}</p>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">{t('edit_items')}</h2>
        <ItemsTable data={data} />
      </section>
      <section aria-labelledby="new-item-heading">
        <h2 id="new-item-heading">{t('edit_item_new')}</h2>
        <ErrorSummary errors={props.form.errors} labels={LABELS} />
        <form method="post" action={adminEventPath(event, '/programme/items')} novalidate>
          <CsrfField />
          <ItemFields data={data} form={props.form} />
          <p>
            <button type="submit">{t('edit_item_add')}</button>
          </p>
        </form>
      </section>
      <Rooms data={data} roomError={props.roomError} />
    </AdminPage>
  );
}

/** The plain edit page of one item, for browsers without JavaScript. */
export function ItemEditPage({ data, item, form }: { data: ProgrammeData; item: AdminItem; form: ItemFormState }) {
  const { t } = useI18n();
  return (
    <AdminPage title={t('edit_item_edit_title', { title: item.title })} current="events">
      <EventAdminNav event={data.event} current="programme" />
      <ErrorSummary errors={form.errors} labels={LABELS} />
      <form method="post" action={itemPath(data, item.id)} novalidate>
        <CsrfField />
        <ItemFields data={data} form={form} />
        <p>
          <button type="submit">{t('edit_save')}</button> <a href={adminEventPath(data.event, '/programme')}>{t('edit_cancel_editing')}</a>
        </p>
      </form>
    </AdminPage>
  );
}
