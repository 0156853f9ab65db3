import { Hono } from 'hono';
import { groupPicturePng } from '../demo/png';
import type { AppEnv } from '../env';

let defaultImage: Promise<Uint8Array> | undefined;

/**
 * The stylesheet and htmx, from our own origin (no CDN), cached for a day and revalidated by ETag; and the share
 * image of events without one of their own (a drawn group of participants, 1200×630 as link previews want it).
 */
export const assetRoutes = new Hono<AppEnv>()
  .get('/og-default.png', async (c) => {
    defaultImage ??= groupPicturePng({ rows: [7, 8], wall: [196, 214, 230], floor: [120, 104, 88], screen: true }, 1200, 630);
    c.header('cache-control', 'public, max-age=86400');
    c.header('content-type', 'image/png');
    return c.body((await defaultImage) as Uint8Array<ArrayBuffer>);
  })
  .get('/:name', (c) => {
  const asset = c.var.deps.assets[c.req.param('name')];
  if (!asset) return c.notFound();
  const etag = `"${asset.body.length.toString(36)}-${hashString(asset.body)}"`;
  c.header('cache-control', 'public, max-age=86400');
  c.header('etag', etag);
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  c.header('content-type', asset.contentType);
  return c.body(asset.body);
});

/** FNV-1a: a cheap, stable fingerprint for an ETag (not for security). */
export function hashString(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
