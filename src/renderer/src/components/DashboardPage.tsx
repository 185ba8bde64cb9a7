import { useCallback, useInsertionEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MetricsResult } from '@shared/metrics';
import { chartsForPage, type ChartPage } from '@core/charts/catalogue';
import type { ChartModel } from '@core/charts/model';
import { useFilters } from '../features/filters/filters';
import { ChartCard, type ReadyState } from './ChartCard';
import { useChartActions } from './chart-actions';
import { ErrorNote } from './ErrorNote';
import {
  requestsFor,
  splitKey,
  usePageMetrics,
  usePrefetchNeighbours,
  type MetricsRequest,
} from './use-metrics';

export type PageResults = Record<string, MetricsResult>;

/**
 * The frame of every dashboard page: fetch the page's metrics (one request per split, for the current
 * filters), build every chart of the page from the catalogue once per result, draw them, and time the
 * redraw after a filter change (exposed as `data-redraw-ms` for the e2e suite, never asserted).
 */
export function DashboardPage({
  page,
  title,
  intro,
  extraRequests,
  header,
  select,
  wideCharts = [],
  chartActions,
}: {
  page: ChartPage;
  title: string;
  intro: string;
  /** Metrics the page needs beyond its charts (the Overview's headlines), merged by split. */
  extraRequests?: MetricsRequest[];
  header?: (results: PageResults) => ReactNode;
  /** Which of the built charts to show (the Cohorts page shows the one chosen). */
  select?: (models: ChartModel[]) => ChartModel[];
  wideCharts?: string[];
  /** Per-chart actions for this page only; every page also gets the app-wide ones (chart-actions.tsx). */
  chartActions?: (model: ChartModel) => ReactNode;
}) {
  const { filters, key, takeChangedAt, dimensions } = useFilters();
  const appActions = useChartActions();
  const entries = useMemo(() => chartsForPage(page), [page]);
  const requests = useMemo(
    () => requestsFor([...entries, ...(extraRequests ?? [])]),
    [entries, extraRequests],
  );
  const { results, key: dataKey, loading, error, receivedAt } = usePageMetrics(requests, filters, key);

  // Build every chart once per result set (pure functions; memoised so a re-render draws nothing).
  const models = useMemo(() => {
    if (!results) return [];
    return entries.flatMap((e) => {
      const m = results[splitKey(e.by)];
      if (!m) return [];
      const built = e.build(m, filters);
      return Array.isArray(built) ? built : [built];
    });
    // `filters` belongs to `results` (same key); rebuilding on a filter change before the new
    // results arrive would draw the old numbers under the new caption.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results, entries]);
  const shown = useMemo(() => (select ? select(models) : models), [models, select]);
  const wide = useMemo(() => wideCards(shown, wideCharts), [shown, wideCharts]);

  // Redraw timing: which chart is on screen for which filters. When every chart in view is drawn
  // (those below the fold may wait), `data-redraw-ms` is what the user waited; when every chart is
  // drawn, the page is ready (`data-ready-key`) and `data-redraw-all-ms` says how long that took.
  const ready = useRef(new Map<string, { key: string; state: ReadyState }>());
  const changed = useRef<{ key: string; at: number } | null>(null);
  const [readyKey, setReadyKey] = useState<string | null>(null);
  const [redrawMs, setRedrawMs] = useState<number | null>(null);
  const [redrawAllMs, setRedrawAllMs] = useState<number | null>(null);
  const [fetchMs, setFetchMs] = useState<number | null>(null);
  const onReadyNow = useCallback(
    (id: string, k: string, state: ReadyState) => {
      const prev = ready.current.get(id);
      if (!(prev?.key === k && prev.state === 'drawn')) ready.current.set(id, { key: k, state });
      if (!dataKey || shown.length === 0) return;
      const states = shown.map((m) => ready.current.get(m.id));
      if (!states.every((r) => r?.key === dataKey)) return;
      const all = states.every((r) => r?.state === 'drawn');
      if (dataKey === key) {
        const t = takeChangedAt();
        if (t !== null) {
          changed.current = { key: dataKey, at: t };
          setRedrawMs(Math.round(performance.now() - t));
          setRedrawAllMs(null);
          setFetchMs(receivedAt === null ? null : Math.round(receivedAt - t));
        }
      }
      if (!all) return;
      setReadyKey(dataKey);
      if (changed.current?.key === dataKey) {
        setRedrawAllMs(Math.round(performance.now() - changed.current.at));
        changed.current = null;
      }
    },
    [dataKey, shown, key, takeChangedAt, receivedAt],
  );
  // The cards get one stable callback (and memoised actions), so a page state change (ready, timing)
  // does not re-render every chart card.
  // Updated in an insertion effect (before any effect of the tree): the cards' effects, which report
  // ready, run before this page's own effects and must see this render's data key.
  const onReadyRef = useRef(onReadyNow);
  useInsertionEffect(() => {
    onReadyRef.current = onReadyNow;
  });
  const onReady = useCallback(
    (id: string, k: string, state: ReadyState) => onReadyRef.current(id, k, state),
    [],
  );
  // Once this page is drawn for the current filters, compute the next likely ones while idle.
  usePrefetchNeighbours(requests, filters, dimensions, readyKey === key);

  const actions = useMemo(() => {
    const out = new Map<string, ReactNode>();
    if (!chartActions && !appActions) return out;
    for (const m of shown)
      out.set(
        m.id,
        <>
          {appActions?.(m)}
          {chartActions?.(m)}
        </>,
      );
    return out;
  }, [shown, appActions, chartActions]);

  return (
    <div
      className="page dashboard"
      data-testid={`page-${page}`}
      data-filters-key={key}
      data-ready-key={readyKey ?? ''}
      data-redraw-ms={redrawMs ?? ''}
      data-redraw-all-ms={redrawAllMs ?? ''}
      data-fetch-ms={fetchMs ?? ''}
      aria-busy={loading}
    >
      <div className="page-head">
        <h1>{title}</h1>
        <p className="intro">{intro}</p>
      </div>
      <ErrorNote error={error} />
      {loading && !results && <p className="loading">Computing…</p>}
      {results && header?.(results)}
      <div className={`chart-grid${loading ? ' stale' : ''}`}>
        {dataKey &&
          shown.map((m) => (
            <ChartCard
              key={m.id}
              model={m}
              dataKey={dataKey}
              onReady={onReady}
              actions={actions.get(m.id)}
              wide={wide.has(m.id)}
            />
          ))}
      </div>
    </div>
  );
}

/**
 * Which cards span the whole row: the page's wide charts, and a half-width card that would otherwise
 * stand alone in its row (before a wide card or at the end) so no card sits beside an empty gap. The
 * grid has at most two columns (cards are at least 560 px and at most half the page); with one
 * column every card is full width anyway.
 */
export function wideCards(models: readonly ChartModel[], wideCharts: readonly string[]): Set<string> {
  const out = new Set<string>();
  let open: string | null = null; // a half card waiting for a neighbour
  for (const m of models) {
    if (wideCharts.some((w) => m.id.startsWith(w))) {
      if (open) out.add(open);
      open = null;
      out.add(m.id);
    } else open = open ? null : m.id;
  }
  if (open) out.add(open);
  return out;
}
