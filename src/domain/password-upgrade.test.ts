import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { authenticate, createOrganiser } from './auth';
import { hashPassword, verifyPassword } from './passwords';

let t: Awaited<ReturnType<typeof createTestDeps>>;
const NOW = new Date('2026-11-23T12:00:00Z');
beforeEach(async () => {
  t = await createTestDeps({ now: NOW });
});
afterEach(() => t.close());

const storedHash = async () =>
  (await t.deps.db.selectFrom('organisers').select('password_hash').executeTakeFirstOrThrow()).password_hash;

it('signs in with a PBKDF2 hash of the Node deployment (600,000 iterations) and replaces it with argon2id', async () => {
  const old = await hashPassword('gammelt passord 2025', { iterations: 600_000 });
  await createOrganiser(t.deps.db, { email: 'kari@fylke.no', name: 'Kari', role: 'admin', password_hash: old }, NOW);

  expect(await authenticate(t.deps.db, 'kari@fylke.no', 'feil passord 2025')).toBeNull();
  expect(await storedHash()).toBe(old);

  expect((await authenticate(t.deps.db, 'kari@fylke.no', 'gammelt passord 2025'))?.email).toBe('kari@fylke.no');
  const upgraded = await storedHash();
  expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await verifyPassword('gammelt passord 2025', upgraded)).toBe(true);

  // The next sign-in verifies the new hash and leaves it as it is.
  expect(await authenticate(t.deps.db, 'kari@fylke.no', 'gammelt passord 2025')).not.toBeNull();
  expect(await storedHash()).toBe(upgraded);
});
