import type { Kysely, Transaction } from 'kysely';
import type { Database, FileRow } from '../../db/schema';
import type { FileStore } from '../file-store';
import { FILE_TYPES } from './file-types';
import type { FileMeta, LinkChoices } from './file-meta';
import { type StoredBytes, type StoredFile, safeFilename } from './uploads';

type Db = Kysely<Database> | Transaction<Database>;

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
