import { Duplex } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, createBrotliCompress } from 'node:zlib';
import type { Compressor } from '../compression';

const compress = promisify(brotliCompress);

/**
 * Brotli from node:zlib (workerd has no brotli in CompressionStream, so the core falls back to gzip without this).
 * Whole bodies are compressed once and cached, so they get a high quality; streams a quick one.
 */
export function brotliCompressor(): Compressor {
  return {
    encoding: 'br',
    async compress(bytes) {
      const out = await compress(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      });
      return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.length);
    },
    stream() {
      const zlib = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
      return Duplex.toWeb(zlib) as unknown as TransformStream<Uint8Array, Uint8Array>;
    },
  };
}
