/** A tiny zip writer (stored entries, real CRC-32 and central directory) for building office-file fixtures in tests. */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of the entries, in order, uncompressed. */
export function zip(entries: [name: string, content: string | Uint8Array][]): Uint8Array {
  const enc = new TextEncoder();
  const locals: number[] = [];
  const central: number[] = [];
  const u16 = (out: number[], v: number) => out.push(v & 0xff, (v >>> 8) & 0xff);
  const u32 = (out: number[], v: number) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? enc.encode(content) : content;
    const nameBytes = enc.encode(name);
    const crc = crc32(data);
    const offset = locals.length;
    u32(locals, 0x04034b50); u16(locals, 20); u16(locals, 0x0800); u16(locals, 0); u16(locals, 0); u16(locals, 0x21);
    u32(locals, crc); u32(locals, data.length); u32(locals, data.length); u16(locals, nameBytes.length); u16(locals, 0);
    for (const b of nameBytes) locals.push(b);
    for (const b of data) locals.push(b);
    u32(central, 0x02014b50); u16(central, 20); u16(central, 20); u16(central, 0x0800); u16(central, 0); u16(central, 0); u16(central, 0x21);
    u32(central, crc); u32(central, data.length); u32(central, data.length); u16(central, nameBytes.length); u16(central, 0); u16(central, 0);
    u16(central, 0); u16(central, 0); u32(central, 0); u32(central, offset);
    central.push(...nameBytes);
  }
  const end: number[] = [];
  u32(end, 0x06054b50); u16(end, 0); u16(end, 0); u16(end, entries.length); u16(end, entries.length);
  u32(end, central.length); u32(end, locals.length); u16(end, 0);
  return Uint8Array.from([...locals, ...central, ...end]);
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export const pptx = () => zip([['[Content_Types].xml', CONTENT_TYPES], ['_rels/.rels', '<Relationships/>'], ['ppt/presentation.xml', '<p:presentation/>']]);
export const docx = () => zip([['[Content_Types].xml', CONTENT_TYPES], ['_rels/.rels', '<Relationships/>'], ['word/document.xml', '<w:document/>']]);
export const odp = () =>
  zip([['mimetype', 'application/vnd.oasis.opendocument.presentation'], ['content.xml', '<office:document-content/>'], ['META-INF/manifest.xml', '<manifest/>']]);
export const keynote = () => zip([['Index/Document.iwa', new Uint8Array([1, 2, 3])], ['Metadata/Properties.plist', '<plist/>']]);
/** A zip that is none of the office formats (as a renamed .zip of holiday photos would be). */
export const plainZip = () => zip([['readme.txt', 'hello'], ['photos/a.txt', 'x']]);
