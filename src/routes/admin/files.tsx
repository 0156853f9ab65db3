import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { EventRow, FileRow } from '../../../db/schema';
import { EMPTY_UPLOAD, type UploadErrors, type UploadFormState } from '../../../views/admin/files-form';
import { FileDeletePage, FileEditPage, FilesPage, type Notice, UploadLinkPage, filesUrl } from '../../../views/admin/files-pages';
import { requireEventAccess } from './session';
import { choiceIds, deleteFileRow, findEventFile, insertFile, linkChoices, listEventFiles, swapFileBytes, setSpeakerPhoto, updateFileMeta } from '../../domain/event-files';
import { FILE_KINDS, validateFileMeta } from '../../domain/file-meta';
import { revokeUploadLink, rotateUploadLink, uploadLinkCreatedAt } from '../../domain/upload-links';
import { DEFAULT_MAX_UPLOAD_BYTES, InvalidFields, type StoredFile, checkTypeFitsKind, receiveUpload, titleFromFilename } from '../../domain/uploads';
import type { AppEnv } from '../../env';
import { DomainError, NotFound } from '../../errors';
import { typeFitsKind, typeOfContentType } from '../../domain/file-types';
import { formData } from '../request-helpers';
import { absolute, uploadPath } from '../../urls';
import { logAction } from '../audit';

type C = Context<AppEnv>;

export const maxUploadBytes = (c: { var: { deps: { config: { maxUploadBytes?: number } } } }) =>
  c.var.deps.config.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;

const idOf = (value: string | undefined) => (value && /^[0-9]{1,15}$/.test(value) ? Number(value) : NaN);

/** Refusals that belong next to the file input (wrong type, too large, cut off), with their status. */
export function uploadProblem(error: unknown): { status: ContentfulStatusCode; errors: UploadErrors } | null {
  if (!(error instanceof DomainError) || ![400, 413, 415, 422].includes(error.status)) return null;
  return { status: error.status as ContentfulStatusCode, errors: { file: { key: error.messageKey, params: error.params } } };
}

const metaErrors = (errors: InvalidFields['errors']): UploadErrors =>
  Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, { key }])) as UploadErrors;

const kindOf = (fields: Record<string, string>) => FILE_KINDS.find((k) => k === fields.kind);

async function renderFiles(c: C, event: EventRow, form: UploadFormState = EMPTY_UPLOAD, status: ContentfulStatusCode = 200, notice?: Notice) {
  const { db } = c.var.deps;
  const [files, choices] = await Promise.all([listEventFiles(db, event.id), linkChoices(db, event.id)]);
  c.status(status);
  return c.render(<FilesPage event={event} files={files} choices={choices} form={form} maxBytes={maxUploadBytes(c)} notice={notice} />, {
    title: c.var.t('files_title', { title: event.title }),
  });
}

const metaValues = (file: FileRow): Record<string, string> => ({
  title: file.title,
  kind: file.kind,
  visibility: file.visibility,
  item_id: file.item_id === null ? '' : String(file.item_id),
  speaker_id: file.speaker_id === null ? '' : String(file.speaker_id),
  caption: file.caption ?? '',
  credit: file.credit ?? '',
  alt: file.alt ?? '',
});

async function renderEdit(
  c: C,
  event: EventRow,
  file: FileRow,
  forms: { meta?: UploadFormState; replace?: UploadFormState } = {},
  status: ContentfulStatusCode = 200,
  notice?: Notice,
) {
  const choices = await linkChoices(c.var.deps.db, event.id);
  c.status(status);
  return c.render(
    <FileEditPage
      event={event}
      file={file}
      choices={choices}
      meta={forms.meta ?? { values: metaValues(file), errors: {} }}
      replace={forms.replace ?? { values: {}, errors: {} }}
      maxBytes={maxUploadBytes(c)}
      notice={notice}
    />,
    { title: c.var.t('files_edit_title', { title: file.title }) },
  );
}

async function fileOf(c: C, event: EventRow): Promise<FileRow> {
  const file = await findEventFile(c.var.deps.db, event.id, idOf(c.req.param('fid')));
  if (!file) throw new NotFound();
  return file;
}

