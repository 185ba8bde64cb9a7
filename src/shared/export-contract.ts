import { z } from 'zod';
import type { MethodSpec } from './contract';
import { Dimension, METRIC_SECTIONS, MetricFilters } from './metrics';

/**
 * Export methods: a chart as PNG/SVG/PDF, a metric table as CSV/XLSX, the grant report as PDF/HTML,
 * and the standalone dashboard. Every one is built on the Node side from suppressed metrics, then
 * delivered by the front door: Electron asks where to save with the native dialog; browser mode gets
 * a one-shot download URL (token-protected like every other route); the CLI writes to --out.
 */

export const CHART_FORMATS = ['png', 'svg', 'pdf'] as const;
export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export const REPORT_FORMATS = ['pdf', 'html'] as const;
export const REPORT_PAGE_SIZES = ['Letter', 'A4'] as const;
/** Same ids as src/core/export/presets.ts (the shared layer cannot import core). */
export const FIGURE_PRESETS = ['report', 'slide', 'half-column'] as const;

export const FigureSizeInput = z.union([
  z.enum(FIGURE_PRESETS),
  z.object({
    widthInches: z.number().positive().max(100),
    dpi: z.number().int().min(36).max(2400),
  }),
]);

/** A chart of the catalogue, by the id its builder gives it (e.g. `reach-by-site`). */
const ChartId = z.string().min(1).max(200);

/** Where a finished export went. Exactly one of savedTo/downloadUrl is set unless the user cancelled. */
export const ExportDelivery = z.object({
  fileName: z.string(),
  bytes: z.number().int(),
  /** Electron: the path the user chose. Null in browser mode, or when the dialog was cancelled. */
  savedTo: z.string().nullable(),
  /** Browser mode: a one-shot URL on the loopback server; it works once and expires after 10 minutes. */
  downloadUrl: z.string().nullable(),
  /** The user cancelled the save dialog: nothing was written. */
  cancelled: z.boolean(),
  /** Things the user should know (a chart with nothing to draw left out, a renderer warning). */
  warnings: z.array(z.string()),
});
export type ExportDelivery = z.infer<typeof ExportDelivery>;

export const TableSource = z.discriminatedUnion('kind', [
  /** The numbers behind one chart (its ChartModel.table). */
  z.object({ kind: z.literal('chart'), chart: ChartId }),
  /** One section of the metrics, split by up to two dimensions. */
  z.object({
    kind: z.literal('section'),
    section: z.enum(METRIC_SECTIONS),
    by: z.array(Dimension).max(2).default([]),
  }),
]);
export type TableSource = z.infer<typeof TableSource>;

export const EvaluationQuestion = z.object({
  question: z.string().trim().min(1).max(500),
  /** Charts that answer it, in order. */
  charts: z.array(ChartId).max(40).default([]),
  /** Metric sections shown as tables under it. */
  tables: z.array(z.enum(METRIC_SECTIONS)).max(12).default([]),
});
export type EvaluationQuestion = z.infer<typeof EvaluationQuestion>;

export const ReportRequest = z.object({
  title: z.string().trim().max(200).optional(),
  filters: MetricFilters.default({}),
  /** Charts to include; omitted = the default set (every chart with something to draw). */
  charts: z.array(ChartId).max(60).optional(),
  /** Metric tables for the appendix; omitted = the default (reach, dosage, pre/post, match report). */
  tables: z.array(z.enum(METRIC_SECTIONS)).max(12).optional(),
  /** The evaluation questions, each with its evidence; omitted = questions by dashboard page. */
  questions: z.array(EvaluationQuestion).max(12).optional(),
  format: z.enum(REPORT_FORMATS).default('pdf'),
  pageSize: z.enum(REPORT_PAGE_SIZES).default('Letter'),
});
export type ReportRequest = z.infer<typeof ReportRequest>;

const ChartListing = z.object({
  id: ChartId,
  title: z.string(),
  page: z.string(),
  /** Set when the chart has nothing to draw for these filters (says what to import). */
  empty: z.string().nullable(),
  /** In the report's default set. */
  inDefaultReport: z.boolean(),
});

export const exportContract = {
  'export.catalogue': {
    description: 'The charts that can be exported for these filters, and the default report set.',
    input: z.object({ filters: MetricFilters.default({}) }),
    output: z.object({
      charts: z.array(ChartListing),
      defaultQuestions: z.array(EvaluationQuestion),
      /** The appendix tables a report has by default. */
      defaultTables: z.array(z.enum(METRIC_SECTIONS)),
    }),
  },
  'export.chart': {
    description: 'One chart as PNG (exact pixels and DPI), SVG (text as text) or PDF, with its caption.',
    long: true,
    input: z.object({
      chart: ChartId,
      filters: MetricFilters.default({}),
      format: z.enum(CHART_FORMATS),
      size: FigureSizeInput.default('report'),
      caption: z.boolean().default(true),
    }),
    output: ExportDelivery,
  },
  'export.copyChart': {
    description: 'A chart as a PNG on the clipboard (desktop app only).',
    long: true,
    input: z.object({
      chart: ChartId,
      filters: MetricFilters.default({}),
      size: FigureSizeInput.default('report'),
      caption: z.boolean().default(true),
    }),
    output: z.object({ bytes: z.number().int(), width: z.number().int(), dpi: z.number() }),
  },
  'export.table': {
    description:
      'A metric table (or the numbers behind a chart) as CSV or XLSX, suppressed, formulas neutralised.',
    input: z.object({
      source: TableSource,
      filters: MetricFilters.default({}),
      format: z.enum(TABLE_FORMATS),
      /** CSV only: start with a UTF-8 byte order mark so Excel on Windows reads "Zoë" right. */
      bom: z.boolean().default(false),
    }),
    output: ExportDelivery,
  },
  'export.report': {
    description:
      'The grant report: title page, evidence by evaluation question, figures with captions, tables, methods.',
    long: true,
    input: ReportRequest,
    output: ExportDelivery,
  },
  'export.dashboard': {
    description:
      'One self-contained HTML file (suppressed data, scripts inlined) that opens offline in any browser.',
    long: true,
    input: z.object({
      title: z.string().trim().max(200).optional(),
      filters: MetricFilters.default({}),
      /** Charts to include; omitted = every chart with something to draw, by dashboard page. */
      charts: z.array(ChartId).max(60).optional(),
    }),
    output: ExportDelivery,
  },
} as const satisfies Record<string, MethodSpec>;
