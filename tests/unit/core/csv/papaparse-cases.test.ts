import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRows, sniffSample } from '../../../../src/core/csv';

const DIR = join(import.meta.dirname, '../../../fixtures/real-exports/papaparse');

interface PapaCase {
  name: string;
  input: { csvContent: string; config: { header: boolean; skipEmptyLines?: boolean } };
  output: {
    data: Record<string, string>[];
    errors: unknown[];
    meta: { delimiter: string; linebreak: string; fields: string[] };
  };
}

const CASES: PapaCase[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as PapaCase); // fixture files of this shape

describe('papaparse JSON cases', () => {
  it('finds the three cases', () => {
    expect(CASES.map((c) => c.name).sort()).toEqual([
      'empty_fields',
      'line_breaks_in_quotes',
      'skip_empty_lines',
    ]);
  });

  it.each(CASES)('$name parses to its expected output', (c) => {
    const sniff = sniffSample(new TextEncoder().encode(c.input.csvContent), true);
    expect(sniff.ok).toBe(true);
    if (!sniff.ok) return;
    expect(sniff.settings.delimiter).toBe(c.output.meta.delimiter);
    expect(sniff.dialect.lineEnding).toBe(c.output.meta.linebreak === '\n' ? 'lf' : 'crlf');
    // Our reader always skips blank lines and keeps rows of empty cells, which is what both configs ask.
    const { rows, issues } = parseRows(c.input.csvContent, {
      delimiter: sniff.settings.delimiter,
      lineEnding: 'auto',
    });
    expect(issues).toEqual(c.output.errors);
    const [header, ...data] = rows;
    expect(header).toEqual(c.output.meta.fields);
    const objects = data.map((row) =>
      Object.fromEntries((header ?? []).map((field, i) => [field, row[i] ?? ''])),
    );
    expect(objects).toEqual(c.output.data);
    expect(sniff.columns.map((col) => col.key)).toEqual(c.output.meta.fields);
    expect(sniff.sampleDataRowCount).toBe(c.output.data.length);
  });
});
