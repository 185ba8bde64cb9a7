import { extname } from 'node:path';
import type { MetricFilters, ProjectDimensions } from '@shared/metrics';
import { MetricFilters as MetricFiltersSchema } from '@shared/metrics';
import type { Project } from '../../db/open-project';
import { EXPORT_CATALOGUE } from '../../export/catalogue';
import { catalogueSource, type ChartSource, type ComputeMetrics } from '../../export/chart-source';
import type { ExportEnv } from '../../export/service';
import type { CallContext } from '../../services/context';
import { readDimensions } from '../../services/dimensions';
import { createHandlers } from '../../services/handlers';
import { Session } from '../../services/session';
import { UsageError } from '../io';

/** What the export commands share: one project opened, its metrics, the chart catalogue, --filter. */

export const CLI_CONTEXT: CallContext = { signal: new AbortController().signal, progress: () => {} };

/** Where the CLI's charts come from: the catalogue over the project's metrics; tests swap in their own. */
type SourceFactory = (metrics: ComputeMetrics) => ChartSource;
let sourceFor: SourceFactory = (metrics) => catalogueSource(EXPORT_CATALOGUE, metrics);
export function useExportSourceForCli(factory: SourceFactory): () => void {
  const before = sourceFor;
  sourceFor = factory;
  return () => {
    sourceFor = before;
  };
}

export function openExportEnv(
  path: string,
  version: string,
): { env: ExportEnv; project: Project; close(): void } {
  const session = new Session('browser', version);
  const project = session.open(path);
  const handlers = createHandlers(session);
  const env: ExportEnv = {
    db: project.db,
    projectName: project.name,
    version,
    charts: sourceFor((q, ctx) => handlers['metrics.compute'](q, ctx)),
  };
  return { env, project, close: () => session.close() };
}

const KEYS = {
  cohort: 'cohorts',
  program: 'programs',
  site: 'sites',
  partner: 'partners',
  partner_type: 'partnerTypes',
} as const;

/**
 * `--filter cohort=2024-25 --filter site="Cañon City Library"`: a code or a label (any case);
 * `attribute:grade=7`; `from=YYYY-MM-DD`, `to=YYYY-MM-DD`. Unknown keys and values are usage errors
 * that list what the project has.
 */
export function parseFilters(values: unknown, dims: ProjectDimensions): MetricFilters {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  const filters: MetricFilters = {};
  for (const raw of list) {
    const text = String(raw);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`--filter ${text}: expected KEY=VALUE, e.g. cohort=2024-25.`);
    const key = text.slice(0, eq).trim().replace(/-/g, '_');
    const value = text.slice(eq + 1).trim();
    if (key === 'from' || key === 'to') {
      filters[key === 'from' ? 'dateFrom' : 'dateTo'] = value;
      continue;
    }
    if (key.startsWith('attribute:')) {
      const name = key.slice('attribute:'.length);
      const known = dims.attributes.find((a) => a.name === name);
      if (!known)
        throw new UsageError(
          `--filter ${text}: no attribute "${name}" (attributes: ${dims.attributes.map((a) => a.name).join(', ') || 'none'}).`,
        );
      filters.attributes = { ...filters.attributes, [name]: [...(filters.attributes?.[name] ?? []), value] };
      continue;
    }
    if (!(key in KEYS))
      throw new UsageError(
        `--filter ${text}: unknown key "${key}" (cohort, program, site, partner, partner_type, attribute:NAME, from, to).`,
      );
    const field = KEYS[key as keyof typeof KEYS];
    const options = dims[field];
    const hit =
      options.find((o) => o.code === value) ??
      options.find((o) => o.label.toLocaleLowerCase() === value.toLocaleLowerCase());
    if (!hit)
      throw new UsageError(
        `--filter ${text}: no ${key.replace('_', ' ')} "${value}" in this project (${options.map((o) => o.code).join(', ') || 'none yet'}).`,
      );
    filters[field] = [...(filters[field] ?? []), hit.code];
  }
  const parsed = MetricFiltersSchema.safeParse(filters);
  if (!parsed.success) throw new UsageError(`--filter: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return parsed.data;
}

export function filtersFor(project: Project, values: unknown): MetricFilters {
  return parseFilters(values, readDimensions(project.db));
}

/** The format from --format, else from the --out extension. */
export function formatOf<F extends string>(values: Record<string, unknown>, allowed: readonly F[]): F {
  const out = values.out;
  if (typeof out !== 'string' || !out) throw new UsageError('--out FILE is required.');
  const explicit = values.format;
  const fromExt = extname(out).slice(1).toLowerCase();
  const format = (typeof explicit === 'string' ? explicit : fromExt).toLowerCase();
  if (!(allowed as readonly string[]).includes(format))
    throw new UsageError(
      typeof explicit === 'string'
        ? `--format must be one of ${allowed.join(', ')}.`
        : `Cannot tell the format from "${out}": name it .${allowed.join(', .')} or pass --format.`,
    );
  return format as F;
}

export function list(values: unknown): string[] {
  return Array.isArray(values) ? values.map(String) : values === undefined ? [] : [String(values)];
}
