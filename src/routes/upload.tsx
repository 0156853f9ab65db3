import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Notice } from '../../views/admin/files-pages';
import type { UploadFormState } from '../../views/admin/files-form';
import { SpeakerUploadPage } from '../../views/upload-page';
import { insertFile, swapFileBytes } from '../domain/event-files';
import { validateFileMeta } from '../domain/file-meta';
import { findUploadLink, speakerUploads } from '../domain/upload-links';
import { type StoredFile, receiveUpload, titleFromFilename } from '../domain/uploads';
import type { AppEnv } from '../env';
import { privateLinkHeaders } from '../security-headers';
import { DomainError, NotFound } from '../errors';
import { maxUploadBytes, uploadProblem } from './admin/files';
import { uploadPath } from '../urls';
import { idParam } from './request-helpers';

type C = Context<AppEnv>;
type Link = NonNullable<Awaited<ReturnType<typeof findUploadLink>>>;

const EMPTY: UploadFormState = { values: {}, errors: {} };

async function linkOf(c: C): Promise<Link> {
  const link = await findUploadLink(c.var.deps.db, c.req.param('token') ?? '');
  if (!link) throw new NotFound();
  return link;
}

async function render(
  c: C,
  link: Link,
  forms: { form?: UploadFormState; replace?: { fileId: number; state: UploadFormState } } = {},
  status: ContentfulStatusCode = 200,
  notice?: Notice,
) {
  const { items, files } = await speakerUploads(c.var.deps.db, link);
  c.status(status);
  return c.render(
    <SpeakerUploadPage
      token={c.req.param('token')!}
      speaker={link}
      items={items}
      files={files}
      form={forms.form ?? EMPTY}
      replace={forms.replace}
      maxBytes={maxUploadBytes(c)}
      notice={notice}
    />,
    { title: c.var.t('upload_title', { title: link.event_title }) },
  );
}

const sameOrigin = (origin: string, c: C) => origin === new URL(c.req.url).origin || origin === new URL(c.var.deps.config.baseUrl).origin;
const originCheck = csrf({ origin: sameOrigin });

/**
 * A speaker's private upload page `/upload/:token` (no account: the unguessable token is the key, and posts must come
 * from our own origin). The speaker adds presentations linked to themselves and one of their items, or replaces their
 * own; the same streaming, size and type rules as the organiser's uploads.
 */
export const uploadRoutes = new Hono<AppEnv>()
  // The URL is the key.
  .use('/upload/*', privateLinkHeaders)
  .use('/upload/*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    try {
      await originCheck(c, async () => {});
    } catch {
      throw new DomainError(403, 'upload_origin_failed');
    }
    await next();
  })
  .get('/upload/:token{[A-Za-z0-9_-]{43}}', async (c) => {
    const link = await linkOf(c);
    const done = Number(c.req.query('done') ?? NaN);
    let notice: Notice | undefined;
    if (done) {
      const file = (await speakerUploads(c.var.deps.db, link)).files.find((f) => f.id === done);
      if (file) notice = { key: 'upload_done', params: { title: file.title } };
    } else if (c.req.query('replaced') !== undefined) {
      notice = { key: 'upload_replaced' };
    }
    return render(c, link, {}, 200, notice);
  })
  .post('/upload/:token{[A-Za-z0-9_-]{43}}', async (c) => {
    const link = await linkOf(c);
    const { db, files, clock } = c.var.deps;
    const { items } = await speakerUploads(db, link);
    const choices = { itemIds: items.map((i) => i.id), speakerIds: [link.id] };
    let received: { fields: Record<string, string>; stored: StoredFile | null };
    try {
      received = await receiveUpload(c.req.raw, files, { maxBytes: maxUploadBytes(c), eventId: link.event_id, kindOf: () => 'presentation' });
    } catch (error) {
      const problem = uploadProblem(error);
      if (problem) return render(c, link, { form: { values: {}, errors: problem.errors } }, problem.status);
      throw error;
    }
    const { fields, stored } = received;
    const values = { ...fields, kind: 'presentation', visibility: 'public', speaker_id: String(link.id) };
    const result = validateFileMeta(values, choices, stored ? titleFromFilename(stored.originalName) : undefined);
    if (!result.ok || !stored) {
      if (stored) await files.delete(stored.storageKey);
      const errors = result.ok ? {} : Object.fromEntries(Object.entries(result.errors).map(([k, key]) => [k, { key }]));
      if (!stored) Object.assign(errors, { file: { key: 'files_err_file_required' } });
      return render(c, link, { form: { values: fields, errors } }, 422);
    }
    let id: number;
    try {
      id = (await insertFile(db, link.event_id, result.meta, stored, clock())).id;
    } catch (error) {
      await files.delete(stored.storageKey);
      throw error;
    }
    return c.redirect(uploadPath(c.req.param('token'), `?done=${id}`), 303);
  })
  .post('/upload/:token{[A-Za-z0-9_-]{43}}/files/:fid{[0-9]+}/replace', async (c) => {
    const link = await linkOf(c);
    const { db, files, clock } = c.var.deps;
    const file = (await speakerUploads(db, link)).files.find((f) => f.id === idParam(c, 'fid'));
    if (!file) throw new NotFound();
    let stored: StoredFile | null;
    try {
      ({ stored } = await receiveUpload(c.req.raw, files, { maxBytes: maxUploadBytes(c), eventId: link.event_id, kindOf: () => 'presentation' }));
    } catch (error) {
      const problem = uploadProblem(error);
      if (problem) return render(c, link, { replace: { fileId: file.id, state: { values: {}, errors: problem.errors } } }, problem.status);
      throw error;
    }
    if (!stored) return render(c, link, { replace: { fileId: file.id, state: { values: {}, errors: { file: { key: 'files_err_file_required' } } } } }, 422);
    await swapFileBytes(db, files, file, stored, clock());
    return c.redirect(uploadPath(c.req.param('token'), '?replaced'), 303);
  });
