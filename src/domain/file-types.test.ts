import { describe, expect, it } from 'vitest';
import { docx, keynote, odp, plainZip, pptx, zip } from '../../test/zip-fixtures';
import { pdfWithTitlePage } from '../demo/pdf';
import { encodePng } from '../demo/png';
import { classifyZip, firstZipEntry, sniffMagic, typeFitsKind, zipEntryNames } from './file-types';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? Array.from(v, (ch) => ch.charCodeAt(0)) : [v])));

/** Reads ranges of an in-memory file, as the file store would. */
const reader = (file: Uint8Array) => async (start: number, end: number) => file.slice(start, end + 1);

async function detectZip(file: Uint8Array) {
  const names = await zipEntryNames(file.length, reader(file));
  return names ? classifyZip(names, firstZipEntry(file.subarray(0, 4096))) : null;
}

describe('magic bytes', () => {
  it('knows PDF, PNG, JPEG, WebP and zip containers by their first bytes', async () => {
    expect(sniffMagic(pdfWithTitlePage('Program', ['Hamar']))).toBe('pdf');
    expect(sniffMagic(await encodePng(2, 2, new Uint8Array(12)))).toBe('png');
    expect(sniffMagic(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF', 0))).toBe('jpeg');
    expect(sniffMagic(bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 '))).toBe('webp');
    expect(sniffMagic(pptx())).toBe('zip');
  });

  it('refuses a Windows program, whatever its name, and other look-alikes', () => {
    expect(sniffMagic(bytes('MZ', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0))).toBeNull();
    expect(sniffMagic(bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt '))).toBeNull();
    expect(sniffMagic(bytes(' %PDF-1.4'))).toBeNull();
    expect(sniffMagic(new TextEncoder().encode('<html><script>'))).toBeNull();
    expect(sniffMagic(new Uint8Array(0))).toBeNull();
  });
});

describe('zip-based office files', () => {
  it('tells PPTX, DOCX, ODP and Keynote apart by their entries', async () => {
    expect(await detectZip(pptx())).toBe('pptx');
    expect(await detectZip(docx())).toBe('docx');
    expect(await detectZip(odp())).toBe('odp');
    expect(await detectZip(keynote())).toBe('key');
    expect(await detectZip(zip([['index.apxl', '<key:presentation/>']]))).toBe('key');
  });

  it('refuses a zip that is none of them, an OpenDocument text, and a cut-off zip', async () => {
    expect(await detectZip(plainZip())).toBeNull();
    expect(await detectZip(zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<x/>']]))).toBeNull();
    const cut = pptx().slice(0, 60);
    expect(await zipEntryNames(cut.length, reader(cut))).toBeNull();
  });

  it('reads the directory at the end, however large the entries before it', async () => {
    const big = zip([['[Content_Types].xml', 'x'.repeat(200_000)], ['ppt/slides/slide1.xml', '<p:sld/>']]);
    expect(await detectZip(big)).toBe('pptx');
  });

  it('only lets pictures be images', () => {
    expect(typeFitsKind('png', 'image')).toBe(true);
    expect(typeFitsKind('pdf', 'image')).toBe(false);
    expect(typeFitsKind('jpeg', 'presentation')).toBe(false);
    expect(typeFitsKind('pptx', 'presentation')).toBe(true);
  });
});
