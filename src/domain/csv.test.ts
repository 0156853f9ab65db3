import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvStream, parseCsv } from './csv';

describe('csv', () => {
  it('quotes only what needs it and guards formulas', () => {
    expect(csvLine(['Åse', 'Nav; Hamar', 'Ola "Sjefen"', 'to\r\nlinjer', null, 3])).toBe('Åse;"Nav; Hamar";"Ola ""Sjefen""";"to\r\nlinjer";;3\r\n');
    expect(['=1+1', '+47 900', '-2', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1+1", "'+47 900", "'-2", "'@SUM(A1)", "'\tx"]);
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('a = b')).toBe('a = b');
  });

  it('streams a BOM, the header and every page until an empty one, and parses back', async () => {
    const pages = [[['Kari', 'Nav; Hamar']], [['Øystein', '=cmd']], []];
    let asked = 0;
    const stream = csvStream(['Navn', 'Virksomhet'], async (page) => {
      asked++;
      return pages[page] ?? [];
    });
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(asked).toBe(3);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(parseCsv(text)).toEqual([
      ['Navn', 'Virksomhet'],
      ['Kari', 'Nav; Hamar'],
      ['Øystein', "'=cmd"],
    ]);
  });

  it('asks for the next page only as the reader reads', async () => {
    let asked = 0;
    const reader = csvStream(['x'], async (page) => {
      asked++;
      return page < 100 ? [[String(page)]] : [];
    }).getReader();
    await reader.read();
    await reader.read();
    expect(asked).toBeLessThan(5);
    await reader.cancel();
  });
});
