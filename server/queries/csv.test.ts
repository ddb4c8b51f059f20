// CSV cells and rows as Excel set to Turkish reads them.
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvRow, csvStream, ORDER_COLUMNS } from './csv';

describe('csv', () => {
  it('separates with ; and ends rows with CRLF', () => {
    expect(csvRow(['a', 'b', 'c'])).toBe('a;b;c\r\n');
  });

  it('quotes a field holding ;, quotes or line breaks, doubling its quotes', () => {
    expect(csvCell('Kutu; ezik')).toBe('"Kutu; ezik"');
    expect(csvCell('12" ekran')).toBe('"12"" ekran"');
    expect(csvCell('satır 1\nsatır 2')).toBe('"satır 1\nsatır 2"');
    expect(csvCell('düz')).toBe('düz');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes numbers the Turkish way and keeps formulas as text', () => {
    expect(csvCell(1234)).toBe('1.234');
    expect(csvCell(1234.5)).toBe('1.234,50');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-5 adet')).toBe('-5 adet');
  });

  it('streams a BOM and the header first, then one chunk per batch', async () => {
    async function* none() {}
    const chunks: string[] = [];
    for await (const c of csvStream(ORDER_COLUMNS, none())) chunks.push(String(c));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.startsWith(CSV_BOM)).toBe(true);
    expect(chunks[0]).toContain('Sipariş no;Pazaryeri;');
  });
});
