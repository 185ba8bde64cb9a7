import type { TopLevelSpec } from 'vega-lite';
import type { GroupKey, MetricsResult } from '@shared/metrics';
import { barChartModel, type BarDatum, barTable } from './bars';
import {
  NEXT_STEP,
  SCHEMA,
  allSuppressedChart,
  altText,
  textLabelLayer,
  emptyChart,
  fmt,
  groupLabel,
  pct,
  signed,
  suppressedLabel,
  suppressionNote,
} from './common';
import { wrapLines } from './fit';
import { buildForestSpec, type ForestDatum } from './forest';
import type { ChartModel } from './model';
import { BASE_CONFIG, LIKERT, MISSING_COLOUR, PALETTE, SUPPRESSED_COLOUR } from './palette';

type PrePost = MetricsResult['prePost'][number];
const cohortOf = (g: GroupKey) => groupLabel(g, 'cohort', 'All cohorts');

/** The effect size a row names as its headline, with its value. */
export function effectSize(r: PrePost): { name: string; value: number | null } {
  const value = r.effectSizeName === 'd_z' ? r.dz : r.gav;
  return { name: r.effectSizeName, value };
}

/** Why there is no pre/post chart: no surveys at all, or only one wave. */
export function outcomesEmptyMessage(m: MetricsResult): string {
  const waves = new Set([...m.scales.map((s) => s.wave), ...m.items.map((i) => i.wave)]);
  if (waves.size === 0) return NEXT_STEP.surveys;
  if (waves.size === 1) return NEXT_STEP.oneWave;
  return 'No youth answered both the pre and the post survey in this selection, so there is no matched change to show. Check the match report below for who was lost, or widen the filters.';
}

const WAVE_ORDER = ['retrospective_pre', 'pre', 'mid', 'post', 'follow_up'];
export const waveLabel = (w: string) =>
  w === 'retrospective_pre' ? 'retrospective pre' : w.replace(/_/g, ' ');
/**
 * Waves as bar series: in time order (pre above post), post in the dumbbells' blue and pre in
 * orange, whatever waves a filter leaves.
 */
const WAVE_SERIES = {
  seriesDomain: WAVE_ORDER.map((w) => waveLabel(w)),
  seriesColours: { pre: PALETTE[1], post: PALETTE[0], 'retrospective pre': PALETTE[5] },
};
const byWave = (a: string, b: string) =>
  (WAVE_ORDER.indexOf(a) + 1 || 99) - (WAVE_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b);

/**
 * Matched pre/post means per scale as dumbbells, one small multiple per cohort. The whisker around
 * the post point is the 95% CI of the matched mean change, placed from the pre mean: when it
 * crosses the pre point, the change is not distinguishable from zero.
 */
