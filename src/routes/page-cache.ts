import type { Context, MiddlewareHandler } from 'hono';
import { EncodedBody, compressorsOf, encodedHeaders } from '../compression';
import { contentVersion, registrationVersion } from '../domain/events';
import type { AppEnv } from '../env';
import { hashString } from './assets';

interface Entry {
  version: string;
  storedAt: number;
  etag: string;
  /** Encoded once, compressed once per coding: a hit sends bytes, never renders, encodes or compresses again. */
  body: EncodedBody;
  contentType: string;
  /** Other headers of the rendered response (a calendar file's content-disposition). */
  headers: [string, string][];
  /** Bytes held, the compressed forms included. */
  size: number;
}

/** Entries of one app, least recently used first, within a byte budget shared by all of its cached routes. */
interface Store {
  entries: Map<string, Entry>;
  bytes: number;
}

export interface PageCacheOptions {
  /** Query parameters that change the page; every other one (utm_*, fbclid, …) is ignored, for the key and the page. */
  params?: readonly string[];
  /** The page shows the event's registration counts (places left, the public list): `:slug` names the event. */
  registrations?: boolean;
}

/** What all cached pages of one app may hold together. */
export const PAGE_CACHE_BYTES = 16 * 1024 * 1024;

// One store per app instance (its deps), never shared between apps over different databases.
const stores = new WeakMap<object, Store>();

/**
 * Caches rendered public pages (and the calendar feed) per URL and language. An entry is valid while the content version (bumped by database
 * triggers on every content write; registrations bump only their event's registration version) is unchanged and it
 * is younger than `pageCacheSeconds` (pages also depend on the clock: upcoming or past, registration open or closed).
 * Answers If-None-Match with 304.
 */
export function pageCache(options: PageCacheOptions = {}, maxBytes = PAGE_CACHE_BYTES): MiddlewareHandler<AppEnv> {
  const params = new Set(options.params ?? []);
  return async (c, next) => {
    // A language switch sets a cookie; let it through uncached.
    if (c.req.method !== 'GET' || c.req.query('lang') !== undefined) return next();
    const { db, clock, config } = c.var.deps;
    const store = storeOf(c.var.deps);
    const url = keptUrl(c, params);
    const key = `${c.var.lang} ${url}`;
    const slug = options.registrations ? c.req.param('slug') : undefined;
    const [content, registrations] = await Promise.all([contentVersion(db), slug === undefined ? 0 : registrationVersion(db, slug)]);
    const version = `${content}.${registrations}`;
    const now = clock().getTime();
    const hit = store.entries.get(key);
    if (hit && hit.version === version && now - hit.storedAt < config.pageCacheSeconds * 1000) {
      // Most recently used goes last.
      store.entries.delete(key);
      store.entries.set(key, hit);
      // Returned, not assigned to c.res: Hono would wrap the bytes in a stream, the slow path of the Node server.
      return respond(c, store, key, hit);
    }
    await next();
    if (c.res.status !== 200 || c.res.headers.has('set-cookie') || c.res.headers.has('cache-control')) return;
    const text = await c.res.text();
    const bytes = encoder.encode(text) as Uint8Array<ArrayBuffer>;
    const entry: Entry = {
      version,
      storedAt: now,
      etag: `W/"${version}-${hashString(text)}"`,
      body: new EncodedBody(bytes),
      contentType: c.res.headers.get('content-type') ?? '',
      headers: [...c.res.headers].filter(([name]) => !OWN_HEADERS.has(name)),
      size: 0,
    };
    if (hit) forget(store, key);
    store.entries.set(key, entry);
    c.res = await respond(c, store, key, entry);
    evict(store, maxBytes);
  };
}

function storeOf(deps: object): Store {
  let store = stores.get(deps);
  if (!store) {
    store = { entries: new Map(), bytes: 0 };
    stores.set(deps, store);
  }
  return store;
}

/**
 * The URL without the query parameters the page ignores. The request is rewritten too, so that a page rendered for
 * `/?utm_source=x` (its language link, say) is the same as the one for `/` that it is cached as.
 */
function keptUrl(c: Context<AppEnv>, params: ReadonlySet<string>): string {
  if (!c.req.url.includes('?')) return c.req.url;
  const url = new URL(c.req.url);
  for (const name of [...url.searchParams.keys()]) if (!params.has(name)) url.searchParams.delete(name);
  url.searchParams.sort();
  if (url.href !== c.req.url) c.req.raw = new Request(url.href, c.req.raw);
  return url.href;
}

function forget(store: Store, key: string): void {
  const entry = store.entries.get(key);
  if (!entry) return;
  store.bytes -= entry.size;
  store.entries.delete(key);
}

function evict(store: Store, maxBytes: number): void {
  for (const key of store.entries.keys()) {
    if (store.bytes <= maxBytes) return;
    forget(store, key);
  }
}

const encoder = new TextEncoder();
/** Set by respond() itself, or not worth keeping. */
const OWN_HEADERS = new Set(['etag', 'content-type', 'content-length', 'cache-control', 'vary', 'content-encoding']);

async function respond(c: Context<AppEnv>, store: Store, key: string, entry: Entry): Promise<Response> {
  const headers = new Headers(entry.headers);
  headers.set('etag', entry.etag);
  headers.set('content-type', entry.contentType);
  headers.set('cache-control', 'no-cache');
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag)) {
    encodedHeaders(headers, undefined);
    return new Response(null, { status: 304, headers });
  }
  const { bytes, encoding } = await entry.body.for(c.req.header('accept-encoding'), compressorsOf(c.var.deps.compressor));
  encodedHeaders(headers, encoding);
  // A newly compressed form counts against the budget from now on (unless the entry was dropped meanwhile).
  if (store.entries.get(key) === entry && entry.body.held !== entry.size) {
    store.bytes += entry.body.held - entry.size;
    entry.size = entry.body.held;
  }
  return new Response(bytes, { status: 200, headers });
}

/** Bytes the page cache of this app holds now (for the benchmarks and tests that check the bound). */
export function pageCacheBytes(deps: object): number {
  return stores.get(deps)?.bytes ?? 0;
}
