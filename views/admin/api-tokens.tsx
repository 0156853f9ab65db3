import type { ApiTokenSummary } from '../../src/domain/api-tokens';
import { API_TOKEN_NAME_MAX } from '../../src/domain/api-tokens';
import type { MessageKey } from '../../src/i18n/index';
import { formatDate, formatTime } from '../../src/time';
import { useI18n } from '../context';
import { AdminPage, CsrfField, ErrorSummary, type FieldErrors, errorId, inputId } from './components';

export const API_DOCS_URL = '/api/v1/openapi.json';
// Organisers have no zone of their own; the app's home zone reads right for them.
const ZONE = 'Europe/Oslo';

export interface ApiTokensPageProps {
  tokens: ApiTokenSummary[];
  form: { name: string; errors: FieldErrors<'name'> };
  /** A token just made: shown this once, never again. */
  created?: { name: string; token: string } | undefined;
  /** The name of a token just revoked. */
  revoked?: string | undefined;
}

/** The signed-in organiser's API tokens: make one (shown once), see when each was last used, revoke. */
export function ApiTokensPage(props: ApiTokensPageProps) {
  const { t, lang } = useI18n();
  const when = (instant: string) => `${formatDate(instant, ZONE, lang)} ${formatTime(instant, ZONE, lang)}`;
  const nameError: MessageKey | undefined = props.form.errors.name;
  const hint = 'hint-name';
  return (
    <AdminPage title={t('api_tokens_title')} current="api">
      <p>{t('api_tokens_intro')}</p>
      <p>
        <a href={API_DOCS_URL}>{t('api_tokens_docs')}</a>
      </p>
      {props.created ? (
        <div class="success" role="status">
          <p>{t('api_tokens_created', { name: props.created.name })}</p>
          <p class="field">
            <label for="new-token">{t('api_tokens_created_label')}</label>
            <input id="new-token" class="api-token-output" type="text" readonly value={props.created.token} size={52} spellcheck={false} autocomplete="off" />
          </p>
        </div>
      ) : null}
      {props.revoked ? (
        <div class="success" role="status">
          <p>{t('api_tokens_revoked_notice', { name: props.revoked })}</p>
        </div>
      ) : null}

      {props.tokens.length === 0 ? (
        <p>{t('api_tokens_none')}</p>
      ) : (
        <table class="api-tokens">
          <thead>
            <tr>
              <th scope="col">{t('api_tokens_col_name')}</th>
              <th scope="col">{t('api_tokens_col_prefix')}</th>
              <th scope="col">{t('api_tokens_col_created')}</th>
              <th scope="col">{t('api_tokens_col_last_used')}</th>
              <th scope="col">{t('api_tokens_col_status')}</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => (
              <tr id={`token-${token.id}`} class={token.revoked_at ? 'revoked' : undefined}>
                <th scope="row">{token.name}</th>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{when(token.created_at)}</td>
                <td>{token.last_used_at ? when(token.last_used_at) : t('api_tokens_never_used')}</td>
                <td>
                  {token.revoked_at ? (
                    t('api_tokens_revoked', { date: when(token.revoked_at) })
                  ) : (
                    <form method="post" action={`/admin/api-tokens/${token.id}/revoke`} class="inline-form">
                      <CsrfField />
                      {t('api_tokens_active')}{' '}
                      <button type="submit" aria-label={t('api_tokens_revoke_label', { name: token.name })}>
                        {t('api_tokens_revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="new-token-heading">{t('api_tokens_new')}</h2>
      <ErrorSummary errors={props.form.errors} labels={{ name: 'api_tokens_field_name' }} />
      <form method="post" action="/admin/api-tokens" novalidate aria-labelledby="new-token-heading">
        <CsrfField />
        <div class="field">
          <label for={inputId('name')}>{t('api_tokens_field_name')}</label>
          <p class="hint" id={hint}>
            {t('api_tokens_field_name_hint')}
          </p>
          {nameError ? (
            <p class="field-error" id={errorId('name')}>
              {t(nameError)}
            </p>
          ) : null}
          <input
            type="text"
            id={inputId('name')}
            name="name"
            value={props.form.name}
            autocomplete="off"
            aria-required="true"
            maxlength={API_TOKEN_NAME_MAX}
            aria-invalid={nameError ? 'true' : undefined}
            aria-describedby={nameError ? `${hint} ${errorId('name')}` : hint}
          />
        </div>
        <p>
          <button type="submit">{t('api_tokens_create')}</button>
        </p>
      </form>
    </AdminPage>
  );
}
