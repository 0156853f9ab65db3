import type { FileKind, NewFile, Visibility } from '../../db/schema';
import type { MessageKey } from '../i18n/index';

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
