import type { EventRow, LinkRow } from '../../db/schema';
import type { FormErrors } from '../../src/domain/forms';
import { LINK_KINDS, type LinkField, type LinkFormValues } from '../../src/domain/link-editing';
import type { MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';
import { AdminPage } from './components';
import { Input, Select } from './event-fields';
import { EventAdminNav } from './event-nav';
import { ItemForm, OrderedListPage } from './ordered-list-page';
import { adminEventPath } from '../../src/urls';

export interface LinkFormState {
  values: LinkFormValues;
  errors: FormErrors<LinkField>;
}

const LABELS: Record<LinkField, MessageKey> = { kind: 'edit_f_link_kind', title: 'edit_f_link_title', url: 'edit_f_url' };

function LinkForm({ form, action, submit }: { form: LinkFormState; action: string; submit: MessageKey }) {
  const { t } = useI18n();
  const { values: v, errors: e } = form;
  return (
    <ItemForm errors={e} labels={LABELS} action={action} submit={submit}>
      <Select
        field="kind"
        label="edit_f_link_kind"
        value={v.kind}
        error={e.kind}
        options={LINK_KINDS.map((k) => ({ value: k, label: t(`edit_link_kind_${k}` as MessageKey) }))}
      />
      <Input field="title" label="edit_f_link_title" value={v.title} error={e.title} required maxlength={200} />
      <Input field="url" type="url" label="edit_f_url" value={v.url} error={e.url} required maxlength={2000} />
    </ItemForm>
  );
}

export function LinksPage(props: { event: EventRow; links: LinkRow[]; form: LinkFormState; notice?: string | undefined }) {
  const { t } = useI18n();
  const { event } = props;
  return (
    <OrderedListPage
      event={event}
      page="links"
      title={t('edit_links_title', { title: event.title })}
      notice={props.notice}
      none={t('edit_links_none')}
      items={props.links}
      columns={[{ label: t('edit_f_link_title') }, { label: t('edit_f_link_kind') }, { label: t('edit_f_url') }]}
      name={(link) => link.title}
      cells={(link) => (
        <>
          <th scope="row">{link.title}</th>
          <td>{t(`edit_link_kind_${link.kind}` as MessageKey)}</td>
          <td>
            <a href={link.url} rel="noopener noreferrer">
              {link.url}
            </a>
          </td>
        </>
      )}
      newTitle={t('edit_link_new')}
      form={<LinkForm form={props.form} action={adminEventPath(event, '/links')} submit="edit_link_add" />}
    />
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
