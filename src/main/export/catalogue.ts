import type { CatalogueEntry } from './chart-source';

/**
 * The charts every export can make: the dashboards' catalogue (src/core/charts/catalogue.ts), wired
 * here so the export handlers, the CLI and the report share one list.
 */
export const EXPORT_CATALOGUE: readonly CatalogueEntry[] = [];
