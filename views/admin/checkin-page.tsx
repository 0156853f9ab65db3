import type { EventRow } from '../../db/schema';
import type { CheckinRow } from '../../src/domain/checkin';
import { formatTime } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage, CsrfField } from './components';
import { EventPagesNav } from './participants-nav';
import { adminEventPath } from '../../src/urls';

export interface CheckinCountProps {
  event: Pick<EventRow, 'id'>;
  checked: number;
  expected: number;
}

/** "37 av 40 har møtt"; the text inside the live region that polling refreshes. */
export function CheckinCountText({ checked, expected }: CheckinCountProps) {
  const { t } = useI18n();
  return <>{t('ap_checkin_count', { checked, expected })}</>;
}

/** The count as a live region; htmx refreshes its text every few seconds (others may check people in too). */
export function CheckinCount(props: CheckinCountProps & { oob?: boolean }) {
  return (
    <p
      id="checkin-count"
      class="checkin-count"
      role="status"
      data-hx-get={adminEventPath(props.event.id, '/checkin/count')}
      data-hx-trigger="every 5s"
      data-hx-swap="innerHTML"
      data-hx-swap-oob={props.oob ? 'innerHTML' : undefined}
    >
      <CheckinCountText {...props} />
    </p>
  );
}

/** One person at the door, with the button that checks them in or undoes it. */
export function CheckinPerson({ event, person, q }: { event: Pick<EventRow, 'id' | 'time_zone'>; person: CheckinRow; q: string }) {
  const { t, lang } = useI18n();
  const checked = person.checked_in_at !== null;
  const action = adminEventPath(event.id, `/checkin/${person.id}`);
  return (
    <li id={`c-${person.id}`} class={checked ? 'checkin-person checked' : 'checkin-person'}>
      <span class="who">
        <strong>{person.name}</strong>
        <span class="meta">{person.organisation}</span>
        {checked ? <span class="done">{t('ap_checkin_done', { time: formatTime(person.checked_in_at!, event.time_zone, lang) })}</span> : null}
      </span>
      <form method="post" action={action} data-hx-post={action} data-hx-target={`#c-${person.id}`} data-hx-swap="outerHTML">
        <CsrfField />
        <input type="hidden" name="checked" value={checked ? '0' : '1'} />
        <input type="hidden" name="q" value={q} />
        <button
          type="submit"
          class={checked ? 'checkin-button undo' : 'checkin-button'}
          aria-label={t(checked ? 'ap_checkin_undo_label' : 'ap_checkin_in_label', { name: person.name })}
        >
          {t(checked ? 'ap_checkin_undo' : 'ap_checkin_in')}
        </button>
      </form>
    </li>
  );
}

export function CheckinResults(props: { event: EventRow; people: CheckinRow[]; q: string; limit: number }) {
  const { t } = useI18n();
  return (
    <div id="checkin-results">
      {props.people.length === 0 ? (
        <p>{t('ap_checkin_none')}</p>
      ) : (
        <ul class="checkin-list" aria-label={t('ap_checkin_list_label')}>
          {props.people.map((person) => (
            <CheckinPerson event={props.event} person={person} q={props.q} />
          ))}
        </ul>
      )}
      {props.people.length >= props.limit ? <p>{t('ap_checkin_more', { count: props.limit })}</p> : null}
    </div>
  );
}

/** The door view for a tablet: search, one big button per person, and the live count. */
export function CheckinPage(props: { event: EventRow; people: CheckinRow[]; q: string; limit: number; checked: number; expected: number }) {
  const { t } = useI18n();
  const { event } = props;
  const url = adminEventPath(event.id, '/checkin');
  return (
    <AdminPage title={t('ap_checkin_title', { title: event.title })} current="events">
      <EventPagesNav event={event} current="checkin" />
      <CheckinCount event={event} checked={props.checked} expected={props.expected} />
      <form
        method="get"
        action={url}
        role="search"
        class="checkin-search"
        data-hx-get={url}
        data-hx-trigger="submit, input changed delay:300ms from:#checkin-q"
        data-hx-target="#checkin-results"
        data-hx-select="#checkin-results"
        data-hx-swap="outerHTML"
        data-hx-push-url="true"
      >
        <label for="checkin-q">{t('ap_checkin_search')}</label>
        <input type="search" id="checkin-q" name="q" value={props.q} maxlength={200} autocomplete="off" />
        <button type="submit">{t('ap_checkin_search_submit')}</button>
      </form>
      <CheckinResults event={event} people={props.people} q={props.q} limit={props.limit} />
    </AdminPage>
  );
}