export function buildPrePostDumbbellChart(m: MetricsResult): ChartModel {
  const id = 'outcomes-prepost';
  // By cohort only when the metrics are split by cohort (the Outcomes page); unsplit (the Overview)
  // the title says the cohorts are pooled, or which cohorts the filter keeps.
  const chosen = m.filters.cohorts ?? [];
  const title = m.by.includes('cohort')
    ? 'Matched pre/post change per scale, by cohort'
    : chosen.length > 0
      ? `Matched pre/post change per scale, cohort ${chosen.join(' and ')}${chosen.length > 1 ? ' pooled' : ''}`
      : 'Matched pre/post change per scale, all cohorts pooled';
  const rows = [...m.prePost].sort(
    (a, b) => cohortOf(a.group).localeCompare(cohortOf(b.group)) || a.scaleName.localeCompare(b.scaleName),
  );
  const anySuppressed = rows.some((r) => r.suppressed);
  const shown = rows.filter((r) => !r.suppressed && r.meanPre !== null && r.meanPost !== null);
  const es = rows.find((r) => r.effectSizeName)?.effectSizeName ?? 'g_av';
  const maxMatched = Math.max(0, ...shown.map((r) => r.nMatched ?? 0));
  const caption = {
    shows:
      'Mean scale score (1–5) before and after for youth matched by ID across waves; the whisker is the 95% CI of the mean change.',
    n: `matched youth per scale${rows.some((r) => r.group['cohort']) ? ' and cohort' : ''} in the labels (up to ${fmt(maxMatched)})`,
    statistic: `paired t, 95% CI of the mean difference, effect size ${es}`,
    suppression: suppressionNote(m.threshold, anySuppressed),
  };
  const columns = [
    'Cohort',
    'Scale',
    'Design',
    'n matched',
    'Mean pre',
    'Mean post',
    'Mean change',
    '95% CI low',
    '95% CI high',
    'p',
    'Effect size',
    'Note',
  ];
  const table = {
    columns,
    rows: rows.map((r) => {
      const e = effectSize(r);
      const hide = r.suppressed;
      return [
        cohortOf(r.group),
        r.scaleName,
        r.design === 'retrospective' ? 'retrospective pre/post' : 'pre/post',
        hide ? null : r.nMatched,
        hide ? null : r.meanPre,
        hide ? null : r.meanPost,
        hide ? null : r.meanDiff,
        hide ? null : r.ciLow,
        hide ? null : r.ciHigh,
        hide ? null : r.p,
        hide || e.value === null ? null : `${e.name} = ${fmt(e.value, 2)}`,
        hide ? suppressedLabel(r.suppressionReason, m.threshold) : (r.reason ?? ''),
      ];
    }),
  };
  if (rows.length === 0) return emptyChart({ id, title, message: outcomesEmptyMessage(m), caption, columns });
  if (shown.length === 0)
    return allSuppressedChart({
      id,
      title,
      threshold: m.threshold,
      what: 'cohorts and scales',
      caption,
      table,
    });

  const all = shown.flatMap((r) => [
    r.meanPre!,
    r.meanPost!,
    r.meanPre! + (r.ciLow ?? 0),
    r.meanPre! + (r.ciHigh ?? 0),
  ]);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const domain: [number, number] = lo >= 1 && hi <= 5 ? [1, 5] : [Math.floor(lo), Math.ceil(hi)];
  const values = rows.map((r) => {
    const ok = !r.suppressed && r.meanPre !== null && r.meanPost !== null;
    const e = effectSize(r);
    const label = r.suppressed
      ? suppressedLabel(r.suppressionReason, m.threshold)
      : !ok
        ? (r.reason ?? 'no estimate')
        : `${signed(r.meanDiff)} [${fmt(r.ciLow, 2)}, ${fmt(r.ciHigh, 2)}]` +
          (e.value !== null ? `, ${e.name} ${fmt(e.value, 2)}` : '') +
          `, n = ${fmt(r.nMatched)}`;
    return {
      cohort: cohortOf(r.group),
      scale: r.scaleName,
      status: ok ? 'shown' : 'hidden',
      pre: ok ? r.meanPre : null,
      post: ok ? r.meanPost : null,
      ciFrom: ok && r.ciLow !== null ? r.meanPre! + r.ciLow : null,
      ciTo: ok && r.ciHigh !== null ? r.meanPre! + r.ciHigh : null,
      labelAt: domain[1],
      label,
      desc: `${cohortOf(r.group)}, ${r.scaleName}: ${ok ? `pre ${fmt(r.meanPre, 2)}, post ${fmt(r.meanPost, 2)}, change ${label}` : label}`,
    };
  });
  const x = { type: 'quantitative' as const, scale: { domain, nice: false } };
  const waveColour = {
    field: 'wave',
    type: 'nominal' as const,
    scale: { domain: ['pre', 'post'], range: ['#9A9A9A', PALETTE[0]] },
    legend: { title: 'Mean score', orient: 'bottom' as const, direction: 'horizontal' as const },
  };
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: {
      text: title,
      subtitle: [
        'Grey: pre mean · blue: post mean · whisker: 95% CI of the change · label: change [95% CI], effect size, n',
      ],
    },
    data: { values },
    facet: {
      row: {
        field: 'cohort',
        type: 'ordinal',
        sort: 'ascending',
        title: null,
        header: {
          labelFontSize: 13,
          labelFontWeight: 600,
          labelAngle: 0,
          labelAlign: 'left',
          labelAnchor: 'start',
          labelOrient: 'top',
        },
      },
    },
    spec: {
      width: 300,
      height: { step: 26 },
      encoding: {
        y: { field: 'scale', type: 'nominal', sort: 'ascending', title: null, axis: { labelLimit: 200 } },
      },
      layer: [
        {
          transform: [{ filter: "datum.status === 'shown'" }],
          mark: { type: 'rule', color: '#9A9A9A', strokeWidth: 2 },
          encoding: {
            // Half-point ticks however wide the card (vega would tick every 0.1 on a wide screen).
            x: { field: 'pre', ...x, title: 'Mean scale score (1–5)', axis: { tickCount: 8 } },
            x2: { field: 'post' },
          },
        },
        {
          transform: [{ filter: "datum.status === 'shown' && isValid(datum.ciFrom)" }],
          mark: { type: 'rule', color: '#1d2433', strokeWidth: 1.2, yOffset: 7 },
          encoding: { x: { field: 'ciFrom', ...x }, x2: { field: 'ciTo' } },
        },
        {
          transform: [
            { filter: "datum.status === 'shown'" },
            { fold: ['pre', 'post'], as: ['wave', 'mean'] },
          ],
          mark: { type: 'point', filled: true, size: 90, opacity: 1 },
          encoding: {
            x: { field: 'mean', ...x },
            color: waveColour,
            shape: {
              field: 'wave',
              type: 'nominal',
              scale: { domain: ['pre', 'post'], range: ['circle', 'diamond'] },
              legend: { title: 'Mean score', orient: 'bottom', direction: 'horizontal' },
            },
            description: { field: 'desc' },
            tooltip: [
              { field: 'cohort', title: 'Cohort' },
              { field: 'scale', title: 'Scale' },
              { field: 'wave', title: 'Wave' },
              { field: 'mean', title: 'Mean', format: '.2f' },
              { field: 'label', title: 'Change [95% CI]' },
            ],
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 10, fontSize: 11 },
          encoding: {
            x: { field: 'labelAt', ...x },
            text: { field: 'label' },
            color: { condition: { test: "datum.status === 'shown'", value: '#222' }, value: '#666' },
            description: { field: 'desc' },
          },
        },
      ],
    },
    config: { ...BASE_CONFIG, facet: { spacing: 14 } },
  };
  return {
    id,
    title,
    caption,
    spec,
    alt: altText(
      'Dumbbell chart',
      title,
      values.map((v) => v.desc),
    ),
    table,
  };
}

