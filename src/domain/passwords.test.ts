import { argon2id } from '@noble/hashes/argon2.js';
import { describe, expect, it } from 'vitest';
import { ARGON2_PARAMS, constantTimeEqual, generatePassword, hashPassword, needsRehash, verifyPassword } from './passwords';

const cheap = { argon2: { memoryKiB: 64, passes: 1 } };

describe('password hashes', () => {
  it('uses argon2id with OWASP’s m=19456 KiB, t=2, p=1 and a 16-byte salt by default, and verifies', async () => {
    const hash = await hashPassword('riktig hest batteri stift');
    const [, scheme, version, params, salt, digest] = hash.split('$');
    expect(scheme).toBe('argon2id');
    expect(version).toBe('v=19');
    expect(params).toBe('m=19456,t=2,p=1');
    expect(ARGON2_PARAMS).toEqual({ memoryKiB: 19_456, passes: 2, parallelism: 1 });
    expect(atob(salt!.padEnd(24, '='))).toHaveLength(16);
    expect(atob(digest!.padEnd(44, '='))).toHaveLength(32);
    expect(await verifyPassword('riktig hest batteri stift', hash)).toBe(true);
    expect(await verifyPassword('riktig hest batteri stif', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('is standard argon2id: an independent implementation derives the same bytes, and a reference hash verifies', async () => {
    const hash = await hashPassword('blåbærsyltetøy', cheap);
    const [, , , , salt, digest] = hash.split('$');
    const fromB64 = (text: string) => Uint8Array.from(atob(text.padEnd(Math.ceil(text.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const expected = argon2id('blåbærsyltetøy', fromB64(salt!), { t: 1, m: 64, p: 1, dkLen: 32 });
    expect(constantTimeEqual(expected, fromB64(digest!))).toBe(true);
    // "password" with the salt "somesalt", m=2^16, t=2, p=1, from the argon2 reference implementation's CLI.
    const reference = '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';
    expect(await verifyPassword('password', reference)).toBe(true);
    expect(await verifyPassword('Password', reference)).toBe(false);
  });

  it('salts every hash differently, normalises Unicode, and asks for an upgrade of weaker argon2id hashes', async () => {
    const a = await hashPassword('blåbærsyltetøy', cheap);
    const b = await hashPassword('blåbærsyltetøy', cheap);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    expect(await verifyPassword('blåbærsyltetøy', a)).toBe(true);
    // The same letters typed decomposed (a + combining ring) still match.
    expect(await verifyPassword('bla\u030Abærsyltetøy', a)).toBe(true);
    expect(await verifyPassword('Blåbærsyltetøy', a)).toBe(false);
    // Every UTF-8 byte counts: "æøå" is 3 characters but 6 bytes.
    const nordic = await hashPassword('æøåabc', cheap);
    expect(await verifyPassword('æøåabd', nordic)).toBe(false);
    expect(needsRehash(a)).toBe(true);
    expect(needsRehash(a, { memoryKiB: 64, passes: 1, parallelism: 1 })).toBe(false);
  });

  it('still verifies older PBKDF2 hashes, with the iterations they record, and always asks to replace them', async () => {
    const old = await hashPassword('blåbærsyltetøy', { iterations: 1000 });
    expect(old).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect(await verifyPassword('blåbærsyltetøy', old)).toBe(true);
    expect(await verifyPassword('bla\u030Abærsyltetøy', old)).toBe(true);
    expect(await verifyPassword('blåbærsyltetøi', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash('pbkdf2-sha256$600000$AAAA$AAAA')).toBe(true);
  });

  it('refuses malformed, foreign or absurdly expensive hashes instead of throwing or hanging', async () => {
    const bad = [
      '', 'plain', 'md5$1$a$b', 'pbkdf2-sha256$0$AAAA$AAAA', 'pbkdf2-sha256$99999999999$AAAA$AAAA', 'pbkdf2-sha256$1000$!!$AAAA',
      '$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
      '$argon2id$v=19$m=64,t=1000,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
      '$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$',
      '$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
      '$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$AAAA',
    ];
    for (const hash of bad) expect(await verifyPassword('x', hash)).toBe(false);
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
