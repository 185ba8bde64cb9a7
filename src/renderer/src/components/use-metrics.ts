import { useEffect, useMemo, useState } from 'react';
import type {
  Dimension,
  MetricFilters,
  MetricSection,
  MetricsResult,
  ProjectDimensions,
} from '@shared/metrics';
import type { ChartEntry } from '@core/charts/model';
import type { Api } from '../api/client';
import { useApi } from '../api/use-api';
import { filtersKey, normaliseFilters } from '../features/filters/filters';

/** One metrics request of a page: a split and the sections its charts read. */
export interface MetricsRequest {
  by: Dimension[];
  sections: MetricSection[];
}

/** Group a page's charts by split: one `metrics.compute` per split, with the union of sections. */
export function requestsFor(
  entries: readonly Pick<ChartEntry, 'by' | 'sections'>[],
): Record<string, MetricsRequest> {
  const out: Record<string, MetricsRequest> = {};
  for (const e of entries) {
    const k = e.by.join('+') || 'overall';
    const r = (out[k] ??= { by: e.by, sections: [] });
    for (const s of e.sections) if (!r.sections.includes(s)) r.sections.push(s);
  }
  for (const r of Object.values(out)) r.sections.sort();
  return out;
}
export const splitKey = (by: Dimension[]) => by.join('+') || 'overall';

/**
 * Results already computed in this window, by request: going back to a page or to a filter set seen
 * before draws from here without a round trip. Small and bounded; a new project clears it.
 */
const cache = new Map<string, Promise<MetricsResult>>();
const CACHE_SIZE = 120;
export function clearMetricsCache() {
  cache.clear();
}
function compute(api: Api, filters: MetricFilters, req: MetricsRequest): Promise<MetricsResult> {
  const key = JSON.stringify([filters, req.by, req.sections]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const p = api.call('metrics.compute', { filters, by: req.by, sections: req.sections });
  p.catch(() => cache.delete(key));
  cache.set(key, p);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return p;
}

export interface PageMetrics {
  /** Results by split key ('overall', 'cohort', 'program+cohort'...), for the filters in `key`. */
  results: Record<string, MetricsResult> | null;
  /** The filters key the results belong to (the previous results stay on screen while loading). */
  key: string | null;
  loading: boolean;
  error: unknown;
  /** performance.now() when the results arrived. */
  receivedAt: number | null;
}

/** The metrics a page needs for the current filters: one request per split, all in parallel. */
export function usePageMetrics(
  requests: Record<string, MetricsRequest>,
  filters: MetricFilters,
  key: string,
): PageMetrics {
  const api = useApi();
  const [state, setState] = useState<PageMetrics>({
    results: null,
    key: null,
    loading: true,
    error: null,
    receivedAt: null,
  });
  const reqKey = useMemo(() => JSON.stringify(requests), [requests]);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    const entries = Object.entries(requests);
    Promise.all(entries.map(([, r]) => compute(api, filters, r))).then(
      (rs) => {
        if (!live) return;
        setState({
          results: Object.fromEntries(entries.map(([k], i) => [k, rs[i]!])),
          key,
          loading: false,
          error: null,
          receivedAt: performance.now(),
        });
      },
      (error: unknown) => live && setState((s) => ({ ...s, loading: false, error })),
    );
    return () => {
      live = false;
    };
    // `requests` is described by reqKey and `filters` by key: both are compared by value.
  }, [api, reqKey, key]);
  return state;
}

/**
 * The filter sets one click away from `filters`, most likely first: clearing them, removing one value,
 * then adding one value of each kind in turn (the first cohort, program, site, partner type, partner
 * and participant attribute value the filter bar offers, then the second of each...), so the few sets
 * computed ahead cover every kind of filter rather than only cohorts and programs. What the filter bar
 * would set, normalised the same way, so a prefetched result is found by its key. (A date range cannot
 * be guessed.)
 */
export function neighbourFilters(filters: MetricFilters, dims: ProjectDimensions): MetricFilters[] {
  const out = new Map<string, MetricFilters>();
  const add = (f: MetricFilters) => {
    const n = normaliseFilters(f);
    const k = filtersKey(n);
    if (k !== filtersKey(filters) && !out.has(k)) out.set(k, n);
  };
  add({});
  for (const key of ['cohorts', 'programs', 'sites', 'partners', 'partnerTypes'] as const)
    for (const v of filters[key] ?? []) add({ ...filters, [key]: filters[key]!.filter((x) => x !== v) });
  for (const [name, values] of Object.entries(filters.attributes ?? {}))
    for (const v of values)
      add({ ...filters, attributes: { ...filters.attributes, [name]: values.filter((x) => x !== v) } });
  // One more value of each kind, in the filter bar's order, taken in turn.
  const adds: (() => MetricFilters)[][] = [
    ...(
      [
        ['cohorts', dims.cohorts],
        ['programs', dims.programs],
        ['sites', dims.sites],
        ['partnerTypes', dims.partnerTypes],
        ['partners', dims.partners],
      ] as const
    ).map(([key, options]) =>
      options
        .filter((o) => !(filters[key] ?? []).includes(o.code))
        .map((o) => () => ({ ...filters, [key]: [...(filters[key] ?? []), o.code] })),
    ),
    dims.attributes.flatMap((a) =>
      a.values
        .filter((v) => !(filters.attributes?.[a.name] ?? []).includes(v))
        .map((v) => () => ({
          ...filters,
          attributes: { ...filters.attributes, [a.name]: [...(filters.attributes?.[a.name] ?? []), v] },
        })),
    ),
  ];
  const longest = Math.max(0, ...adds.map((a) => a.length));
  for (let i = 0; i < longest; i++) for (const kind of adds) if (kind[i]) add(kind[i]!());
  return [...out.values()];
}

/** How many neighbouring filter sets a page computes ahead, at most. */
const PREFETCH_MAX = 14;

/**
 * When the page is drawn and the browser is idle, compute the metrics of the filter sets one click
 * away (one request at a time, each in its own idle moment), so the next filter change draws from the
 * cache instead of waiting for the engine. Stops as soon as the filters or the page change.
 */
export function usePrefetchNeighbours(
  requests: Record<string, MetricsRequest>,
  filters: MetricFilters,
  dims: ProjectDimensions | null,
  enabled: boolean,
): void {
  const api = useApi();
  const reqKey = useMemo(() => JSON.stringify(requests), [requests]);
  const key = filtersKey(filters);
  useEffect(() => {
    if (!enabled || !dims) return;
    let live = true;
    let handle: number | ReturnType<typeof setTimeout> | null = null;
    const idle = (fn: () => void) => {
      if (typeof requestIdleCallback === 'undefined') handle = setTimeout(fn, 50);
      else handle = requestIdleCallback(fn, { timeout: 3000 });
    };
    const work = neighbourFilters(filters, dims)
      .slice(0, PREFETCH_MAX)
      .flatMap((f) => Object.values(requests).map((r) => [f, r] as const));
    const next = () => {
      const item = work.shift();
      if (!live || !item) return;
      compute(api, item[0], item[1]).then(
        () => live && idle(next),
        () => undefined, // a failed prefetch is dropped from the cache; the real request will say why
      );
    };
    idle(next);
    return () => {
      live = false;
      if (handle === null) return;
      if (typeof handle === 'number' && typeof cancelIdleCallback !== 'undefined') cancelIdleCallback(handle);
      else clearTimeout(handle);
    };
    // `requests` is described by reqKey and `filters` by key: both are compared by value.
  }, [api, reqKey, key, dims, enabled]);
}