/**
 * Diverging stacked bars per item and wave, one chart per scale: disagree to the left of zero, agree to
 * the right, the neutral middle split across zero (so it neither inflates agreement nor hides), and the
 * missing answers (prefer not to say, don't know, skipped) in their own panel beside, as a share of
 * everyone asked.
 */
export function buildLikertCharts(m: MetricsResult): ChartModel[] {
  const scales = [...new Set(m.items.map((i) => i.scale))];
  if (scales.length === 0)
    return [emptyChart({ id: 'outcomes-likert', title: 'Answers per item', message: NEXT_STEP.surveys })];
  const names = new Map(m.scales.map((s) => [s.scale, s.scaleName]));
  return scales.map((scale) => buildLikertChart(m, scale, names.get(scale) ?? scale));
}

function buildLikertChart(m: MetricsResult, scale: string, scaleName: string): ChartModel {
  const id = `outcomes-likert-${scale}`;
  const title = `${scaleName}: answers per item`;
  const rows = m.items
    .filter((i) => i.scale === scale)
    .sort((a, b) => a.item.localeCompare(b.item, undefined, { numeric: true }) || byWave(a.wave, b.wave));
  const anySuppressed = rows.some((r) => r.suppressed);
  const categoryLabels =
    rows.find((r) => !r.suppressed)?.categories.map((c) => c.label) ??
    rows[0]?.categories.map((c) => c.label) ??
    [];
  const reasons = [...new Set(rows.flatMap((r) => r.missing.map((x) => x.reason)))];
  const columns = [
    'Item',
    'Wave',
    ...categoryLabels,
    ...reasons.map((r) => `Missing: ${r.replace(/_/g, ' ')}`),
    'n answered',
    '% agree',
    'Note',
  ];
  const table = {
    columns,
    rows: rows.map((r) => [
      r.item,
      waveLabel(r.wave),
      // A category count too small to show stays empty (null), never 0.
      ...categoryLabels.map((l) => {
        const c = r.categories.find((x) => x.label === l);
        return r.suppressed ? null : c ? c.count : 0;
      }),
      ...reasons.map((re) => {
        const x = r.missing.find((y) => y.reason === re);
        return r.suppressed ? null : x ? x.count : 0;
      }),
      r.suppressed ? null : r.n,
      r.suppressed ? null : r.percentAgree,
      r.suppressed
        ? suppressedLabel(r.suppressionReason, m.threshold)
        : [
            r.isReverseCoded ? 'reverse-coded item (shown as answered)' : '',
            [...r.categories, ...r.missing].some((c) => c.count === null) ? 'small counts suppressed' : '',
          ]
            .filter(Boolean)
            .join('; '),
    ]),
  };
  const caption = {
    shows: `Answers to each ${scaleName} item, pre and post: disagree left of zero, agree right, neutral split across zero; missing answers beside.`,
    n: 'answered per bar in the table',
    statistic: 'share of answered; missing as a share of everyone asked',
    suppression: suppressionNote(m.threshold, anySuppressed),
  };
  if (rows.every((r) => r.suppressed))
    return allSuppressedChart({ id, title, threshold: m.threshold, what: 'items', caption, table });

  const k = categoryLabels.length;
  const mid = k % 2 === 1 ? (k - 1) / 2 : -1; // index of the neutral category, if any
  const negCount = Math.floor(k / 2);
  const colourOf = (i: number) =>
    i === mid
      ? LIKERT.neutral
      : i < negCount
        ? (LIKERT.negative[Math.min(LIKERT.negative.length - 1, negCount - 1 - i === 0 ? 1 : 0)] ??
          LIKERT.negative[0])
        : (LIKERT.positive[Math.min(LIKERT.positive.length - 1, i - (k - negCount) === 0 ? 0 : 1)] ??
          LIKERT.positive[1]);
  const itemLabel = (r: (typeof rows)[number]) => {
    // Two lines beside the bars (see itemLines): most items whole, a long one cut after about 80 characters.
    const text = r.itemText.length > 80 ? `${r.itemText.slice(0, 79).trimEnd()}…` : r.itemText;
    return `${r.item}${r.isReverseCoded ? ' (reversed)' : ''}: ${text}`;
  };
  const rowKey = (r: (typeof rows)[number]) => `${itemLabel(r)}|${r.wave}`;
  const items = [...new Set(rows.map(itemLabel))];
  const segments: Record<string, unknown>[] = [];
  const missing: Record<string, unknown>[] = [];
  let maxMissing = 0.05;
  for (const r of rows) {
    const base = { item: itemLabel(r), wave: waveLabel(r.wave), key: rowKey(r) };
    if (r.suppressed) {
      segments.push({
        ...base,
        category: 'suppressed',
        x0: -0.5,
        x1: 0.5,
        mid: 0,
        label: suppressedLabel(r.suppressionReason, m.threshold),
        desc: `${base.item}, ${base.wave}: ${suppressedLabel(r.suppressionReason, m.threshold)}`,
        share: null,
        count: null,
      });
      continue;
    }
    // Categories with a count too small to show arrive as null: their total share is drawn as one
    // grey "suppressed" segment, on the side they belong to (never as a zero-width gap).
    const known = r.categories.map((c) => c.count);
    const hiddenIdx = known.flatMap((c, i) => (c === null ? [i] : []));
    const knownSum = known.reduce<number>((a, b) => a + (b ?? 0), 0);
    const answered = hiddenIdx.length > 0 ? (r.n ?? knownSum) : knownSum;
    const shares = known.map((c) => (answered > 0 && c !== null ? c / answered : 0));
    const hiddenShare = Math.max(0, 1 - shares.reduce((a, b) => a + b, 0));
    const hiddenRight = hiddenIdx.length > 0 && hiddenIdx.every((i) => i >= k - negCount);
    const hiddenLeft = hiddenIdx.length > 0 && !hiddenRight;
    // Left edge: everything disagreeing plus half the neutral (and a suppressed block on the left).
    let at = -(
      shares.slice(0, negCount).reduce((a, b) => a + b, 0) +
      (mid >= 0 ? shares[mid]! / 2 : 0) +
      (hiddenLeft ? hiddenShare : 0)
    );
    const left = at;
    const hiddenSegment = () => {
      segments.push({
        ...base,
        category: 'suppressed',
        x0: at,
        x1: at + hiddenShare,
        mid: at + hiddenShare / 2,
        share: null,
        count: null,
        label: hiddenShare >= 0.08 ? 'suppr.' : '',
        textColour: '#111',
        desc: `${base.item}, ${base.wave}: ${hiddenIdx.map((i) => r.categories[i]!.label).join(', ')} suppressed (small counts)`,
      });
      at += hiddenShare;
    };
    if (hiddenLeft) hiddenSegment();
    shares.forEach((s, i) => {
      if (known[i] === null) return;
      segments.push({
        ...base,
        category: r.categories[i]!.label,
        x0: at,
        x1: at + s,
        mid: at + s / 2,
        share: s,
        count: known[i],
        label: s >= 0.08 ? pct(s) : '',
        textColour: i === 0 || i === k - 1 ? 'white' : '#111',
        desc: `${base.item}, ${base.wave}: ${r.categories[i]!.label} ${pct(s)} (${fmt(known[i])})`,
      });
      at += s;
    });
    if (hiddenRight) hiddenSegment();
    segments.push({
      ...base,
      category: '__wave',
      x0: left,
      x1: left,
      mid: left,
      label: base.wave,
      share: null,
      count: null,
      desc: '',
    });
    const asked = answered + r.missing.reduce((a, x) => a + (x.count ?? 0), 0);
    const missingHidden = r.missing.filter((x) => x.count === null).map((x) => x.reason.replace(/_/g, ' '));
    let mAt = 0;
    for (const x of r.missing) {
      const s = asked > 0 ? (x.count ?? 0) / asked : 0;
      missing.push({
        ...base,
        reason: x.reason.replace(/_/g, ' '),
        x0: mAt,
        x1: mAt + s,
        count: x.count,
        share: s,
      });
      mAt += s;
    }
    missing.push({
      ...base,
      reason: 'total',
      x0: mAt,
      x1: mAt,
      count: null,
      share: mAt,
      label: missingHidden.length === 0 ? pct(mAt) : mAt > 0 ? `${pct(mAt)} + suppr.` : 'suppr.',
    });
    maxMissing = Math.max(maxMissing, mAt);
  }
  const keys = rows.map(rowKey);
  const height = Math.max(60, keys.length * 22);
  const y = { field: 'key', type: 'nominal' as const, sort: keys, title: null, axis: null };
  const colourScale = {
    domain: [...categoryLabels, 'suppressed'],
    range: [...categoryLabels.map((_, i) => colourOf(i)), SUPPRESSED_COLOUR],
  };
  const missingReasons = [
    ...new Set(missing.filter((x) => x['reason'] !== 'total').map((x) => String(x['reason']))),
  ];
  const greys = ['#4D4D4D', '#8C8C8C', '#B0B0B0', '#6F6F6F'];
  type Panel = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];
  const missingPanel: Panel[] =
    missingReasons.length === 0
      ? []
      : [
          {
            width: 110,
            height,
            data: { values: missing },
            layer: [
              {
                transform: [{ filter: "datum.reason !== 'total'" }],
                mark: { type: 'bar', height: 16 },
                encoding: {
                  y,
                  x: {
                    field: 'x0',
                    type: 'quantitative',
                    scale: { zero: true, nice: true },
                    axis: { format: '.0%', tickCount: 2 },
                    title: 'Missing',
                  },
                  x2: { field: 'x1' },
                  color: {
                    field: 'reason',
                    type: 'nominal',
                    // Domain from the data: the same chart with other reasons keeps its shape.
                    scale: { range: greys },
                    legend: { title: 'Missing', orient: 'bottom', direction: 'vertical' },
                  },
                  tooltip: [
                    { field: 'item', title: 'Item' },
                    { field: 'wave', title: 'Wave' },
                    { field: 'reason', title: 'Missing' },
                    { field: 'count', title: 'Count' },
                    { field: 'share', title: 'Share of asked', format: '.0%' },
                  ],
                },
              },
              {
                transform: [{ filter: "datum.reason === 'total'" }],
                mark: {
                  type: 'text',
                  align: 'left',
                  dx: 3,
                  fontSize: 10,
                  color: MISSING_COLOUR,
                  aria: false,
                },
                encoding: { y, x: { field: 'x0', type: 'quantitative' }, text: { field: 'label' } },
              },
            ],
          },
        ];
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: {
      text: title,
      subtitle: [
        'Share of answers; disagree left of the zero line, agree right, “neither” split across it',
        'Missing answers (not averaged, not in the bars) are shown beside as a share of everyone asked',
      ],
    },
    hconcat: [
      {
        width: 380,
        height,
        data: { values: segments },
        layer: [
          {
            // An item's text wraps onto a second line beside its second wave's bar, rather than
            // being cut (an evaluator reads the item to read its bars).
            data: {
              values: items.map((item) => ({
                item,
                lines: itemLines(item, keys.filter((k2) => k2.startsWith(`${item}|`)).length),
                key: keys.find((k2) => k2.startsWith(`${item}|`)),
              })),
            },
            mark: {
              type: 'text',
              align: 'right',
              baseline: 'middle',
              dx: -6,
              // One line per wave row: the second line stands beside the second wave's bar.
              lineHeight: 22,
              fontSize: 11,
              color: '#222',
              limit: ITEM_LABEL_WIDTH,
            },
            encoding: { y, x: { datum: -1, type: 'quantitative' }, text: { field: 'lines' } },
          },
          {
            transform: [{ filter: "datum.category !== '__wave'" }],
            mark: { type: 'bar', height: 16 },
            encoding: {
              y,
              x: {
                field: 'x0',
                type: 'quantitative',
                scale: { domain: [-1, 1] },
                axis: {
                  format: '.0%',
                  labelExpr: "format(abs(datum.value), '.0%')",
                  values: [-1, -0.5, 0, 0.5, 1],
                },
                title: '← disagree · agree →',
              },
              x2: { field: 'x1' },
              color: {
                field: 'category',
                type: 'nominal',
                scale: colourScale,
                sort: categoryLabels,
                legend: {
                  title: null,
                  orient: 'bottom',
                  direction: 'horizontal',
                  columns: 3,
                  // Always names grey, so the legend (and the spec's shape) does not depend on the data.
                  values: [...categoryLabels, 'suppressed'],
                  labelLimit: 260,
                },
              },
              description: { field: 'desc' },
              tooltip: [
                { field: 'item', title: 'Item' },
                { field: 'wave', title: 'Wave' },
                { field: 'category', title: 'Answer' },
                { field: 'share', title: 'Share', format: '.0%' },
                { field: 'count', title: 'Count' },
              ],
            },
          },
          {
            transform: [{ filter: "datum.category !== '__wave' && datum.category !== 'suppressed'" }],
            mark: { type: 'text', fontSize: 10, aria: false },
            encoding: {
              y,
              x: { field: 'mid', type: 'quantitative' },
              text: { field: 'label' },
              color: { field: 'textColour', type: 'nominal', scale: null },
            },
          },
          {
            transform: [{ filter: "datum.category === 'suppressed'" }],
            mark: { type: 'text', fontSize: 11, color: '#222' },
            encoding: { y, x: { field: 'mid', type: 'quantitative' }, text: { field: 'label' } },
          },
          {
            transform: [{ filter: "datum.category === '__wave'" }],
            mark: { type: 'text', align: 'right', dx: -3, fontSize: 10, color: '#555', aria: false },
            encoding: { y, x: { field: 'mid', type: 'quantitative' }, text: { field: 'label' } },
          },
          {
            data: { values: [{ zero: 0 }] },
            mark: { type: 'rule', color: '#333' },
            encoding: { x: { field: 'zero', type: 'quantitative' } },
          },
        ],
      },
      // The missing panel, when any answer is missing (an empty panel would have no scale).
      ...missingPanel,
    ],
    spacing: 6,
    resolve: { scale: { color: 'independent' } },
    config: BASE_CONFIG,
  };
  const altParts = rows.map((r) =>
    r.suppressed
      ? `${r.item} ${waveLabel(r.wave)}: suppressed`
      : `${r.item} ${waveLabel(r.wave)}: ${pct(r.percentAgree)} agree of ${fmt(r.n)}`,
  );
  return {
    id,
    title,
    caption,
    spec,
    alt: altText('Diverging stacked bar chart', title, altParts),
    table,
  };
}

