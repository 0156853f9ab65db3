import { Hono } from 'hono';
import { loadSession } from './admin/session';
import { PUBLIC_VIEWER, organises, visibleTo } from '../domain/access';
import { findFile } from '../domain/events';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import type { ByteRange } from '../file-store';
import { contentDisposition, idParam } from './request-helpers';
import { filePath } from '../urls';

// Shown in the browser; everything else (slides, documents) is offered as a download.
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

/**
 * The one byte range asked for, clamped to the file; null when the header asks for none we can serve alone
 * (absent, several ranges, or a unit other than bytes), 'unsatisfiable' when it lies outside the file.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m) return null;
  const [, from = '', to = ''] = m;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

// Only requests that carry a session cookie cost a session lookup; a signed-in organiser sees their events' files.
export const fileRoutes = new Hono<AppEnv>().use('*', loadSession).get('/:id{[0-9]+}/:filename', async (c) => {
  const { db, files } = c.var.deps;
  const file = await findFile(db, idParam(c, 'id'));
  const viewer = c.var.viewer ?? PUBLIC_VIEWER;
  const organiser = !!file && organises(viewer, file.event_id);
  // Files of drafts, and files the visitor may not see, do not exist as far as the visitor can tell (their organisers excepted).
  if (!file || (file.event_status === 'draft' && !organiser) || !visibleTo(file, file.event_id, viewer)) throw new NotFound();
  if (c.req.param('filename') !== file.filename) {
    return c.redirect(filePath(file), 301);
  }
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    etag,
    'accept-ranges': 'bytes',
    'cache-control': file.visibility === 'public' && file.event_status !== 'draft' ? 'public, max-age=300' : 'private, no-store',
    'content-type': file.content_type,
    'content-disposition': contentDisposition(INLINE_TYPES.has(file.content_type) ? 'inline' : 'attachment', file.filename),
    'x-content-type-options': 'nosniff',
    'last-modified': new Date(file.updated_at).toUTCString(),
  };
  if (c.req.header('if-none-match')?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return c.body(null, 304, headers);
  }
  const ifRange = c.req.header('if-range');
  const range = ifRange && ifRange !== etag ? null : parseRange(c.req.header('range'), file.size);
  if (range === 'unsatisfiable') {
    return c.body(null, 416, { 'content-range': `bytes */${file.size}` });
  }
  const body = await files.get(file.storage_key, range ?? undefined);
  if (!body) throw new NotFound();
  if (range) {
    return c.body(body, 206, {
      ...headers,
      'content-range': `bytes ${range.start}-${range.end}/${file.size}`,
      'content-length': String(range.end - range.start + 1),
    });
  }
  return c.body(body, 200, { ...headers, 'content-length': String(file.size) });
});
