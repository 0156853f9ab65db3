import type { FileKind } from '../../db/schema';
import { concatBytes } from '../bytes';
import { DomainError } from '../errors';
import type { FileStore } from '../file-store';
import type { FileMetaErrors } from './file-meta';
import { type FileType, MAGIC_BYTES, classifyZip, firstZipEntry, sniffMagic, typeFitsKind, zipEntryNames } from './file-types';
import { MultipartError, readMultipart } from './multipart';

export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Room for the form's text fields and the multipart framing on top of the file itself. */
export const FORM_OVERHEAD_BYTES = 80 * 1024;
// Enough of the start of a file to read an OpenDocument `mimetype` entry.
const HEAD_BYTES = 4096;

async function readAll(stream: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return concatBytes(...chunks);
}

/** The stored bytes of an accepted upload, as the file store reports them. */
export interface StoredBytes {
  type: FileType;
  size: number;
  sha256: string;
}

/**
 * Streams an upload into the store under `key`, counting and checking on the way: more than `maxBytes` stops it with
 * 413, first bytes of a type we do not take stop it with 415 — in both cases before the rest is read, and nothing is
 * left in the store. Zip-based files are looked into (their central directory, read back from the store) to tell
 * PPTX, DOCX, ODP and Keynote apart; any other zip is deleted again and refused.
 */
export async function storeUpload(
  files: FileStore,
  key: string,
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  kind?: FileKind,
): Promise<StoredBytes> {
  let size = 0;
  let head: Uint8Array = new Uint8Array(0);
  let magic: ReturnType<typeof sniffMagic> | undefined;
  let refusal: DomainError | undefined;
  const refuse = (controller: TransformStreamDefaultController<Uint8Array>, error: DomainError) => {
    refusal = error;
    controller.error(error);
  };
  const check = (controller: TransformStreamDefaultController<Uint8Array>) => {
    magic = sniffMagic(head);
    if (!magic) return refuse(controller, new DomainError(415, 'files_err_type'));
    // A container is never an image; other types are known now, so a wrong kind need not be uploaded whole.
    const misfit = kind && (magic === 'zip' ? kind === 'image' : !typeFitsKind(magic, kind));
    if (misfit) refuse(controller, kindMismatch(kind));
  };
  const guard = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.length;
      if (size > maxBytes) return refuse(controller, new DomainError(413, 'files_err_too_large', { mb: Math.floor(maxBytes / 1048576) }));
      if (head.length < HEAD_BYTES) head = concatBytes(head, chunk.subarray(0, HEAD_BYTES - head.length));
      if (magic === undefined && head.length >= MAGIC_BYTES) {
        check(controller);
        if (refusal) return;
      }
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (size === 0) return refuse(controller, new DomainError(422, 'files_err_empty'));
      if (magic === undefined) check(controller);
    },
  });
  let stored: { size: number; sha256: string };
  try {
    stored = await files.put(key, stream.pipeThrough(guard));
  } catch (error) {
    await files.delete(key).catch(() => {});
    throw refusal ?? error;
  }
  if (magic !== 'zip') return { type: magic!, ...stored };
  const names = await zipEntryNames(stored.size, async (start, end) => readAll(await files.get(key, { start, end })));
  const type = names ? classifyZip(names, firstZipEntry(head)) : null;
  if (!type || (kind && !typeFitsKind(type, kind))) {
    await files.delete(key);
    throw type && kind ? kindMismatch(kind) : new DomainError(415, 'files_err_type');
  }
  return { type, ...stored };
}

const kindMismatch = (kind: FileKind) => new DomainError(415, kind === 'image' ? 'files_err_not_image' : 'files_err_image_as_document');

/** Bytes in the store with what we learnt about them on the way in. */
export type StoredFile = StoredBytes & { storageKey: string; originalName: string };

/** The form's fields were wrong before any byte of the file was stored. */
export class InvalidFields extends Error {
  constructor(
    readonly errors: FileMetaErrors,
    readonly values: Record<string, string>,
  ) {
    super('invalid fields');
  }
}

/**
 * Receives a multipart upload form: checks Content-Length up front (413), streams the `file` part into the store under
 * a fresh key (see storeUpload), and returns the text fields and what was stored (null when no file was chosen).
 * `beforeFile` sees the fields sent before the file and may throw InvalidFields to refuse before storing anything;
 * `kindOf` tells which kind of file the fields ask for, so that a mismatch stops the upload early. Anything stored is
 * deleted again when the request fails later on.
 */
export async function receiveUpload(
  request: Request,
  files: FileStore,
  options: {
    maxBytes: number;
    eventId: number;
    kindOf?: (fields: Record<string, string>) => FileKind | undefined;
    beforeFile?: (fields: Record<string, string>) => void;
  },
): Promise<{ fields: Record<string, string>; stored: StoredFile | null }> {
  const mb = Math.floor(options.maxBytes / 1048576);
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (length > options.maxBytes + FORM_OVERHEAD_BYTES) throw new DomainError(413, 'files_err_too_large', { mb });
  if (!request.body) throw new MultipartError();
  let stored: StoredFile | null = null;
  try {
    const fields = await readMultipart(request.body, request.headers.get('content-type') ?? undefined, async (file, sofar) => {
      if (file.field !== 'file' || stored) return;
      options.beforeFile?.(sofar);
      const storageKey = storageKeyFor(options.eventId);
      const bytes = await storeUpload(files, storageKey, file.stream, options.maxBytes, options.kindOf?.(sofar));
      stored = { ...bytes, storageKey, originalName: file.filename };
    });
    return { fields, stored };
  } catch (error) {
    const leftover = stored as StoredFile | null;
    if (leftover) await files.delete(leftover.storageKey).catch(() => {});
    throw error;
  }
}

/**
 * A download name that is safe everywhere: ASCII letters, digits, '-', '_' and '.', the extension of the detected type.
 * Norwegian letters are spelt out rather than dropped.
 * @example safeFilename('Bodø – årsmøte 2026.PDF', 'pdf') // 'Bodo-arsmote-2026.pdf'
 */
export function safeFilename(name: string, ext: string): string {
  const stem = name
    .replace(/^.*[\\/]/, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[æÆøØåÅ]/g, (ch) => ({ æ: 'ae', Æ: 'Ae', ø: 'o', Ø: 'O', å: 'a', Å: 'A' })[ch]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/[-.]{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 80)
    .replace(/[-._]+$/, '');
  return `${stem || 'file'}.${ext}`;
}

/** The stem of an uploaded file's name, as a title when none was typed. */
export const titleFromFilename = (name: string) => name.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_]+/g, ' ').trim().slice(0, 200);

export const storageKeyFor = (eventId: number) => `events/${eventId}/uploads/${crypto.randomUUID()}`;

/** Refuses bytes whose type does not suit the kind of file (a PDF as an image, a photo as slides). */
export function checkTypeFitsKind(type: FileType, kind: FileKind): void {
  if (!typeFitsKind(type, kind)) throw kindMismatch(kind);
}
