import { multipartBoundary } from './domain/multipart';

// The form token of a streamed multipart upload travels in its body, as the form's first field (never in the URL,
// where it would land in access logs). Only the first part is read here; the rest streams on to the route untouched.

const MAX_PEEK = 16 * 1024;
const decoder = new TextDecoder();

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The value of the first part if it is the text field `name`, from the bytes read so far; null until they suffice. */
function firstField(bytes: Uint8Array, boundary: string, name: string): string | undefined | null {
  const delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
  const start = indexOf(bytes, delimiter.subarray(2));
  if (start < 0) return bytes.length > boundary.length + 4 ? undefined : null;
  const headersEnd = indexOf(bytes, new TextEncoder().encode('\r\n\r\n'), start);
  if (headersEnd < 0) return null;
  const headers = decoder.decode(bytes.subarray(start, headersEnd));
  const disposition = /content-disposition:\s*form-data;\s*name="([^"]*)"(;|\r|$)/i.exec(headers);
  if (!disposition || disposition[1] !== name || /filename=/i.test(headers)) return undefined;
  const end = indexOf(bytes, delimiter, headersEnd + 4);
  if (end < 0) return null;
  return decoder.decode(bytes.subarray(headersEnd + 4, end));
}

/**
 * Reads the start of a multipart request's body for the text field `name` sent first, and gives back a Request whose
 * body is the whole stream again (the bytes read, then the rest as it arrives). The value is undefined when the first
 * part is something else.
 * @example const { value, request } = await peekFirstField(c.req.raw, '_csrf');
 */
export async function peekFirstField(request: Request, name: string): Promise<{ value: string | undefined; request: Request }> {
  const boundary = multipartBoundary(request.headers.get('content-type') ?? undefined);
  if (!boundary || !request.body) return { value: undefined, request };
  const reader = request.body.getReader();
  const read: Uint8Array[] = [];
  let bytes = new Uint8Array(0);
  let value: string | undefined | null = null;
  let done = false;
  while (value === null && !done && bytes.length < MAX_PEEK) {
    const chunk = await reader.read();
    done = chunk.done;
    if (chunk.value) {
      read.push(chunk.value);
      const joined = new Uint8Array(bytes.length + chunk.value.length);
      joined.set(bytes);
      joined.set(chunk.value, bytes.length);
      bytes = joined;
      value = firstField(bytes, boundary, name);
    }
  }
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of read) controller.enqueue(chunk);
      if (done) controller.close();
    },
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const again = new Request(request.url, { method: request.method, headers: request.headers, body: replay, duplex: 'half' } as RequestInit);
  return { value: value ?? undefined, request: again };
}
