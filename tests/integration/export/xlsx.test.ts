import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { safeSheetName, toXlsx } from '../../../src/main/export/xlsx';
import { keep } from './support';

function sheetXml(xlsx: Buffer): { sheet: string; strings: string } {
  const files = unzipSync(new Uint8Array(xlsx));
  const sheet = files['xl/worksheets/sheet1.xml'];
  expect(sheet, Object.keys(files).join(', ')).toBeDefined();
  const shared = files['xl/sharedStrings.xml'];
  return { sheet: strFromU8(sheet!), strings: shared ? strFromU8(shared) : '' };
}

describe('toXlsx', () => {
  it('keeps numbers as numbers and strings as text, never formulas', async () => {
    const xlsx = await toXlsx(
      ['Site', 'Mean change', 'Note'],
      [
        ['Cañon City Library', -0.42, '=HYPERLINK("http://x","y")'],
        ['Zoë', 12, '-2+3'],
        ['@SUM(A1)', null, true],
      ],
      { sheetName: 'Reach: 2025/26' },
    );
    keep('table.xlsx', xlsx);
    const { sheet, strings } = sheetXml(xlsx);
    expect(sheet).not.toContain('<f>');
    expect(sheet).toMatch(/<v>-0.42<\/v>/);
    expect(sheet).toMatch(/<v>12<\/v>/);
    const texts = [...strings.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) =>
      m[1]!
        .replaceAll('&quot;', '"')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&'),
    );
    expect(texts).toEqual([
      'Site',
      'Mean change',
      'Note',
      'Cañon City Library',
      '=HYPERLINK("http://x","y")',
      'Zoë',
      '-2+3',
      '@SUM(A1)',
    ]);
    // Cell types: shared string (t="s") for text, none for numbers, t="b" for the boolean; no apostrophes added.
    expect(/<c r="C2"( [^>]*)?>/.exec(sheet)?.[0]).toContain('t="s"');
    expect(/<c r="B2"( [^>]*)?>/.exec(sheet)?.[0]).not.toMatch(/ t="/);
    expect(/<c r="C4"( [^>]*)?>/.exec(sheet)?.[0]).toContain('t="b"');
    expect(sheet).not.toContain('<c r="B4"'); // null is an empty cell
    const files = unzipSync(new Uint8Array(xlsx));
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('name="Reach_ 2025_26"');
  });

  it.each([
    ['Reach: 2025/26', 'Reach_ 2025_26'],
    ["'quoted'", 'quoted'],
    ['', 'Sheet1'],
    ['a'.repeat(40), 'a'.repeat(31)],
  ])('sheet name %j -> %j', (input, expected) => expect(safeSheetName(input)).toBe(expected));
});
