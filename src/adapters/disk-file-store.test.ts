import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskFileStore, sweepPartFiles } from './disk-file-store';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'samling-store-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const everything = async () => (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);

describe('disk file store', () => {
  it('leaves nothing behind when the upload breaks off half-way', async () => {
    const store = diskFileStore(root);
    let sent = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 3) controller.error(new Error('client went away'));
        else controller.enqueue(new Uint8Array(64 * 1024).fill(sent));
      },
    });
    await expect(store.put('events/1/uploads/a', broken)).rejects.toThrow('client went away');
    expect(await everything()).toEqual([]);
  });

  it('sweeps the temporary files a crash left, and only those', async () => {
    await mkdir(join(root, 'events/1/uploads'), { recursive: true });
    await writeFile(join(root, 'events/1/uploads/.0b9b3a3c-4f0e-4a6f-9a51-0d3c1d5e7f10.part'), 'half a file');
    await writeFile(join(root, 'events/1/uploads/kept'), 'a whole file');
    await writeFile(join(root, 'notes.part'), 'not ours');
    expect(await sweepPartFiles(root)).toBe(1);
    expect((await everything()).sort()).toEqual(['kept', 'notes.part']);
    expect(await sweepPartFiles(join(root, 'missing'))).toBe(0);
  });
});
