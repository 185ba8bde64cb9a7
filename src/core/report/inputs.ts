import type { ChartModel } from '../charts/model';
import type { MetricFilters, MetricSection, MetricsResult, ProjectSettings } from '@shared/metrics';
import type { MetricTable } from './metric-tables';
import type { EvaluationQuestion } from '@shared/export-contract';

/** What the Node side reads from the project for the report (besides the metrics). */

/** One imported file, as the methods section lists it. */
export interface ImportRecord {
  fileName: string;
  /** What it was imported as: roster, attendance, survey, partners, ... */
  kind: string;
  /** Detected platform, e.g. qualtrics, google_forms, plain_csv. */
  format: string;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  /** ISO 8601 UTC. */
  importedAt: string;
}

/** How one scale (construct) is scored, from the codebook. */
export interface ScaleRule {
  code: string;
  name: string;
  instrument: string;
  respondentKind: 'youth' | 'partner';
  /** Item codes in order, and those reverse-coded. */
  items: { code: string; text: string; reverse: boolean }[];
  minItems: number;
  responseScale: { name: string; min: number; max: number } | null;
}

export interface ReportInputs {
  title: string;
  projectName: string;
  /** ISO 8601; printed as a date. */
  generatedAt: string;
  version: string;
  filters: MetricFilters;
  /** Human labels of the filter values (codes -> labels), from the project's dimensions. */
  filterLabels?: Partial<Record<keyof MetricFilters, Record<string, string>>>;
  /** The whole-selection metrics (by = []); every figure already suppressed. */
  metrics: MetricsResult;
  settings: ProjectSettings;
  imports: ImportRecord[];
  scales: ScaleRule[];
  /** The charts chosen, in the order given. */
  charts: ChartModel[];
  questions: EvaluationQuestion[];
  /** Metric tables, computed by the Node side (split as suits each section), for the questions and appendix. */
  tables: Partial<Record<MetricSection, MetricTable>>;
  /** Sections printed in the appendix, in order. */
  appendix: MetricSection[];
}
