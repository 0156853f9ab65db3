import { describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS, constantTimeEqual, generatePassword, hashPassword, needsRehash, verifyPassword } from './passwords';

describe('password hashes', () => {
  it('uses PBKDF2-SHA256 with OWASP’s 600,000 iterations and a 16-byte salt by default, and verifies', async () => {
    const hash = await hashPassword('riktig hest batteri stift');
    const [scheme, iterations, salt, digest] = hash.split('$');
    expect(scheme).toBe('pbkdf2-sha256');
    expect(Number(iterations)).toBe(600_000);
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    expect(atob(salt!)).toHaveLength(16);
    expect(atob(digest!)).toHaveLength(32);
    expect(await verifyPassword('riktig hest batteri stift', hash)).toBe(true);
    expect(await verifyPassword('riktig hest batteri stif', hash)).toBe(false);
  });

  it('salts every hash differently and verifies with the iterations the hash records', async () => {
    const a = await hashPassword('blåbærsyltetøy', { iterations: 1000 });
    const b = await hashPassword('blåbærsyltetøy', { iterations: 1000 });
    expect(a).not.toBe(b);
    expect(a.split('$')[1]).toBe('1000');
    expect(await verifyPassword('blåbærsyltetøy', a)).toBe(true);
    // The same letters typed decomposed (a + combining ring) still match.
    expect(await verifyPassword('bla\u030Abærsyltetøy', a)).toBe(true);
    expect(await verifyPassword('Blåbærsyltetøy', a)).toBe(false);
    expect(needsRehash(a)).toBe(true);
    expect(needsRehash(a, 1000)).toBe(false);
  });

  it('refuses malformed or foreign hashes instead of throwing', async () => {
    for (const bad of ['', 'plain', 'md5$1$a$b', 'pbkdf2-sha256$0$AAAA$AAAA', 'pbkdf2-sha256$99999999999$AAAA$AAAA', 'pbkdf2-sha256$1000$!!$AAAA']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('compares bytes whole', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });

  it('generates readable random passwords without look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^([a-km-zA-HJ-NP-Z2-9]{4}-){4}[a-km-zA-HJ-NP-Z2-9]{4}$/);
  });
});
