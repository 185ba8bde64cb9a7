import { describe, expect, it } from 'vitest';
import { bandOf, dosageBands, goalProgress, healthBand } from '../../../../src/core/metrics/bands';
import { expandGroups, NOT_RECORDED } from '../../../../src/core/metrics/groups';
import { maskCounts, maskRows, nullFigures } from '../../../../src/core/metrics/suppression';
import { median } from '../../../../src/core/metrics/summaries';

describe('dosage bands', () => {
  it('labels bands from the edges and puts an edge in the upper band', () => {
    expect(dosageBands([10, 30, 60]).map((b) => b.label)).toEqual(['< 10 h', '10-30 h', '30-60 h', '60+ h']);
    expect([0, 9.99, 10, 29.9, 30, 60, 500].map((h) => bandOf(h, [10, 30, 60]))).toEqual([
      0, 0, 1, 1, 2, 3, 3,
    ]);
  });
});

describe('partnership health bands (Wilder: 4.0+ strength, 3.0-3.9 borderline, < 3.0 concern)', () => {
  it.each([
    [4, 'strength'],
    [3.99, 'borderline'],
    [3, 'borderline'],
    [2.999, 'concern'],
  ] as const)('%s is %s', (mean, band) => expect(healthBand(mean)).toBe(band));
  it('maps another range onto 1-5', () => expect(healthBand(3, 0, 4)).toBe('strength'));
});

describe('goal progress', () => {
  it.each([
    [15, 20, 'at_least', 0.75, false],
    [25, 20, 'at_least', 1.25, true],
    [10, 5, 'at_most', 0.5, false],
    [4, 5, 'at_most', 1.25, true],
  ] as const)('%s toward %s (%s)', (actual, target, dir, progress, met) =>
    expect(goalProgress(actual, target, dir)).toEqual({ progress, met }),
  );
  it('has no progress without an actual', () =>
    expect(goalProgress(null, 5, 'at_least')).toEqual({ progress: null, met: null }));
});

describe('groups', () => {
  it('expands a youth in two programs into both groups, and a missing value into "not recorded"', () => {
    const values: Record<string, { code: string; label: string }[]> = {
      program: [
        { code: 'CLUB', label: 'Club' },
        { code: 'CAMP', label: 'Camp' },
      ],
      'attribute:grade': [],
    };
    const groups = expandGroups(['program', 'attribute:grade'], (d) => values[d] ?? []);
    expect(groups.map((g) => g.group)).toEqual([
      { program: values.program![0], 'attribute:grade': NOT_RECORDED },
      { program: values.program![1], 'attribute:grade': NOT_RECORDED },
    ]);
    expect(new Set(groups.map((g) => g.key)).size).toBe(2);
  });
});

describe('suppression helpers', () => {
  const g = (code: string) => ({ program: { code, label: code } });
  it('hides a small group and, since the total is published, the next smallest too', () => {
    const rows = [
      { group: g('A'), n: 40 },
      { group: g('B'), n: 9 },
      { group: g('C'), n: 15 },
    ];
    const masks = maskRows(rows, { n: (r) => r.n, group: (r) => r.group, dims: ['program'], threshold: 10 });
    expect(masks.map((m) => m.suppressed)).toEqual([false, true, true]);
    expect(masks[1]!.reason).toBe('n < 10');
    expect(masks[2]!.reason).toMatch(/complementary/);
  });
  it('does not complement an unsplit table (nothing to subtract from)', () => {
    const masks = maskRows([{ group: {}, n: 7 }], {
      n: (r) => r.n,
      group: (r) => r.group,
      dims: [],
      threshold: 10,
    });
    expect(masks).toEqual([{ suppressed: true, reason: 'n < 10' }]);
  });
  it('hides small counts inside a row with a complement, never a zero', () => {
    expect(maskCounts([0, 3, 40, 25], 10)).toEqual([false, true, false, true]);
    expect(maskCounts([0, 30, 40], 10)).toEqual([false, false, false]);
    expect(maskCounts([4, 30], 10, false)).toEqual([true, false]);
  });
  it('hides a reachable zero, not the main count, when that would leave the whole row blank', () => {
    // 6 and 152 of 158 youth: hiding 152 would blank the row; hiding the empty band beside it
    // leaves the 6 spread over two hidden cells, so it still cannot be worked out from the total.
    expect(maskCounts([6, 152, 0, 0], 10, true, [2])).toEqual([true, false, true, false]);
    // Without a reachable zero the main count goes, as before.
    expect(maskCounts([6, 152, 0, 0], 10)).toEqual([true, true, false, false]);
    // With another non-zero count visible, the smallest non-zero complement is still preferred.
    expect(maskCounts([3, 40, 25, 0], 10, true, [3])).toEqual([true, false, true, false]);
    // Two small counts protect each other: no complement needed.
    expect(maskCounts([6, 175, 2, 0], 10, true, [3])).toEqual([true, false, true, false]);
  });
  it('nulls every figure of a suppressed row but the kept ones, inside lists too', () => {
    const row = {
      group: g('A'),
      n: 9,
      mean: 3.2,
      bandIndex: 2,
      label: 'x',
      categories: [{ label: 'Agree', value: 4, count: 3 }],
    };
    expect(nullFigures(row, ['bandIndex'])).toEqual({
      group: g('A'),
      n: null,
      mean: null,
      bandIndex: 2,
      label: 'x',
      categories: [{ label: 'Agree', value: 4, count: null }],
    });
  });
});

describe('median', () => {
  it('averages the middle two for an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });
});
