import { concatBytes } from '../bytes';
import { DomainError } from '../errors';

const FIELD_BYTES = 64 * 1024;
const HEADER_BYTES = 16 * 1024;

export class MultipartError extends DomainError {
  constructor() {
    super(400, 'files_err_bad_form');
  }
}

/** A file part of a multipart body; its stream must be read to the end (or cancelled) before the next part comes. */
export interface FilePart {
  field: string;
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

const encoder = new TextEncoder();

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(needle[0]!); i !== -1 && i <= last; i = hay.indexOf(needle[0]!, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** The boundary of a multipart/form-data Content-Type, or null. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function dispositionParam(header: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

/**
 * Reads a multipart/form-data body as it arrives: text fields are collected (64 KiB at most in all), each file part is
 * handed to `onFile` as a stream that yields the bytes while they come in, so a file is never held in memory whole.
 * Browsers send the parts in the form's order, so fields placed before the file input are in `fields` already when
 * `onFile` runs. A file input left empty (no name, no bytes) is skipped.
 * @example const fields = await readMultipart(c.req.raw.body!, c.req.header('content-type'), async (file) => { await store.put(key, file.stream); });
 */
export async function readMultipart(
  body: ReadableStream<Uint8Array>,
  contentType: string | undefined,
  onFile: (file: FilePart, fields: Record<string, string>) => Promise<void>,
): Promise<Record<string, string>> {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new MultipartError();
  const reader = body.getReader();
  const delimiter = encoder.encode(`\r\n--${boundary}`);
  // A CRLF in front lets the first boundary be found like every other one.
  let buf: Uint8Array = encoder.encode('\r\n');
  let ended = false;
  const more = async () => {
    const { value, done } = await reader.read();
    if (done) return false;
    buf = concatBytes(buf, value);
    return true;
  };
  const take = (n: number) => {
    const out = buf.subarray(0, n);
    buf = buf.subarray(n);
    return out;
  };
  let partEnded = false;
  /** The next piece of the current part, or null at its end (the delimiter after it consumed). */
  const nextChunk = async (): Promise<Uint8Array | null> => {
    for (;;) {
      if (partEnded) return null;
      const at = indexOf(buf, delimiter);
      if (at >= 0) {
        const data = take(at);
        take(delimiter.length);
        partEnded = true;
        if (data.length) return data;
        return null;
      }
      const safe = buf.length - (delimiter.length - 1);
      if (safe > 0) return take(safe);
      if (!(await more())) throw new MultipartError();
    }
  };
  const need = async (n: number) => {
    while (buf.length < n) if (!(await more())) throw new MultipartError();
  };

  const fields: Record<string, string> = {};
  let fieldBytes = 0;
  try {
    // Preamble: everything before the first boundary.
    while (await nextChunk());
    for (;;) {
      await need(2);
      if (buf[0] === 0x2d && buf[1] === 0x2d) {
        ended = true;
        break;
      }
      while (buf[0] === 0x20 || buf[0] === 0x09) {
        take(1);
        await need(2);
      }
      if (buf[0] !== 0x0d || buf[1] !== 0x0a) throw new MultipartError();
      take(2);
      let headerEnd: number;
      for (;;) {
        if (buf[0] === 0x0d && buf[1] === 0x0a) {
          headerEnd = -2;
          break;
        }
        headerEnd = indexOf(buf, encoder.encode('\r\n\r\n'));
        if (headerEnd >= 0) break;
        if (buf.length > HEADER_BYTES || !(await more())) throw new MultipartError();
      }
      const headerText = headerEnd < 0 ? '' : new TextDecoder().decode(take(headerEnd));
      take(headerEnd < 0 ? 2 : 4);
      const disposition = /^content-disposition:\s*(.*)$/im.exec(headerText)?.[1] ?? '';
      const field = dispositionParam(disposition, 'name');
      const filename = dispositionParam(disposition, 'filename');
      partEnded = false;
      if (field === undefined) throw new MultipartError();
      if (filename === undefined) {
        const pieces: Uint8Array[] = [];
        for (let chunk = await nextChunk(); chunk; chunk = await nextChunk()) {
          fieldBytes += chunk.length;
          if (fieldBytes > FIELD_BYTES) throw new MultipartError();
          pieces.push(chunk);
        }
        fields[field] = new TextDecoder().decode(concatBytes(...pieces));
        continue;
      }
      const first = await nextChunk();
      if (!first && filename === '') continue;
      let pending: Uint8Array | null = first;
      const stream = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const chunk = pending ?? (await nextChunk());
            pending = null;
            if (chunk) controller.enqueue(chunk);
            else controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      await onFile({ field, filename: filename.replace(/^.*[\\/]/, ''), stream }, fields);
      // Whatever the handler left unread belongs to this part; skip to the next one.
      pending = null;
      while (await nextChunk());
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  if (!ended) throw new MultipartError();
  return fields;
}