/** Percent agree (top two categories) per scale, pre vs post, with Wilson 95% CIs. */
export function buildPercentAgreeChart(m: MetricsResult): ChartModel {
  const rows = [...m.scales].sort((a, b) => a.scaleName.localeCompare(b.scaleName) || byWave(a.wave, b.wave));
  const data: BarDatum[] = rows.map((r) => ({
    category: r.scaleName,
    series: waveLabel(r.wave),
    value: r.percentAgree,
    n: r.n,
    suppressed: r.suppressed,
    reason: r.suppressionReason,
    ciLow: r.percentAgreeCiLow,
    ciHigh: r.percentAgreeCiHigh,
  }));
  return barChartModel({
    id: 'outcomes-percent-agree',
    ...WAVE_SERIES,
    title: 'Percent agree per scale, by wave',
    subtitle: ['Share of respondents whose scale score is in the top two categories (agree), with 95% CI'],
    data,
    threshold: m.threshold,
    valueTitle: 'Percent agree',
    seriesTitle: 'Wave',
    categoryTitle: 'Scale',
    format: 'share',
    emptyMessage: NEXT_STEP.surveys,
    groupsName: 'scales and waves',
    shows:
      'Share of youth whose scale score is in the top two categories (agree or strongly agree), per wave.',
    n: 'respondents per bar',
    statistic: 'proportion with Wilson 95% CI (all respondents of each wave, not only matched)',
    domainMax: 1,
  });
}

