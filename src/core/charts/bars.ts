import type { TopLevelSpec } from 'vega-lite';
import { SCHEMA, allSuppressedChart, emptyChart, fmt, pct, suppressedLabel, suppressionNote } from './common';
import type { ChartModel } from './model';
import { BASE_CONFIG, PALETTE, SUPPRESSED_COLOUR } from './palette';

/** One bar: a category (y), an optional series (colour, side by side), its value and its privacy. */
export interface BarDatum {
  category: string;
  series?: string;
  value: number | null;
  n: number | null;
  suppressed: boolean;
  reason: string | null;
  ciLow?: number | null;
  ciHigh?: number | null;
  /** Extra tooltip line. */
  note?: string;
  /** Why there is no value though nothing is suppressed ("not known yet: …"): written in the bar's place. */
  why?: string;
}

export interface BarSpecInput {
  title: string;
  subtitle: string[];
  data: BarDatum[];
  valueTitle: string;
  seriesTitle?: string;
  /** 'share' values are 0..1 and shown as percentages. */
  format?: 'number' | 'share';
  digits?: number;
  threshold: number;
  /** A reference line (a target, the scale midpoint). */
  rule?: { value: number; label: string };
  domainMax?: number;
  width?: number;
  /** Series side by side (default), or only as the colour of one bar per category. */
  seriesLayout?: 'offset' | 'colour';
  /** A fixed order of every possible series, so a series keeps its colour across charts and filters. */
  seriesDomain?: string[];
  /** Colours for some series of the domain (post blue, as on the dumbbells), others from the palette. */
  seriesColours?: Record<string, string>;
}

const ROW_STEP = 20;

/**
 * Horizontal bars, grouped by series when there is one. A suppressed bar keeps its place, drawn at a
 * short fixed length in grey and labelled "suppressed (n < T)", so it reads neither as zero nor as
 * a silent gap. Callers handle the case where every bar is suppressed (see `allSuppressedChart`).
 */
