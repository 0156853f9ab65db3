import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { DOMParser } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { brotliCompressor } from '../../src/adapters/brotli';
import { createApp } from '../../src/app';
import { seedDemo } from '../../src/demo/seed';
import { contentVersion } from '../../src/domain/events';
import { register } from '../../src/domain/registration';
import { PAGE_CACHE_BYTES, pageCacheBytes } from '../../src/routes/page-cache';
import { SETTINGS, person } from '../registration-helpers';
import { createTestDeps } from '../helpers';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let app: ReturnType<typeof createApp>;
let brotliApp: ReturnType<typeof createApp>;
let conference: EventRow;
let upcoming: EventRow;

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

beforeAll(async () => {
  t = await createTestDeps({ now: new Date('2026-11-23T12:00:00Z') });
  await seedDemo(t.deps.db, t.deps.files, t.deps.clock());
  t.deps.assets['htmx.min.js'] = { body: `/* htmx */ ${'var a = 1;\n'.repeat(400)}`, contentType: 'text/javascript; charset=utf-8' };
  app = createApp(t.deps);
  brotliApp = createApp({ ...t.deps, compressor: brotliCompressor() });
  const events = await t.deps.db.selectFrom('events').selectAll().orderBy('starts_at').execute();
  conference = events.find((e) => e.kind === 'conference' && e.starts_at.startsWith('2019'))!;
  upcoming = events.find((e) => e.starts_at > '2026-11-23')!;
});
afterAll(() => t.close());

describe('compression', () => {
  it('gzips a cached page for a client that accepts gzip, the same page as uncompressed, and again from the cache', async () => {
    const path = `/events/${conference.slug}/programme`;
    const plain = await app.request(path);
    const html = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    for (let i = 0; i < 2; i++) {
      const res = await app.request(path, { headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
      const body = await bytesOf(res);
      expect(body.length).toBeLessThan(html.length / 3);
      expect(gunzipSync(body).toString('utf8')).toBe(html);
    }
  });

  it('prefers brotli where the runtime supplies it, and honours q=0', async () => {
    const path = `/events/${conference.slug}/programme`;
    const html = await (await brotliApp.request(path)).text();
    const br = await brotliApp.request(path, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(await bytesOf(br)).toString('utf8')).toBe(html);
    const refused = await brotliApp.request(path, { headers: { 'accept-encoding': 'br;q=0, gzip' } });
    expect(refused.headers.get('content-encoding')).toBe('gzip');
  });

  it('compresses uncached responses too (calendar feed, schedule JSON), with a weak ETag that still answers 304', async () => {
    for (const path of ['/calendar.ics', `/events/${conference.slug}/schedule.json`, `/events/${conference.slug}/schedule.xml`]) {
      const plain = await app.request(path);
      const text = await plain.text();
      const res = await app.request(path, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers.get('content-encoding'), path).toBe('gzip');
      expect(gunzipSync(await bytesOf(res)).toString('utf8')).toBe(text);
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^W\//);
      const again = await app.request(path, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
  });
});

describe('static assets', () => {
  it('are linked by content hash, immutable for a year, compressed, and vary on nothing else', async () => {
    const doc = parse(await (await app.request('/')).text());
    const css = doc.querySelector('link[rel="stylesheet"]')!.getAttribute('href')!;
    const js = doc.querySelector('script[src*="htmx"]')!.getAttribute('src')!;
    expect(css).toMatch(/^\/assets\/style\.[0-9a-f]{10}\.css$/);
    expect(js).toMatch(/^\/assets\/htmx\.min\.[0-9a-f]{10}\.js$/);
    const res = await app.request(js, { headers: { 'accept-encoding': 'gzip', cookie: 'lang=en' } });
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytesOf(res)).toString('utf8')).toBe(t.deps.assets['htmx.min.js']!.body);
    // A changed file gets a new URL.
    const changed = createApp({ ...t.deps, assets: { ...t.deps.assets, 'style.css': { body: 'body{color:red}', contentType: 'text/css' } } });
    const href = parse(await (await changed.request('/')).text()).querySelector('link[rel="stylesheet"]')!.getAttribute('href');
    expect(href).not.toBe(css);
    expect((await app.request('/assets/style.0000000000.css')).status).toBe(404);
  });
});

describe('the page cache', () => {
  it('ignores unknown query parameters: the same page, without them in its links', async () => {
    const plain = await (await app.request('/')).text();
    const tracked = await app.request('/?utm_source=news&fbclid=abc');
    expect(tracked.status).toBe(200);
    const body = await tracked.text();
    expect(body).toBe(plain);
    expect(body).not.toContain('utm_source');
  });

  it('holds no more bytes than its budget, however many different URLs are asked for', async () => {
    const fresh = { ...t.deps };
    const many = createApp(fresh);
    for (let i = 0; i < 40; i++) await many.request(`/events/${conference.slug}/programme?utm=${i}`, { headers: { 'accept-encoding': 'gzip' } });
    const oneEntry = pageCacheBytes(fresh);
    expect(oneEntry).toBeGreaterThan(0);
    // 40 URLs, one page: a single entry.
    const html = await (await many.request(`/events/${conference.slug}/programme`)).text();
    expect(oneEntry).toBeLessThan(html.length * 2);
    for (const e of await t.deps.db.selectFrom('events').select('slug').execute()) {
      for (const p of ['', '/programme', '/speakers', '/materials']) await many.request(`/events/${e.slug}${p}`);
    }
    expect(pageCacheBytes(fresh)).toBeLessThanOrEqual(PAGE_CACHE_BYTES);
  });

  it('a registration changes the event page’s places left without emptying the cache of the other pages', async () => {
    const before = await contentVersion(t.deps.db);
    const eventPath = `/events/${upcoming.slug}`;
    const first = await (await app.request(eventPath)).text();
    await register(t.deps.db, upcoming.id, person({ email: 'wire@example.no' }), 'nb', t.deps.clock(), SETTINGS);
    expect(await contentVersion(t.deps.db)).toBe(before);
    const second = await (await app.request(eventPath)).text();
    expect(second).not.toBe(first);
  });
});
