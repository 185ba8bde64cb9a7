import { describe, expect, it } from 'vitest';
import { createLineEndingNormaliser, detectDialect, parseRows, sniffSample } from '../../../../src/core/csv';

describe('detectDialect', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n4,5,6\n', ','],
    ['semicolon with decimal commas', 'name;score;weight\nAnna;3,5;60,2\nBen;4,25;71,0\n', ';'],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['pipe', 'a|b|c\n1|2|3\n', '|'],
    ['comma with semicolons inside quotes', 'q,comment\n1,"a;b;c;d"\n2,"e;f"\n', ','],
    ['semicolon with commas in text', 'id;comment\n1;yes, really, yes\n2;no\n', ';'],
  ])('delimiter: %s', (_name, text, delimiter) => {
    expect(detectDialect(text, true).delimiter).toBe(delimiter);
  });

  it.each([
    ['CRLF', 'a,b\r\n1,2\r\n', 'crlf', false],
    ['LF', 'a,b\n1,2\n', 'lf', false],
    ['CR only', 'a,b\r1,2\r', 'cr', false],
    ['CRLF records with LF inside quotes', 'a,b\r\n1,"x\ny"\r\n', 'crlf', true],
    ['mixed CRLF and LF records', 'a,b\r\n1,2\n3,4\r\n', 'mixed', false],
    ['no newline at all', 'a,b', 'lf', false],
  ])('line endings: %s', (_name, text, lineEnding, quoted) => {
    const d = detectDialect(text, true);
    expect(d.lineEnding).toBe(lineEnding);
    expect(d.hasQuotedLineBreaks).toBe(quoted);
  });

  it.each([
    ['a title line', 'Survey export 2026\nid,q1,q2\n1,2,3\n2,3,4\n', 1],
    ['a padded title and a blank line', 'Report,,\n\nid,q1,q2\n1,2,3\n', 1],
    ['two notes', 'Exported by X\nFilter: none\nid,q1,q2\n1,2,3\n', 2],
    ['none', 'id,q1,q2\n1,2,3\n', 0],
  ])('preamble: %s', (_name, text, rows) => {
    expect(detectDialect(text, true).preambleRowCount).toBe(rows);
  });

  it('ignores the cut last record of a partial sample', () => {
    const d = detectDialect('a,b,c\n1,2,3\n4,"5', false);
    expect(d.records).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('says when it only found one column', () => {
    expect(detectDialect('just\none\ncolumn\n', true).issues.map((i) => i.code)).toEqual([
      'delimiter_guessed',
    ]);
  });
});

describe('line endings through the parser', () => {
  it.each([
    ['CRLF', 'a,b\r\n1,"x\r\ny"\r\n'],
    ['LF', 'a,b\n1,"x\r\ny"\n'],
    ['CR', 'a,b\r1,"x\r\ny"\r'],
    ['mixed', 'a,b\r\n1,"x\r\ny"\n'],
  ])('%s: record ends are dropped, quoted line breaks kept exactly', (_name, text) => {
    expect(parseRows(text, { delimiter: ',', lineEnding: 'auto' }).rows).toEqual([
      ['a', 'b'],
      ['1', 'x\r\ny'],
    ]);
  });

  it('normalises a CRLF split across chunks once', () => {
    const n = createLineEndingNormaliser(',');
    expect(n.write('a,b\r') + n.write('\n1,2\r') + n.write('') + n.write('\n') + n.end()).toBe('a,b\n1,2\n');
  });

  it('treats an escaped quote inside a quoted cell as text', () => {
    expect(parseRows('a\r\n"say ""hi""\r\nthere"\r\n', { delimiter: ',', lineEnding: 'auto' }).rows).toEqual([
      ['a'],
      ['say "hi"\r\nthere'],
    ]);
  });

  it('reports an unclosed quote with its row', () => {
    const { issues } = parseRows('a,b\n1,2\n3,"open\n', { delimiter: ',', lineEnding: 'auto' });
    expect(issues).toMatchObject([{ code: 'unterminated_quote', row: 3 }]);
  });
});

describe('sniffSample', () => {
  const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('refuses a header-only file', () => {
    const result = sniffSample(enc('id,q1,q2\n'), true);
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'no_data_rows' }] });
  });

  it('refuses a Qualtrics file with only its three header rows', () => {
    const text =
      'ResponseId,Q1\nResponse ID,Question\n"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}"\n';
    expect(sniffSample(enc(text), true)).toMatchObject({ ok: false, issues: [{ code: 'no_data_rows' }] });
  });

  it.each([
    ['empty', ''],
    ['white space only', ' \r\n\n'],
  ])('refuses a %s file', (_name, text) => {
    expect(sniffSample(enc(text), true)).toMatchObject({ ok: false, issues: [{ code: 'file_empty' }] });
  });

  it('proposes decimal commas and D.M.Y dates for a European export, all overridable', () => {
    const text = 'Datum;Wert\n13.01.2026;3,5\n14.01.2026;4,25\n';
    const result = sniffSample(enc(text), true);
    expect(result.ok && result.settings).toMatchObject({
      delimiter: ';',
      decimalSeparator: ',',
      dateOrder: 'dmy',
    });
    const overridden = sniffSample(enc(text), true, { decimalSeparator: '.' });
    expect(overridden.ok && overridden.settings.decimalSeparator).toBe('.');
    expect(overridden.ok && overridden.detected.decimalSeparator).toBe(',');
    const noHeader = sniffSample(enc(text), true, { headerRowCount: 0 });
    expect(noHeader.ok && noHeader.previewRows).toHaveLength(3);
  });

  it('flags ambiguous day/month order for the UI to ask', () => {
    const result = sniffSample(enc('when,x\n01/02/2026,1\n03/04/2026,2\n'), true);
    expect(result.ok && result.dateOrderAmbiguous).toBe(true);
    expect(result.ok && result.issues.map((i) => i.code)).toContain('date_order_ambiguous');
  });

  it('skips a preamble before the header', () => {
    const result = sniffSample(enc('Exported 2026-01-01\nid,q1,q2\n1,2,3\n'), true);
    expect(result.ok && result.preambleRows).toEqual([['Exported 2026-01-01']]);
    expect(result.ok && result.columns.map((c) => c.key)).toEqual(['id', 'q1', 'q2']);
    expect(result.ok && result.settings.platform).toBe('plain');
  });
});
