import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, newTotpSecret, totp, verifyTotp } from './totp';

const ascii = (s: string) => new TextEncoder().encode(s);

// RFC 6238 Appendix B: the seeds are ASCII "12345678901234567890" repeated to the hash's length.
const SEEDS = {
  'SHA-1': ascii('12345678901234567890'),
  'SHA-256': ascii('12345678901234567890123456789012'),
  'SHA-512': ascii('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP', () => {
  it.each(VECTORS)('matches RFC 6238 Appendix B at T=%i', async (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    expect(await totp(SEEDS['SHA-1'], at, { digits: 8, algorithm: 'SHA-1' })).toBe(sha1);
    expect(await totp(SEEDS['SHA-256'], at, { digits: 8, algorithm: 'SHA-256' })).toBe(sha256);
    expect(await totp(SEEDS['SHA-512'], at, { digits: 8, algorithm: 'SHA-512' })).toBe(sha512);
  });

  it('matches RFC 4226 Appendix D (HOTP, 6 digits)', async () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    for (const [counter, code] of expected.entries()) expect(await hotp(SEEDS['SHA-1'], counter)).toBe(code);
  });

  it('round-trips base32 (RFC 4648 vectors) and reads it as people type it', () => {
    expect(base32Encode(ascii('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(ascii('fo'))).toBe('MZXQ');
    expect(new TextDecoder().decode(base32Decode('mzxw 6ytb oi======')!)).toBe('foobar');
    expect(base32Decode('not base32!')).toBeNull();
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });

  it('accepts the code of this step and its neighbours, once, and nothing else', async () => {
    const secret = base32Encode(SEEDS['SHA-1']);
    const at = new Date(1111111111 * 1000);
    const step = Math.floor(1111111111 / 30);
    const now = await totp(SEEDS['SHA-1'], at);
    const before = await totp(SEEDS['SHA-1'], new Date(at.getTime() - 30_000));
    const tooOld = await totp(SEEDS['SHA-1'], new Date(at.getTime() - 90_000));
    expect(await verifyTotp(secret, now, at)).toBe(step);
    expect(await verifyTotp(secret, ` ${now.slice(0, 3)} ${now.slice(3)} `, at)).toBe(step);
    expect(await verifyTotp(secret, before, at)).toBe(step - 1);
    expect(await verifyTotp(secret, tooOld, at)).toBeNull();
    // Replay: once this step was used, its code (and older ones) no longer work.
    expect(await verifyTotp(secret, now, at, step)).toBeNull();
    expect(await verifyTotp(secret, before, at, step - 1)).toBeNull();
    expect(await verifyTotp(secret, '12345', at)).toBeNull();
    expect(await verifyTotp('%%%', now, at)).toBeNull();
  });
});
