import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from '../../../../src/core/export/csv';

describe('toCsv', () => {
  it('writes a header and CRLF-terminated records', () => {
    expect(
      toCsv(
        ['site', 'n'],
        [
          ['Cañon City Library', 12],
          ['Zoë’s club', 3],
        ],
      ),
    ).toBe('site,n\r\nCañon City Library,12\r\nZoë’s club,3\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x","click")', `"'=HYPERLINK(""http://x"",""click"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['\n=1', `"'\n=1"`],
    ['=1+2\nsecond line', `"'=1+2\nsecond line"`],
    ['plain', 'plain'],
    ['a = b', 'a = b'],
    ['', ''],
  ])('neutralises the string %j as %j', (cell, expected) => {
    expect(toCsv(['c'], [[cell]])).toBe(`c\r\n${expected}\r\n`);
  });

  it('neutralises header cells too', () => {
    expect(toCsv(['=cmd'], [])).toBe("'=cmd\r\n");
  });

  it('leaves numbers typed as numbers alone, negatives included', () => {
    expect(toCsv(['d', 's'], [[-0.42, '-0.42']])).toBe("d,s\r\n-0.42,'-0.42\r\n");
  });

  it('writes null, undefined and non-finite numbers as empty, booleans as TRUE/FALSE', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[null, undefined, Number.NaN, true]])).toBe('a,b,c,d\r\n,,,TRUE\r\n');
  });

  it('quotes per RFC 4180: commas, quotes, line breaks', () => {
    expect(toCsv(['a'], [['x,y'], ['say "hi"'], ['two\r\nlines']])).toBe(
      'a\r\n"x,y"\r\n"say ""hi"""\r\n"two\r\nlines"\r\n',
    );
  });

  it('pads a short row and refuses a long one', () => {
    expect(toCsv(['a', 'b'], [['x']])).toBe('a,b\r\nx,\r\n');
    expect(() => toCsv(['a'], [['x', 'y']])).toThrow(/row 1 has 2 cells/);
  });

  it('starts with a UTF-8 BOM only when asked', () => {
    expect(toCsv(['a'], [], { bom: true }).charCodeAt(0)).toBe(0xfeff);
    expect(toCsv(['a'], []).charCodeAt(0)).toBe(0x61);
    expect(new TextEncoder().encode(toCsv(['Zoë'], [], { bom: true })).subarray(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
  });

  it('round-trips through papaparse: the values come back with only the apostrophes added', () => {
    const rows = [['Cañon City Library', 'a,b', 'q"uote', 'multi\nline', '=1+2', 7, -3]];
    const back = Papa.parse<string[]>(toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g'], rows), {
      newline: '\r\n',
    }).data;
    expect(back[1]).toEqual(['Cañon City Library', 'a,b', 'q"uote', 'multi\nline', "'=1+2", '7', '-3']);
  });

  it("catches what papaparse's own escapeFormulae misses: a formula cell with a line break", () => {
    const cell = '=1+2\nsecond line';
    const theirs = Papa.unparse([[cell]], { escapeFormulae: true, header: false });
    expect(theirs).toBe(`"=1+2\nsecond line"`); // papaparse 5.7 leaves it live
    expect(toCsv(['c'], [[cell]])).toContain(`"'=1+2`);
    expect(neutraliseFormula('\n=1')).toBe("'\n=1");
  });
});
