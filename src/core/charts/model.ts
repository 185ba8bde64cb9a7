import type { TopLevelSpec } from 'vega-lite';
import type { FigureCaption } from '../export/caption';
import type { Dimension, MetricFilters, MetricSection, MetricsResult } from '@shared/metrics';

/**
 * One chart as every front end sees it: the dashboards draw `spec`, exports add `caption` under the
 * figure, screen readers get `alt`, and "export table" writes `table`. Built by a pure function from
 * metric output, so the dashboard, a PNG export, the report and the standalone HTML show the same
 * figure with the same numbers.
 */
export interface ChartModel {
  /** Stable name, used by `trellis export chart --chart NAME` and the report's chart list. */
  id: string;
  title: string;
  caption: FigureCaption;
  spec: TopLevelSpec;
  /** Text alternative: what the chart shows and its main values, in a sentence or two. */
  alt: string;
  /** The numbers behind the chart, already suppressed (suppressed cells carry their reason). */
  table: { columns: string[]; rows: (string | number | null)[][] };
  /** Set when there is nothing to draw; says what to import next. */
  empty?: string;
}

/** An entry of the chart catalogue: which metric sections it needs and how to build it. */
export interface ChartEntry {
  id: string;
  title: string;
  /** Dashboard page the chart lives on. */
  page: 'overview' | 'reach' | 'outcomes' | 'partners' | 'cohorts';
  /** The split to pass to `metrics.compute` for this chart (charts sharing a split share one call). */
  by: Dimension[];
  /** The metric sections the chart reads. */
  sections: MetricSection[];
  build(metrics: MetricsResult, filters: MetricFilters): ChartModel | ChartModel[];
}
