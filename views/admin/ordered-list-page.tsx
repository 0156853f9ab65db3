import type { Child } from 'hono/jsx';
import type { EventRow } from '../../db/schema';
import { useI18n } from '../context';
import type { MessageKey } from '../../src/i18n/index';
import { AdminPage, CsrfField, ErrorSummary, type FieldErrors } from './components';
import { ActionButton, Notice } from './event-fields';
import { type EventAdminPage, EventAdminNav } from './event-nav';
import { adminEventPath } from '../../src/urls';

// The pages of an event's ordered lists (speakers, registration questions, links) share one shape: the rows with
// edit, move and delete, or a note that there are none, then the form that adds one.

/** Edit, move up or down, and delete: the actions of one row in an ordered list (speakers, questions, links). */
function RowActions(props: { base: string; id: number; name: string; index: number; count: number; children?: Child }) {
  const { t } = useI18n();
  const row = `${props.base}/${props.id}`;
  return (
    <td class="actions">
      <a href={row} aria-label={t('edit_edit_named', { name: props.name })}>
        {t('edit_edit')}
      </a>{' '}
      {props.children}
      {props.index > 0 ? <ActionButton action={`${row}/move`} fields={{ direction: 'up' }} label="↑" ariaLabel={t('edit_move_up_named', { name: props.name })} /> : null}
      {props.index < props.count - 1 ? (
        <ActionButton action={`${row}/move`} fields={{ direction: 'down' }} label="↓" ariaLabel={t('edit_move_down_named', { name: props.name })} />
      ) : null}{' '}
      <ActionButton action={`${row}/delete`} label={t('edit_delete')} ariaLabel={t('edit_delete_named', { name: props.name })} />
    </td>
  );
}

export interface Column {
  label: string;
  /** Numbers align right. */
  num?: boolean;
}

/**
 * An ordered list's page. `cells` gives a row's cells before its actions (the first should be its `<th scope="row">`);
 * `extraActions` adds links in front of a row's edit/move/delete.
 */
export function OrderedListPage<T extends { id: number }>(props: {
  event: EventRow;
  page: EventAdminPage & ('speakers' | 'questions' | 'links');
  title: string;
  notice?: string | undefined;
  intro?: Child;
  none: string;
  items: readonly T[];
  columns: readonly Column[];
  name: (item: T) => string;
  cells: (item: T) => Child;
  extraActions?: (item: T) => Child;
  newTitle: string;
  form: Child;
}) {
  const { t } = useI18n();
  const base = adminEventPath(props.event, `/${props.page}`);
  return (
    <AdminPage title={props.title} current="events">
      <EventAdminNav event={props.event} current={props.page} />
      <Notice text={props.notice} />
      {props.intro}
      {props.items.length === 0 ? (
        <p>{props.none}</p>
      ) : (
        <table class="admin-list">
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th scope="col" class={column.num ? 'num' : undefined}>
                  {column.label}
                </th>
              ))}
              <th scope="col">{t('edit_col_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((item, i) => (
              <tr id={`${props.page.replace(/s$/, '')}-${item.id}`}>
                {props.cells(item)}
                <RowActions base={base} id={item.id} name={props.name(item)} index={i} count={props.items.length}>
                  {props.extraActions?.(item)}
                </RowActions>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{props.newTitle}</h2>
      {props.form}
    </AdminPage>
  );
}

/** The add/edit form of an ordered list's item: its errors summarised above it, the fields, and one submit button. */
export function ItemForm<F extends string>(props: {
  errors: FieldErrors<F>;
  labels: Partial<Record<F, MessageKey>>;
  action: string;
  submit: MessageKey;
  children: Child;
}) {
  const { t } = useI18n();
  return (
    <>
      <ErrorSummary errors={props.errors} labels={props.labels} />
      <form method="post" action={props.action} novalidate>
        <CsrfField />
        {props.children}
        <p>
          <button type="submit">{t(props.submit)}</button>
        </p>
      </form>
    </>
  );
}
