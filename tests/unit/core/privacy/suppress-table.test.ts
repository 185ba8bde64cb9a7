import fc from 'fast-check';
import { describe as group, expect, expectTypeOf, it } from 'vitest';
import { suppressTable } from '../../../../src/core/privacy';
import { TrellisError } from '../../../../src/shared/errors';

interface GroupRow {
  group: string;
  n: number;
  meanPost: number;
  pctAgree: number;
}

const row = (group: string, n: number, meanPost = 3.2, pctAgree = 60): GroupRow => ({
  group,
  n,
  meanPost,
  pctAgree,
});

group('suppressTable: primary suppression', () => {
  it.each([
    ['n = 9 is hidden at the default threshold 10', 9, 10, true],
    ['n = 10 is shown at the default threshold', 10, 10, false],
    ['n = 0 is hidden', 0, 10, true],
    ['n = 5 is shown at threshold 5', 5, 5, false],
    ['n = 29 is hidden at threshold 30', 29, 30, true],
  ] as const)('%s', (_, n, threshold, hidden) => {
    const got = suppressTable([row('A', n), row('B', 50), row('C', 60)], {
      nField: 'n',
      threshold,
      totals: [],
    });
    expect(got.rows[0]?.suppressed).toBe(hidden);
  });

  it('nulls the n and every value of a suppressed row, keeps its label, says why', () => {
    const got = suppressTable([row('Girls', 4), row('Boys', 40), row('Nonbinary', 12)], {
      nField: 'n',
      labelFields: ['group'],
    });
    expect(got.rows[0]).toEqual({
      suppressed: true,
      reason: 'n < 10',
      reasonCode: 'below_threshold',
      values: { group: 'Girls', n: null, meanPost: null, pctAgree: null },
      coded: {},
    });
  });

  it.each([4, 0, -10, Number.NaN])('rejects threshold %s with a clear error', (threshold) => {
    const run = (): unknown => suppressTable([row('A', 20)], { nField: 'n', threshold });
    expect(run).toThrow(TrellisError);
    expect(run).toThrow(/at least 5/);
  });

  it('refuses to keep the count visible as a label', () => {
    const rows = [{ grade: 6, n: 3 }];
    expect(() => suppressTable(rows, { nField: 'n', labelFields: ['grade', 'n'] })).toThrow(/count field/);
  });

  it('keeps a numeric label (a grade level) on a suppressed row', () => {
    const got = suppressTable(
      [
        { grade: 6, n: 3 },
        { grade: 7, n: 4 },
      ],
      { nField: 'n', labelFields: ['grade'] },
    );
    expect(got.rows.map((r) => r.values)).toEqual([
      { grade: 6, n: null },
      { grade: 7, n: null },
    ]);
  });

  it.each([
    ['negative', -1],
    ['fractional', 2.5],
  ])('rejects a %s count', (_, n) => {
    expect(() => suppressTable([row('A', n)], { nField: 'n' })).toThrow(/whole number/);
  });
});

