/**
 * CSV for spreadsheets in a Norwegian locale: `;` between cells (Excel's separator where the decimal mark is a comma),
 * CRLF line ends, a UTF-8 byte-order mark so that Excel reads æøå as UTF-8, and quotes only where needed.
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';

// A cell that starts like a formula would be run by the spreadsheet (CSV injection, OWASP): make it plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: guarded against formulas, quoted if it holds the separator, a quote or a line break.
 * @example csvCell('=SUM(A1)') // "'=SUM(A1)"; csvCell('Nav; Hamar') // '"Nav; Hamar"'
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, CRLF included. @example csvLine(['a', 'b;c']) // 'a;"b;c"\r\n' */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR) + '\r\n';
}

/**
 * A byte stream of a CSV file, BOM first, that asks `nextRows` for one page of rows at a time as the client reads —
 * the whole file never exists in memory. `nextRows` returns an empty array when there is nothing more.
 * @example new Response(csvStream(['Navn'], (page) => rowsOf(page)), { headers: { 'content-type': 'text/csv; charset=utf-8' } })
 */
export function csvStream(
  header: readonly string[],
  nextRows: (page: number) => Promise<readonly (readonly (string | number | null | undefined)[])[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let page = 0;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
      },
      async pull(controller) {
        if (done) return;
        // SQLite answers synchronously and a fast reader pulls again at once: give the event loop back between pages,
        // so that one export does not hold up every other request until it ends.
        if (page > 0) await new Promise((resolve) => setTimeout(resolve, 0));
        const rows = await nextRows(page++);
        if (rows.length === 0) {
          done = true;
          controller.close();
          return;
        }
        let chunk = '';
        for (const row of rows) chunk += csvLine(row);
        controller.enqueue(encoder.encode(chunk));
      },
    },
    // Back-pressure by bytes queued: one page at a time in flight.
    { highWaterMark: 1 },
  );
}

/**
 * Reads CSV written by `csvLine` back into rows (quotes, doubled quotes, separators and line breaks inside quotes).
 * For tests and imports; the BOM, if present, is dropped.
 * @example parseCsv('a;"b;c"\r\n') // [['a', 'b;c']]
 */
export function parseCsv(text: string, separator = CSV_SEPARATOR): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.startsWith(CSV_BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
