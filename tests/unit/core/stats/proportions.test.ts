import { describe as group, expect, it } from 'vitest';
import { percentAgree, wilsonInterval } from '../../../../src/core/stats';

group('wilsonInterval', () => {
  it('n = 0 gives nulls with a reason', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({
      proportion: null,
      low: null,
      high: null,
      reason: 'empty_sample',
    });
  });

  it.each([
    ['successes above n', 5, 4],
    ['negative count', -1, 4],
    ['fractional count', 1.5, 4],
  ])('rejects %s', (_, successes, n) => {
    expect(() => wilsonInterval(successes, n)).toThrow(RangeError);
  });

  it('stays inside [0, 1] at the extremes', () => {
    expect(wilsonInterval(0, 3)).toMatchObject({ low: 0 });
    expect(wilsonInterval(3, 3)).toMatchObject({ high: 1 });
  });
});

group('percentAgree', () => {
  it('keeps neutral answers in the denominator and missing out of it', () => {
    const got = percentAgree([5, 4, 3, 3, 2, null, null], [4, 5]);
    expect(got).toMatchObject({ nValid: 5, nMissing: 2, nAgree: 2, proportion: 0.4 });
    expect(got.percent).toBeCloseTo(40, 12);
  });

  it('works on text categories', () => {
    const got = percentAgree(['Agree', 'Strongly agree', 'Neutral', 'Disagree'], ['Agree', 'Strongly agree']);
    expect(got.nAgree).toBe(2);
    expect(got.proportion).toBe(0.5);
  });

  it('all missing gives nulls with a reason', () => {
    expect(percentAgree([null, null], [4, 5])).toMatchObject({
      nValid: 0,
      percent: null,
      reason: 'empty_sample',
    });
  });

  it('needs a top category', () => {
    expect(() => percentAgree([1, 2], [])).toThrow(/top category/);
  });
});
