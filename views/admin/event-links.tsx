import type { EventRow, LinkRow } from '../../db/schema';
import { type FormErrors, LINK_KINDS, type LinkField, type LinkFormValues } from '../../src/domain/event-editing';
import type { MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';
import { AdminPage, CsrfField, ErrorSummary } from './components';
import { RowActions, Input, Notice, Select } from './event-fields';
import { EventAdminNav, adminEventPath } from './event-nav';

export interface LinkFormState {
  values: LinkFormValues;
  errors: FormErrors<LinkField>;
}

const LABELS: Record<LinkField, MessageKey> = { kind: 'edit_f_link_kind', title: 'edit_f_link_title', url: 'edit_f_url' };

function LinkForm({ form, action, submit }: { form: LinkFormState; action: string; submit: MessageKey }) {
  const { t } = useI18n();
  const { values: v, errors: e } = form;
  return (
    <>
      <ErrorSummary errors={e} labels={LABELS} />
      <form method="post" action={action} novalidate>
        <CsrfField />
        <Select
          field="kind"
          label="edit_f_link_kind"
          value={v.kind}
          error={e.kind}
          options={LINK_KINDS.map((k) => ({ value: k, label: t(`edit_link_kind_${k}` as MessageKey) }))}
        />
        <Input field="title" label="edit_f_link_title" value={v.title} error={e.title} required maxlength={200} />
        <Input field="url" type="url" label="edit_f_url" value={v.url} error={e.url} required maxlength={2000} />
        <p>
          <button type="submit">{t(submit)}</button>
        </p>
      </form>
    </>
  );
}

export function LinksPage(props: { event: EventRow; links: LinkRow[]; form: LinkFormState; notice?: string | undefined }) {
  const { t } = useI18n();
  const { event } = props;
  const base = adminEventPath(event, '/links');
  return (
    <AdminPage title={t('edit_links_title', { title: event.title })} current="events">
      <EventAdminNav event={event} current="links" />
      <Notice text={props.notice} />
      {props.links.length === 0 ? (
        <p>{t('edit_links_none')}</p>
      ) : (
        <table class="admin-list">
          <thead>
            <tr>
              <th scope="col">{t('edit_f_link_title')}</th>
              <th scope="col">{t('edit_f_link_kind')}</th>
              <th scope="col">{t('edit_f_url')}</th>
              <th scope="col">{t('edit_col_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.links.map((link, i) => (
              <tr id={`link-${link.id}`}>
                <th scope="row">{link.title}</th>
                <td>{t(`edit_link_kind_${link.kind}` as MessageKey)}</td>
                <td>
                  <a href={link.url} rel="noopener noreferrer">
                    {link.url}
                  </a>
                </td>
                <RowActions base={base} id={link.id} name={link.title} index={i} count={props.links.length} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('edit_link_new')}</h2>
      <LinkForm form={props.form} action={base} submit="edit_link_add" />
    </AdminPage>
  );
}

export function LinkEditPage(props: { event: EventRow; link: LinkRow; form: LinkFormState }) {
  const { t } = useI18n();
  return (
    <AdminPage title={t('edit_link_edit_title', { title: props.link.title })} current="events">
      <EventAdminNav event={props.event} current="links" />
      <LinkForm form={props.form} action={adminEventPath(props.event, `/links/${props.link.id}`)} submit="edit_save" />
      <p>
        <a href={adminEventPath(props.event, '/links')}>{t('edit_back_to_event')}</a>
      </p>
    </AdminPage>
  );
}
