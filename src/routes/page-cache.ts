import type { MiddlewareHandler } from 'hono';
import { contentVersion } from '../domain/events';
import type { AppEnv } from '../env';
import { hashString } from './assets';

interface Entry {
  version: number;
  storedAt: number;
  etag: string;
  /** Encoded once: a cached page is sent as bytes, not converted from text on every request. */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

/**
 * Caches rendered public pages per URL and language. An entry is valid while the content version (bumped by database
 * triggers on every content write) is unchanged and it is younger than `pageCacheSeconds` (pages also depend on the
 * clock: upcoming or past, registration open or closed). Answers If-None-Match with 304.
 */
export function pageCache(maxEntries = 500): MiddlewareHandler<AppEnv> {
  // One cache per app instance (its deps), never shared between apps over different databases.
  const caches = new WeakMap<object, Map<string, Entry>>();
  return async (c, next) => {
    // A language switch sets a cookie; let it through uncached.
    if (c.req.method !== 'GET' || c.req.query('lang') !== undefined) return next();
    const { db, clock, config } = c.var.deps;
    let entries = caches.get(c.var.deps);
    if (!entries) {
      entries = new Map();
      caches.set(c.var.deps, entries);
    }
    const key = `${c.var.lang} ${c.req.url}`;
    const [version, now] = [await contentVersion(db), clock().getTime()];
    const hit = entries.get(key);
    if (hit && hit.version === version && now - hit.storedAt < config.pageCacheSeconds * 1000) {
      return respond(c.req.header('if-none-match'), hit);
    }
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (c.res.status !== 200 || c.res.headers.has('set-cookie') || c.res.headers.has('cache-control')) return;
    const text = await c.res.clone().text();
    const entry: Entry = { version, storedAt: now, etag: `W/"${version}-${hashString(text)}"`, body: encoder.encode(text) as Uint8Array<ArrayBuffer>, contentType: type };
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, entry);
    c.res = respond(c.req.header('if-none-match'), entry);
  };
}

const encoder = new TextEncoder();

function respond(ifNoneMatch: string | undefined, entry: Entry): Response {
  const headers = new Headers({ etag: entry.etag, 'content-type': entry.contentType, 'cache-control': 'no-cache' });
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(entry.body, { status: 200, headers });
}
