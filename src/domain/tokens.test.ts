import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isToken, randomToken, sha256Base64url, sha256Hex } from './tokens';

describe('tokens', () => {
  it('hashes like the standard SHA-256, for ASCII and for æøå', () => {
    for (const text of ['abc', '', 'Bodø – åpent møte', randomToken()]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      expect(sha256Base64url(text)).toBe(createHash('sha256').update(text, 'utf8').digest('base64url'));
    }
  });
  it('makes 256-bit tokens that never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(isToken(token)).toBe(true);
    expect(isToken('../../etc/passwd')).toBe(false);
  });
});