export function buildBarSpec(input: BarSpecInput): TopLevelSpec {
  const { data, threshold, format = 'number', digits = 0 } = input;
  const visible = data.filter((d) => !d.suppressed && d.value !== null);
  const visibleMax = Math.max(
    input.domainMax ?? 0,
    ...visible.map((d) => Math.max(d.value ?? 0, d.ciHigh ?? 0)),
    format === 'share' ? 0.05 : 1,
  );
  const hasSeries = data.some((d) => d.series !== undefined);
  const offset = hasSeries && input.seriesLayout !== 'colour';
  const hasCi = data.some((d) => d.ciLow !== undefined && d.ciLow !== null);
  const present = [...new Set(data.map((d) => d.series ?? ''))];
  const series = input.seriesDomain
    ? [...input.seriesDomain, ...present.filter((p) => !input.seriesDomain!.includes(p))]
    : present;
  const categories = [...new Set(data.map((d) => d.category))];
  const values = data
    .map((d) => {
      const shown = !d.suppressed && d.value !== null;
      const valueText = format === 'share' ? pct(d.value, digits) : fmt(d.value, digits);
      return {
        order: categories.indexOf(d.category),
        category: d.category,
        series: d.series ?? '',
        // A suppressed bar is a short grey stub (a top/bottom-coded share: grey, to its bound); a value
        // that does not exist (yet) draws nothing.
        bar: shown ? d.value : d.suppressed ? (codedBound(d.reason, format) ?? visibleMax * 0.03) : 0,
        value: shown ? d.value : null,
        ciLow: shown ? (d.ciLow ?? null) : null,
        ciHigh: shown ? (d.ciHigh ?? null) : null,
        status: d.suppressed ? 'suppressed' : 'shown',
        label: d.suppressed
          ? suppressedLabel(d.reason, threshold)
          : d.value === null
            ? (d.why ?? 'no data')
            : d.n !== null && format === 'share'
              ? `${valueText} (n = ${fmt(d.n)})`
              : valueText,
        n: d.n,
        note: d.note ?? '',
      };
    })
    .map((v) => ({
      ...v,
      // What a screen reader announces for the bar (vega's default would read the drawn length).
      desc: `${v.category}${v.series ? `, ${v.series}` : ''}: ${input.valueTitle} ${v.label}${v.n !== null && !v.label.includes('n =') ? `, n = ${fmt(v.n)}` : ''}`,
    }));
  const xFormat = format === 'share' ? '.0%' : undefined;
  const colour = hasSeries
    ? {
        condition: { test: "datum.status === 'suppressed'", value: SUPPRESSED_COLOUR },
        field: 'series',
        type: 'nominal' as const,
        // A fixed domain only for a closed list (partner types); otherwise the data's series in
        // order, so new numbers for other cohorts keep the spec's shape (see live-spec.ts).
        scale: input.seriesDomain
          ? {
              domain: series,
              range: series.map((x, i) => input.seriesColours?.[x] ?? PALETTE[i % PALETTE.length]!),
            }
          : { range: [...PALETTE] },
        legend: {
          title: input.seriesTitle ?? null,
          orient: 'bottom' as const,
          direction: 'horizontal' as const,
          // In the domain's order, not the data's: the legend (part of the view's shape) then changes
          // only when the set of series does, so new numbers still swap into the drawn view.
          ...(input.seriesDomain ? { values: series.filter((x) => present.includes(x)) } : {}),
        },
      }
    : {
        field: 'status',
        type: 'nominal' as const,
        scale: { domain: ['shown', 'suppressed'], range: [PALETTE[0], SUPPRESSED_COLOUR] },
        legend: null,
      };
  const x = {
    field: 'bar',
    type: 'quantitative' as const,
    title: input.valueTitle,
    // A fixed domain only when the caller names one (shares: 0-100%); otherwise from the data, so the
    // same chart with new numbers keeps its shape and the dashboard can swap data without a new view.
    scale: input.domainMax !== undefined ? { domain: [0, input.domainMax] } : { zero: true, nice: true },
    axis: { format: xFormat, grid: true, tickCount: 5 },
  };
  // y is set per layer, not at the top: a reference line's own data has no category.
  const yEnc = {
    y: {
      field: 'category',
      type: 'nominal' as const,
      sort: { field: 'order', op: 'min' as const },
      title: null,
      axis: { labelLimit: 360, labelFontSize: 12 },
    },
    // Side by side in the domain's order when there is one (pre above post), else by name.
    ...(offset
      ? {
          yOffset: {
            field: 'series',
            type: 'nominal' as const,
            ...(input.seriesDomain ? { sort: series } : {}),
          },
        }
      : {}),
  };
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']> = [
    {
      mark: { type: 'bar', cornerRadiusEnd: 2 },
      encoding: {
        ...yEnc,
        x,
        color: colour,
        description: { field: 'desc' },
        tooltip: [
          { field: 'category', title: 'Group' },
          ...(hasSeries ? [{ field: 'series', title: input.seriesTitle ?? 'Series' }] : []),
          { field: 'label', title: input.valueTitle },
          { field: 'n', title: 'n', format: ',' },
          { field: 'note', title: 'Note' },
        ],
      },
    },
  ];
  if (hasCi) {
    layers.push({
      mark: { type: 'rule', color: '#222', strokeWidth: 1.2 },
      encoding: { ...yEnc, x: { field: 'ciLow', type: 'quantitative' }, x2: { field: 'ciHigh' } },
    });
  }
  layers.push({
    mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#222', aria: false },
    encoding: {
      ...yEnc,
      x: hasCi ? { field: 'labelAt', type: 'quantitative' } : { field: 'bar', type: 'quantitative' },
      text: { field: 'label' },
    },
  });
  if (input.rule) {
    layers.push({
      data: { values: [{ at: input.rule.value, label: input.rule.label }] },
      layer: [
        {
          mark: { type: 'rule', color: '#444', strokeDash: [4, 3] },
          encoding: { x: { field: 'at', type: 'quantitative' } },
        },
        {
          mark: {
            type: 'text',
            align: 'left',
            dx: 3,
            dy: -4,
            baseline: 'bottom',
            fontSize: 10,
            color: '#444',
          },
          encoding: { x: { field: 'at', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
        },
      ],
    });
  }
  return {
    $schema: SCHEMA,
    title: { text: input.title, subtitle: input.subtitle },
    width: input.width ?? 460,
    // Sized by step from the data (not a pixel height from the row count), for the same reason.
    height: offset ? { step: ROW_STEP, for: 'offset' } : { step: ROW_STEP },
    data: { values: hasCi ? values.map((v) => ({ ...v, labelAt: v.ciHigh ?? v.bar })) : values },
    layer: layers,
    config: BASE_CONFIG,
  } satisfies TopLevelSpec;
}

/** The bound a top/bottom-coded share is drawn to ("top/bottom coded: > 95%" -> 0.95), if it is one. */
function codedBound(reason: string | null, format: 'number' | 'share'): number | null {
  const m = /^top\/bottom coded:\s*[<>]\s*(\d+(?:\.\d+)?)%/.exec(reason ?? '');
  return m && format === 'share' ? Number(m[1]) / 100 : null;
}

/** Rows of the table behind a bar chart (suppressed cells carry their reason, never a number). */
export function barTable(
  data: BarDatum[],
  threshold: number,
  names: { category: string; series?: string; value: string; n?: string },
  /** 'all': the series and CI columns even with no rows (an estimate table's fixed columns). */
  columns: 'from data' | 'all' = 'from data',
): { columns: string[]; rows: (string | number | null)[][] } {
  const hasSeries = columns === 'all' || data.some((d) => d.series !== undefined);
  const hasCi = columns === 'all' || data.some((d) => d.ciLow !== undefined);
  return {
    columns: [
      names.category,
      ...(hasSeries ? [names.series ?? 'Series'] : []),
      names.value,
      ...(hasCi ? ['95% CI low', '95% CI high'] : []),
      names.n ?? 'n',
      'Note',
    ],
    rows: data.map((d) => [
      d.category,
      ...(hasSeries ? [d.series ?? ''] : []),
      d.suppressed ? null : d.value,
      ...(hasCi ? [d.suppressed ? null : (d.ciLow ?? null), d.suppressed ? null : (d.ciHigh ?? null)] : []),
      d.suppressed ? null : d.n,
      d.suppressed ? suppressedLabel(d.reason, threshold) : (d.why ?? d.note ?? ''),
    ]),
  };
}

/**
 * A bar chart as a ChartModel: empty states first (nothing to draw, or every bar suppressed), then the
 * spec, the table and a text alternative that reads the values out.
 */
export function barChartModel(input: {
  id: string;
  title: string;
  subtitle: string[];
  data: BarDatum[];
  threshold: number;
  valueTitle: string;
  seriesTitle?: string;
  categoryTitle: string;
  format?: 'number' | 'share';
  digits?: number;
  rule?: { value: number; label: string };
  domainMax?: number;
  seriesLayout?: 'offset' | 'colour';
  seriesDomain?: string[];
  seriesColours?: Record<string, string>;
  /** Shown when there is no data at all (what to import next). */
  emptyMessage: string;
  /** What the groups are, for the all-suppressed message ("programs and cohorts"). */
  groupsName: string;
  shows: string;
  n: number | string;
  statistic?: string;
  width?: number;
  /** A chart's own reasons for hiding cells, said beside the general suppression note. */
  suppressionDetail?: string;
}): ChartModel {
  const { data, threshold } = input;
  const names = { category: input.categoryTitle, series: input.seriesTitle, value: input.valueTitle };
  const table = barTable(data, threshold, names);
  const anySuppressed = data.some((d) => d.suppressed);
  const caption = {
    shows: input.shows,
    n: input.n,
    statistic: input.statistic,
    suppression:
      [suppressionNote(threshold, anySuppressed), anySuppressed ? input.suppressionDetail : undefined]
        .filter(Boolean)
        .join(' ') || undefined,
  };
  const hasValue = data.some((d) => !d.suppressed && d.value !== null);
  if (data.length === 0 || (!anySuppressed && !hasValue))
    return emptyChart({
      id: input.id,
      title: input.title,
      message: input.emptyMessage,
      caption,
      columns: table.columns,
    });
  if (!hasValue)
    return allSuppressedChart({
      id: input.id,
      title: input.title,
      threshold: threshold,
      what: input.groupsName,
      caption,
      table,
    });
  const spec = buildBarSpec({
    title: input.title,
    subtitle: input.subtitle,
    data,
    valueTitle: input.valueTitle,
    seriesTitle: input.seriesTitle,
    format: input.format,
    digits: input.digits,
    threshold,
    rule: input.rule,
    width: input.width,
    domainMax: input.domainMax,
    seriesLayout: input.seriesLayout,
    seriesDomain: input.seriesDomain,
    seriesColours: input.seriesColours,
  });
  const fmtValue = (d: BarDatum) =>
    d.suppressed
      ? suppressedLabel(d.reason, threshold)
      : d.value === null
        ? (d.why ?? 'no data')
        : input.format === 'share'
          ? pct(d.value, input.digits ?? 0)
          : fmt(d.value, input.digits ?? 0);
  const listed = data
    .slice(0, 12)
    .map((d) => `${d.category}${d.series ? ` ${d.series}` : ''}: ${fmtValue(d)}`)
    .join('; ');
  const suppressedCount = data.filter((d) => d.suppressed).length;
  return {
    id: input.id,
    title: input.title,
    caption,
    spec,
    alt:
      `Bar chart, ${input.title}. ${listed}${data.length > 12 ? `; and ${data.length - 12} more` : ''}.` +
      (suppressedCount > 0 ? ` ${suppressedCount} suppressed for privacy.` : ''),
    table,
  };
}
