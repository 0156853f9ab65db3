// Password hashing with Web Crypto only, so the same code runs on Node and on Cloudflare Workers.

/** OWASP Password Storage Cheat Sheet (2023–): PBKDF2-HMAC-SHA256 with at least 600,000 iterations. */
export const PBKDF2_ITERATIONS = 600_000;
export const PASSWORD_MIN_LENGTH = 10;
const SCHEME = 'pbkdf2-sha256';
const SALT_BYTES = 16;
const HASH_BITS = 256;
// A stored hash decides the work of a verification; bound it so a corrupt row cannot hang a request.
const MAX_ITERATIONS = 10_000_000;

const encoder = new TextEncoder();

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  // Unicode passwords typed on different keyboards (composed or decomposed letters) must match.
  const key = await crypto.subtle.importKey('raw', encoder.encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** Compares in time that depends only on the lengths, so a mismatch does not reveal how many bytes were right. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * A self-describing hash, so the parameters can be raised later without invalidating stored passwords.
 * @example await hashPassword('correct horse battery') // 'pbkdf2-sha256$600000$<salt b64>$<hash b64>'
 */
export async function hashPassword(password: string, options: { iterations?: number } = {}): Promise<string> {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${SCHEME}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

function parse(stored: string) {
  const [scheme, count, salt, hash, ...rest] = stored.split('$');
  const iterations = Number(count);
  if (scheme !== SCHEME || rest.length || !salt || !hash || !Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    return null;
  }
  try {
    return { iterations, salt: fromBase64(salt), hash: fromBase64(hash) };
  } catch {
    return null;
  }
}

/**
 * Whether the password matches a hash made by `hashPassword` (with whatever iterations it records).
 * @example await verifyPassword('secret…', organiser.password_hash) // true or false, never throws on a bad hash
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.iterations);
  return constantTimeEqual(actual, parsed.hash);
}

/** True when a stored hash was made with weaker parameters than today's, so a successful sign-in can upgrade it. */
export function needsRehash(stored: string, iterations = PBKDF2_ITERATIONS): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.iterations < iterations;
}

// No 0/O, 1/l/I: a printed password must be typed correctly from a console or a note.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A random password for a first admin or a new organiser: 20 characters from 56 (about 116 bits).
 * @example generatePassword() // 'kq7M-9xTf-Hn2a-pWc4-Ez8R'
 */
export function generatePassword(groups = 5): string {
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < groups * 4) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < limit && out.length < groups * 4) out.push(ALPHABET[byte % ALPHABET.length]!);
    }
  }
  return Array.from({ length: groups }, (_, i) => out.slice(i * 4, i * 4 + 4).join('')).join('-');
}
