import type { ChartEntry, ChartModel } from '@core/charts/model';
import { TrellisError } from '@shared/errors';
import type { MetricFilters, MetricSection, MetricsResult } from '@shared/metrics';
import type { CallContext } from '../services/context';

/**
 * Where exports get their charts: the dashboards' catalogue (src/core/charts/catalogue.ts) run over
 * the metrics engine, so an exported figure is the dashboard's figure, with the same suppressed
 * numbers. Exports never take a spec from the renderer: the Node side rebuilds the chart by id.
 */

export interface MetricsQuery {
  filters: MetricFilters;
  by: string[];
  sections?: MetricSection[];
}
export type ComputeMetrics = (
  query: MetricsQuery,
  ctx: CallContext,
) => Promise<MetricsResult> | MetricsResult;

/** A catalogue entry may say which split and sections its metrics need. */
export type CatalogueEntry = ChartEntry & { by?: readonly string[]; sections?: readonly MetricSection[] };

export interface BuiltChart {
  model: ChartModel;
  page: ChartEntry['page'];
  /** The metric sections its entry reads, when the entry says. */
  sections?: readonly MetricSection[];
  /** One of several charts one entry builds (one per scale, per cohort...): detail, not headline. */
  family: boolean;
}

export interface ChartSource {
  /** Every chart of the catalogue for these filters, in catalogue order. */
  build(filters: MetricFilters, ctx: CallContext, only?: readonly string[]): Promise<BuiltChart[]>;
  metrics: ComputeMetrics;
}

export function catalogueSource(entries: readonly CatalogueEntry[], metrics: ComputeMetrics): ChartSource {
  return {
    metrics,
    async build(filters, ctx, only) {
      // When every id asked for is an entry's own id, only those entries run; an entry that builds
      // several charts names them itself, so otherwise every entry runs and the ids are picked after.
      const entryIds = new Set(entries.map((e) => e.id));
      const narrow = only && only.every((id) => entryIds.has(id));
      const used = entries.filter((e) => !narrow || only.includes(e.id));

      // One metrics run per distinct split, for the union of the sections its entries need.
      const splits = new Map<string, { by: string[]; sections: Set<MetricSection> | null }>();
      for (const e of used) {
        const key = (e.by ?? []).join('|');
        const split = splits.get(key) ?? { by: [...(e.by ?? [])], sections: new Set<MetricSection>() };
        if (!e.sections)
          split.sections = null; // an entry that does not say needs them all
        else for (const s of e.sections) split.sections?.add(s);
        splits.set(key, split);
      }
      const runs = new Map<string, Promise<MetricsResult>>();
      const run = (by: readonly string[]) => {
        const key = by.join('|');
        let r = runs.get(key);
        if (!r) {
          const split = splits.get(key)!;
          r = Promise.resolve(
            metrics(
              { filters, by: split.by, ...(split.sections ? { sections: [...split.sections] } : {}) },
              ctx,
            ),
          );
          runs.set(key, r);
        }
        return r;
      };
      const out: BuiltChart[] = [];
      for (const entry of entries) {
        if (narrow && !only.includes(entry.id)) continue;
        const built = entry.build(await run(entry.by ?? []), filters);
        const models = Array.isArray(built) ? built : [built];
        for (const model of models) {
          if (!only || only.includes(model.id))
            out.push({ model, page: entry.page, sections: entry.sections, family: models.length > 1 });
        }
      }
      return out;
    },
  };
}

/** The one chart with this id, or a not_found error that lists what exists. */
export async function buildChart(
  source: ChartSource,
  id: string,
  filters: MetricFilters,
  ctx: CallContext,
): Promise<ChartModel> {
  const [hit] = await source.build(filters, ctx, [id]);
  if (hit) return hit.model;
  const all = await source.build(filters, ctx);
  throw new TrellisError(
    'not_found',
    `There is no chart called "${id}". Charts: ${all.map((c) => c.model.id).join(', ') || 'none (no chart catalogue in this build)'}.`,
  );
}
