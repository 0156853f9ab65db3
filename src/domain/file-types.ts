import type { FileKind } from '../../db/schema';

/** The types we accept, decided from the bytes (never from the name or the browser's claim). */
export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', ext: 'pdf', image: false },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx', image: false },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', image: false },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', ext: 'odp', image: false },
  key: { contentType: 'application/vnd.apple.keynote', ext: 'key', image: false },
  png: { contentType: 'image/png', ext: 'png', image: true },
  jpeg: { contentType: 'image/jpeg', ext: 'jpg', image: true },
  webp: { contentType: 'image/webp', ext: 'webp', image: true },
} as const;

export type FileType = keyof typeof FILE_TYPES;

/** Enough bytes to tell every magic number below apart. */
export const MAGIC_BYTES = 12;

const ODP_MIMETYPE = 'application/vnd.oasis.opendocument.presentation';

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => Array.from(text, (ch) => ch.charCodeAt(0));

/**
 * What the first bytes say: a type we take as it is, 'zip' (a container whose entries decide), or null (refused).
 * @example sniffMagic(new TextEncoder().encode('%PDF-1.7\n')) // 'pdf'; sniffMagic(new TextEncoder().encode('MZ\x90\0')) // null
 */
export function sniffMagic(head: Uint8Array): 'pdf' | 'png' | 'jpeg' | 'webp' | 'zip' | null {
  if (startsWith(head, ascii('%PDF-'))) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return null;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const latin = (b: Uint8Array) => String.fromCharCode(...b);

/** The name and, when stored uncompressed and within `head`, the content of a zip's first entry. */
export function firstZipEntry(head: Uint8Array): { name: string; content: Uint8Array | null } | null {
  if (head.length < 30 || u32(head, 0) !== 0x04034b50) return null;
  const method = u16(head, 8);
  const compressed = u32(head, 18);
  const nameLength = u16(head, 26);
  const extraLength = u16(head, 28);
  const start = 30 + nameLength + extraLength;
  if (start > head.length) return null;
  const name = new TextDecoder().decode(head.subarray(30, 30 + nameLength));
  const content = method === 0 && start + compressed <= head.length ? head.subarray(start, start + compressed) : null;
  return { name, content };
}

// A central directory larger than this is not a presentation we want to look into.
const MAX_DIRECTORY = 16 * 1024 * 1024;
const EOCD_MAX = 22 + 0xffff;

/**
 * The entry names of a zip file of `size` bytes, from its central directory, reading only the end of the file;
 * null when it is not a readable zip (or a zip64 one, which no office program writes for files this size).
 */
export async function zipEntryNames(size: number, read: (start: number, end: number) => Promise<Uint8Array>): Promise<string[] | null> {
  if (size < 22) return null;
  const tailStart = Math.max(0, size - EOCD_MAX);
  const tail = await read(tailStart, size - 1);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && u32(tail, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const dirSize = u32(tail, eocd + 12);
  const dirOffset = u32(tail, eocd + 16);
  if (dirOffset === 0xffffffff || dirSize > MAX_DIRECTORY || dirOffset + dirSize > tailStart + eocd) return null;
  const dir = dirSize === 0 ? new Uint8Array(0) : await read(dirOffset, dirOffset + dirSize - 1);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let at = 0; at + 46 <= dir.length; ) {
    if (u32(dir, at) !== 0x02014b50) return null;
    const nameLength = u16(dir, at + 28);
    names.push(decoder.decode(dir.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + u16(dir, at + 30) + u16(dir, at + 32);
  }
  return names;
}

/**
 * Which office format a zip is, from its entries (and, for OpenDocument, the `mimetype` entry that must come first):
 * PPTX and DOCX have `[Content_Types].xml` and a `ppt/` or `word/` folder, Keynote an `Index/` folder or `index.apxl`.
 * @example classifyZip(['[Content_Types].xml', 'ppt/presentation.xml'], null) // 'pptx'
 */
export function classifyZip(names: readonly string[], first: ReturnType<typeof firstZipEntry>): 'pptx' | 'docx' | 'odp' | 'key' | null {
  if (first?.name === 'mimetype' && first.content && latin(first.content) === ODP_MIMETYPE && names.includes('mimetype')) return 'odp';
  if (names.includes('[Content_Types].xml')) {
    if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
    if (names.some((n) => n.startsWith('word/'))) return 'docx';
    return null;
  }
  if (names.some((n) => n.startsWith('Index/') || n === 'index.apxl' || n.endsWith('/index.apxl'))) return 'key';
  return null;
}

/** The type whose content type this is (as stored in files.content_type). */
export function typeOfContentType(contentType: string): FileType | undefined {
  return (Object.keys(FILE_TYPES) as FileType[]).find((t) => FILE_TYPES[t].contentType === contentType);
}

/** Which types each kind of file may be: images are pictures, presentations and documents are not. */
export function typeFitsKind(type: FileType, kind: FileKind): boolean {
  return FILE_TYPES[type].image === (kind === 'image');
}
