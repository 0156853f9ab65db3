import type { EventRow, SpeakerRow } from '../../db/schema';
import type { FormErrors } from '../../src/domain/forms';
import type { SpeakerField, SpeakerFormValues } from '../../src/domain/speaker-editing';
import type { MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';
import { AdminPage } from './components';
import { Input, TextArea } from './event-fields';
import { EventAdminNav } from './event-nav';
import { ItemForm, OrderedListPage } from './ordered-list-page';
import { adminEventPath } from '../../src/urls';

export interface SpeakerFormState {
  values: SpeakerFormValues;
  errors: FormErrors<SpeakerField>;
}

const LABELS: Record<SpeakerField, MessageKey> = { name: 'edit_f_name', role: 'edit_f_role', organisation: 'edit_f_organisation', bio: 'edit_f_bio' };

function SpeakerForm({ form, action, submit }: { form: SpeakerFormState; action: string; submit: MessageKey }) {
  const { values: v, errors: e } = form;
  return (
    <ItemForm errors={e} labels={LABELS} action={action} submit={submit}>
      <Input field="name" label="edit_f_name" value={v.name} error={e.name} required maxlength={200} />
      <Input field="role" label="edit_f_role" value={v.role} error={e.role} maxlength={200} />
      <Input field="organisation" label="edit_f_organisation" value={v.organisation} error={e.organisation} maxlength={200} />
      <TextArea field="bio" label="edit_f_bio" value={v.bio} error={e.bio} rows={5} maxlength={5000} />
    </ItemForm>
  );
}

export function SpeakersPage(props: { event: EventRow; speakers: SpeakerRow[]; form: SpeakerFormState; notice?: string | undefined }) {
  const { t } = useI18n();
  const { event } = props;
  const base = adminEventPath(event, '/speakers');
  return (
    <OrderedListPage
      event={event}
      page="speakers"
      title={t('edit_speakers_title', { title: event.title })}
      notice={props.notice}
      intro={
        <p class="hint">
          {t('edit_speaker_photo_hint')} <a href={adminEventPath(event, '/files')}>{t('edit_page_files')}</a>
        </p>
      }
      none={t('edit_speakers_none')}
      items={props.speakers}
      columns={[{ label: t('edit_f_name') }, { label: t('edit_f_role') }, { label: t('edit_f_organisation') }]}
      name={(s) => s.name}
      cells={(s) => (
        <>
          <th scope="row">{s.name}</th>
          <td>{s.role}</td>
          <td>{s.organisation}</td>
        </>
      )}
      extraActions={(s) => (
        <>
          <a href={`${base}/${s.id}/upload-link`} aria-label={t('edit_speaker_upload_link_named', { name: s.name })}>
            {t('edit_speaker_upload_link')}
          </a>{' '}
        </>
      )}
      newTitle={t('edit_speaker_new')}
      form={<SpeakerForm form={props.form} action={base} submit="edit_speaker_add" />}
    />
  );
}

export function SpeakerEditPage(props: { event: EventRow; speaker: SpeakerRow; form: SpeakerFormState }) {
  const { t } = useI18n();
  const base = adminEventPath(props.event, '/speakers');
  return (
    <AdminPage title={t('edit_speaker_edit_title', { name: props.speaker.name })} current="events">
      <EventAdminNav event={props.event} current="speakers" />
      <SpeakerForm form={props.form} action={`${base}/${props.speaker.id}`} submit="edit_save" />
      <ul>
        <li>
          <a href={`${base}/${props.speaker.id}/upload-link`}>{t('edit_speaker_upload_link')}</a>
        </li>
        <li>
          <a href={adminEventPath(props.event, '/files')}>{t('edit_page_files')}</a>
        </li>
        <li>
          <a href={base}>{t('edit_page_speakers')}</a>
        </li>
      </ul>
    </AdminPage>
  );
}
