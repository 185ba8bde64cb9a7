import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../../src/core/csv';
import { Mapping } from '../../../src/shared/import-mapping';
import { openProject } from '../../../src/main/db/open-project';
import { runImport } from '../../../src/main/import/run/run-import';
import { useTempDir } from '../../helpers/temp';

// Hostile cell content: quotes, every delimiter, CR/LF/CRLF inside cells, spreadsheet formula prefixes,
// emoji and other astral characters, accents, NBSP, tabs, long runs.
const hostileChar = fc.constantFrom(
  '"',
  ',',
  ';',
  '\t',
  '|',
  '\n',
  '\r',
  '\r\n',
  '=',
  '+',
  '-',
  '@',
  ' ',
  'a',
  'Z',
  '0',
  'é',
  'ñ',
  'ß',
  '\u00a0',
  '😀',
  '👩‍🔬',
  '🇺🇸',
  '中',
  "'",
  '\\',
  '#',
);
const hostileText = fc.oneof(
  { weight: 5, arbitrary: fc.array(hostileChar, { maxLength: 12 }).map((a) => a.join('')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('=SUM(A1:A9)', '+1-2', '-0.5', '@cmd', '=HYPERLINK("http://x","y")'),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(hostileChar, fc.integer({ min: 1000, max: 20000 })).map(([c, n]) => c.repeat(n)),
  },
);

describe('round trip: a hostile table written as CSV, imported, and read back from the project', () => {
  const temp = useTempDir();

  it('keeps every cell exactly (blank cells are "no value")', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(hostileText, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.array(
          hostileText.filter((h) => h.trim() !== ''),
          { minLength: 4, maxLength: 4 },
        ),
        fc.constantFrom<[',' | ';' | '\t' | '|', '\n' | '\r\n']>(
          [',', '\n'],
          [',', '\r\n'],
          [';', '\r\n'],
          ['\t', '\n'],
          ['|', '\n'],
        ),
        async (width, cells, headers, [delimiter, newline]) => {
          const dir = temp();
          // Column 0 is the participant ID; the others are hostile attribute values under hostile headers.
          const header = ['youth_id', ...headers.slice(0, width).map((h, i) => `${h}#${i}`)];
          const rows = cells.map((r, i) => [`P${i + 1}`, ...r.slice(0, width)]);
          const path = join(dir, 'table.csv');
          writeFileSync(path, writeCsv([header, ...rows], { delimiter, newline }));
          const mapping = Mapping.parse({
            kind: 'roster',
            settings: {
              delimiter,
              headerRowCount: 1,
              preambleRowCount: 0,
              platform: 'plain',
              encoding: 'utf-8',
            },
            fields: {
              participant_key: 'youth_id',
              ...Object.fromEntries(header.slice(1).map((h, i) => [`attribute:a${i}`, h])),
            },
          });
          const project = openProject(join(dir, 'p.trellis'));
          try {
            const report = await runImport(project.db, path, { mapping, policy: 'refuse' });
            expect(report.status).toBe('imported');
            expect(report.rowsRead).toBe(rows.length);
            const stored = project.db
              .prepare(
                `SELECT p.key, a.name, a.value FROM participant_attributes a JOIN participants p ON p.id = a.participant_id`,
              )
              .all() as { key: string; name: string; value: string }[];
            const got = new Map(stored.map((s) => [`${s.key}/${s.name}`, s.value]));
            const expected = new Map<string, string>();
            rows.forEach((r) =>
              r.slice(1).forEach((v, i) => v.trim() !== '' && expected.set(`${r[0]}/a${i}`, v)),
            );
            expect(got).toEqual(expected);
          } finally {
            project.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
