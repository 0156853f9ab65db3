// TOTP (RFC 6238) over HOTP (RFC 4226) with Web Crypto HMAC, so it runs on Node and on Workers alike.

export type TotpAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-512';

export interface TotpOptions {
  algorithm?: TotpAlgorithm;
  digits?: number;
  /** Seconds per step. */
  period?: number;
}

// Authenticator apps read these defaults from an otpauth:// URI without parameters; keep them.
const DEFAULTS = { algorithm: 'SHA-1', digits: 6, period: 30 } as const satisfies Required<TotpOptions>;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 as people type it (any case, spaces, no padding); null if it is not base32. */
export function base32Decode(text: string): Uint8Array | null {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

/** A new secret: 160 bits, as RFC 4226 recommends for HMAC-SHA-1, in base32. */
export const newTotpSecret = () => base32Encode(crypto.getRandomValues(new Uint8Array(20)));

/** The HOTP value of a key at a counter (RFC 4226 §5.3, dynamic truncation). */
export async function hotp(key: Uint8Array, counter: number, options: TotpOptions = {}): Promise<string> {
  const { algorithm, digits } = { ...DEFAULTS, ...options };
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const hmacKey = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: algorithm }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, message));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step of an instant. */
export const totpStep = (at: Date, period: number = DEFAULTS.period) => Math.floor(at.getTime() / 1000 / period);

/** The code for a key at an instant. */
export async function totp(key: Uint8Array, at: Date, options: TotpOptions = {}): Promise<string> {
  return hotp(key, totpStep(at, options.period), options);
}

/**
 * The step whose code this is, looking one step either side for clocks that drift, or null. A step at or before
 * `lastStep` is refused, so a code that was seen (over a shoulder, in a log) cannot be used again.
 * @example const step = await verifyTotp(secret, '123456', now, organiser.totp_last_step);
 */
export async function verifyTotp(secret: string, code: string, at: Date, lastStep: number | null = null): Promise<number | null> {
  const key = base32Decode(secret);
  const typed = code.replace(/\s/g, '');
  if (!key || !/^[0-9]{6}$/.test(typed)) return null;
  const now = totpStep(at);
  let found: number | null = null;
  // Every candidate is computed, so the time taken does not tell which one matched.
  for (const step of [now - 1, now, now + 1]) {
    if ((await hotp(key, step)) === typed && (lastStep === null || step > lastStep)) found = step;
  }
  return found;
}

/** The otpauth:// URI an authenticator app reads from the QR code (Key Uri Format). */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

/** "ABCD EFGH …": a secret in groups of four, easier to type by hand. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');
