import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange, FileStore } from '../file-store';

const PART = /^\.[0-9a-f-]{36}\.part$/;

/**
 * Deletes the temporary `.part` files under `root` that a write interrupted by a crash left behind; run at start,
 * before anything writes (one server per data folder). Returns how many there were.
 */
export async function sweepPartFiles(root: string): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(root, { recursive: true });
  } catch {
    return 0; // no folder yet: nothing was ever written
  }
  const parts = entries.filter((path) => PART.test(path.split(sep).pop() ?? ''));
  await Promise.all(parts.map((path) => rm(join(root, path), { force: true })));
  return parts.length;
}

/** Files in a folder; writes go to a temporary name first so a reader never sees half a file. */
export function diskFileStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const full = resolve(base, key);
    if (!full.startsWith(base + sep)) throw new RangeError(`storage key outside the store: ${key}`);
    return full;
  };
  return {
    async put(key, body) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const temp = join(dirname(target), `.${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const source = body instanceof Uint8Array ? Readable.from([body]) : Readable.fromWeb(body as never);
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, count, createWriteStream(temp));
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { size, sha256: hash.digest('hex') };
    },
    async get(key, range?: ByteRange) {
      const path = pathOf(key);
      try {
        await stat(path);
      } catch {
        return null;
      }
      const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
      return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
