import fc from 'fast-check';
import { describe as group, expect, it } from 'vitest';
import { cronbachAlpha, recodeItems, reverseCode, scoreScale } from '../../../../src/core/stats';

const likert = fc.integer({ min: 1, max: 5 });

group('reverseCode', () => {
  it.each([
    [1, 1, 5, 5],
    [2, 1, 5, 4],
    [3, 1, 5, 3],
    [0, 0, 10, 10],
    [7, 1, 7, 1],
  ])('reverseCode(%s, %s, %s) = %s', (x, min, max, expected) => {
    expect(reverseCode(x, min, max)).toBe(expected);
  });

  it('is its own inverse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (min, width, offset) => {
          const max = min + width;
          const x = min + (offset % (width + 1));
          expect(reverseCode(reverseCode(x, min, max), min, max)).toBe(x);
        },
      ),
    );
  });
});

group('scoreScale', () => {
  it('reverses flagged items before averaging', () => {
    const got = scoreScale([[5, 1, 4]], { min: 1, max: 5, reverse: [false, true, false] });
    expect(got.scores).toEqual([(5 + 5 + 4) / 3]);
    expect(got.recoded.rows).toEqual([[5, 5, 4]]);
  });

  it.each([
    ['default minAnswered = ceil(4/2) = 2, two answered', [1, 2, null, null], undefined, 1.5],
    ['default minAnswered, one answered', [1, null, null, null], undefined, null],
    ['minAnswered 4, three answered', [1, 2, 3, null], 4, null],
    ['minAnswered 1, one answered', [null, null, 4, null], 1, 4],
    ['every answer missing', [null, null, null, null], 1, null],
  ] as const)('%s', (_, row, minAnswered, expected) => {
    const got = scoreScale([row], { min: 1, max: 5, ...(minAnswered === undefined ? {} : { minAnswered }) });
    expect(got.scores).toEqual([expected]);
    expect(got.nScored + got.nUnscored).toBe(1);
  });

  it('treats out-of-range values (a missing code that slipped through) as missing and reports them', () => {
    const got = scoreScale(
      [
        [4, 99, 5],
        [-99, 2, 2],
      ],
      { min: 1, max: 5 },
    );
    expect(got.scores).toEqual([4.5, 2]);
    expect(got.issues).toEqual([
      { respondent: 0, item: 1, code: 'out_of_range', value: 99 },
      { respondent: 1, item: 0, code: 'out_of_range', value: -99 },
    ]);
  });

  it('reports NaN as an issue, never averages it', () => {
    const got = scoreScale([[4, Number.NaN, 4]], { min: 1, max: 5 });
    expect(got.scores).toEqual([4]);
    expect(got.issues[0]?.code).toBe('not_finite');
  });

  it.each([
    ['ragged rows', [[1, 2], [1]], { min: 1, max: 5 }, /expected 2/],
    ['wrong number of reverse flags', [[1, 2]], { min: 1, max: 5, reverse: [true] }, /reverse has 1/],
    ['min not below max', [[1, 2]], { min: 5, max: 5 }, /min < max/],
    ['minAnswered above k', [[1, 2]], { min: 1, max: 5, minAnswered: 3 }, /minAnswered/],
    ['minAnswered zero', [[1, 2]], { min: 1, max: 5, minAnswered: 0 }, /minAnswered/],
  ] as const)('rejects %s', (_, answers, options, message) => {
    expect(() => scoreScale(answers, options)).toThrow(message);
  });

  it('scoring reversed raw data equals scoring data reversed by hand', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(likert, { nil: null }), { minLength: 4, maxLength: 4 }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        (rows, reverse) => {
          const byHand = rows.map((row) =>
            row.map((x, j) => (x === null || reverse[j] !== true ? x : 6 - x)),
          );
          expect(scoreScale(rows, { min: 1, max: 5, reverse }).scores).toEqual(
            scoreScale(byHand, { min: 1, max: 5 }).scores,
          );
        },
      ),
    );
  });
});

group('cronbachAlpha', () => {
  it.each([
    ['no items', [[], []], 'no_items'],
    ['one item', [[1], [3], [5]], 'single_item'],
    [
      'one complete respondent',
      [
        [1, 2],
        [3, null],
      ],
      'too_few_complete_cases',
    ],
    [
      'every total equal',
      [
        [1, 5],
        [5, 1],
        [3, 3],
      ],
      'zero_total_variance',
    ],
  ] as const)('null with a reason: %s', (_, rows, reason) => {
    const got = cronbachAlpha(recodeItems(rows, { min: 1, max: 5 }));
    expect(got.alpha).toBeNull();
    expect(got.reason).toBe(reason);
  });

  it('uses complete cases only', () => {
    const got = cronbachAlpha(
      recodeItems(
        [
          [1, 2],
          [2, 3],
          [4, 5],
          [null, 1],
        ],
        { min: 1, max: 5 },
      ),
    );
    expect(got.nComplete).toBe(3);
    expect(got.alpha).toBeCloseTo(1, 12);
  });

  it('is the same whatever the order of the items', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(likert, { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 30 }),
        fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
        (rows, order) => {
          const a = cronbachAlpha(recodeItems(rows, { min: 1, max: 5 }));
          const b = cronbachAlpha(
            recodeItems(
              rows.map((r) => order.map((j) => r[j] ?? null)),
              { min: 1, max: 5 },
            ),
          );
          expect(b.reason).toBe(a.reason);
          if (a.alpha === null) expect(b.alpha).toBeNull();
          else expect(b.alpha).toBeCloseTo(a.alpha, 9);
        },
      ),
    );
  });

  it('is never NaN or infinite', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(likert, { nil: null }), { minLength: 3, maxLength: 3 }), {
          maxLength: 12,
        }),
        (rows) => {
          const { alpha } = cronbachAlpha(recodeItems(rows, { min: 1, max: 5 }));
          expect(alpha === null || Number.isFinite(alpha)).toBe(true);
        },
      ),
    );
  });
});
