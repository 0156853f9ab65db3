import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PART_BYTES, r2FileStore } from '../../src/adapters/r2-file-store';

// The R2 file store on the R2 binding of wrangler.toml (miniflare checks R2's 5 MiB minimum part size as R2 does).

const store = () => r2FileStore(env.FILES);
const key = () => `test/${crypto.randomUUID()}`;
const hex = async (bytes: Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');

function pattern(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7) % 256;
  return bytes;
}

/** A stream of unknown length in uneven chunks, as a multipart form part arrives; optionally failing after `failAt` bytes. */
function chunked(bytes: Uint8Array, failAt = Infinity): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= failAt) return controller.error(new Error('the connection broke'));
      if (at >= bytes.length) return controller.close();
      const size = 300_001;
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

describe('the R2 file store', () => {
  it('stores a stream of exactly one part, and one of several, with their size and SHA-256', async () => {
    for (const size of [PART_BYTES, 2 * PART_BYTES + 17]) {
      const bytes = pattern(size);
      const k = key();
      expect(await store().put(k, chunked(bytes))).toEqual({ size, sha256: await hex(bytes) });
      expect((await env.FILES.head(k))?.size).toBe(size);
      // Across the boundary of the first part.
      const across = await store().get(k, { start: PART_BYTES - 50, end: PART_BYTES - 1 });
      expect(new Uint8Array(await new Response(across).arrayBuffer())).toEqual(bytes.slice(PART_BYTES - 50, PART_BYTES));
    }
  });

  it('stores small bodies and bytes with a plain put, and reads a range back', async () => {
    const bytes = pattern(1000);
    const [a, b] = [key(), key()];
    expect((await store().put(a, chunked(bytes))).size).toBe(1000);
    expect((await store().put(b, bytes)).sha256).toBe(await hex(bytes));
    const range = await store().get(b, { start: 10, end: 19 });
    expect(new Uint8Array(await new Response(range).arrayBuffer())).toEqual(bytes.slice(10, 20));
    await store().delete(b);
    expect(await store().get(b)).toBeNull();
  });

  it('leaves nothing behind when the upload breaks off after a part was sent', async () => {
    const k = key();
    await expect(store().put(k, chunked(pattern(3 * PART_BYTES), PART_BYTES + 1_000_000))).rejects.toThrow('the connection broke');
    expect(await env.FILES.head(k)).toBeNull();
  });
});
