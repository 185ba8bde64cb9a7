import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRowParser,
  createStreamDecoder,
  sniffSample,
  type ReadSettings,
} from '../../../../src/core/csv';

const DIR = join(import.meta.dirname, '../../../fixtures/real-exports');
const FILES = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv'));

/** Decode and parse the bytes in pieces of `size` bytes (1 = byte by byte). */
function readInPieces(bytes: Uint8Array, settings: ReadSettings, size: number) {
  const decoder = createStreamDecoder(settings.encoding);
  const parser = createRowParser({ delimiter: settings.delimiter, lineEnding: settings.lineEnding });
  const rows: string[][] = [];
  for (let at = 0; at < bytes.length; at += size)
    rows.push(...parser.write(decoder.write(bytes.subarray(at, at + size))).rows);
  rows.push(...parser.write(decoder.end()).rows, ...parser.end().rows);
  return { rows, issues: decoder.issues.map((i) => i.code) };
}

describe('chunk boundaries', () => {
  // The two large SurveyMonkey files are fed in 1-, 2-, 3- and 7-byte pieces over their first 40 KB
  // and in 997-byte pieces whole; the rest byte by byte whole.
  it.each(FILES)('%s reads the same in any piece size', (name) => {
    const bytes = new Uint8Array(readFileSync(join(DIR, name)));
    const sniff = sniffSample(bytes, true);
    if (!sniff.ok) throw new Error(`fixture refused: ${name}`);
    const whole = readInPieces(bytes, sniff.settings, bytes.length);
    const isLarge = bytes.length > 100_000;
    for (const size of isLarge ? [997] : [1, 2, 3, 7]) {
      expect(readInPieces(bytes, sniff.settings, size)).toEqual(whole);
    }
    if (isLarge) {
      // A prefix ending on a record boundary, fed byte by byte.
      const text = new TextDecoder('latin1').decode(bytes.subarray(0, 40_000));
      const cut = text.lastIndexOf('\n') + 1;
      const prefix = bytes.subarray(0, cut);
      for (const size of [1, 2, 3]) {
        expect(readInPieces(prefix, sniff.settings, size)).toEqual(
          readInPieces(prefix, sniff.settings, prefix.length),
        );
      }
    }
  });

  it.each(['\r\n', '\n', '\r'])('a record end %j split anywhere gives the same rows', (newline) => {
    const text = ['id,comment', '1,"two\r\nlines"', '2,"é😀"', '3,plain'].join(newline) + newline;
    const bytes = new TextEncoder().encode(text);
    const expected = [
      ['id', 'comment'],
      ['1', 'two\r\nlines'],
      ['2', 'é😀'],
      ['3', 'plain'],
    ];
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const decoder = createStreamDecoder('utf-8');
      const parser = createRowParser({ delimiter: ',', lineEnding: 'auto' });
      const rows = [
        ...parser.write(decoder.write(bytes.subarray(0, cut))).rows,
        ...parser.write(decoder.write(bytes.subarray(cut))).rows,
        ...parser.write(decoder.end()).rows,
        ...parser.end().rows,
      ];
      expect(rows).toEqual(expected);
    }
  });
});
