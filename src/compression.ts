import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

/** A content coding the app can answer with. */
export type Encoding = 'br' | 'gzip';

/** One way to compress: brotli comes from an adapter (node:zlib), gzip from the Web-standard CompressionStream. */
export interface Compressor {
  encoding: Encoding;
  /** Whole bodies: pages, assets, calendar files (compressed once and kept where they are cached). */
  compress(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>>;
  /** Streamed bodies (the CSV export): compressed as they go. */
  stream(): TransformStream<Uint8Array, Uint8Array>;
}

/** The core's fallback, available on Node and workerd alike. */
export const gzipCompressor: Compressor = {
  encoding: 'gzip',
  compress: async (bytes) => new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()),
  stream: () => new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
};

/** Text formats worth compressing; images, PDFs and archives are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|ld\+json|problem\+json|vnd\.oai\.openapi\+json)|image\/svg\+xml)/;

/** Below this, the gzip header and the CPU cost more than they save. */
const MIN_BYTES = 1024;

export function isCompressible(contentType: string | null | undefined): boolean {
  return contentType ? COMPRESSIBLE.test(contentType) : false;
}

/** The compressors this app instance may use, most preferred first; gzip is always among them. */
export function compressorsOf(extra: Compressor | undefined): readonly Compressor[] {
  return extra && extra.encoding !== 'gzip' ? [extra, gzipCompressor] : [gzipCompressor];
}

/**
 * The first of `compressors` that the Accept-Encoding header allows (q=0 refuses), or undefined for identity.
 * @example negotiate('gzip, deflate, br', [brotli, gzip]) // brotli
 */
export function negotiate(acceptEncoding: string | undefined, compressors: readonly Compressor[]): Compressor | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const star = accepted.get('*');
  return compressors.find((c) => (accepted.get(c.encoding) ?? star ?? 0) > 0);
}

/**
 * Bytes kept with their compressed forms, each made once on first demand: a cached page or an asset is never
 * compressed again for the next visitor.
 */
export class EncodedBody {
  readonly #encoded = new Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>();
  /** Bytes held, the compressed forms made so far included: what a byte-bounded cache counts. */
  held: number;
  constructor(readonly body: Uint8Array<ArrayBuffer>) {
    this.held = body.length;
  }

  /** The body for this request's Accept-Encoding, and the coding to declare (undefined: as is). */
  async for(acceptEncoding: string | undefined, compressors: readonly Compressor[]): Promise<{ bytes: Uint8Array<ArrayBuffer>; encoding?: Encoding }> {
    const compressor = this.body.length >= MIN_BYTES ? negotiate(acceptEncoding, compressors) : undefined;
    if (!compressor) return { bytes: this.body };
    let encoded = this.#encoded.get(compressor.encoding);
    if (!encoded) {
      encoded = compressor.compress(this.body).then((bytes) => {
        this.held += bytes.length;
        return bytes;
      });
      this.#encoded.set(compressor.encoding, encoded);
    }
    return { bytes: await encoded, encoding: compressor.encoding };
  }
}

/** Sets the headers of a body chosen by EncodedBody.for. */
export function encodedHeaders(headers: Headers, encoding: Encoding | undefined): void {
  varyOnEncoding(headers);
  if (encoding) headers.set('content-encoding', encoding);
}

function varyOnEncoding(headers: Headers): void {
  if (!/accept-encoding/i.test(headers.get('vary') ?? '')) headers.append('vary', 'Accept-Encoding');
}

/**
 * Compresses every text response the routes did not compress themselves, streamed bodies as they stream.
 * Strong ETags become weak, since the bytes on the wire are no longer those the tag was made from.
 */
export function compression(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('content-type');
    // Headers and status only until compressing: reading `body` would take a Node response off its fast path.
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 304) return;
    if (res.headers.has('content-encoding') || !isCompressible(type)) return;
    if (res.headers.get('cache-control')?.includes('no-transform')) return;
    varyOnEncoding(res.headers);
    const length = res.headers.get('content-length');
    if (length !== null && Number(length) < MIN_BYTES) return;
    const compressor = negotiate(c.req.header('accept-encoding'), compressorsOf(c.var.deps.compressor));
    const body = compressor ? res.body : null;
    if (!compressor || !body) return;
    // Hono copies the old response's headers onto a new c.res, so the changed ones are set after the swap.
    c.res = new Response(body.pipeThrough(compressor.stream()), res);
    c.res.headers.set('content-encoding', compressor.encoding);
    c.res.headers.delete('content-length');
    const etag = c.res.headers.get('etag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('etag', `W/${etag}`);
  };
}
