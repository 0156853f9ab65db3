import type { EventRow } from '../db/schema';
import type { OrganisationGroup } from '../src/domain/organisations';
import { EventNav } from './components';
import { useI18n } from './context';

export function ParticipantsPage(props: { event: EventRow; groups: OrganisationGroup<{ name: string }>[]; total: number }) {
  const { t } = useI18n();
  const { event, groups, total } = props;
  const showNames = event.public_list === 'names';
  return (
    <article class="participants">
      <h1>{t('participants_title', { title: event.title })}</h1>
      <EventNav event={event} current="participants" />
      <p>{t('participants_total', { count: total, organisations: groups.length })}</p>
      {total === 0 ? <p>{t('participants_empty')}</p> : null}
      {showNames ? (
        groups.map((group) => (
          <section>
            <h2>
              {group.name} <span class="meta">({group.members.length})</span>
            </h2>
            <ul>
              {group.members.map((member) => (
                <li>{member.name}</li>
              ))}
            </ul>
          </section>
        ))
      ) : total > 0 ? (
        <table>
          <caption class="visually-hidden">{t('participants_by_organisation')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('participants_organisation')}</th>
              <th scope="col">{t('participants_count')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr>
                <td>{group.name}</td>
                <td>{group.members.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p class="note">{t('participants_consent_note')}</p>
    </article>
  );
}
