import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RowDecoder, RowEncoder } from '../../../../src/main/import/worker/row-codec';

/** Sends batches through the codec as the parser and import threads do (structured clone included). */
function roundTrip(batches: string[][][]): string[][][] {
  const encoder = new RowEncoder();
  const decoder = new RowDecoder();
  return batches.map((rows) => decoder.decode(structuredClone(encoder.encode(rows))));
}

describe('rows between the parser and import threads (dictionary-coded)', () => {
  it('arrive exactly as parsed: ragged rows, empty cells, hostile text, across many batches', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'Agree', 'Strongly agree', 'Y00042', ' padded ', '=1+1', '"quoted"'),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    const row = fc.array(cell, { minLength: 0, maxLength: 7 });
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 30 }), { maxLength: 8 }), (batches) => {
        expect(roundTrip(batches)).toEqual(batches);
      }),
    );
  });

  it('go as numbers once a value repeats, and as text for a column of unique values', () => {
    const encoder = new RowEncoder();
    const rows = Array.from({ length: 5000 }, (_, i) => [`R_${i}`, ['Agree', 'Disagree'][i % 2]!]);
    const first = encoder.encode(rows.slice(0, 2500));
    const second = encoder.encode(rows.slice(2500));
    // The repeated column sends its two values once, then only codes.
    expect(second.added.filter((_, i) => i % 2 === 0 && second.added[i] === 1)).toHaveLength(0);
    // The unique IDs stop using a dictionary after the trial: the second batch sends them as text.
    expect(second.strings).toEqual(rows.slice(2500).map((r) => r[0]));
    const decoder = new RowDecoder();
    expect([...decoder.decode(first), ...decoder.decode(second)]).toEqual(rows);
  });

  it('keep a bounded dictionary: past its limit new values go as text and still arrive intact', () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [`v${i % 20_000}`]);
    const batches = [rows.slice(0, 1_000), rows.slice(1_000, 20_000), rows.slice(20_000)];
    const decoded = roundTrip(batches);
    expect(decoded.flat()).toEqual(rows);
  });
});
