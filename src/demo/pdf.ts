// A minimal PDF writer for the demo documents: one A4 page of Helvetica text. The standard 14 fonts need no
// embedding, and WinAnsiEncoding covers æ, ø, å and the typographic dashes and quotes Norwegian text uses.

import { concatBytes } from '../bytes';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const TITLE = { size: 20, leading: 25, wrap: 44 };
const BODY = { size: 11, leading: 16, wrap: 88 };

// Windows-1252 differs from Latin-1 only in 0x80–0x9F, where it puts these characters.
const CP1252_EXTRAS: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a,
  '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
  '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

/**
 * Text as Windows-1252 bytes; characters outside it become '?', so the output is always valid for WinAnsiEncoding.
 * @example windows1252('Bodø – 26. juni') // Uint8Array [66, 111, 100, 248, 32, 150, 32, …]
 */
export function windows1252(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0x3f;
    const extra = CP1252_EXTRAS[ch];
    if (extra !== undefined) out.push(extra);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out.push(code);
    else out.push(0x3f);
  }
  return Uint8Array.from(out);
}

/** A PDF literal string `( … )` of Windows-1252 bytes, with the three characters that need it escaped. */
function literal(text: string): Uint8Array {
  const out: number[] = [0x28];
  for (const byte of windows1252(text)) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out.push(0x5c);
    out.push(byte);
  }
  out.push(0x29);
  return Uint8Array.from(out);
}

/** UTF-16BE hex string with a byte-order mark, the PDF way to put any Unicode text in the document information. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

const ascii = (s: string) => new TextEncoder().encode(s);

function contentStream(title: string, lines: readonly string[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const titleLines = wrap(title, TITLE.wrap);
  let y = A4.height - MARGIN - TITLE.size;
  parts.push(ascii(`BT /F2 ${TITLE.size} Tf ${TITLE.leading} TL ${MARGIN} ${y.toFixed(2)} Td\n`));
  titleLines.forEach((line, i) => parts.push(...(i ? [ascii('T* ')] : []), literal(line), ascii(' Tj\n')));
  parts.push(ascii('ET\n'));
  y -= titleLines.length * TITLE.leading + BODY.leading;
  // One page only: lines that would run off the bottom are left out rather than drawn outside the page.
  const room = Math.floor((y - MARGIN) / BODY.leading) + 1;
  const body = lines.flatMap((line) => (line.trim() === '' ? [''] : wrap(line, BODY.wrap))).slice(0, Math.max(0, room));
  parts.push(ascii(`BT /F1 ${BODY.size} Tf ${BODY.leading} TL ${MARGIN} ${y.toFixed(2)} Td\n`));
  body.forEach((line, i) => parts.push(...(i ? [ascii('T* ')] : []), literal(line), ascii(' Tj\n')));
  parts.push(ascii('ET\n'));
  return concatBytes(...parts);
}

/**
 * A one-page A4 PDF (version 1.4) with a bold title and lines of body text, wrapped to the page.
 * @example pdfWithTitlePage('Program 26.–27. juni', ['Bodø', 'kl. 10.00 Velkommen']) // Uint8Array starting with '%PDF-1.4'
 */
export function pdfWithTitlePage(title: string, lines: string[]): Uint8Array {
  const content = contentStream(title, lines);
  const objects: Uint8Array[] = [
    ascii('<< /Type /Catalog /Pages 2 0 R >>'),
    ascii('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    ascii(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
        '/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    ),
    ascii('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
    ascii('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>'),
    concatBytes(ascii(`<< /Length ${content.length} >>\nstream\n`), content, ascii('\nendstream')),
    ascii(`<< /Title ${utf16Hex(title)} /Producer (samling demo) >>`),
  ];
  // The comment of high bytes on line two tells transfer tools the file is binary.
  const parts: Uint8Array[] = [ascii('%PDF-1.4\n'), Uint8Array.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
  let offset = parts.reduce((n, p) => n + p.length, 0);
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const chunk = concatBytes(ascii(`${i + 1} 0 obj\n`), body, ascii('\nendobj\n'));
    offsets.push(offset);
    parts.push(chunk);
    offset += chunk.length;
  });
  // Every cross-reference entry is exactly 20 bytes, the end-of-line included.
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(ascii(xref));
  return concatBytes(...parts);
}
