import type { EventRow } from '../../db/schema';
import { EVENT_KINDS, type EventField, type EventFormValues, PUBLIC_LIST_SETTINGS } from '../../src/domain/event-editing';
import type { FormErrors } from '../../src/domain/forms';
import type { MessageKey } from '../../src/i18n/index';
import { formatDateRange } from '../../src/time';
import { useI18n } from '../context';
import { AnonymiseAction } from './anonymise-page';
import { AdminPage, CsrfField, ErrorSummary } from './components';
import { ActionButton, Input, Notice, Select, TextArea } from './event-fields';
import { EventAdminNav } from './event-nav';
import { adminEventPath, eventPath } from '../../src/urls';

const LABELS: Record<EventField, MessageKey> = {
  title: 'edit_f_title',
  slug: 'edit_f_slug',
  kind: 'edit_f_kind',
  summary: 'edit_f_summary',
  description: 'edit_f_description',
  language: 'edit_f_language',
  time_zone: 'edit_f_time_zone',
  starts_local: 'edit_f_starts',
  ends_local: 'edit_f_ends',
  venue_name: 'edit_f_venue_name',
  venue_address: 'edit_f_venue_address',
  online_url: 'edit_f_online_url',
  organiser_name: 'edit_f_organiser_name',
  contact_name: 'edit_f_contact_name',
  contact_email: 'edit_f_contact_email',
  contact_phone: 'edit_f_contact_phone',
  capacity: 'edit_f_capacity',
  registration_opens_local: 'edit_f_opens',
  registration_closes_local: 'edit_f_closes',
  public_list: 'edit_f_public_list',
  reminder_hours: 'edit_f_reminder_hours',
};

export interface EventFormState {
  values: EventFormValues;
  errors: FormErrors<EventField>;
}

/** Every field of an event, grouped; times are local to the event's zone. */
export function EventForm({ state, action, submit }: { state: EventFormState; action: string; submit: MessageKey }) {
  const { t } = useI18n();
  const v = state.values;
  const e = state.errors;
  return (
    <>
      <ErrorSummary errors={e} labels={LABELS} />
      <form method="post" action={action} novalidate class="event-form">
        <CsrfField />
        <fieldset>
          <legend>{t('edit_fieldset_about')}</legend>
          <Input field="title" label="edit_f_title" value={v.title} error={e.title} required maxlength={200} />
          <Input field="slug" label="edit_f_slug" hint="edit_f_slug_hint" value={v.slug} error={e.slug} maxlength={80} />
          <Select
            field="kind"
            label="edit_f_kind"
            value={v.kind}
            error={e.kind}
            options={EVENT_KINDS.map((k) => ({ value: k, label: t(`kind_${k}` as MessageKey) }))}
          />
          <TextArea field="summary" label="edit_f_summary" value={v.summary} error={e.summary} rows={2} maxlength={500} />
          <TextArea field="description" label="edit_f_description" hint="edit_f_description_hint" value={v.description} error={e.description} rows={12} />
          <Input field="language" label="edit_f_language" hint="edit_f_language_hint" value={v.language} error={e.language} size={8} maxlength={20} />
        </fieldset>
        <fieldset>
          <legend>{t('edit_fieldset_time')}</legend>
          <Input field="time_zone" label="edit_f_time_zone" hint="edit_f_time_zone_hint" value={v.time_zone} error={e.time_zone} required maxlength={64} />
          <Input field="starts_local" type="datetime-local" label="edit_f_starts" value={v.starts_local} error={e.starts_local} required />
          <Input field="ends_local" type="datetime-local" label="edit_f_ends" value={v.ends_local} error={e.ends_local} required />
        </fieldset>
        <fieldset>
          <legend>{t('edit_fieldset_place')}</legend>
          <Input field="venue_name" label="edit_f_venue_name" value={v.venue_name} error={e.venue_name} maxlength={200} />
          <Input field="venue_address" label="edit_f_venue_address" value={v.venue_address} error={e.venue_address} maxlength={300} />
          <Input field="online_url" type="url" label="edit_f_online_url" value={v.online_url} error={e.online_url} maxlength={2000} />
        </fieldset>
        <fieldset>
          <legend>{t('edit_fieldset_contact')}</legend>
          <Input field="organiser_name" label="edit_f_organiser_name" value={v.organiser_name} error={e.organiser_name} required maxlength={200} autocomplete="organization" />
          <Input field="contact_name" label="edit_f_contact_name" value={v.contact_name} error={e.contact_name} maxlength={200} />
          <Input field="contact_email" type="email" label="edit_f_contact_email" value={v.contact_email} error={e.contact_email} maxlength={254} />
          <Input field="contact_phone" type="tel" label="edit_f_contact_phone" value={v.contact_phone} error={e.contact_phone} maxlength={50} />
        </fieldset>
        <fieldset>
          <legend>{t('edit_fieldset_registration')}</legend>
          <Input field="capacity" label="edit_f_capacity" hint="edit_f_capacity_hint" value={v.capacity} error={e.capacity} inputmode="numeric" size={8} />
          <Input field="registration_opens_local" type="datetime-local" label="edit_f_opens" hint="edit_f_optional_time_hint" value={v.registration_opens_local} error={e.registration_opens_local} />
          <Input field="registration_closes_local" type="datetime-local" label="edit_f_closes" hint="edit_f_optional_time_hint" value={v.registration_closes_local} error={e.registration_closes_local} />
          <Select
            field="public_list"
            label="edit_f_public_list"
            value={v.public_list}
            error={e.public_list}
            options={PUBLIC_LIST_SETTINGS.map((s) => ({ value: s, label: t(`edit_public_list_${s}` as MessageKey) }))}
          />
          <Input field="reminder_hours" label="edit_f_reminder_hours" hint="edit_f_reminder_hint" value={v.reminder_hours} error={e.reminder_hours} inputmode="numeric" size={5} />
        </fieldset>
        <p>
          <button type="submit">{t(submit)}</button>
        </p>
      </form>
    </>
  );
}

