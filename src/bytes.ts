/**
 * The bytes of `parts` one after another. A single non-empty part is returned as it is, without a copy.
 * @example concatBytes(new Uint8Array([1]), new Uint8Array([2, 3])) // Uint8Array [1, 2, 3]
 */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const filled = parts.filter((p) => p.length > 0);
  if (filled.length === 1) return filled[0]!;
  const out = new Uint8Array(filled.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of filled) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Standard base64 of bytes (Web APIs only: no Buffer in the core). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The bytes of standard base64; throws on anything else. */
export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