/** Mean matched change per scale by dosage band: do youth with more hours gain more? */
export function buildChangeByDosageChart(m: MetricsResult): ChartModel {
  const id = 'outcomes-by-dosage';
  const title = 'Matched change by dosage band';
  const rows = [...m.prePostByDosage].sort(
    (a, b) => a.scaleName.localeCompare(b.scaleName) || a.bandIndex - b.bandIndex,
  );
  const data: ForestDatum[] = rows.map((r) => ({
    category: r.scaleName,
    series: r.band,
    value: r.meanDiff,
    ciLow: r.ciLow,
    ciHigh: r.ciHigh,
    n: r.nMatched,
    suppressed: r.suppressed,
    reason: r.suppressionReason,
    note: r.reason ?? undefined,
  }));
  const anySuppressed = data.some((d) => d.suppressed);
  const caption = {
    shows: 'Mean matched pre/post change per scale for youth in each band of contact hours.',
    n: 'matched youth per estimate, in the labels',
    statistic: 'mean difference (post − pre) with 95% CI (paired t)',
    suppression: suppressionNote(m.threshold, anySuppressed),
  };
  const table = barTable(
    data,
    m.threshold,
    {
      category: 'Scale',
      series: 'Dosage band',
      value: 'Mean change',
      n: 'n matched',
    },
    'all',
  );
  const columns = table.columns;
  if (data.length === 0) return emptyChart({ id, title, message: outcomesEmptyMessage(m), caption, columns });
  if (data.every((d) => d.suppressed || d.value === null))
    return allSuppressedChart({
      id,
      title,
      threshold: m.threshold,
      what: 'dosage bands and scales',
      caption,
      table,
    });
  return {
    id,
    title,
    caption,
    spec: buildForestSpec({
      title,
      subtitle: ['Mean change (post − pre) with its 95% CI; each colour a band of contact hours'],
      data,
      valueTitle: 'Mean change in scale score',
      seriesTitle: 'Contact hours',
      threshold: m.threshold,
    }),
    alt: `Dot plot, ${title}. ${data
      .map(
        (d) =>
          `${d.category}, ${d.series}: ${d.suppressed ? 'suppressed' : `${signed(d.value)} (n = ${fmt(d.n)})`}`,
      )
      .join('; ')}.`,
    table,
  };
}

