import type { OrganiserRole } from '../../db/schema';
import type { listOrganisers } from '../../src/domain/auth';
import type { MessageKey } from '../../src/i18n/index';
import { formatDate } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage, CsrfField, ErrorSummary, type FieldErrors, TextInput, errorId, inputId } from './components';

export type OrganiserField = 'name' | 'email' | 'role';

export interface NewOrganiserState {
  values: { name: string; email: string; role: OrganiserRole };
  errors: FieldErrors<OrganiserField>;
}

export interface OrganisersPageProps {
  organisers: Awaited<ReturnType<typeof listOrganisers>>;
  events: { id: number; title: string; starts_at: string; time_zone: string }[];
  form: NewOrganiserState;
  /** A temporary password just made, shown this once. */
  created?: { key: MessageKey; name: string; password: string } | undefined;
  selfId: number;
}

/** Admins: everyone who can sign in, their events, and a form for a new organiser. */
export function OrganisersPage(props: OrganisersPageProps) {
  const { t, lang } = useI18n();
  const eventLabel = (e: { title: string; starts_at: string; time_zone: string }) => `${e.title} (${formatDate(e.starts_at, e.time_zone, lang)})`;
  return (
    <AdminPage title={t('admin_organisers_title')} current="organisers">
      {props.created ? (
        <div class="success" role="status">
          <p>{t(props.created.key, { name: props.created.name })}</p>
          <p>
            <code class="temporary-password">{props.created.password}</code>
          </p>
        </div>
      ) : null}
      <table class="admin-organisers">
        <thead>
          <tr>
            <th scope="col">{t('admin_col_name')}</th>
            <th scope="col">{t('admin_col_email')}</th>
            <th scope="col">{t('admin_col_role')}</th>
            <th scope="col">{t('admin_col_events')}</th>
            <th scope="col">{t('admin_col_actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.organisers.map((o) => {
            const granted = new Set(o.events.map((e) => e.id));
            const grantable = props.events.filter((e) => !granted.has(e.id));
            return (
              <tr id={`organiser-${o.id}`} class={o.disabled_at ? 'disabled' : undefined}>
                <th scope="row">
                  {o.name}
                  {o.disabled_at ? <span class="badge"> ({t('admin_disabled')})</span> : null}
                </th>
                <td>{o.email}</td>
                <td>
                  {o.id === props.selfId ? (
                    t(o.role === 'admin' ? 'admin_role_admin' : 'admin_role_organiser')
                  ) : (
                    <form method="post" action={`/admin/organisers/${o.id}/role`} class="inline-form">
                      <CsrfField />
                      <label for={`role-${o.id}`} class="visually-hidden">
                        {t('admin_change_role', { name: o.name })}
                      </label>
                      <select id={`role-${o.id}`} name="role">
                        <option value="organiser" selected={o.role === 'organiser'}>
                          {t('admin_role_organiser')}
                        </option>
                        <option value="admin" selected={o.role === 'admin'}>
                          {t('admin_role_admin')}
                        </option>
                      </select>{' '}
                      <button type="submit">{t('admin_change_role_submit')}</button>
                    </form>
                  )}
                  {o.totp_enabled_at ? <p class="badge">{t('admin_twofa_on')}</p> : null}
                </td>
                <td>
                  {o.role === 'admin' ? (
                    t('admin_all_events')
                  ) : (
                    <>
                      {o.events.length ? (
                        <ul class="granted-events">
                          {o.events.map((e) => (
                            <li>
                              <form method="post" action={`/admin/organisers/${o.id}/events/${e.id}/remove`} class="inline-form">
                                <CsrfField />
                                {e.title}{' '}
                                <button type="submit" aria-label={t('admin_remove_event', { title: e.title })}>
                                  ✕
                                </button>
                              </form>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <p>{t('admin_no_access')}</p>
                      )}
                      {grantable.length ? (
                        <form method="post" action={`/admin/organisers/${o.id}/events`} class="inline-form">
                          <CsrfField />
                          <label for={`grant-${o.id}`}>{t('admin_grant_event')}</label>
                          <select id={`grant-${o.id}`} name="event_id">
                            {grantable.map((e) => (
                              <option value={String(e.id)}>{eventLabel(e)}</option>
                            ))}
                          </select>{' '}
                          <button type="submit">{t('admin_grant_submit')}</button>
                        </form>
                      ) : null}
                    </>
                  )}
                </td>
                <td>
                  {o.id === props.selfId ? null : (
                    <>
                      <form method="post" action={`/admin/organisers/${o.id}/${o.disabled_at ? 'enable' : 'disable'}`} class="inline-form">
                        <CsrfField />
                        <button type="submit">{t(o.disabled_at ? 'admin_enable' : 'admin_disable')}</button>
                      </form>{' '}
                      <form method="post" action={`/admin/organisers/${o.id}/password`} class="inline-form">
                        <CsrfField />
                        <button type="submit">{t('admin_reset_password')}</button>
                      </form>
                      {o.totp_enabled_at ? (
                        <>
                          {' '}
                          <form method="post" action={`/admin/organisers/${o.id}/two-factor/disable`} class="inline-form">
                            <CsrfField />
                            <button type="submit" aria-label={t('admin_twofa_reset_label', { name: o.name })}>
                              {t('admin_twofa_reset')}
                            </button>
                          </form>
                        </>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2 id="new-organiser">{t('admin_new_organiser')}</h2>
      <ErrorSummary errors={props.form.errors} labels={{ name: 'admin_field_name', email: 'admin_field_email', role: 'admin_field_role' }} />
      <form method="post" action="/admin/organisers" novalidate aria-labelledby="new-organiser">
        <CsrfField />
        <TextInput field="name" label="admin_field_name" autocomplete="off" value={props.form.values.name} error={props.form.errors.name} required maxlength={200} />
        <TextInput field="email" label="admin_field_email" type="email" autocomplete="off" value={props.form.values.email} error={props.form.errors.email} required maxlength={254} />
        <div class="field">
          <label for={inputId('role')}>{t('admin_field_role')}</label>
          {props.form.errors.role ? (
            <p class="field-error" id={errorId('role')}>
              {t(props.form.errors.role)}
            </p>
          ) : null}
          <select id={inputId('role')} name="role">
            <option value="organiser" selected={props.form.values.role === 'organiser'}>
              {t('admin_role_organiser')}
            </option>
            <option value="admin" selected={props.form.values.role === 'admin'}>
              {t('admin_role_admin')}
            </option>
          </select>
        </div>
        <p>
          <button type="submit">{t('admin_create_organiser')}</button>
        </p>
      </form>
    </AdminPage>
  );
}
