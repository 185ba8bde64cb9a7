import { describe as group, expect, it } from 'vitest';
import { describe } from '../../../../src/core/stats';

group('describe edge cases', () => {
  it.each([
    ['empty', [], { n: 0, nMissing: 0, mean: null, sd: null, se: null, ciLow: null, reason: 'no_values' }],
    ['only nulls', [null, null], { n: 0, nMissing: 2, mean: null, sd: null, reason: 'no_values' }],
    [
      'one value',
      [3.5],
      { n: 1, mean: 3.5, sd: null, se: null, ciLow: null, ciHigh: null, reason: 'single_value' },
    ],
    ['one value and a null', [null, 2], { n: 1, nMissing: 1, mean: 2, sd: null, reason: 'single_value' }],
    [
      'all equal',
      [3.1, 3.1, 3.1],
      { n: 3, mean: 3.1, sd: 0, se: 0, ciLow: null, ciHigh: null, reason: 'zero_variance' },
    ],
  ] as const)('%s', (_, values, expected) => {
    expect(describe(values)).toMatchObject(expected);
  });

  it('uses the requested confidence level', () => {
    const wide = describe([1, 2, 3, 4], { confidence: 0.99 });
    const narrow = describe([1, 2, 3, 4], { confidence: 0.9 });
    expect((wide.ciHigh ?? 0) - (wide.ciLow ?? 0)).toBeGreaterThan(
      (narrow.ciHigh ?? 0) - (narrow.ciLow ?? 0),
    );
  });

  it.each([
    ['NaN', [1, Number.NaN]],
    ['Infinity', [1, Number.POSITIVE_INFINITY]],
  ])('rejects %s: missing values must be null', (_, values) => {
    expect(() => describe(values)).toThrow(/must be null/);
  });

  it.each([0, 1, -0.5, 1.5])('rejects confidence %s', (confidence) => {
    expect(() => describe([1, 2], { confidence })).toThrow(RangeError);
  });
});
