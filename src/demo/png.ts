// Small PNG pictures for the demo: stylised groups of people standing in for the seed articles' photos.
// Web APIs only (CompressionStream), so the same code runs on Node and Workers.

import { concatBytes } from '../bytes';

export type Rgb = readonly [number, number, number];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (ISO 3309, as PNG and zip use it).
 * @example crc32(new TextEncoder().encode('IEND')) // 0xae426082
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** zlib-wrapped deflate, which is what the Compression Streams spec calls 'deflate' and what PNG's IDAT holds. */
async function zlibDeflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate');
  const writer = stream.writable.getWriter();
  // Not awaited: the readable side must be drained at the same time or a large write would stall.
  void writer.write(data as Uint8Array<ArrayBuffer>);
  void writer.close();
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}

export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * An 8-bit truecolour PNG of `rgb` (width × height × 3 bytes, rows top to bottom).
 * @example await encodePng(1, 1, Uint8Array.from([255, 0, 0])) // a one-pixel red PNG
 */
export async function encodePng(width: number, height: number, rgb: Uint8Array): Promise<Uint8Array> {
  if (rgb.length !== width * height * 3) throw new RangeError(`expected ${width * height * 3} bytes, got ${rgb.length}`);
  const stride = width * 3;
  // Filter type 0 (none) before each row; the pictures are flat colour, which deflate compresses well as is.
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, truecolour, deflate, adaptive filtering, no interlace
  const parts = [PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', await zlibDeflate(raw)), chunk('IEND', new Uint8Array())];
  return concatBytes(...parts);
}

/** What a placeholder group picture shows: rows of figures from the back row to the front row. */
export interface GroupPicture {
  /** Figures per row, back row first. */
  rows: readonly number[];
  wall: Rgb;
  floor: Rgb;
  /** A pale screen on the wall behind the group, as in a meeting room. */
  screen?: boolean;
  /** Colours the figure furthest to the left in the front row with this, e.g. for the person a caption names. */
  highlightLeft?: Rgb;
}

const CLOTHES: readonly Rgb[] = [
  [31, 78, 121], [176, 58, 46], [46, 125, 50], [94, 53, 177], [230, 145, 56], [55, 71, 79], [0, 121, 107], [173, 20, 87],
];
const SKIN: readonly Rgb[] = [[241, 194, 163], [224, 172, 138], [198, 134, 98], [141, 85, 54], [255, 219, 186]];
const HAIR: readonly Rgb[] = [[60, 40, 30], [120, 80, 40], [200, 170, 110], [30, 30, 30], [150, 150, 150]];

class Canvas {
  readonly rgb: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgb = new Uint8Array(width * height * 3);
  }
  private set(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.rgb[i] = c[0];
    this.rgb[i + 1] = c[1];
    this.rgb[i + 2] = c[2];
  }
  rect(x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.height, y1); y++)
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(this.width, x1); x++) this.set(x, y, c);
  }
  ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb, onlyAbove = Infinity): void {
    for (let y = Math.floor(cy - ry); y <= Math.ceil(Math.min(cy + ry, onlyAbove)); y++)
      for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) {
        const dx = (x - cx) / rx;
        const dy = (y - cy) / ry;
        if (dx * dx + dy * dy <= 1) this.set(x, y, c);
      }
  }
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as unknown as Rgb;

/** The pixels of a group picture (see GroupPicture), without encoding. */
export function drawGroup(picture: GroupPicture, width = 640, height = 360): Canvas {
  const canvas = new Canvas(width, height);
  const horizon = Math.round(height * 0.62);
  for (let y = 0; y < horizon; y++) canvas.rect(0, y, width, y + 1, mix(picture.wall, [255, 255, 255], (0.25 * y) / horizon));
  canvas.rect(0, horizon, width, height, picture.floor);
  if (picture.screen) canvas.rect(width * 0.3, height * 0.08, width * 0.7, height * 0.42, [236, 240, 244]);
  const rows = picture.rows.length;
  let person = 0;
  picture.rows.forEach((count, r) => {
    // Each row further back is smaller and higher up, as in a photo; crowds get smaller figures throughout
    // so that the back rows stay in sight.
    const behind = rows - 1 - r;
    const scale = 1 - 0.15 * behind;
    const figure = height * (rows > 2 ? 0.36 : rows === 2 ? 0.42 : 0.5) * scale;
    const front = rows === 1 ? horizon + (height - horizon) * 0.75 : height * 0.98;
    const spacing = rows > 2 ? (front - horizon) / (rows - 1) : height * 0.2;
    const base = front - behind * spacing;
    const gap = width / (count + 1);
    for (let i = 0; i < count; i++, person++) {
      // A stagger between rows keeps back-row faces visible between front-row heads.
      const x = gap * (i + 1) + (r % 2 ? gap * 0.25 : 0);
      const highlighted = picture.highlightLeft && r === rows - 1 && i === 0;
      const clothes = highlighted ? picture.highlightLeft! : CLOTHES[(person * 5 + r) % CLOTHES.length]!;
      const head = figure * 0.14;
      const neck = base - figure * 0.62;
      canvas.ellipse(x, base, figure * 0.26, figure * 0.62, clothes, base);
      canvas.ellipse(x, neck - head * 0.7, head, head * 1.15, SKIN[(person * 3) % SKIN.length]!);
      canvas.ellipse(x, neck - head * 1.3, head * 1.02, head * 0.7, HAIR[(person * 7) % HAIR.length]!, neck - head * 1.35);
    }
  });
  return canvas;
}

/**
 * A 640×360 PNG of stylised figures standing in for a group photo.
 * @example await groupPicturePng({ rows: [5, 6], wall: [200, 220, 235], floor: [120, 100, 80] })
 */
export async function groupPicturePng(picture: GroupPicture, width = 640, height = 360): Promise<Uint8Array> {
  const canvas = drawGroup(picture, width, height);
  return encodePng(canvas.width, canvas.height, canvas.rgb);
}
