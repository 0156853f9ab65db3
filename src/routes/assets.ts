import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Hono } from 'hono';
import { EncodedBody, compressorsOf, encodedHeaders } from '../compression';
import { groupPicturePng } from '../demo/png';
import type { Asset } from '../deps';
import type { AppEnv } from '../env';

interface Served {
  contentType: string;
  etag: string;
  body: EncodedBody;
  /** The content-hashed name, which never changes meaning: cached for a year. */
  immutable: boolean;
}

interface AssetIndex {
  /** style.css → style.1a2b3c4d5e.css */
  urls: Map<string, string>;
  served: Map<string, Served>;
}

// One index per asset map (an app's deps), built on first use: hashing is no I/O but not free either.
const indexes = new WeakMap<Record<string, Asset>, AssetIndex>();

function indexOf(assets: Record<string, Asset>): AssetIndex {
  let index = indexes.get(assets);
  if (index) return index;
  index = { urls: new Map(), served: new Map() };
  for (const [name, asset] of Object.entries(assets)) {
    const bytes = new TextEncoder().encode(asset.body) as Uint8Array<ArrayBuffer>;
    const hash = bytesToHex(sha256(bytes)).slice(0, 10);
    const dot = name.lastIndexOf('.');
    const hashed = dot > 0 ? `${name.slice(0, dot)}.${hash}${name.slice(dot)}` : `${name}.${hash}`;
    const body = new EncodedBody(bytes);
    index.urls.set(name, `/assets/${hashed}`);
    index.served.set(hashed, { contentType: asset.contentType, etag: `"${hash}"`, body, immutable: true });
    // The plain name still answers (an old page, a bookmark), revalidated since its content may change.
    index.served.set(name, { contentType: asset.contentType, etag: `"${hash}"`, body, immutable: false });
  }
  indexes.set(assets, index);
  return index;
}

/** The fingerprinted URL of an asset, e.g. /assets/style.1a2b3c4d5e.css (the plain URL for an unknown name). */
export function assetUrl(assets: Record<string, Asset>, name: string): string {
  return indexOf(assets).urls.get(name) ?? `/assets/${name}`;
}

let defaultImage: Promise<Uint8Array> | undefined;

/**
 * The stylesheet and scripts, from our own origin (no CDN). Under their fingerprinted names they are immutable for a
 * year; the same for every visitor, so they vary on nothing but the compression. Also the share image of events
 * without one of their own (a drawn group of participants, 1200×630 as link previews want it).
 */
export const assetRoutes = new Hono<AppEnv>()
  .get('/og-default.png', async (c) => {
    defaultImage ??= groupPicturePng({ rows: [7, 8], wall: [196, 214, 230], floor: [120, 104, 88], screen: true }, 1200, 630);
    c.header('cache-control', 'public, max-age=86400');
    c.header('content-type', 'image/png');
    return c.body((await defaultImage) as Uint8Array<ArrayBuffer>);
  })
  .get('/:name', async (c) => {
    const { assets, compressor } = c.var.deps;
    const asset = indexOf(assets).served.get(c.req.param('name'));
    if (!asset) return c.notFound();
    const headers = new Headers({
      'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      etag: asset.etag,
      'content-type': asset.contentType,
    });
    const { bytes, encoding } = await asset.body.for(c.req.header('accept-encoding'), compressorsOf(compressor));
    encodedHeaders(headers, encoding);
    if (c.req.header('if-none-match') === asset.etag) return new Response(null, { status: 304, headers });
    return new Response(bytes, { status: 200, headers });
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
