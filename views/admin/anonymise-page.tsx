import type { EventRow } from '../../db/schema';
import { hasEnded } from '../../src/domain/anonymise';
import { formatDate, formatTime } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage, CsrfField } from './components';
import { Notice } from './event-fields';
import { EventAdminNav } from './event-nav';
import { adminEventPath } from '../../src/urls';

type AnonymiseEvent = Pick<EventRow, 'id' | 'title' | 'ends_at' | 'time_zone' | 'anonymised_at'>;

/** "Anonymised on …" */
function DoneOn({ event }: { event: AnonymiseEvent & { anonymised_at: string } }) {
  const { t, lang } = useI18n();
  return (
    <p>
      {t('anon_done_on', { date: formatDate(event.anonymised_at, event.time_zone, lang), time: formatTime(event.anonymised_at, event.time_zone, lang) })}
    </p>
  );
}

/**
 * The anonymisation entry on an event's overview ("Handlinger"): when it was done, or a link to the confirmation page
 * once the event has ended; nothing before that.
 */
export function AnonymiseAction({ event }: { event: AnonymiseEvent }) {
  const { t, c } = useI18n();
  if (event.anonymised_at) return <DoneOn event={{ ...event, anonymised_at: event.anonymised_at }} />;
  if (!hasEnded(event, c.var.deps.clock())) return null;
  return (
    <p>
      <a href={adminEventPath(event, '/anonymise')}>{t('anon_action')}</a>
    </p>
  );
}

/**
 * /admin/events/:id/anonymise: what anonymising does and the confirmation form (a plain POST with confirm=yes), or
 * why it cannot be done (not ended: 409; done already), or the result.
 */
export function AnonymisePage(props: { event: AnonymiseEvent; participants: number; ended: boolean; done?: number | undefined; refused?: boolean }) {
  const { t, lang } = useI18n();
  const { event } = props;
  const back = adminEventPath(event);
  let body;
  if (event.anonymised_at) {
    body = (
      <>
        <Notice text={props.done !== undefined ? t('anon_done', { count: props.done }) : undefined} />
        {props.refused ? (
          <p class="warning" role="alert">
            {t('anon_already')}
          </p>
        ) : null}
        <DoneOn event={{ ...event, anonymised_at: event.anonymised_at }} />
      </>
    );
  } else if (!props.ended) {
    body = (
      <p class="warning" role="alert">
        {t('anon_not_ended', { date: `${formatDate(event.ends_at, event.time_zone, lang)} ${formatTime(event.ends_at, event.time_zone, lang)}` })}
      </p>
    );
  } else {
    body = (
      <>
        <p>{t('anon_intro')}</p>
        <p>{t('anon_mail_note')}</p>
        <div class="confirm" role="alert">
          <p>{t('anon_question', { count: props.participants, title: event.title })}</p>
        </div>
        <form method="post" action={adminEventPath(event, '/anonymise')}>
          <CsrfField />
          <input type="hidden" name="confirm" value="yes" />
          <p>
            <button type="submit" class="danger">
              {t('edit_confirm_yes')}
            </button>{' '}
            <a href={back}>{t('edit_confirm_no')}</a>
          </p>
        </form>
      </>
    );
  }
  return (
    <AdminPage title={t('anon_title', { title: event.title })} current="events">
      <EventAdminNav event={event} />
      {body}
      {event.anonymised_at || !props.ended ? (
        <p>
          <a href={back}>{t('anon_back')}</a>
        </p>
      ) : null}
    </AdminPage>
  );
}
