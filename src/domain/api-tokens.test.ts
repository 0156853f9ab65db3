import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import { createOrganiser, setDisabled } from './auth';
import { sha256Hex } from './tokens';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
const NOW = new Date('2026-11-23T12:00:00Z');

const organiser = (email: string) =>
  createOrganiser(t.deps.db, { email, name: email.split('@')[0]!, role: 'organiser', password_hash: 'x' }, NOW);

beforeEach(async () => {
  t = await createTestDeps({ now: NOW });
});
afterEach(() => t.close());

describe('API tokens', () => {
  it('stores only the SHA-256 of the token and authenticates its organiser with it', async () => {
    const kari = await organiser('kari@fylke.no');
    const { token, row } = await createApiToken(t.deps.db, kari.id, '  Nettsiden  ', NOW);
    expect(token).toMatch(/^smt_[\w-]{43}$/);
    expect(row.name).toBe('Nettsiden');
    expect(token.startsWith(row.prefix)).toBe(true);
    const stored = await t.deps.db.selectFrom('api_tokens').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(await sha256Hex(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const who = await authenticateApiToken(t.deps.db, token, NOW);
    expect(who).toEqual({ id: kari.id, email: 'kari@fylke.no', name: 'kari', role: 'organiser' });
    expect((await listApiTokens(t.deps.db, kari.id))[0]!.last_used_at).toBe(NOW.toISOString());
  });

  it('refuses unknown, malformed and revoked tokens, and tokens of a disabled organiser', async () => {
    const kari = await organiser('kari@fylke.no');
    const { token, row } = await createApiToken(t.deps.db, kari.id, 'A', NOW);
    expect(await authenticateApiToken(t.deps.db, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), NOW)).toBeNull();
    expect(await authenticateApiToken(t.deps.db, 'Bearer ' + token, NOW)).toBeNull();

    const ola = await organiser('ola@fylke.no');
    expect(await revokeApiToken(t.deps.db, ola.id, row.id, NOW)).toBe(false);
    expect(await authenticateApiToken(t.deps.db, token, NOW)).not.toBeNull();
    expect(await revokeApiToken(t.deps.db, kari.id, row.id, NOW)).toBe(true);
    expect(await authenticateApiToken(t.deps.db, token, NOW)).toBeNull();

    const second = await createApiToken(t.deps.db, kari.id, 'B', NOW);
    await setDisabled(t.deps.db, kari.id, true, NOW);
    expect(await authenticateApiToken(t.deps.db, second.token, NOW)).toBeNull();
  });

  it('lists live tokens before revoked ones', async () => {
    const kari = await organiser('kari@fylke.no');
    const first = await createApiToken(t.deps.db, kari.id, 'Gammel', NOW);
    await createApiToken(t.deps.db, kari.id, 'Ny', new Date(NOW.getTime() + 1000));
    await revokeApiToken(t.deps.db, kari.id, first.row.id, NOW);
    expect((await listApiTokens(t.deps.db, kari.id)).map((r) => r.name)).toEqual(['Ny', 'Gammel']);
  });
});