/** Cronbach's alpha per scale and wave, against the usual .70 line. */
export function buildReliabilityChart(m: MetricsResult): ChartModel {
  // The Outcomes page shows the youth scales; partner-survey factors belong with partnership health.
  const youth = new Set([...m.scales.map((r) => r.scale), ...m.prePost.map((r) => r.scale)]);
  const rows = [...m.reliability]
    .filter((r) => youth.size === 0 || youth.has(r.scale))
    .sort((a, b) => a.scaleName.localeCompare(b.scaleName) || byWave(a.wave, b.wave));
  const data: BarDatum[] = rows.map((r) => ({
    category: r.scaleName,
    series: waveLabel(r.wave),
    value: r.alpha,
    n: r.nComplete,
    suppressed: r.suppressed,
    reason: r.suppressionReason,
    note: `${r.k} items${r.reason ? `; ${r.reason}` : ''}`,
  }));
  return barChartModel({
    id: 'outcomes-reliability',
    ...WAVE_SERIES,
    title: 'Reliability of each scale (Cronbach’s alpha)',
    subtitle: ['Computed on reverse-coded items, complete responses only; .70 is the usual minimum'],
    data,
    threshold: m.threshold,
    valueTitle: 'Cronbach’s alpha',
    seriesTitle: 'Wave',
    categoryTitle: 'Scale',
    digits: 2,
    rule: { value: 0.7, label: '.70' },
    emptyMessage: NEXT_STEP.surveys,
    groupsName: 'scales',
    shows: 'Cronbach’s alpha per scale and wave, on the reverse-coded items.',
    n: 'complete responses per bar in the table',
    statistic: 'Cronbach’s alpha',
  });
}

