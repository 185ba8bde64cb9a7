import { describe, expect, it } from 'vitest';
import {
  buildChangeByDosageChart,
  buildLikertCharts,
  buildMatchReportChart,
  buildPercentAgreeChart,
  buildPrePostDumbbellChart,
  buildReliabilityChart,
} from '../../../../src/core/charts/outcomes';
import { renderSvg } from '../../../helpers/render-vega';
import { emptyMetrics, g, itemRow, prePostRow, scaleRow } from './metric-rows';

describe('pre/post dumbbells', () => {
  const prePost = [
    prePostRow({ cohort: '2023-24' }, 'career_awareness', 84, 3.1, 3.35),
    prePostRow({ cohort: '2023-24' }, 'belonging', 84, 3.4, 3.42),
    prePostRow({ cohort: '2024-25' }, 'career_awareness', 97, 2.9, 3.6),
    prePostRow({ cohort: '2024-25' }, 'belonging', 0, 0, 0, { suppressed: true }),
  ];
  it('draws one panel per cohort with pre and post means, the change with its CI, effect size and n', async () => {
    const model = buildPrePostDumbbellChart(emptyMetrics({ by: ['cohort'], prePost }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    // Small multiples: a header per cohort.
    expect(svg).toContain('>2023-24<');
    expect(svg).toContain('>2024-25<');
    expect(svg).toContain('+0.70 [0.55, 0.85], g_av 1.00, n = 97');
    expect(svg).toContain('+0.25 [0.10, 0.40]');
    expect(svg).toContain('suppressed (n &lt; 10)');
    // Marks carry the means: the points announce them.
    expect(svg).toContain('2024-25, STEM career awareness: pre 2.90, post 3.60');
    expect(
      model.table.rows.find((r) => r[0] === '2024-25' && r[1] === 'Sense of belonging in STEM')![3],
    ).toBeNull();
    expect(model.caption.statistic).toContain('g_av');
  });

  it('says "by cohort" only when it is split by cohort; unsplit it says the cohorts are pooled', async () => {
    const split = buildPrePostDumbbellChart(emptyMetrics({ by: ['cohort'], prePost }));
    expect(split.title).toBe('Matched pre/post change per scale, by cohort');
    const pooledRows = [prePostRow({}, 'career_awareness', 181, 3.0, 3.5)];
    const pooled = buildPrePostDumbbellChart(emptyMetrics({ prePost: pooledRows }));
    expect(pooled.title).toBe('Matched pre/post change per scale, all cohorts pooled');
    const { svg } = await renderSvg(pooled.spec);
    expect(svg).toContain('all cohorts pooled');
    expect(svg).not.toContain('by cohort');
    const one = buildPrePostDumbbellChart(
      emptyMetrics({ filters: { cohorts: ['2024-25'] }, prePost: pooledRows }),
    );
    expect(one.title).toBe('Matched pre/post change per scale, cohort 2024-25');
  });

  it('with only a pre wave it asks for the post survey; with no survey it asks for both', () => {
    const onlyPre = emptyMetrics({ scales: [scaleRow({}, 'career_awareness', 'pre', 3.2, 120)] });
    expect(buildPrePostDumbbellChart(onlyPre).empty).toMatch(/Only one survey wave.*Import the post survey/);
    expect(buildPrePostDumbbellChart(emptyMetrics()).empty).toMatch(/Import a pre survey and a post survey/);
  });

  it('all suppressed: an explanation, never an axis', async () => {
    const model = buildPrePostDumbbellChart(
      emptyMetrics({ prePost: [prePostRow({}, 'belonging', 0, 0, 0, { suppressed: true })] }),
    );
    expect(model.empty).toMatch(/fewer than 10 youth/);
    const { svg } = await renderSvg(model.spec);
    expect(svg).not.toContain('Mean scale score');
  });
});

describe('diverging Likert bars', () => {
  const items = [
    itemRow(
      {},
      'CA1',
      'pre',
      [10, 20, 20, 30, 20],
      [
        { reason: 'prefer_not_to_say', count: 5 },
        { reason: 'skipped', count: 5 },
      ],
    ),
    itemRow(
      {},
      'CA1',
      'post',
      [5, 10, 15, 40, 30],
      [
        { reason: 'prefer_not_to_say', count: 2 },
        { reason: 'skipped', count: 0 },
      ],
    ),
    itemRow({}, 'CA5', 'pre', null),
  ];
  it('writes an item whole on two lines beside its pre and post bars, one line with one wave', () => {
    const [model] = buildLikertCharts(emptyMetrics({ items }));
    type Layer = { data?: { values?: { item: string; lines: string | string[] }[] } };
    const labels = (model!.spec as { hconcat: { layer: Layer[] }[] }).hconcat[0]!.layer[0]!.data!.values!;
    const ca1 = labels.find((l) => l.item.startsWith('CA1'))!;
    // "CA1: I know about jobs that use science, technology, engineering or math" (73 characters).
    expect(ca1.lines).toHaveLength(2);
    expect((ca1.lines as string[]).join(' ')).toBe(
      'CA1: I know about jobs that use science, technology, engineering or math',
    );
    expect(typeof labels.find((l) => l.item.startsWith('CA5'))!.lines).toBe('string');
  });

  it('splits neutral across zero, disagree left, agree right, and missing in a panel beside', async () => {
    const [model] = buildLikertCharts(
      emptyMetrics({ items, scales: [scaleRow({}, 'career_awareness', 'pre', 3, 100)] }),
    );
    const { svg, warnings } = await renderSvg(model!.spec);
    expect(warnings).toEqual([]);
    expect(model!.title).toBe('STEM career awareness: answers per item');
    // CA1 pre: 10% / 20% disagree, 20% neutral, 30% / 20% agree of 100 answered.
    expect(svg).toContain('>30%<');
    expect(svg.match(/>20%</g)!.length).toBeGreaterThanOrEqual(3);
    // Missing as a share of everyone asked (110): 10 of 110 = 9%; post 2 of 102 = 2%.
    expect(svg).toContain('>9%<');
    expect(svg).toContain('>2%<');
    expect(svg).toContain('prefer not to say');
    expect(svg).toContain('suppressed (n &lt; 10)');
    expect(svg).toContain('CA5 (reversed)');
    // The neutral segment straddles zero: x0 = -(10% + 20% + 10%) = -0.4.
    const spec = JSON.stringify(model!.spec);
    expect(spec).toContain('"category":"Neither agree nor disagree","x0":-0.1');
    expect(spec).toContain('"category":"Strongly disagree","x0":-0.4');
    expect(model!.table.rows[0]).toEqual(['CA1', 'pre', 10, 20, 20, 30, 20, 5, 5, 100, 0.5, '']);
  });

  it('category counts too small to show are one grey "suppressed" segment on their side, and empty in the table', async () => {
    const row = itemRow({}, 'CA1', 'pre', [10, 20, 20, 30, 20]);
    row.categories[0]!.count = null; // strongly disagree: too few to show
    row.categories[1]!.count = null;
    const [model] = buildLikertCharts(emptyMetrics({ items: [row] }));
    const { svg, warnings } = await renderSvg(model!.spec);
    expect(warnings).toEqual([]);
    expect(svg).not.toMatch(/NaN|undefined/);
    const seg = (model!.spec as unknown as { hconcat: { data: { values: Record<string, unknown>[] } }[] })
      .hconcat[0]!.data.values;
    // n = 100 answered; 70 known, so 30% hidden, drawn left of the disagree side.
    const hidden = seg.find((v) => v['category'] === 'suppressed')!;
    expect(hidden['x0']).toBeCloseTo(-0.4);
    expect(hidden['x1']).toBeCloseTo(-0.1);
    expect(seg.find((v) => v['category'] === 'Strongly disagree')).toBeUndefined();
    expect(model!.table.rows[0]!.slice(2, 7)).toEqual([null, null, 20, 30, 20]);
    expect(model!.table.rows[0]!.at(-1)).toBe('small counts suppressed');
    expect(svg).toContain('Strongly disagree, Disagree suppressed (small counts)');
  });

  it('no items: says to import surveys', () => {
    const [model] = buildLikertCharts(emptyMetrics());
    expect(model!.empty).toMatch(/Import a pre survey/);
  });
});

describe('percent agree, reliability, dosage, match report', () => {
  it('percent agree pre vs post with CIs', async () => {
    const scales = [
      scaleRow({}, 'career_awareness', 'pre', 3, 120),
      scaleRow({}, 'career_awareness', 'post', 3.6, 110),
    ];
    const model = buildPercentAgreeChart(emptyMetrics({ scales }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('50% (n = 120)');
    expect(svg).toContain('65% (n = 110)');
    // In time order, pre above post (not alphabetical), post in the dumbbells' blue.
    const labelY = (text: string) =>
      Number(
        new RegExp(`translate\\([\\d.-]+,([\\d.-]+)\\)"[^>]*>${text.replace(/[()]/g, '\\$&')}<`).exec(
          svg,
        )![1],
      );
    expect(labelY('50% (n = 120)')).toBeLessThan(labelY('65% (n = 110)'));
    const fill = (wave: string) =>
      new RegExp(`aria-label="STEM career awareness, ${wave}:[^"]*"[^>]*fill="([^"]+)"`).exec(svg)![1];
    expect(fill('post')).toBe('#0072B2');
    expect(fill('pre')).toBe('#E69F00');
  });

  it('alpha per scale with the .70 line', async () => {
    const reliability = [
      {
        scale: 'belonging',
        scaleName: 'Sense of belonging in STEM',
        wave: 'pre',
        k: 5,
        alpha: 0.81,
        nComplete: 140,
        reason: null,
        n: 140,
        suppressed: false,
        suppressionReason: null,
      },
      {
        scale: 'belonging',
        scaleName: 'Sense of belonging in STEM',
        wave: 'post',
        k: 5,
        alpha: 0.64,
        nComplete: 120,
        reason: null,
        n: 120,
        suppressed: false,
        suppressionReason: null,
      },
    ];
    const model = buildReliabilityChart(emptyMetrics({ reliability }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>0.81<');
    expect(svg).toContain('>0.64<');
    expect(svg).toContain('>.70<');
  });

  it('change by dosage band, negative changes drawn left of zero', async () => {
    const rows = [
      { ...prePostRow({}, 'career_awareness', 40, 3.2, 3.1), band: '< 10 h', bandIndex: 0 },
      { ...prePostRow({}, 'career_awareness', 60, 3.0, 3.8), band: '30+ h', bandIndex: 2 },
      { ...prePostRow({}, 'career_awareness', 0, 0, 0, { suppressed: true }), band: '10–30 h', bandIndex: 1 },
    ];
    const model = buildChangeByDosageChart(emptyMetrics({ prePostByDosage: rows }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('−0.10 [-0.25, 0.05], n = 40');
    expect(svg).toContain('+0.80 [0.65, 0.95], n = 60');
    expect(svg).toContain('suppressed (n &lt; 10)');
  });

  it('match report: matched, only pre, only post per cohort', async () => {
    const matchReport = [
      {
        group: g({ cohort: '2023-24' }),
        nPre: 150,
        nPost: 120,
        matched: 110,
        onlyPre: 40,
        onlyPost: 10,
        duplicates: 2,
        n: 160,
        suppressed: false,
        suppressionReason: null,
      },
    ];
    const model = buildMatchReportChart(emptyMetrics({ matchReport }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>110<');
    expect(svg).toContain('>40<');
    expect(svg).toContain('73% of pre matched');
  });
});
