import type { TopLevelSpec } from 'vega-lite';
import { BASE_CONFIG, PALETTE, SUPPRESSED_COLOUR } from './palette';

export interface CountGroup {
  value: string;
  count: number | null;
  suppressed: boolean;
  reason?: string | null;
}

/**
 * Rows per value of one column, as horizontal bars. Suppressed groups keep their place as a grey bar
 * labelled "suppressed (n < T)", never as zero or a silent gap.
 */
export function buildCountByChart(input: {
  column: string;
  groups: CountGroup[];
  threshold: number;
  maxGroups?: number;
}): TopLevelSpec {
  const { column, groups, threshold, maxGroups = 25 } = input;
  const shown = groups.slice(0, maxGroups);
  const visibleMax = Math.max(1, ...shown.map((g) => g.count ?? 0));
  const total = groups.reduce((s, g) => s + (g.count ?? 0), 0);
  const data = shown.map((g) => {
    // A group hidden for its own size says "n < T"; one hidden to protect another says so instead.
    const why = g.suppressed ? (g.reason ?? `n < ${threshold}`) : '';
    return {
      value: g.value,
      // A suppressed bar is drawn at a fixed small length so it is visible, and labelled as suppressed.
      bar: g.suppressed ? visibleMax * 0.04 : g.count,
      count: g.count,
      label: g.suppressed
        ? why.startsWith('n <')
          ? `suppressed (${why})`
          : 'suppressed (complementary)'
        : String(g.count),
      why,
      status: g.suppressed ? 'suppressed' : 'shown',
    };
  });
  const hidden = groups.length - shown.length;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Rows per value of “${column}”`,
      subtitle: [
        `n = ${total} rows in the groups shown` +
          (hidden > 0 ? `; ${hidden} more values not shown` : '') +
          (groups.some((g) => g.suppressed)
            ? `; groups under ${threshold} suppressed, and another where needed so they cannot be worked out from the total`
            : ''),
      ],
    },
    width: 520,
    height: { step: 22 },
    data: { values: data },
    encoding: {
      y: { field: 'value', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          x: { field: 'bar', type: 'quantitative', title: 'Rows' },
          color: {
            field: 'status',
            type: 'nominal',
            scale: { domain: ['shown', 'suppressed'], range: [PALETTE[0], SUPPRESSED_COLOUR] },
            legend: null,
          },
          tooltip: [
            { field: 'value', title: column },
            { field: 'label', title: 'Rows' },
            { field: 'why', title: 'Why hidden' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#333' },
        encoding: { x: { field: 'bar', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
    config: BASE_CONFIG,
  } satisfies TopLevelSpec;
}