/** Who was matched between waves, and who was lost (only pre, only post) per cohort. */
export function buildMatchReportChart(m: MetricsResult): ChartModel {
  const id = 'outcomes-match-report';
  const title = 'Pre/post matching: who was matched and who was lost';
  const rows = [...m.matchReport].sort((a, b) => cohortOf(a.group).localeCompare(cohortOf(b.group)));
  const anySuppressed = rows.some((r) => r.suppressed);
  const columns = [
    'Cohort',
    'Pre responses',
    'Post responses',
    'Matched',
    'Only pre',
    'Only post',
    'Duplicates',
    'Note',
  ];
  const table = {
    columns,
    rows: rows.map((r) => [
      cohortOf(r.group),
      r.nPre,
      r.nPost,
      r.matched,
      r.onlyPre,
      r.onlyPost,
      r.duplicates,
      r.suppressed ? suppressedLabel(r.suppressionReason, m.threshold) : '',
    ]),
  };
  const caption = {
    shows: 'Youth matched by ID between the pre and post survey, and those with only one wave.',
    n: `${fmt(sumBy(rows, (r) => r.matched ?? 0))} matched`,
    statistic: 'counts of youth',
    suppression: suppressionNote(m.threshold, anySuppressed),
  };
  if (rows.length === 0) return emptyChart({ id, title, message: NEXT_STEP.surveys, caption, columns });
  if (rows.every((r) => r.suppressed))
    return allSuppressedChart({ id, title, threshold: m.threshold, what: 'cohorts', caption, table });
  const parts = ['Matched', 'Only pre (lost at post)', 'Only post (no pre)'] as const;
  const values: Record<string, unknown>[] = [];
  const maxTotal = Math.max(1, ...rows.map((r) => (r.matched ?? 0) + (r.onlyPre ?? 0) + (r.onlyPost ?? 0)));
  for (const r of rows) {
    const cohort = cohortOf(r.group);
    if (r.suppressed) {
      values.push({
        cohort,
        part: 'suppressed',
        x0: 0,
        x1: maxTotal * 0.03,
        mid: maxTotal * 0.03,
        label: suppressedLabel(r.suppressionReason, m.threshold),
        suppressed: true,
      });
      continue;
    }
    let at = 0;
    [r.matched, r.onlyPre, r.onlyPost].forEach((c, i) => {
      const v = c ?? 0;
      values.push({
        cohort,
        part: parts[i],
        x0: at,
        x1: at + v,
        mid: at + v / 2,
        count: c,
        label: v > maxTotal * 0.06 ? fmt(v) : '',
      });
      at += v;
    });
    values.push({
      cohort,
      part: 'rate',
      x0: at,
      x1: at,
      mid: at,
      label: r.nPre ? `${pct((r.matched ?? 0) / r.nPre)} of pre matched` : '',
    });
  }
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: {
      text: title,
      subtitle: ['Matched by participant ID, never by row order; duplicates in the table'],
    },
    width: 420,
    height: { step: 30 },
    data: { values },
    encoding: { y: { field: 'cohort', type: 'nominal', sort: 'ascending', title: null } },
    layer: [
      {
        transform: [{ filter: "datum.part !== 'rate'" }],
        mark: { type: 'bar', stroke: 'white', height: 20 },
        encoding: {
          x: {
            field: 'x0',
            type: 'quantitative',
            title: 'Youth',
            scale: { zero: true, nice: true },
          },
          x2: { field: 'x1' },
          color: {
            field: 'part',
            type: 'nominal',
            scale: {
              domain: [...parts, 'suppressed'],
              range: [PALETTE[0], PALETTE[1], PALETTE[4], SUPPRESSED_COLOUR],
            },
            legend: { title: null, orient: 'bottom', direction: 'horizontal', values: [...parts] },
          },
          tooltip: [
            { field: 'cohort', title: 'Cohort' },
            { field: 'part', title: 'Group' },
            { field: 'count', title: 'Youth' },
          ],
        },
      },
      {
        transform: [{ filter: "datum.part !== 'rate' && datum.part !== 'suppressed'" }],
        mark: { type: 'text', fontSize: 10, aria: false },
        encoding: {
          x: { field: 'mid', type: 'quantitative' },
          text: { field: 'label' },
          color: { condition: { test: "datum.part === 'Matched'", value: 'white' }, value: '#111' },
        },
      },
      textLabelLayer({ filter: "datum.part === 'rate' || datum.part === 'suppressed'", dx: 5 }),
    ],
    config: BASE_CONFIG,
  };
  return {
    id,
    title,
    caption,
    spec,
    alt: `Stacked bar chart, ${title}. ${rows
      .map((r) =>
        r.suppressed
          ? `${cohortOf(r.group)}: suppressed`
          : `${cohortOf(r.group)}: ${fmt(r.matched)} matched, ${fmt(r.onlyPre)} only pre, ${fmt(r.onlyPost)} only post`,
      )
      .join('; ')}.`,
    table,
  };
}

/** The room for an item's text left of the bars, and its font's average character width. */
const ITEM_LABEL_WIDTH = 330;
const ITEM_CHAR = 11 * 0.58;

/**
 * An item's text in as many lines as it has wave rows (at most two), wrapped at words; what does not
 * fit in two lines is cut by the mark's limit with an ellipsis (the table has the full text).
 */
function itemLines(item: string, rows: number): string | string[] {
  if (rows < 2) return item;
  const lines = wrapLines(item, ITEM_LABEL_WIDTH, ITEM_CHAR);
  if (typeof lines === 'string' || lines.length <= 2) return lines;
  return [lines[0]!, lines.slice(1).join(' ')];
}

function sumBy<T>(xs: T[], f: (x: T) => number): number {
  return xs.reduce((a, x) => a + f(x), 0);
}
