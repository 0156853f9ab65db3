// Password hashing that runs the same on Node and on Cloudflare Workers: argon2id from a WebAssembly module that both
// runtimes load ahead of time (see src/adapters/argon2-wasm-*.ts), and PBKDF2 from Web Crypto for older hashes.
import { fromBase64, toBase64 } from '../bytes';
import { type Argon2idCost, argon2idEncoded, argon2idVerify } from './argon2';

/**
 * OWASP Password Storage Cheat Sheet: argon2id with 19 MiB of memory, 2 passes, 1 lane. PBKDF2 at OWASP's 600,000
 * iterations is refused by production Workers (more than 100,000), so it only remains to verify older hashes.
 */
export const ARGON2_PARAMS = { memoryKiB: 19_456, passes: 2, parallelism: 1 } as const;
export type Argon2Params = Argon2idCost;
/** What older hashes used (`pbkdf2-sha256$600000$…`); they verify and are replaced at the next sign-in. */
export const PBKDF2_ITERATIONS = 600_000;
export const PASSWORD_MIN_LENGTH = 10;
const PBKDF2_SCHEME = 'pbkdf2-sha256';
const SALT_BYTES = 16;
const HASH_BYTES = 32;
// A stored hash decides the work of a verification; bound it so a corrupt row cannot hang a request or exhaust memory.
const MAX_ITERATIONS = 10_000_000;
const MAX_ARGON2 = { memoryKiB: 262_144, passes: 16, parallelism: 8 };

const encoder = new TextEncoder();

// Unicode passwords typed on different keyboards (composed or decomposed letters) must match.
const normalise = (password: string) => password.normalize('NFC');

async function derivePbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(normalise(password)), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

/** Compares in time that depends only on the lengths, so a mismatch does not reveal how many bytes were right. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export interface HashOptions {
  /** argon2id cost; defaults to ARGON2_PARAMS. Lower only in tests. */
  argon2?: Partial<Argon2Params>;
  /** Make an old-style PBKDF2 hash with this many iterations instead (tests of the upgrade path). */
  iterations?: number;
}

/**
 * A self-describing hash in the PHC string format, so the parameters can be raised later without invalidating stored
 * passwords.
 * @example await hashPassword('correct horse battery') // '$argon2id$v=19$m=19456,t=2,p=1$<salt b64>$<hash b64>'
 */
export async function hashPassword(password: string, options: HashOptions = {}): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  if (options.iterations !== undefined) {
    const hash = await derivePbkdf2(password, salt, options.iterations);
    return `${PBKDF2_SCHEME}$${options.iterations}$${toBase64(salt)}$${toBase64(hash)}`;
  }
  return argon2idEncoded(normalise(password), salt, { ...ARGON2_PARAMS, ...options.argon2 }, HASH_BYTES);
}

type Parsed =
  | { scheme: 'argon2id'; params: Argon2Params }
  | { scheme: 'pbkdf2'; iterations: number; salt: Uint8Array; hash: Uint8Array };

function parse(stored: string): Parsed | null {
  const argon = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(stored);
  if (argon) {
    const [memoryKiB, passes, parallelism] = argon.slice(1).map(Number) as [number, number, number];
    const within = memoryKiB <= MAX_ARGON2.memoryKiB && passes <= MAX_ARGON2.passes && parallelism <= MAX_ARGON2.parallelism;
    return within && passes >= 1 && parallelism >= 1 ? { scheme: 'argon2id', params: { memoryKiB, passes, parallelism } } : null;
  }
  const [scheme, count, salt, hash, ...rest] = stored.split('$');
  const iterations = Number(count);
  if (scheme !== PBKDF2_SCHEME || rest.length || !salt || !hash || !Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    return null;
  }
  try {
    return { scheme: 'pbkdf2', iterations, salt: fromBase64(salt), hash: fromBase64(hash) };
  } catch {
    return null;
  }
}

/**
 * Whether the password matches a hash made by `hashPassword` (argon2id, or PBKDF2 with whatever iterations it records).
 * @example await verifyPassword('secret…', organiser.password_hash) // true or false, never throws on a bad hash
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  if (parsed.scheme === 'argon2id') {
    return argon2idVerify(normalise(password), stored);
  }
  const actual = await derivePbkdf2(password, parsed.salt, parsed.iterations);
  return constantTimeEqual(actual, parsed.hash);
}

/** True when a stored hash is not argon2id at today's parameters or stronger, so a successful sign-in can upgrade it. */
export function needsRehash(stored: string, wanted: Argon2Params = ARGON2_PARAMS): boolean {
  const parsed = parse(stored);
  if (parsed?.scheme !== 'argon2id') return true;
  return parsed.params.memoryKiB < wanted.memoryKiB || parsed.params.passes < wanted.passes;
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
