import fc from 'fast-check';
import { describe as group, expect, it } from 'vitest';
import { PAIRED_CHANGE_NULLABLE_FIELDS, pairedChange, wilcoxonSignedRank } from '../../../../src/core/stats';

group('pairedChange edge cases', () => {
  it('n = 0: every statistic null with too_few_pairs', () => {
    const got = pairedChange([], []);
    expect(got.nMatched).toBe(0);
    for (const f of PAIRED_CHANGE_NULLABLE_FIELDS) expect(got[f], f).toBeNull();
    expect(got.reason).toBe('too_few_pairs');
  });

  it('n = 1: means only', () => {
    const got = pairedChange([2], [4]);
    expect(got).toMatchObject({
      nMatched: 1,
      meanPre: 2,
      meanPost: 4,
      meanDiff: 2,
      t: null,
      p: null,
      sdDiff: null,
      reason: 'too_few_pairs',
    });
  });

  it('drops and counts pairs with a missing side', () => {
    const got = pairedChange([1, null, 3, 2], [2, 5, null, 4]);
    expect(got.nMatched).toBe(2);
    expect(got.nIncomplete).toBe(2);
    expect(got.meanDiff).toBe(1.5);
  });

  it('refuses arrays of different lengths: pairing is done by ID upstream', () => {
    expect(() => pairedChange([1, 2], [1])).toThrow(/already-paired/);
  });

  it('measures change as post minus pre', () => {
    expect(pairedChange([1, 2, 3], [2, 4, 5]).meanDiff).toBeCloseTo(5 / 3, 12);
    expect(pairedChange([2, 4, 5], [1, 2, 3]).meanDiff).toBeCloseTo(-5 / 3, 12);
  });

  it.each([
    ['d_z', 'dz'],
    ['d_av', 'dav'],
    ['g_av', 'gav'],
  ] as const)('headline effect size %s is field %s', (name, field) => {
    const got = pairedChange([1, 2, 3, 4, 2], [2, 4, 3, 5, 4], { effectSizeName: name });
    expect(got.effectSizeName).toBe(name);
    expect(got.effectSize).toBe(got[field]);
  });

  it('defaults the headline to g_av and carries its reason when null', () => {
    const got = pairedChange([1, 2], [2, 4]);
    expect(got.effectSizeName).toBe('g_av');
    expect(got.effectSize).toBeNull();
    expect(got.reasons.effectSize).toBe('too_few_pairs_for_hedges');
    expect(got.dz).not.toBeNull();
  });

  it('never returns NaN or Infinity, and every null has a reason', () => {
    const score = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(score, score), { maxLength: 15 }), (pairs) => {
        const got = pairedChange(
          pairs.map(([a]) => a),
          pairs.map(([, b]) => b),
        );
        for (const f of PAIRED_CHANGE_NULLABLE_FIELDS) {
          const v = got[f];
          if (v === null) expect(got.reasons[f], f).toBeDefined();
          else expect(Number.isFinite(v), f).toBe(true);
        }
        if (got.p !== null) expect(got.p).toBeGreaterThanOrEqual(0);
        if (got.wilcoxonP !== null) expect(got.wilcoxonP).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('swapping pre and post flips the sign of t and the effect sizes but keeps both p values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), {
          minLength: 3,
          maxLength: 20,
        }),
        (pairs) => {
          const pre = pairs.map(([a]) => a);
          const post = pairs.map(([, b]) => b);
          const up = pairedChange(pre, post);
          const down = pairedChange(post, pre);
          expect(down.p).toBe(up.p);
          expect(down.wilcoxonP).toBe(up.wilcoxonP);
          if (up.t !== null) expect(down.t).toBeCloseTo(-up.t, 9);
          if (up.dav !== null) expect(down.dav).toBeCloseTo(-up.dav, 9);
        },
      ),
    );
  });
});

group('wilcoxonSignedRank', () => {
  it('drops zero differences before ranking', () => {
    expect(wilcoxonSignedRank([0, 0, 1, -2, 3]).nNonZero).toBe(3);
    expect(wilcoxonSignedRank([0, 0]).p).toBeNull();
  });

  it('gives tied absolute differences their average rank', () => {
    const got = wilcoxonSignedRank([1, -1, 2, 2]);
    expect(got.rPlus).toBe(1.5 + 3.5 + 3.5);
    expect(got.rMinus).toBe(1.5);
  });

  /** Ranks the plain way: every non-zero |d| sorted with its sign, tied runs given their average rank. */
  function plainRankSums(differences: readonly number[]) {
    const order = differences
      .filter((d) => d !== 0)
      .map((d) => ({ abs: Math.abs(d), positive: d > 0 }))
      .sort((a, b) => a.abs - b.abs);
    let rPlus = 0;
    let rMinus = 0;
    for (let start = 0; start < order.length;) {
      let end = start + 1;
      while (end < order.length && order[end]!.abs === order[start]!.abs) end += 1;
      for (let j = start; j < end; j += 1) {
        if (order[j]!.positive) rPlus += (start + 1 + end) / 2;
        else rMinus += (start + 1 + end) / 2;
      }
      start = end;
    }
    return { nNonZero: order.length, rPlus, rMinus };
  }

  it('ranks like the plain way, with few distinct differences and with thousands of them', () => {
    // Changes of scale scores (a few hundred distinct values), and of free numbers (nearly all distinct).
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const scores = Array.from({ length: 20000 }, () => Math.round((next() * 48 - 24) * 5) / 30);
    const numbers = Array.from({ length: 20000 }, () => Math.round((next() - 0.5) * 1e6) / 100);
    expect(new Set(numbers.map(Math.abs)).size).toBeGreaterThan(5000);
    for (const d of [scores, numbers]) {
      const got = wilcoxonSignedRank(d);
      expect({ nNonZero: got.nNonZero, rPlus: got.rPlus, rMinus: got.rMinus }).toEqual(plainRankSums(d));
      expect(wilcoxonSignedRank(Float64Array.from(d))).toEqual(got);
    }
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 40 }), (xs) => {
        const got = wilcoxonSignedRank(xs.map((x) => x / 3));
        if (got.nNonZero === 0) return got.rPlus === null;
        const plain = plainRankSums(xs.map((x) => x / 3));
        return got.rPlus === plain.rPlus && got.rMinus === plain.rMinus;
      }),
    );
  });
});
