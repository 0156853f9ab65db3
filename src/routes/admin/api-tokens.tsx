import { type Context, Hono } from 'hono';
import { type ApiTokensPageProps, ApiTokensPage } from '../../../views/admin/api-tokens';
import type { AdminEnv } from './session';
import { API_TOKEN_NAME_MAX, createApiToken, listApiTokens, revokeApiToken } from '../../domain/api-tokens';
import { NotFound } from '../../errors';
import { formData } from '../request-helpers';

const ID = /^[1-9][0-9]{0,14}$/;

async function renderPage(c: Context<AdminEnv>, extra: Partial<ApiTokensPageProps> = {}, status: 200 | 422 = 200) {
  const tokens = await listApiTokens(c.var.deps.db, c.var.organiser.id);
  c.status(status);
  return c.render(<ApiTokensPage tokens={tokens} form={{ name: '', errors: {} }} {...extra} />, { title: c.var.t('api_tokens_title') });
}

/** /admin/api-tokens: each organiser's own bearer tokens for /api/v1. */
export const apiTokenRoutes = new Hono<AdminEnv>()
  .get('/', async (c) => {
    const revokedId = c.req.query('revoked');
    let revoked: string | undefined;
    if (revokedId && ID.test(revokedId)) {
      revoked = (await listApiTokens(c.var.deps.db, c.var.organiser.id)).find((tk) => tk.id === Number(revokedId) && tk.revoked_at)?.name;
    }
    return renderPage(c, { revoked });
  })
  .post('/', async (c) => {
    const value = (await formData(c)).get('name');
    const name = typeof value === 'string' ? value.trim() : '';
    if (!name || name.length > API_TOKEN_NAME_MAX) {
      const errors = { name: name ? ('api_tokens_name_too_long' as const) : ('api_tokens_name_required' as const) };
      return renderPage(c, { form: { name: name.slice(0, API_TOKEN_NAME_MAX), errors } }, 422);
    }
    const { token, row } = await createApiToken(c.var.deps.db, c.var.organiser.id, name, c.var.deps.clock());
    return renderPage(c, { created: { name: row.name, token } });
  })
  .post('/:id/revoke', async (c) => {
    const id = c.req.param('id');
    if (!ID.test(id)) throw new NotFound();
    const done = await revokeApiToken(c.var.deps.db, c.var.organiser.id, Number(id), c.var.deps.clock());
    if (!done) {
      // Already revoked is fine (a double click); someone else's token is not there at all.
      const own = (await listApiTokens(c.var.deps.db, c.var.organiser.id)).some((tk) => tk.id === Number(id));
      if (!own) throw new NotFound();
    }
    return c.redirect(`/admin/api-tokens?revoked=${id}`, 303);
  });