export function NewEventPage({ state }: { state: EventFormState }) {
  const { t } = useI18n();
  return (
    <AdminPage title={t('edit_new_event_title')} current="events">
      <EventForm state={state} action="/admin/events/new" submit="edit_create" />
    </AdminPage>
  );
}

/** The event's overview: status, links to all its organiser pages, actions, and the edit form. */
export function EventOverviewPage(props: { event: EventRow; state: EventFormState; registrations: number; notice?: string | undefined }) {
  const { t, lang } = useI18n();
  const { event } = props;
  const path = (p: string) => adminEventPath(event, p);
  return (
    <AdminPage title={t('edit_event_title', { title: event.title })} current="events">
      <EventAdminNav event={event} current="overview" />
      <Notice text={props.notice} />
      <p class="event-status">
        <span class={`status status-${event.status}`}>{t('edit_status', { status: t(`admin_status_${event.status}` as MessageKey) })}</span>
        {' · '}
        <time datetime={event.starts_at}>{formatDateRange(event.starts_at, event.ends_at, event.time_zone, lang)}</time>
        {' · '}
        {t('edit_registrations_count', { count: props.registrations })}
        {event.status !== 'draft' ? (
          <>
            {' · '}
            <a href={eventPath(event)}>{t('edit_page_public')}</a>
          </>
        ) : null}
      </p>
      <section aria-labelledby="actions-heading" class="event-actions">
        <h2 id="actions-heading">{t('edit_actions')}</h2>
        {event.status === 'cancelled' ? <p>{t('edit_cancelled_note')}</p> : null}
        <div class="action-buttons">
          {event.status === 'draft' ? <ActionButton action={path('/publish')} label={t('edit_publish')} /> : null}
          {event.status === 'published' ? <ActionButton action={path('/unpublish')} label={t('edit_unpublish')} /> : null}{' '}
          {event.status !== 'cancelled' ? <ActionButton action={path('/cancel')} label={t('edit_cancel_event')} class="danger" /> : null}
        </div>
        <AnonymiseAction event={event} />
        <form method="post" action={path('/duplicate')} class="duplicate-form">
          <CsrfField />
          <fieldset>
            <legend>{t('edit_duplicate')}</legend>
            <p class="hint">{t('edit_duplicate_intro')}</p>
            <Input field="days" label="edit_duplicate_days" value="" inputmode="numeric" size={5} />
            <Input field="start_date" type="date" label="edit_duplicate_date" value="" />
            <button type="submit">{t('edit_duplicate')}</button>
          </fieldset>
        </form>
      </section>
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t('edit_page_edit')}</h2>
        {event.status === 'cancelled' ? null : <EventForm state={props.state} action={path('')} submit="edit_save" />}
      </section>
    </AdminPage>
  );
}
