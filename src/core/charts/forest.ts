import type { TopLevelSpec } from 'vega-lite';
import { SCHEMA, fmt, signed, suppressedLabel } from './common';
import { BASE_CONFIG, PALETTE, SUPPRESSED_COLOUR } from './palette';

/** One estimate with its 95% CI (a mean change), or a suppressed placeholder. */
export interface ForestDatum {
  category: string;
  series: string;
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number | null;
  suppressed: boolean;
  reason: string | null;
  note?: string;
}

/**
 * Estimates as points with 95% CI whiskers around a zero line (a forest plot). Works for negative
 * values, unlike bars from zero. A suppressed estimate keeps its row, with a grey label at zero.
 */
export function buildForestSpec(input: {
  title: string;
  subtitle: string[];
  data: ForestDatum[];
  valueTitle: string;
  seriesTitle: string;
  threshold: number;
  digits?: number;
}): TopLevelSpec {
  const { data, threshold, digits = 2 } = input;
  const categories = [...new Set(data.map((d) => d.category))];
  const series = [...new Set(data.map((d) => d.series))];
  const values = data.map((d) => {
    const ok = !d.suppressed && d.value !== null;
    const label = d.suppressed
      ? `${d.series}: ${suppressedLabel(d.reason, threshold)}`
      : d.value === null
        ? (d.note ?? 'no estimate')
        : `${signed(d.value, digits)} [${fmt(d.ciLow, digits)}, ${fmt(d.ciHigh, digits)}], n = ${fmt(d.n)}`;
    return {
      category: d.category,
      series: d.series,
      value: ok ? d.value : null,
      ciLow: ok ? d.ciLow : null,
      ciHigh: ok ? d.ciHigh : null,
      at: ok ? d.value : 0,
      labelAt: ok ? (d.ciHigh ?? d.value) : 0,
      status: d.suppressed ? 'suppressed' : ok ? 'shown' : 'none',
      label,
      n: d.n,
      desc: `${d.category}, ${d.series}: ${input.valueTitle} ${label}`,
    };
  });
  const y = {
    field: 'category',
    type: 'nominal' as const,
    sort: categories,
    title: null,
    axis: { labelLimit: 220 },
  };
  const yOffset = { field: 'series', type: 'nominal' as const, sort: series };
  const x = {
    type: 'quantitative' as const,
    scale: { zero: true, nice: true },
  };
  return {
    $schema: SCHEMA,
    title: { text: input.title, subtitle: input.subtitle },
    width: 420,
    height: Math.max(60, categories.length * series.length * 22),
    data: { values },
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#666', strokeDash: [3, 3] },
        encoding: { x: { field: 'zero', ...x, title: input.valueTitle } },
      },
      {
        transform: [{ filter: "datum.status === 'shown'" }],
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: {
          y,
          yOffset,
          x: { field: 'ciLow', ...x },
          x2: { field: 'ciHigh' },
          color: {
            field: 'series',
            type: 'nominal',
            sort: series,
            scale: { domain: series, range: PALETTE.slice(0, Math.max(1, series.length)) },
            legend: { title: input.seriesTitle, orient: 'bottom', direction: 'horizontal' },
          },
        },
      },
      {
        transform: [{ filter: "datum.status === 'shown'" }],
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y,
          yOffset,
          x: { field: 'value', ...x },
          color: { field: 'series', type: 'nominal', sort: series },
          shape: {
            field: 'series',
            type: 'nominal',
            sort: series,
            legend: { title: input.seriesTitle, orient: 'bottom', direction: 'horizontal' },
          },
          description: { field: 'desc' },
          tooltip: [
            { field: 'category', title: 'Scale' },
            { field: 'series', title: input.seriesTitle },
            { field: 'label', title: input.valueTitle },
          ],
        },
      },
      {
        transform: [{ filter: "datum.status !== 'shown'" }],
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, fontStyle: 'italic' },
        encoding: {
          y,
          yOffset,
          x: { datum: 0, type: 'quantitative' },
          text: { field: 'label' },
          color: { value: '#555' },
          description: { field: 'desc' },
        },
      },
      {
        transform: [{ filter: "datum.status === 'shown'" }],
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 10, color: '#222', aria: false },
        encoding: { y, yOffset, x: { field: 'labelAt', ...x }, text: { field: 'label' } },
      },
    ],
    config: { ...BASE_CONFIG, point: { stroke: SUPPRESSED_COLOUR, strokeWidth: 0 } },
  } satisfies TopLevelSpec;
}
