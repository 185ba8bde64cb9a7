import { describe, expect, it } from 'vitest';
import {
  buildAttendanceTrendChart,
  buildContactHoursChart,
  buildDosageBandsChart,
  buildRetentionChart,
  buildYouthReachedChart,
} from '../../../../src/core/charts/reach';
import { toLiveSpec } from '../../../../src/renderer/src/components/live-spec';
import { renderSvg } from '../../../helpers/render-vega';
import { dosageRow, emptyMetrics, g, reachRow } from './metric-rows';

const reach = [
  reachRow({ program: 'CLUB', cohort: '2023-24' }, 48),
  reachRow({ program: 'CLUB', cohort: '2024-25' }, 61),
  reachRow({ program: 'CAMP', cohort: '2023-24' }, 22),
  reachRow({ program: 'CAMP', cohort: '2024-25' }, null, true),
];

describe('youth reached', () => {
  it('draws one bar per program and cohort with its count, and the suppressed group as labelled grey', async () => {
    const model = buildYouthReachedChart(emptyMetrics({ by: ['program', 'cohort'], reach }));
    expect(model.empty).toBeUndefined();
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>48<');
    expect(svg).toContain('>61<');
    expect(svg).toContain('>22<');
    expect(svg).toContain('suppressed (n &lt; 10)');
    expect(svg).toMatch(
      /aria-label="Summer STEM Camp, 2024-25: Youth reached suppressed \(n &lt; 10\)"[^>]*fill="#BDBDBD"/,
    );
    expect(svg).toContain('aria-label="Maker Club, 2023-24: Youth reached 48, n = 48"');
    // Suppressed: no number in the table, the reason instead.
    const camp = model.table.rows.find((r) => r[0] === 'Summer STEM Camp' && r[1] === '2024-25')!;
    expect(camp[2]).toBeNull();
    expect(camp.at(-1)).toBe('suppressed (n < 10)');
    expect(model.alt).toContain('Maker Club 2023-24: 48');
    expect(model.caption.suppression).toMatch(/fewer than 10/);
  });

  it('when every group is suppressed it explains, instead of an axis of zeros and "n = 0"', async () => {
    const all = [
      reachRow({ program: 'CAMP' }, null, true),
      reachRow({ program: 'CLUB' }, null, true, 'complementary'),
    ];
    const model = buildYouthReachedChart(emptyMetrics({ by: ['program'], reach: all }));
    expect(model.empty).toMatch(/fewer than 10 youth.*suppressed.*Widen the filters/);
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).not.toMatch(/n = 0|0\.0/);
    expect(svg).toContain('Widen the');
    expect(model.table.rows).toHaveLength(2);
    expect(model.caption.n).toBeUndefined();
  });

  it('contact hours with every group suppressed: no "n = 0" anywhere', () => {
    const model = buildContactHoursChart(
      emptyMetrics({ by: ['program'], dosage: [dosageRow({ program: 'CLUB' }, 6, null, null, true)] }),
    );
    expect(model.empty).toMatch(/fewer than 10/);
    expect(JSON.stringify(model)).not.toMatch(/n = 0|"n":0/);
  });

  it('an empty project says what to import next', () => {
    const model = buildYouthReachedChart(emptyMetrics());
    expect(model.empty).toMatch(/Import a roster and attendance/);
  });
});

