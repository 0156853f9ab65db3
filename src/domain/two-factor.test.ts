import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { createOrganiser } from './auth';
import { base32Decode, totp } from './totp';
import { confirmEnrolment, enrolmentSecret, verifySecondFactor } from './two-factor';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let id: number;
const NOW = new Date('2026-11-23T12:00:00Z');
beforeEach(async () => {
  t = await createTestDeps({ now: NOW });
  id = (await createOrganiser(t.deps.db, { email: 'kari@fylke.no', name: 'Kari', role: 'organiser', password_hash: 'x' }, NOW)).id;
});
afterEach(() => t.close());

async function enrolled() {
  const secret = (await enrolmentSecret(t.deps.db, id))!;
  const key = base32Decode(secret)!;
  const codes = (await confirmEnrolment(t.deps.db, id, await totp(key, NOW), NOW))!;
  return { key, codes };
}

describe('two-factor', () => {
  it('is not enrolled by a wrong code, and shows no secret once enrolled', async () => {
    const secret = (await enrolmentSecret(t.deps.db, id))!;
    expect(await confirmEnrolment(t.deps.db, id, '000000' === (await totp(base32Decode(secret)!, NOW)) ? '111111' : '000000', NOW)).toBeNull();
    expect(await enrolmentSecret(t.deps.db, id)).toBe(secret);
    await confirmEnrolment(t.deps.db, id, await totp(base32Decode(secret)!, NOW), NOW);
    expect(await enrolmentSecret(t.deps.db, id)).toBeNull();
  });

  it('lets one of two sign-ins racing with the same code through, never both', async () => {
    const { key } = await enrolled();
    const later = new Date(NOW.getTime() + 60_000);
    const code = await totp(key, later);
    const results = await Promise.all([verifySecondFactor(t.deps.db, id, code, later), verifySecondFactor(t.deps.db, id, code, later)]);
    expect(results.sort()).toEqual(['totp', null].sort());
    // The code of enrolment itself (an earlier step) does not work either.
    expect(await verifySecondFactor(t.deps.db, id, await totp(key, NOW), later)).toBeNull();
  });

  it('takes a recovery code however it is typed, once; an all-digit one is not mistaken for an app code', async () => {
    const { codes } = await enrolled();
    expect(await verifySecondFactor(t.deps.db, id, ` ${codes[0]!.toUpperCase().replace('-', ' ')} `, NOW)).toBe('recovery');
    expect(await verifySecondFactor(t.deps.db, id, codes[0]!, NOW)).toBeNull();
    await t.deps.db.updateTable('recovery_codes').set({ code_hash: (await import('./tokens')).sha256Hex('2345678923') }).where('used_at', 'is', null).execute();
    expect(await verifySecondFactor(t.deps.db, id, '23456-78923', NOW)).toBe('recovery');
  });
});
