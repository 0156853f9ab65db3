import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

// Secret tokens in links and cookies (manage links, sessions, API tokens, upload links) are stored only as SHA-256.
// The hash is computed synchronously: crypto.subtle's digest is a round trip through a thread pool in Node, which
// costs more than the hashing itself for a few dozen bytes, on a path every registration and signed-in request takes.

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * Random bits from the platform's CSPRNG, base64url without padding (cookie- and URL-safe).
 * @example randomToken() // 'q0Hc…' (43 characters: 256 bits)
 */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** True for strings shaped like a 256-bit token; anything else need not reach the database. */
export const isToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

/**
 * SHA-256 of a text, hex: what the token_hash columns hold.
 * @example sha256Hex('abc') // 'ba7816bf…'
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** SHA-256 of a text, base64url: a token derived one-way from another. */
export function sha256Base64url(text: string): string {
  return base64url(sha256(utf8ToBytes(text)));
}
