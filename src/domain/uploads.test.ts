import { describe, expect, it } from 'vitest';
import { pdfWithTitlePage } from '../demo/pdf';
import { DomainError } from '../errors';
import type { FileStore } from '../file-store';
import { validateFileMeta } from './file-meta';
import { readMultipart } from './multipart';
import { safeFilename, storeUpload } from './uploads';

const enc = new TextEncoder();

/** A body delivered in pieces of `size` bytes, so boundaries fall across chunks as they do on the wire. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

function multipart(boundary: string, parts: { name: string; filename?: string; data: string | Uint8Array }[]): Uint8Array {
  const out: Uint8Array[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename !== undefined ? '\r\nContent-Type: application/octet-stream' : '';
    out.push(enc.encode(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    out.push(typeof p.data === 'string' ? enc.encode(p.data) : p.data);
    out.push(enc.encode('\r\n'));
  }
  out.push(enc.encode(`--${boundary}--\r\n`));
  const all = new Uint8Array(out.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of out) (all.set(b, at), (at += b.length));
  return all;
}

async function collect(stream: ReadableStream<Uint8Array>) {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  const all = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of parts) (all.set(b, at), (at += b.length));
  return all;
}

/** An in-memory store that records what is left in it. */
function memoryStore(): FileStore & { keys: Map<string, Uint8Array> } {
  const keys = new Map<string, Uint8Array>();
  return {
    keys,
    async put(key, body) {
      const bytes = body instanceof Uint8Array ? body : await collect(body);
      keys.set(key, bytes);
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
      return { size: bytes.length, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
    },
    async get(key, range) {
      const bytes = keys.get(key);
      if (!bytes) return null;
      const slice = range ? bytes.slice(range.start, range.end + 1) : bytes;
      return new ReadableStream({ start: (c) => (c.enqueue(slice), c.close()) });
    },
    async delete(key) {
      keys.delete(key);
    },
  };
}

describe('readMultipart', () => {
  // Bytes that look like a boundary's beginning inside the file must pass through untouched.
  const file = new Uint8Array([...enc.encode('%PDF-1.4\r\n--not-the-boundary\r\n-'), ...Array.from({ length: 3000 }, (_, i) => i % 256), 13, 10, 45]);
  const boundary = '----WebKitFormBoundaryAbC123';
  const body = multipart(boundary, [
    { name: 'title', data: 'Årsmøte på Bodø' },
    { name: 'kind', data: 'presentation' },
    { name: 'file', filename: 'Bodø.pdf', data: file },
    { name: 'after', data: 'last' },
  ]);

  for (const size of [1, 7, 64, 1000, body.length]) {
    it(`streams the file and collects the fields when the body comes in ${size}-byte pieces`, async () => {
      let got: Uint8Array | undefined;
      let seen: Record<string, string> = {};
      const fields = await readMultipart(chunked(body, size), `multipart/form-data; boundary=${boundary}`, async (part, sofar) => {
        expect(part.field).toBe('file');
        expect(part.filename).toBe('Bodø.pdf');
        seen = { ...sofar };
        got = await collect(part.stream);
      });
      expect(got).toEqual(file);
      expect(seen).toEqual({ title: 'Årsmøte på Bodø', kind: 'presentation' });
      expect(fields).toEqual({ title: 'Årsmøte på Bodø', kind: 'presentation', after: 'last' });
    });
  }

  it('skips an empty file input and the rest of a file the handler did not read', async () => {
    const empty = multipart('b', [{ name: 'file', filename: '', data: '' }, { name: 'title', data: 'x' }]);
    const calls: string[] = [];
    expect(await readMultipart(chunked(empty, 5), 'multipart/form-data; boundary=b', async (p) => void calls.push(p.field))).toEqual({ title: 'x' });
    expect(calls).toEqual([]);
    const unread = multipart('b', [{ name: 'file', filename: 'a.pdf', data: 'x'.repeat(5000) }, { name: 'title', data: 'y' }]);
    expect(await readMultipart(chunked(unread, 100), 'multipart/form-data; boundary=b', async () => {})).toEqual({ title: 'y' });
  });

  it('answers 400 to a body cut off before its closing boundary, or without a boundary at all', async () => {
    const cut = body.slice(0, body.length - 20);
    await expect(readMultipart(chunked(cut, 50), `multipart/form-data; boundary=${boundary}`, async (p) => void (await collect(p.stream)))).rejects.toMatchObject({ status: 400 });
    await expect(readMultipart(chunked(body, 50), 'multipart/form-data', async () => {})).rejects.toBeInstanceOf(DomainError);
    await expect(readMultipart(chunked(body, 50), 'application/json', async () => {})).rejects.toMatchObject({ status: 400 });
  });
});

describe('storeUpload', () => {
  it('stores a PDF with its size and SHA-256', async () => {
    const store = memoryStore();
    const pdf = pdfWithTitlePage('Innlandet', ['Program']);
    const stored = await storeUpload(store, 'k', chunked(pdf, 100), 1 << 20);
    expect(stored.type).toBe('pdf');
    expect(stored.size).toBe(pdf.length);
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(store.keys.get('k')).toEqual(pdf);
  });

  it('refuses a program with 415 and leaves nothing; refuses too many bytes with 413 and leaves nothing', async () => {
    const store = memoryStore();
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);
    await expect(storeUpload(store, 'exe', chunked(exe, 4), 1 << 20)).rejects.toMatchObject({ status: 415 });
    const big = pdfWithTitlePage('Stor', ['x'.repeat(2000)]);
    await expect(storeUpload(store, 'big', chunked(big, 256), 1000)).rejects.toMatchObject({ status: 413, params: { mb: 0 } });
    expect([...store.keys.keys()]).toEqual([]);
  });

  it('refuses a PDF sent as an image', async () => {
    const store = memoryStore();
    await expect(storeUpload(store, 'k', chunked(pdfWithTitlePage('a', []), 100), 1 << 20, 'image')).rejects.toMatchObject({
      status: 415,
      messageKey: 'files_err_not_image',
    });
    expect(store.keys.size).toBe(0);
  });
});

describe('safe names and metadata', () => {
  it('makes download names ASCII-safe, spelling out æøå, with the extension of the real type', () => {
    expect(safeFilename('Bodø – årsmøte 2026.PDF', 'pdf')).toBe('Bodo-arsmote-2026.pdf');
    expect(safeFilename('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFilename('C:\\Users\\kari\\Ærlig talt.exe', 'pptx')).toBe('Aerlig-talt.pptx');
    expect(safeFilename('Crème brûlée', 'png')).toBe('Creme-brulee.png');
    expect(safeFilename('???', 'pdf')).toBe('file.pdf');
  });

  it('needs alt text for an image and items that belong to the event', () => {
    const choices = { itemIds: [1], speakerIds: [5] };
    const image = validateFileMeta({ title: 'Salen', kind: 'image', visibility: 'public', alt: '' }, choices);
    expect(image).toMatchObject({ ok: false, errors: { alt: 'files_err_alt_required' } });
    const foreign = validateFileMeta({ title: 'X', kind: 'document', visibility: 'public', item_id: '2' }, choices);
    expect(foreign).toMatchObject({ ok: false, errors: { item_id: 'files_err_choice' } });
    const ok = validateFileMeta({ title: ' ', kind: 'presentation', visibility: 'participants', speaker_id: '5' }, choices, 'Fra filnavnet');
    expect(ok).toEqual({
      ok: true,
      meta: { title: 'Fra filnavnet', kind: 'presentation', visibility: 'participants', item_id: null, speaker_id: 5, caption: null, credit: null, alt: null },
    });
  });
});
