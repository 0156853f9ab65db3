import type { Kysely, Transaction } from 'kysely';
import type { Database, FileKind, FileRow, NewFile, Visibility } from '../../db/schema';
import { concatBytes } from '../bytes';
import { DomainError } from '../errors';
import type { FileStore } from '../file-store';
import type { MessageKey } from '../i18n/index';
import { randomToken, sha256Hex } from './tokens';
import { FILE_TYPES, type FileType, MAGIC_BYTES, classifyZip, firstZipEntry, sniffMagic, typeFitsKind, zipEntryNames } from './file-types';

type Db = Kysely<Database> | Transaction<Database>;

export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Room for the form's text fields and the multipart framing on top of the file itself. */
export const FORM_OVERHEAD_BYTES = 80 * 1024;
const FIELD_BYTES = 64 * 1024;
const HEADER_BYTES = 16 * 1024;
// Enough of the start of a file to read an OpenDocument `mimetype` entry.
const HEAD_BYTES = 4096;

// ——— Multipart, as a stream ———

export class MultipartError extends DomainError {
  constructor() {
    super(400, 'files_err_bad_form');
  }
}

/** A file part of a multipart body; its stream must be read to the end (or cancelled) before the next part comes. */
export interface FilePart {
  field: string;
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

const encoder = new TextEncoder();

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(needle[0]!); i !== -1 && i <= last; i = hay.indexOf(needle[0]!, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** The boundary of a multipart/form-data Content-Type, or null. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function dispositionParam(header: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

/**
 * Reads a multipart/form-data body as it arrives: text fields are collected (64 KiB at most in all), each file part is
 * handed to `onFile` as a stream that yields the bytes while they come in, so a file is never held in memory whole.
 * Browsers send the parts in the form's order, so fields placed before the file input are in `fields` already when
 * `onFile` runs. A file input left empty (no name, no bytes) is skipped.
 * @example const fields = await readMultipart(c.req.raw.body!, c.req.header('content-type'), async (file) => { await store.put(key, file.stream); });
 */
export async function readMultipart(
  body: ReadableStream<Uint8Array>,
  contentType: string | undefined,
  onFile: (file: FilePart, fields: Record<string, string>) => Promise<void>,
): Promise<Record<string, string>> {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new MultipartError();
  const reader = body.getReader();
  const delimiter = encoder.encode(`\r\n--${boundary}`);
  // A CRLF in front lets the first boundary be found like every other one.
  let buf: Uint8Array = encoder.encode('\r\n');
  let ended = false;
  const more = async () => {
    const { value, done } = await reader.read();
    if (done) return false;
    buf = concatBytes(buf, value);
    return true;
  };
  const take = (n: number) => {
    const out = buf.subarray(0, n);
    buf = buf.subarray(n);
    return out;
  };
  let partEnded = false;
  /** The next piece of the current part, or null at its end (the delimiter after it consumed). */
  const nextChunk = async (): Promise<Uint8Array | null> => {
    for (;;) {
      if (partEnded) return null;
      const at = indexOf(buf, delimiter);
      if (at >= 0) {
        const data = take(at);
        take(delimiter.length);
        partEnded = true;
        if (data.length) return data;
        return null;
      }
      const safe = buf.length - (delimiter.length - 1);
      if (safe > 0) return take(safe);
      if (!(await more())) throw new MultipartError();
    }
  };
  const need = async (n: number) => {
    while (buf.length < n) if (!(await more())) throw new MultipartError();
  };

  const fields: Record<string, string> = {};
  let fieldBytes = 0;
  try {
    // Preamble: everything before the first boundary.
    while (await nextChunk());
    for (;;) {
      await need(2);
      if (buf[0] === 0x2d && buf[1] === 0x2d) {
        ended = true;
        break;
      }
      while (buf[0] === 0x20 || buf[0] === 0x09) {
        take(1);
        await need(2);
      }
      if (buf[0] !== 0x0d || buf[1] !== 0x0a) throw new MultipartError();
      take(2);
      let headerEnd: number;
      for (;;) {
        if (buf[0] === 0x0d && buf[1] === 0x0a) {
          headerEnd = -2;
          break;
        }
        headerEnd = indexOf(buf, encoder.encode('\r\n\r\n'));
        if (headerEnd >= 0) break;
        if (buf.length > HEADER_BYTES || !(await more())) throw new MultipartError();
      }
      const headerText = headerEnd < 0 ? '' : new TextDecoder().decode(take(headerEnd));
      take(headerEnd < 0 ? 2 : 4);
      const disposition = /^content-disposition:\s*(.*)$/im.exec(headerText)?.[1] ?? '';
      const field = dispositionParam(disposition, 'name');
      const filename = dispositionParam(disposition, 'filename');
      partEnded = false;
      if (field === undefined) throw new MultipartError();
      if (filename === undefined) {
        const pieces: Uint8Array[] = [];
        for (let chunk = await nextChunk(); chunk; chunk = await nextChunk()) {
          fieldBytes += chunk.length;
          if (fieldBytes > FIELD_BYTES) throw new MultipartError();
          pieces.push(chunk);
        }
        fields[field] = new TextDecoder().decode(concatBytes(...pieces));
        continue;
      }
      const first = await nextChunk();
      if (!first && filename === '') continue;
      let pending: Uint8Array | null = first;
      const stream = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const chunk = pending ?? (await nextChunk());
            pending = null;
            if (chunk) controller.enqueue(chunk);
            else controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      await onFile({ field, filename: filename.replace(/^.*[\\/]/, ''), stream }, fields);
      // Whatever the handler left unread belongs to this part; skip to the next one.
      pending = null;
      while (await nextChunk());
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  if (!ended) throw new MultipartError();
  return fields;
}

// ——— Storing one file ———

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

// ——— Metadata ———

export const FILE_KINDS = ['presentation', 'document', 'image'] as const satisfies readonly FileKind[];
export const VISIBILITIES = ['public', 'participants', 'organisers'] as const satisfies readonly Visibility[];

export type FileMeta = Pick<NewFile, 'title' | 'kind' | 'visibility' | 'item_id' | 'speaker_id' | 'caption' | 'credit' | 'alt'>;
export type FileMetaField = keyof FileMeta;
export type FileMetaErrors = Partial<Record<FileMetaField | 'file' | 'form', MessageKey>>;

/** What the form may link a file to. */
export interface LinkChoices {
  itemIds: readonly number[];
  speakerIds: readonly number[];
}

const clean = (v: string | undefined, max: number) => {
  const s = (v ?? '').replace(/\r\n/g, '\n').trim();
  return s.length > max ? undefined : s;
};

/**
 * The file's metadata from the form's fields, or the errors by field. The title may be left out when a file name
 * can stand in (`fallbackTitle`); an image needs alt text.
 */
export function validateFileMeta(
  fields: Record<string, string>,
  choices: LinkChoices,
  fallbackTitle?: string,
): { ok: true; meta: FileMeta } | { ok: false; errors: FileMetaErrors; values: Record<string, string> } {
  const errors: FileMetaErrors = {};
  const title = clean(fields.title, 200);
  if (title === undefined) errors.title = 'files_err_too_long';
  else if (!title && !fallbackTitle) errors.title = 'files_err_title_required';
  const kind = FILE_KINDS.find((k) => k === fields.kind);
  if (!kind) errors.kind = 'files_err_kind';
  const visibility = VISIBILITIES.find((v) => v === fields.visibility);
  if (!visibility) errors.visibility = 'files_err_visibility';
  const pick = (name: 'item_id' | 'speaker_id', allowed: readonly number[]) => {
    const raw = (fields[name] ?? '').trim();
    if (!raw) return null;
    const id = /^[0-9]{1,15}$/.test(raw) ? Number(raw) : NaN;
    if (!allowed.includes(id)) errors[name] = 'files_err_choice';
    return id;
  };
  const item_id = pick('item_id', choices.itemIds);
  const speaker_id = pick('speaker_id', choices.speakerIds);
  const caption = clean(fields.caption, 1000);
  const credit = clean(fields.credit, 200);
  const alt = clean(fields.alt, 1000);
  if (caption === undefined) errors.caption = 'files_err_too_long';
  if (credit === undefined) errors.credit = 'files_err_too_long';
  if (alt === undefined) errors.alt = 'files_err_too_long';
  else if (kind === 'image' && !alt) errors.alt = 'files_err_alt_required';
  if (Object.keys(errors).length) return { ok: false, errors, values: fields };
  return {
    ok: true,
    meta: {
      title: title || fallbackTitle!,
      kind: kind!,
      visibility: visibility!,
      item_id,
      speaker_id,
      caption: caption || null,
      credit: credit || null,
      alt: alt || null,
    },
  };
}

/** Refuses bytes whose type does not suit the kind of file (a PDF as an image, a photo as slides). */
export function checkTypeFitsKind(type: FileType, kind: FileKind): void {
  if (!typeFitsKind(type, kind)) throw kindMismatch(kind);
}

// ——— Queries ———

export type EventFile = FileRow & { item_title: string | null; speaker_name: string | null; photo_of: string | null };

/** An event's files for the organiser, in the order the public pages show them. */
export async function listEventFiles(db: Db, eventId: number): Promise<EventFile[]> {
  return db
    .selectFrom('files')
    .leftJoin('programme_items', 'programme_items.id', 'files.item_id')
    .leftJoin('speakers', 'speakers.id', 'files.speaker_id')
    .selectAll('files')
    .select(['programme_items.title as item_title', 'speakers.name as speaker_name'])
    .select((eb) =>
      eb
        .selectFrom('speakers as s')
        .select((e) => e.fn<string>('group_concat', ['s.name']).as('names'))
        .whereRef('s.photo_file_id', '=', 'files.id')
        .as('photo_of'),
    )
    .where('files.event_id', '=', eventId)
    .orderBy('files.kind')
    .orderBy('files.position')
    .orderBy('files.id')
    .execute();
}

export async function findEventFile(db: Db, eventId: number, fileId: number): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('event_id', '=', eventId).where('id', '=', fileId).executeTakeFirst();
}

/** The items and speakers of an event that files can be linked to. */
export async function linkChoices(db: Db, eventId: number) {
  const [items, speakers] = await Promise.all([
    db.selectFrom('programme_items').select(['id', 'title', 'starts_at']).where('event_id', '=', eventId).orderBy('starts_at').orderBy('id').execute(),
    db.selectFrom('speakers').select(['id', 'name', 'photo_file_id']).where('event_id', '=', eventId).orderBy('position').orderBy('name').execute(),
  ]);
  return { items, speakers };
}

export const choiceIds = (choices: Awaited<ReturnType<typeof linkChoices>>): LinkChoices => ({
  itemIds: choices.items.map((i) => i.id),
  speakerIds: choices.speakers.map((s) => s.id),
});

/** A new file row for stored bytes, placed after the event's other files of its kind. */
export async function insertFile(
  db: Db,
  eventId: number,
  meta: FileMeta,
  stored: StoredBytes & { storageKey: string; originalName: string },
  now: Date,
): Promise<FileRow> {
  const last = await db
    .selectFrom('files')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('event_id', '=', eventId)
    .where('kind', '=', meta.kind)
    .executeTakeFirst();
  return db
    .insertInto('files')
    .values({
      event_id: eventId,
      ...meta,
      filename: safeFilename(stored.originalName || meta.title, FILE_TYPES[stored.type].ext),
      content_type: FILE_TYPES[stored.type].contentType,
      size: stored.size,
      sha256: stored.sha256,
      storage_key: stored.storageKey,
      position: Number(last?.max ?? -1) + 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateFileMeta(db: Db, fileId: number, meta: FileMeta, now: Date): Promise<void> {
  await db.updateTable('files').set({ ...meta, updated_at: now.toISOString() }).where('id', '=', fileId).execute();
}

/**
 * Puts newly stored bytes in place of a file's (same id, so the same URL), and removes whichever bytes end up unused:
 * the old ones after the switch, or the new ones when the switch fails.
 */
export async function swapFileBytes(db: Kysely<Database>, files: FileStore, file: FileRow, stored: StoredFile, now: Date): Promise<void> {
  let oldKey: string;
  try {
    oldKey = await replaceFileBytes(db, file, stored, now);
  } catch (error) {
    await files.delete(stored.storageKey);
    throw error;
  }
  await files.delete(oldKey);
}

/**
 * Points a file at new bytes: same id (so /files/:id/… keeps working), a new name, type, size and SHA-256 (the ETag).
 * Returns the old storage key, for the caller to delete once this has committed.
 */
export async function replaceFileBytes(
  db: Db,
  file: Pick<FileRow, 'id' | 'storage_key'>,
  stored: StoredBytes & { storageKey: string; originalName: string },
  now: Date,
): Promise<string> {
  await db
    .updateTable('files')
    .set({
      filename: safeFilename(stored.originalName, FILE_TYPES[stored.type].ext),
      content_type: FILE_TYPES[stored.type].contentType,
      size: stored.size,
      sha256: stored.sha256,
      storage_key: stored.storageKey,
      updated_at: now.toISOString(),
    })
    .where('id', '=', file.id)
    .execute();
  return file.storage_key;
}

/** Removes the row (a speaker using it as photo loses the photo); the caller deletes the bytes after the commit. */
export async function deleteFileRow(db: Db, fileId: number): Promise<void> {
  await db.updateTable('speakers').set({ photo_file_id: null }).where('photo_file_id', '=', fileId).execute();
  await db.deleteFrom('files').where('id', '=', fileId).execute();
}

/** Sets (or, with null, clears) a speaker's photo to one of the event's images. False if either does not belong. */
export async function setSpeakerPhoto(db: Db, eventId: number, speakerId: number, fileId: number | null): Promise<boolean> {
  if (fileId !== null) {
    const file = await db.selectFrom('files').select('kind').where('id', '=', fileId).where('event_id', '=', eventId).executeTakeFirst();
    if (file?.kind !== 'image') return false;
  }
  const result = await db.updateTable('speakers').set({ photo_file_id: fileId }).where('id', '=', speakerId).where('event_id', '=', eventId).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ——— A speaker's private upload link ———

/** A new link for the speaker, replacing any earlier one; the token is returned this once and stored only as a hash. */
export async function rotateUploadLink(db: Db, speaker: { id: number; event_id: number }, now: Date): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('upload_links')
    .values({ speaker_id: speaker.id, event_id: speaker.event_id, token_hash: await sha256Hex(token), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('speaker_id').doUpdateSet({ token_hash: (eb) => eb.ref('excluded.token_hash'), created_at: now.toISOString() }))
    .execute();
  return token;
}

export async function revokeUploadLink(db: Db, speakerId: number): Promise<void> {
  await db.deleteFrom('upload_links').where('speaker_id', '=', speakerId).execute();
}

export async function uploadLinkCreatedAt(db: Db, speakerId: number): Promise<string | null> {
  const row = await db.selectFrom('upload_links').select('created_at').where('speaker_id', '=', speakerId).executeTakeFirst();
  return row?.created_at ?? null;
}

/** The speaker and event behind an upload link token, or undefined for an unknown or revoked one. */
export async function findUploadLink(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('upload_links')
    .innerJoin('speakers', 'speakers.id', 'upload_links.speaker_id')
    .innerJoin('events', 'events.id', 'upload_links.event_id')
    .selectAll('speakers')
    .select(['events.title as event_title', 'events.time_zone', 'events.status as event_status', 'events.slug as event_slug'])
    .where('upload_links.token_hash', '=', await sha256Hex(token))
    .executeTakeFirst();
  return row;
}

/** The programme items a speaker is on, and the presentations already linked to them. */
export async function speakerUploads(db: Db, speaker: { id: number; event_id: number }) {
  const [items, files] = await Promise.all([
    db
      .selectFrom('programme_items')
      .innerJoin('item_speakers', 'item_speakers.item_id', 'programme_items.id')
      .select(['programme_items.id', 'programme_items.title', 'programme_items.starts_at'])
      .where('item_speakers.speaker_id', '=', speaker.id)
      .where('programme_items.event_id', '=', speaker.event_id)
      .orderBy('programme_items.starts_at')
      .execute(),
    db
      .selectFrom('files')
      .selectAll()
      .where('speaker_id', '=', speaker.id)
      .where('event_id', '=', speaker.event_id)
      .where('kind', '=', 'presentation')
      .orderBy('id')
      .execute(),
  ]);
  return { items, files };
}
