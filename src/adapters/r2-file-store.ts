import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ByteRange, FileStore } from '../file-store';

/** The parts of an R2 bucket binding this store uses (typed here, so Node's type check needs no Workers types). */
export interface R2BucketLike {
  put(key: string, value: Uint8Array): Promise<unknown>;
  get(key: string, options?: { range?: { offset: number; length: number } }): Promise<{ body: ReadableStream<Uint8Array> } | null>;
  delete(key: string): Promise<void>;
  createMultipartUpload(key: string): Promise<R2UploadLike>;
}

export interface R2UploadLike {
  uploadPart(partNumber: number, value: Uint8Array): Promise<{ partNumber: number; etag: string }>;
  complete(parts: { partNumber: number; etag: string }[]): Promise<unknown>;
  abort(): Promise<void>;
}

/** R2 wants every part but the last to be at least 5 MiB (miniflare checks it too). */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * Files in an R2 bucket. R2's `put` needs the length up front, which a streamed multipart form part does not have, so
 * a stream is cut into parts of PART_BYTES and sent by multipart upload: memory stays at about one part whatever the
 * size. Size and SHA-256 are computed on the way (Web Crypto cannot hash incrementally). A body that fits in one part
 * goes by a plain `put`.
 */
export function r2FileStore(bucket: R2BucketLike, partBytes = PART_BYTES): FileStore {
  return {
    async put(key, body) {
      const hash = sha256.create();
      if (body instanceof Uint8Array) {
        await bucket.put(key, body);
        return { size: body.length, sha256: bytesToHex(hash.update(body).digest()) };
      }
      const reader = body.getReader();
      let size = 0;
      let part = new Uint8Array(partBytes);
      let filled = 0;
      let upload: R2UploadLike | undefined;
      const sent: { partNumber: number; etag: string }[] = [];
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          hash.update(value);
          size += value.length;
          for (let at = 0; at < value.length; ) {
            const take = Math.min(partBytes - filled, value.length - at);
            part.set(value.subarray(at, at + take), filled);
            filled += take;
            at += take;
            if (filled === partBytes) {
              upload ??= await bucket.createMultipartUpload(key);
              sent.push(await upload.uploadPart(sent.length + 1, part));
              part = new Uint8Array(partBytes);
              filled = 0;
            }
          }
        }
        if (!upload) {
          await bucket.put(key, part.subarray(0, filled));
        } else {
          if (filled > 0) sent.push(await upload.uploadPart(sent.length + 1, part.subarray(0, filled)));
          await upload.complete(sent);
        }
      } catch (error) {
        await upload?.abort().catch(() => {});
        await reader.cancel(error).catch(() => {});
        throw error;
      }
      return { size, sha256: bytesToHex(hash.digest()) };
    },
    async get(key, range?: ByteRange) {
      const object = await bucket.get(key, range ? { range: { offset: range.start, length: range.end - range.start + 1 } } : undefined);
      return object?.body ?? null;
    },
    async delete(key) {
      await bucket.delete(key);
    },
  };
}
