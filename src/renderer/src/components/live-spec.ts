import type { TopLevelSpec } from 'vega-lite';

/**
 * A chart spec split into its shape and its data, so a filter change that only changes numbers can
 * update the drawn view's datasets (fast) instead of compiling and drawing a new view (slow: 30-150 ms
 * per chart). Every inline dataset gets a name in traversal order (d0, d1...); the chart's title and
 * subtitle (which name the filters) become signals; `shapeKey` is the spec without the values and the
 * title: equal keys mean the same view can show the new data and title.
 */
export interface LiveSpec {
  spec: TopLevelSpec;
  shapeKey: string;
  datasets: Record<string, unknown[]>;
  signals: Record<string, unknown>;
}

/** The signals that carry the title's text: set on the drawn view like its datasets. */
const TITLE_SIGNALS = { text: 'live_title', subtitle: 'live_subtitle' } as const;

export function toLiveSpec(spec: TopLevelSpec): LiveSpec {
  const datasets: Record<string, unknown[]> = {};
  let i = 0;
  const walk = (node: unknown, shape: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => walk(n, shape));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && v && typeof v === 'object' && Array.isArray((v as { values?: unknown }).values)) {
        const name = `d${i++}`;
        const values = (v as { values: unknown[] }).values;
        datasets[name] = values;
        out[k] = shape ? { name } : { ...v, name, values };
      } else out[k] = walk(v, shape);
    }
    return out;
  };
  const { spec: titled, signals } = liftTitle(spec);
  // Named as vega-lite's InlineData allows; the cast restores the type the walk cannot follow.
  const named = walk(titled, false) as TopLevelSpec;
  i = 0;
  const shapeKey = JSON.stringify(walk(withoutValues(titled), true));
  return { spec: named, shapeKey, datasets, signals };
}

type Node = Record<string, unknown>;

/** Move the top-level title's text and subtitle into params the view can be given new values for. */
function liftTitle(spec: TopLevelSpec): { spec: TopLevelSpec; signals: Record<string, unknown> } {
  const s = spec as unknown as Node; // every top-level spec is an object; only `title` is read here
  const t = s.title;
  if (!t || typeof t !== 'object' || Array.isArray(t)) return { spec, signals: {} };
  const title: Node = { ...(t as Node) };
  const signals: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(TITLE_SIGNALS)) {
    const v = title[key];
    if (typeof v !== 'string' && !Array.isArray(v)) continue;
    signals[name] = v;
    title[key] = { expr: name };
  }
  const params = [
    ...((s.params as unknown[]) ?? []),
    ...Object.entries(signals).map(([name, value]) => ({ name, value })),
  ];
  return { spec: { ...s, title, params } as unknown as TopLevelSpec, signals };
}

function withoutValues(spec: TopLevelSpec): TopLevelSpec {
  const s = spec as unknown as Node;
  const names = new Set<string>(Object.values(TITLE_SIGNALS));
  const params = (s.params as Node[] | undefined)?.map((p) =>
    names.has(p.name as string) ? { name: p.name } : p,
  );
  return (params ? { ...s, params } : s) as unknown as TopLevelSpec;
}