const NOTICES: Record<string, Notice['key']> = {
  saved: 'files_saved',
  replaced: 'files_replaced',
  deleted: 'files_deleted',
  photo: 'files_photo_saved',
};

/**
 * The organiser's file pages, mounted at /admin/events: `/:id/files` (list, upload), `/:id/files/:fid` (edit, replace,
 * delete), `/:id/speakers/:sid/photo` and `/:id/speakers/:sid/upload-link`.
 */
export const adminFileRoutes = new Hono<AppEnv>()
  .get('/:id/files', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const uploaded = idOf(c.req.query('uploaded'));
    let notice: Notice | undefined;
    if (uploaded) {
      const file = await findEventFile(c.var.deps.db, event.id, uploaded);
      if (file) notice = { key: 'files_uploaded', params: { title: file.title } };
    }
    const done = Object.keys(NOTICES).find((k) => c.req.query(k) !== undefined);
    if (done) notice = { key: NOTICES[done]! };
    return renderFiles(c, event, EMPTY_UPLOAD, 200, notice);
  })
  .post('/:id/files', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const { db, files, clock } = c.var.deps;
    const ids = choiceIds(await linkChoices(db, event.id));
    let received: { fields: Record<string, string>; stored: StoredFile | null };
    try {
      received = await receiveUpload(c.req.raw, files, {
        maxBytes: maxUploadBytes(c),
        eventId: event.id,
        kindOf,
        beforeFile: (fields) => {
          // Fields sent after the file are checked once it is in; these are known now (the title may come from the name).
          if (!('kind' in fields)) return;
          const early = validateFileMeta(fields, ids, 'x');
          if (!early.ok) throw new InvalidFields(early.errors, fields);
        },
      });
    } catch (error) {
      if (error instanceof InvalidFields) return renderFiles(c, event, { values: error.values, errors: metaErrors(error.errors) }, 422);
      const problem = uploadProblem(error);
      if (problem) return renderFiles(c, event, { values: EMPTY_UPLOAD.values, errors: problem.errors }, problem.status);
      throw error;
    }
    const { fields, stored } = received;
    const fail = async (errors: UploadErrors, status: ContentfulStatusCode) => {
      if (stored) await files.delete(stored.storageKey);
      return renderFiles(c, event, { values: fields, errors }, status);
    };
    if (!stored) {
      // No file chosen: say that first; an empty title is no error, as the file's name would have been used.
      const others = validateFileMeta(fields, ids, 'x');
      return fail({ ...(others.ok ? {} : metaErrors(others.errors)), file: { key: 'files_err_file_required' } }, 422);
    }
    const result = validateFileMeta(fields, ids, titleFromFilename(stored.originalName));
    if (!result.ok) return fail(metaErrors(result.errors), 422);
    try {
      checkTypeFitsKind(stored.type, result.meta.kind);
    } catch (error) {
      return fail(uploadProblem(error)!.errors, 415);
    }
    let row: FileRow;
    try {
      row = await insertFile(db, event.id, result.meta, stored, clock());
    } catch (error) {
      await files.delete(stored.storageKey);
      throw error;
    }
    return c.redirect(filesUrl(event.id, `?uploaded=${row.id}`), 303);
  })
  .get('/:id/files/:fid', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const file = await fileOf(c, event);
    const done = Object.keys(NOTICES).find((k) => c.req.query(k) !== undefined);
    return renderEdit(c, event, file, {}, 200, done ? { key: NOTICES[done]! } : undefined);
  })
  .post('/:id/files/:fid', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const file = await fileOf(c, event);
    const { db, clock } = c.var.deps;
    const form = await formData(c);
    const fields = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
    const result = validateFileMeta(fields, choiceIds(await linkChoices(db, event.id)));
    if (!result.ok) return renderEdit(c, event, file, { meta: { values: fields, errors: metaErrors(result.errors) } }, 422);
    // The bytes stay: a change of kind must still suit them (slides cannot become an image).
    const type = typeOfContentType(file.content_type);
    if (type && !typeFitsKind(type, result.meta.kind)) {
      const key = result.meta.kind === 'image' ? 'files_err_not_image' : 'files_err_image_as_document';
      return renderEdit(c, event, file, { meta: { values: fields, errors: { kind: { key } } } }, 422);
    }
    await updateFileMeta(db, file.id, result.meta, clock());
    return c.redirect(filesUrl(event.id, `/${file.id}?saved`), 303);
  })
  .post('/:id/files/:fid/replace', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const file = await fileOf(c, event);
    const { db, files, clock } = c.var.deps;
    let stored: StoredFile | null;
    try {
      ({ stored } = await receiveUpload(c.req.raw, files, { maxBytes: maxUploadBytes(c), eventId: event.id, kindOf: () => file.kind }));
    } catch (error) {
      const problem = uploadProblem(error);
      if (problem) return renderEdit(c, event, file, { replace: { values: {}, errors: problem.errors } }, problem.status);
      throw error;
    }
    if (!stored) return renderEdit(c, event, file, { replace: { values: {}, errors: { file: { key: 'files_err_file_required' } } } }, 422);
    await swapFileBytes(db, files, file, stored, clock());
    return c.redirect(filesUrl(event.id, `/${file.id}?replaced`), 303);
  })
  .get('/:id/files/:fid/delete', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const file = await fileOf(c, event);
    return c.render(<FileDeletePage event={event} file={file} />, { title: c.var.t('files_delete_title', { title: file.title }) });
  })
  .post('/:id/files/:fid/delete', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const file = await fileOf(c, event);
    const { db, files } = c.var.deps;
    await db.transaction().execute((trx) => deleteFileRow(trx, file.id));
    await files.delete(file.storage_key);
    await logAction(c, 'file_deleted', `event:${event.id}`, { detail: { file: file.id, filename: file.filename } });
    return c.redirect(filesUrl(event.id, '?deleted'), 303);
  })
  .post('/:id/speakers/:sid/photo', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const raw = (await formData(c)).get('file_id');
    const fileId = typeof raw === 'string' && raw !== '' ? idOf(raw) : null;
    if (Number.isNaN(fileId)) throw new DomainError(400, 'files_err_choice');
    const ok = await setSpeakerPhoto(c.var.deps.db, event.id, idOf(c.req.param('sid')), fileId);
    if (!ok) throw new DomainError(422, 'files_err_choice');
    return c.redirect(filesUrl(event.id, '?photo'), 303);
  })
  .get('/:id/speakers/:sid/upload-link', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const speaker = await speakerOf(c, event);
    const createdAt = await uploadLinkCreatedAt(c.var.deps.db, speaker.id);
    return c.render(<UploadLinkPage event={event} speaker={speaker} createdAt={createdAt} />, {
      title: c.var.t('files_link_title', { name: speaker.name }),
    });
  })
  .post('/:id/speakers/:sid/upload-link', async (c) => {
    const event = await requireEventAccess(c, c.req.param('id'));
    const speaker = await speakerOf(c, event);
    const { db, clock, config } = c.var.deps;
    const action = (await formData(c)).get('action');
    const title = c.var.t('files_link_title', { name: speaker.name });
    if (action === 'revoke') {
      await revokeUploadLink(db, speaker.id);
      return c.render(<UploadLinkPage event={event} speaker={speaker} createdAt={null} notice={{ key: 'files_link_revoked' }} />, { title });
    }
    if (action !== 'create') throw new DomainError(400, 'files_err_bad_form');
    const token = await rotateUploadLink(db, speaker, clock());
    // Shown in this answer only: the token is not kept, so the page cannot show it again.
    const newLink = absolute(config.baseUrl, uploadPath(token));
    return c.render(<UploadLinkPage event={event} speaker={speaker} createdAt={clock().toISOString()} newLink={newLink} />, { title });
  });

async function speakerOf(c: C, event: EventRow) {
  const speaker = await c.var.deps.db
    .selectFrom('speakers')
    .select(['id', 'name', 'event_id'])
    .where('id', '=', idOf(c.req.param('sid')))
    .where('event_id', '=', event.id)
    .executeTakeFirst();
  if (!speaker) throw new NotFound();
  return speaker;
}