describe('contact hours and attendance', () => {
  const dosage = [
    dosageRow({ program: 'CLUB', cohort: '2023-24' }, 48, 21.5, 0.62),
    dosageRow({ program: 'CLUB', cohort: '2024-25' }, 61, 25.25, 0.71),
    dosageRow({ program: 'CAMP', cohort: '2023-24' }, 22, 48, 0.93),
    dosageRow({ program: 'CAMP', cohort: '2024-25' }, 8, null, null, true),
  ];
  it('mean hours per bar, one decimal', async () => {
    const model = buildContactHoursChart(emptyMetrics({ by: ['program', 'cohort'], dosage }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>21.5<');
    expect(svg).toContain('>25.3<');
    expect(svg).toContain('>48.0<');
    expect(svg).toContain('suppressed (n &lt; 10)');
  });

  it('attendance trend: a point per program and cohort, suppressed points named in the subtitle', async () => {
    const model = buildAttendanceTrendChart(emptyMetrics({ by: ['program', 'cohort'], dosage }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>62%<');
    expect(svg).toContain('>71%<');
    expect(svg).toContain('>93%<');
    expect(svg).toContain('Not drawn (suppressed): Summer STEM Camp 2024-25');
  });

  it('attendance trend: labels of close rates in one cohort are pushed apart, never printed over each other', async () => {
    const close = [
      dosageRow({ program: 'CLUB', cohort: '2022-23' }, 48, 20, 0.94),
      dosageRow({ program: 'CAMP', cohort: '2022-23' }, 40, 20, 0.91),
      dosageRow({ program: 'CLASS', cohort: '2022-23' }, 150, 20, 0.92),
      dosageRow({ program: 'CLUB', cohort: '2023-24' }, 48, 20, 0.8),
      dosageRow({ program: 'CAMP', cohort: '2023-24' }, 40, 20, 0.57),
      dosageRow({ program: 'CLASS', cohort: '2023-24' }, 150, 20, 0.91),
    ];
    const model = buildAttendanceTrendChart(emptyMetrics({ by: ['program', 'cohort'], dosage: close }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    for (const p of ['94%', '91%', '92%', '80%', '57%']) expect(svg).toContain(`>${p}<`);
    // The text marks' y positions within each cohort column are at least a label's height apart.
    const texts = [
      ...svg.matchAll(/<text[^>]*transform="translate\(([\d.]+),([\d.]+)\)"[^>]*>(\d+%)<\/text>/g),
    ]
      .map((t) => ({ x: Number(t[1]), y: Number(t[2]), label: t[3]! }))
      .filter((t) => ['94%', '91%', '92%', '80%', '57%'].includes(t.label) || t.label === '91%');
    expect(texts.length).toBeGreaterThanOrEqual(6);
    for (const a of texts)
      for (const b of texts)
        if (a !== b && Math.abs(a.x - b.x) < 20)
          expect(Math.abs(a.y - b.y), `${a.label} ${b.label}`).toBeGreaterThanOrEqual(11);
  });

  it('attendance trend with one cohort asks for a second', () => {
    const model = buildAttendanceTrendChart(
      emptyMetrics({
        by: ['program', 'cohort'],
        dosage: dosage.filter((d) => d.group['cohort']?.code === '2023-24'),
      }),
    );
    expect(model.empty).toMatch(/Only one cohort/);
  });
});

describe('dosage bands', () => {
  const band = (
    program: string,
    i: number,
    label: string,
    share: number | null,
    n: number,
    suppressed = false,
  ) => ({
    group: g({ program }),
    band: label,
    bandIndex: i,
    share: suppressed ? null : share,
    n: suppressed ? null : n,
    suppressed,
    suppressionReason: suppressed ? 'n < 10' : null,
  });
  it('stacks each group to 100% with the share labels, and a suppressed group as one labelled grey bar', async () => {
    const rows = [
      band('CLUB', 0, '< 10 h', 0.25, 12),
      band('CLUB', 1, '10–30 h', 0.5, 24),
      band('CLUB', 2, '30+ h', 0.25, 12),
      band('CAMP', 0, '< 10 h', null, 0, true),
      band('CAMP', 1, '10–30 h', null, 0, true),
      band('CAMP', 2, '30+ h', null, 0, true),
    ];
    const model = buildDosageBandsChart(emptyMetrics({ by: ['program'], dosageBands: rows }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg.match(/>25%</g)).toHaveLength(2);
    expect(svg).toContain('>50%<');
    expect(svg).toContain('suppressed (n &lt; 10)');
    expect(model.alt).toContain('Summer STEM Camp: suppressed');
  });

  it('labels a segment only where the label fits, names each group’s n, and lists grey bands once in the caption', async () => {
    // The demo's class: 6 of 158 youth under 10 h hidden with the empty 30-60 h band (4% grey).
    const rows = [
      band('CLASS', 0, '< 10 h', null, 0, true),
      band('CLASS', 1, '10-30 h', 152 / 158, 152),
      band('CLASS', 2, '30-60 h', null, 0, true),
      band('CLASS', 3, '60+ h', 0, 0),
      band('CLUB', 0, '< 10 h', 0.11, 12),
      band('CLUB', 1, '10-30 h', 0.65, 68),
      band('CLUB', 2, '30-60 h', 0.24, 25),
      band('CLUB', 3, '60+ h', 0, 0),
    ];
    const model = buildDosageBandsChart(emptyMetrics({ by: ['program'], dosageBands: rows }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>Technology &amp; Design class (n = 158)<');
    expect(svg).toContain('>Maker Club (n = 105)<');
    expect(svg).toContain('>96%<');
    // The 4% grey segment is too narrow for "suppressed": no label runs over its neighbours.
    const values = (
      model.spec as { data: { values: { x0: number; x1: number; label: string; band: string }[] } }
    ).data.values;
    expect(values.find((v) => v.band === 'suppressed')!.label).toBe('');
    // "suppressed" appears once: in the legend, not on the bar.
    expect(svg.match(/>suppressed</g)).toHaveLength(1);
    for (const v of values.filter((x) => x.label))
      expect((v.x1 - v.x0) * 600, v.label).toBeGreaterThanOrEqual(v.label.length * 6);
    expect(model.caption.suppression).toContain('Technology & Design class: < 10 h and 30-60 h');
  });

  it('keeps its shape when only the numbers change, so a filter change swaps data into the drawn view', () => {
    const a = buildDosageBandsChart(
      emptyMetrics({
        by: ['program'],
        dosageBands: [band('CLUB', 0, '< 10 h', 0.4, 40), band('CLUB', 1, '10+ h', 0.6, 60)],
      }),
    );
    const b = buildDosageBandsChart(
      emptyMetrics({
        by: ['program'],
        dosageBands: [band('CLUB', 0, '< 10 h', 0.3, 15), band('CLUB', 1, '10+ h', 0.7, 35)],
      }),
    );
    expect(toLiveSpec(a.spec).shapeKey).toBe(toLiveSpec(b.spec).shapeKey);
  });

  it('bands hidden by complementary suppression share one labelled grey segment; the others keep their shares', async () => {
    const rows = [
      band('CLUB', 0, '< 10 h', 0.6, 30),
      band('CLUB', 1, '10–30 h', null, 0, true),
      band('CLUB', 2, '30+ h', null, 0, true),
    ];
    const model = buildDosageBandsChart(emptyMetrics({ by: ['program'], dosageBands: rows }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>60%<');
    expect(svg).toContain('>suppressed<');
    expect(JSON.stringify(model.spec)).toContain('"hiddenBands":"10–30 h, 30+ h"');
    const grey = (
      model.spec as { data: { values: { band: string; x0: number; x1: number }[] } }
    ).data.values.find((v) => v.band === 'suppressed')!;
    expect([grey.x0, grey.x1]).toEqual([0.6, 1]);
    expect(model.table.rows.map((r) => r[2])).toEqual([0.6, null, null]);
  });
});

describe('retention', () => {
  it('shares with Wilson intervals, labelled with n', async () => {
    const rows = [
      {
        group: g({ program: 'CLUB' }),
        kind: 'within_cohort' as const,
        nBase: 60,
        nRetained: 39,
        rate: 0.65,
        ciLow: 0.52,
        ciHigh: 0.76,
        ...{ n: 60, suppressed: false, suppressionReason: null },
      },
      {
        group: g({ program: 'CLUB' }),
        kind: 'next_cohort' as const,
        nBase: 60,
        nRetained: 21,
        rate: 0.35,
        ciLow: 0.24,
        ciHigh: 0.48,
        ...{ n: 60, suppressed: false, suppressionReason: null },
      },
    ];
    const model = buildRetentionChart(emptyMetrics({ by: ['program'], retention: rows }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('65% (n = 60)');
    expect(svg).toContain('35% (n = 60)');
    expect(model.table.columns).toContain('95% CI low');
  });
});

describe('retention', () => {
  it('prints long group names and series names in full (no "…")', async () => {
    const row = (kind: 'within_cohort' | 'next_cohort', rate: number) => ({
      group: g({ program: 'CLASS', cohort: '2022-23' }),
      kind,
      nBase: 158,
      nRetained: Math.round(rate * 158),
      rate,
      ciLow: rate - 0.05,
      ciHigh: rate + 0.05,
      n: 158,
      suppressed: false,
      suppressionReason: null,
    });
    const model = buildRetentionChart(
      emptyMetrics({
        by: ['program', 'cohort'],
        retention: [row('within_cohort', 0.93), row('next_cohort', 0.34)],
      }),
    );
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>Technology &amp; Design class · 2022-23<');
    expect(svg).toContain('>Stayed to the end of the year<');
    expect(svg).not.toContain('…');
  });
});

describe('retention: every hidden or missing share says why', () => {
  const row = (
    cohort: string,
    kind: 'within_cohort' | 'next_cohort',
    rate: number | null,
    reason: string | null = null,
  ) => ({
    group: g({ program: 'CAMP', cohort }),
    kind,
    nBase: 88,
    nRetained: rate === null ? null : Math.round(rate * 88),
    rate,
    ciLow: rate === null ? null : rate - 0.05,
    ciHigh: rate === null ? null : rate + 0.05,
    n: 88,
    suppressed: reason !== null,
    suppressionReason: reason,
  });
  const model = buildRetentionChart(
    emptyMetrics({
      by: ['program', 'cohort'],
      retention: [
        row('2023-24', 'within_cohort', null, 'not retained: n < 10'),
        row('2023-24', 'next_cohort', 0.36),
        row('2024-25', 'within_cohort', null, 'retained: n < 10'),
      ],
    }),
  );

  it('a share hidden because few youth left is labelled so on the chart, in the table and the caption', async () => {
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('suppressed (under 10 did not stay)');
    expect(svg).toContain('suppressed (under 10 stayed)');
    expect(svg).not.toContain('complementary');
    expect(svg).toMatch(
      /aria-label="Summer STEM Camp · 2023-24, Stayed to the end of the year: Share retained suppressed \(under 10 did not stay\)[^"]*"[^>]*fill="#BDBDBD"/,
    );
    expect(model.table.rows.map((r) => r.at(-1))).toContain('suppressed (under 10 did not stay)');
    expect(model.caption.suppression).toMatch(/fewer than 10 did not/);
    expect(model.alt).toContain('suppressed (under 10 did not stay)');
  });

  it('the latest cohort, with no next year yet, says so where its bar would be (not a silent gap)', async () => {
    const { svg } = await renderSvg(model.spec);
    expect(svg).toContain('Summer STEM Camp · 2024-25, Returned the next year: Share retained not known yet');
    expect(svg).toContain('>not known yet: no later cohort imported<');
    const latest = model.table.rows.find(
      (r) => r[0] === 'Summer STEM Camp · 2024-25' && r[1] === 'Returned the next year',
    );
    expect(latest?.at(-1)).toBe('not known yet: no later cohort imported');
  });

  it('a top/bottom-coded share shows its code ("> 95%"), not "suppressed"', async () => {
    const coded = buildRetentionChart(
      emptyMetrics({
        by: ['program', 'cohort'],
        retention: [
          row('2023-24', 'within_cohort', null, 'top/bottom coded: > 95%'),
          row('2023-24', 'next_cohort', 0.36),
        ],
      }),
    );
    const { svg } = await renderSvg(coded.spec);
    expect(svg).toContain('>&gt; 95%<');
    // Drawn in grey to its bound, not as a stub near zero.
    const bar = (coded.spec as { data: { values: { series: string; bar: number }[] } }).data.values.find(
      (v) => v.series === 'Stayed to the end of the year',
    );
    expect(bar?.bar).toBe(0.95);
  });
});
