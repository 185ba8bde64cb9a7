import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRowParser,
  createStreamDecoder,
  DELIMITERS,
  detectEncoding,
  writeCsv,
  type Delimiter,
  type TextEncoding,
} from '../../../../src/core/csv';

// Pieces that break naive CSV code: quotes, every delimiter, every line break, formula prefixes,
// emoji (surrogate pairs), accents, the BOM character, spaces at the ends.
const HOSTILE = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\r',
  '\n',
  '\r\n',
  '=',
  '+',
  '-',
  '@',
  '=SUM(A1)',
  '😀',
  '👩🏽‍🔬',
  'é',
  'Œ',
  '\uFEFF',
  ' ',
  '  ',
  'a',
  'Z',
  '0',
];
const hostileCell = fc.oneof(
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 6000 }), // long fields
);
const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }))
  .chain(([width, height]) =>
    fc.array(fc.array(hostileCell, { minLength: width, maxLength: width }), {
      minLength: height,
      maxLength: height,
    }),
  );

function encode(text: string, encoding: TextEncoding, bom: boolean): Uint8Array {
  if (encoding === 'utf-16le') {
    const out = new Uint8Array(2 + text.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1) {
      out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      out[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    return out;
  }
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

function read(bytes: Uint8Array, encoding: TextEncoding, delimiter: Delimiter, pieces: number[]): string[][] {
  const decoder = createStreamDecoder(encoding);
  const parser = createRowParser({ delimiter, lineEnding: 'auto' });
  const rows: string[][] = [];
  let at = 0;
  let p = 0;
  while (at < bytes.length) {
    const size = pieces.length ? (pieces[p++ % pieces.length] ?? 1) : bytes.length;
    rows.push(...parser.write(decoder.write(bytes.subarray(at, at + size))).rows);
    at += size;
  }
  rows.push(...parser.write(decoder.end()).rows, ...parser.end().rows);
  expect(decoder.issues).toEqual([]);
  return rows;
}

describe('write then read round-trips hostile tables exactly', () => {
  it('for every delimiter, line ending, encoding and chunking', () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom('\r\n' as const, '\n' as const, '\r' as const),
        fc.constantFrom<[TextEncoding, boolean]>(['utf-8', false], ['utf-8', true], ['utf-16le', true]),
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 }),
        (rows, delimiter, newline, [encoding, bom], pieces) => {
          const bytes = encode(writeCsv(rows, { delimiter, newline }), encoding, bom);
          const detected = detectEncoding(bytes, true);
          expect(detected.ok && detected.encoding).toBe(encoding);
          expect(read(bytes, encoding, delimiter, pieces)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