group('suppressTable: complementary suppression', () => {
  it('hides the next-smallest cell when a single cell is hidden under a visible total', () => {
    const got = suppressTable([row('A', 40), row('B', 3), row('C', 15), row('D', 22)], {
      nField: 'n',
      labelFields: ['group'],
    });
    expect(got.rows.map((r) => r.reasonCode)).toEqual([null, 'below_threshold', 'complementary', null]);
    expect(got.rows[2]?.values.n).toBeNull();
    expect(got.nPrimary).toBe(1);
    expect(got.nComplementary).toBe(1);
  });

  it('adds nothing when two cells are already hidden', () => {
    const got = suppressTable([row('A', 40), row('B', 3), row('C', 6), row('D', 22)], { nField: 'n' });
    expect(got.nComplementary).toBe(0);
  });

  it('adds nothing when no total is published', () => {
    const got = suppressTable([row('A', 40), row('B', 3), row('C', 15)], { nField: 'n', totals: [] });
    expect(got.nComplementary).toBe(0);
  });

  it('works within each group of a grouped table', () => {
    const rows = [
      { school: 'North', gender: 'F', n: 12 },
      { school: 'North', gender: 'M', n: 7 },
      { school: 'North', gender: 'X', n: 30 },
      { school: 'South', gender: 'F', n: 20 },
      { school: 'South', gender: 'M', n: 25 },
      { school: 'South', gender: 'X', n: 18 },
    ];
    const got = suppressTable(rows, { nField: 'n', totals: [['school']] });
    expect(got.rows.map((r) => r.suppressed)).toEqual([true, true, false, false, false, false]);
  });

  it('iterates over both margins of a two-way table until no set has a lone hidden cell', () => {
    // North-M is small. Hiding North-F (row margin) leaves gender F with one hidden cell,
    // so South-F must go as well, which in turn needs a second hidden cell in South.
    const rows = [
      { school: 'North', gender: 'F', n: 12 },
      { school: 'North', gender: 'M', n: 7 },
      { school: 'North', gender: 'X', n: 30 },
      { school: 'South', gender: 'F', n: 20 },
      { school: 'South', gender: 'M', n: 25 },
      { school: 'South', gender: 'X', n: 18 },
    ];
    const got = suppressTable(rows, { nField: 'n', totals: [['school'], ['gender']] });
    const hidden = (school: string, gender: string): boolean =>
      got.rows.find((r) => r.values.school === school && r.values.gender === gender)?.suppressed ?? false;
    for (const school of ['North', 'South']) {
      const count = ['F', 'M', 'X'].filter((g) => hidden(school, g)).length;
      expect(count === 0 || count >= 2, school).toBe(true);
    }
    for (const gender of ['F', 'M', 'X']) {
      const count = ['North', 'South'].filter((s) => hidden(s, gender)).length;
      expect(count === 0 || count >= 2, gender).toBe(true);
    }
  });

  it('reports a set whose only cell is hidden: its total would reveal it', () => {
    const rows = [
      { school: 'North', n: 6 },
      { school: 'South', n: 40 },
    ];
    const got = suppressTable(rows, { nField: 'n', totals: [['school']] });
    expect(got.issues).toEqual([
      expect.objectContaining({ code: 'total_reveals_cell', set: { school: 'North' }, rows: [0] }),
    ]);
  });

  it('never leaves exactly one hidden cell in a set with a visible total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 12 }), (ns) => {
        const got = suppressTable(
          ns.map((n, i) => ({ cell: i, n })),
          { nField: 'n', labelFields: ['cell'] },
        );
        const hidden = got.rows.filter((r) => r.suppressed).length;
        expect(hidden === 0 || hidden >= 2).toBe(true);
        got.rows.forEach((r, i) => {
          if ((ns[i] ?? 0) < 10) expect(r.suppressed).toBe(true);
          if (r.suppressed) expect(r.values.n).toBeNull();
          else expect(r.values.n).toBe(ns[i]);
        });
      }),
    );
  });
});

group('suppressTable: top/bottom coding', () => {
  it.each([
    ['percent', 96, 'top'],
    ['percent', 100, 'top'],
    ['percent', 95, undefined],
    ['percent', 5, undefined],
    ['percent', 4.9, 'bottom'],
    ['percent', 0, 'bottom'],
    ['proportion', 0.97, 'top'],
    ['proportion', 0.5, undefined],
    ['proportion', 0.01, 'bottom'],
  ] as const)('%s %s -> %s', (scale, pct, code) => {
    const got = suppressTable([row('A', 50, 3, pct)], {
      nField: 'n',
      totals: [],
      topBottom: { fields: ['pctAgree'], scale },
    });
    const r = got.rows[0];
    expect(r?.coded.pctAgree).toBe(code);
    expect(r?.values.pctAgree).toBe(code === undefined ? pct : null);
    expect(r?.values.meanPost).toBe(3);
  });
});

group('suppressTable: types', () => {
  it('a suppressed value is typed null, a visible one number | null', () => {
    const got = suppressTable([row('A', 3), row('B', 30)], { nField: 'n', labelFields: ['group'] });
    const first = got.rows[0];
    if (first?.suppressed === true) {
      expectTypeOf(first.values.n).toEqualTypeOf<null>();
      expectTypeOf(first.values.group).toEqualTypeOf<string>();
    }
    if (first?.suppressed === false) expectTypeOf(first.values.meanPost).toEqualTypeOf<number | null>();
    // @ts-expect-error nField must name a numeric field
    expect(() => suppressTable([row('A', 3)], { nField: 'group' })).toThrow();
  });
});
