import { CHART_CATALOGUE } from '@core/charts/catalogue';
import type { CatalogueEntry } from './chart-source';

/**
 * The charts every export can make: the dashboards' catalogue, so the export handlers, the CLI, the
 * report and the standalone dashboard draw exactly what the dashboards draw.
 */
export const EXPORT_CATALOGUE: readonly CatalogueEntry[] = CHART_CATALOGUE;
