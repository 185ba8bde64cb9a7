import type { Browser } from 'playwright-core';
import type { ChartModel } from '@core/charts/model';
import { toCsv } from '@core/export/csv';
import { resolveFigureSize, type FigureSize } from '@core/export/presets';
import type { StandaloneSection } from '@core/export/standalone-html';
import {
  buildReportOutline,
  DEFAULT_APPENDIX,
  defaultQuestions,
  describeFilters,
  metricTable,
  renderReportHtml,
  SECTION_TITLES,
  tableForFile,
  type MetricTable,
  type ReportInputs,
  REPORT_MARGINS_IN,
} from '@core/report';
import type { EvaluationQuestion, ReportRequest, TableSource } from '@shared/export-contract';
import { TrellisError } from '@shared/errors';
import type { MetricFilters, MetricSection, ProjectDimensions, ProjectSettings } from '@shared/metrics';
import type { Db } from '../db/open-project';
import { readSettings } from '../db/project-settings';
import { readDimensions } from '../services/dimensions';
import { progressReporter, throwIfCancelled, type CallContext } from '../services/context';
import { buildChart, type BuiltChart, type ChartSource } from './chart-source';
import { renderChartPdf, renderChartPng, renderHtmlToPdf, type PageRenderOptions } from './render-browser';
import { renderChartSvg } from './render-svg';
import { renderReportFigureSvg } from './report/figures';
import { readImportRecords, readScaleRules } from './report/sources';
import { buildStandaloneHtml } from './standalone';
import { toXlsx } from './xlsx';

/**
 * Every export as bytes and a file name, for any front door: the handlers deliver them (save dialog
 * or download URL), the CLI writes them to --out. Charts and tables come only from the catalogue and
 * the metrics engine, which suppress small groups before anything reaches this file.
 */

export interface ExportEnv {
  db: Db;
  projectName: string;
  version: string;
  charts: ChartSource;
  /** Reuse a running Chromium for PNG/PDF (tests, the CLI); otherwise each export launches one. */
  browser?: Browser;
  /** Electron prints with its own Chromium (printToPDF); elsewhere headless Chromium via Playwright. */
  printToPdf?: (html: string, options: { pageSize: 'Letter' | 'A4' }) => Promise<Uint8Array>;
  /** Electron renders figure pages (PNG/PDF) with its own Chromium too. */
  renderPage?: (html: string, options: PageRenderOptions) => Promise<Uint8Array>;
  /** Fixed clock for tests. */
  now?: () => Date;
}

export interface ExportFile {
  fileName: string;
  mime: string;
  data: Buffer | string;
  warnings: string[];
}

export const MIME = {
  png: 'image/png',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
} as const;

/** A file name from a title: letters of any script kept, everything else a hyphen. */
export function fileSlug(title: string, fallback = 'trellis-export'): string {
  const slug = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || fallback;
}

export const PAGE_TITLES: Record<string, string> = {
  overview: 'Overview',
  reach: 'Reach and dosage',
  outcomes: 'Youth outcomes',
  partners: 'Partnership',
  cohorts: 'Cohorts compared',
};

/** How each metric section is split when it is a table in the report. */
const REPORT_TABLE_SPLITS: Record<MetricSection, string[]> = {
  reach: ['program'],
  dosage: ['program'],
  retention: [],
  scales: [],
  reliability: [],
  items: [],
  prePost: [],
  prePostByDosage: [],
  matchReport: ['cohort'],
  partnerHealth: ['partner_type'],
  contributions: [],
  goals: [],
};

// 1. Charts -------------------------------------------------------------------------------------

export interface ChartRequest {
  chart: string;
  filters: MetricFilters;
  format: 'png' | 'svg' | 'pdf';
  size: 'report' | 'slide' | 'half-column' | FigureSize;
  caption: boolean;
}

export async function exportChart(env: ExportEnv, req: ChartRequest, ctx: CallContext): Promise<ExportFile> {
  const size = figureSize(req.size);
  const model = await buildChart(env.charts, req.chart, req.filters, ctx);
  if (model.empty)
    throw new TrellisError('not_found', `“${model.title}” has nothing to draw: ${model.empty}`);
  throwIfCancelled(ctx.signal);
  const warnings: string[] = [];
  const options = {
    caption: req.caption ? model.caption : undefined,
    onWarning: (w: string) => warnings.push(w),
  };
  const data =
    req.format === 'svg'
      ? await renderChartSvg(model.spec, options)
      : req.format === 'png'
        ? await renderChartPng(model.spec, {
            ...options,
            size,
            browser: env.browser,
            renderPage: env.renderPage,
          })
        : await renderChartPdf(model.spec, {
            ...options,
            size,
            browser: env.browser,
            renderPage: env.renderPage,
          });
  return {
    fileName: `${fileSlug(model.title, model.id)}.${req.format}`,
    mime: MIME[req.format],
    data,
    warnings,
  };
}

function figureSize(size: ChartRequest['size']): FigureSize {
  try {
    return resolveFigureSize(size);
  } catch (e) {
    throw new TrellisError('bad_input', (e as Error).message);
  }
}

// 2. Tables -------------------------------------------------------------------------------------

export interface TableRequest {
  source: TableSource;
  filters: MetricFilters;
  format: 'csv' | 'xlsx';
  bom: boolean;
}

export async function exportTable(env: ExportEnv, req: TableRequest, ctx: CallContext): Promise<ExportFile> {
  let title: string;
  let table: { columns: string[]; rows: MetricTable['rows'] };
  if (req.source.kind === 'chart') {
    const model = await buildChart(env.charts, req.source.chart, req.filters, ctx);
    title = model.title;
    table = model.table;
  } else {
    const metrics = await env.charts.metrics(
      { filters: req.filters, by: req.source.by, sections: [req.source.section] },
      ctx,
    );
    const t = metricTable(metrics, req.source.section);
    title = req.source.by.length ? `${t.title} by ${req.source.by.join(' and ')}` : t.title;
    table = tableForFile(t);
  }
  const base = fileSlug(title);
  if (req.format === 'csv')
    return {
      fileName: `${base}.csv`,
      mime: MIME.csv,
      data: toCsv(table.columns, table.rows, { bom: req.bom }),
      warnings: [],
    };
  return {
    fileName: `${base}.xlsx`,
    mime: MIME.xlsx,
    data: await toXlsx(table.columns, table.rows, { sheetName: title }),
    warnings: [],
  };
}

// 3. The catalogue, for the Export menu and the report dialog ----------------------------------

export async function listCharts(env: ExportEnv, filters: MetricFilters, ctx: CallContext) {
  const built = await env.charts.build(filters, ctx);
  const defaultSet = new Set(defaultChartIds(built));
  return {
    charts: built.map((b) => ({
      id: b.model.id,
      title: b.model.title,
      page: b.page,
      empty: b.model.empty ?? null,
      inDefaultReport: defaultSet.has(b.model.id),
    })),
    defaultQuestions: defaultQuestions(
      built
        .filter((b) => defaultSet.has(b.model.id))
        .map((b) => ({ id: b.model.id, page: b.page, sections: b.sections })),
    ),
    defaultTables: DEFAULT_APPENDIX,
  };
}

/**
 * The report's default set: the headline charts with something to draw. Left out: the Cohorts
 * page (comparisons the other pages already split by cohort) and families of detail charts (one per
 * scale or item), which a user can still tick.
 */
function defaultChartIds(built: readonly BuiltChart[]): string[] {
  return built.filter((b) => !b.model.empty && !b.family && b.page !== 'cohorts').map((b) => b.model.id);
}

// 4. The report ---------------------------------------------------------------------------------

function filterLabels(d: ProjectDimensions): ReportInputs['filterLabels'] {
  const map = (rows: { code: string; label: string }[]) =>
    Object.fromEntries(rows.map((r) => [r.code, r.label]));
  return {
    cohorts: map(d.cohorts),
    programs: map(d.programs),
    sites: map(d.sites),
    partners: map(d.partners),
    partnerTypes: map(d.partnerTypes),
  };
}

export async function exportReport(
  env: ExportEnv,
  req: ReportRequest,
  ctx: CallContext,
): Promise<ExportFile> {
  const steps = progressReporter(ctx, 'Building the report', 'steps', 0);
  const settings: ProjectSettings = readSettings(env.db);

  // 1. Charts: the ones asked for (in that order), else the default set.
  steps(0, null, true);
  const built = await env.charts.build(req.filters, ctx);
  const byId = new Map(built.map((b) => [b.model.id, b]));
  const unknown = (req.charts ?? []).filter((id) => !byId.has(id));
  if (unknown.length)
    throw new TrellisError(
      'not_found',
      `No chart called ${unknown.map((u) => `"${u}"`).join(', ')} in this project.`,
    );
  // The default set, plus the charts with nothing to draw: those are listed in the methods as left
  // out (and why), so a reader knows what evidence is missing.
  const chosen: ChartModel[] = (
    req.charts ?? built.filter((b) => b.model.empty || defaultChartIds([b]).length).map((b) => b.model.id)
  ).map((id) => byId.get(id)!.model);
  const questions: EvaluationQuestion[] =
    req.questions ??
    defaultQuestions(
      chosen
        .filter((c) => !c.empty)
        .map((c) => ({ id: c.id, page: byId.get(c.id)!.page, sections: byId.get(c.id)!.sections })),
      req.tables,
    );
  for (const q of questions) {
    const missing = q.charts.filter((id) => !byId.has(id));
    if (missing.length)
      throw new TrellisError(
        'not_found',
        `Question "${q.question}" names no such chart: ${missing.join(', ')}.`,
      );
  }
  // A chart named under a question is in the report even if the chart list left it out.
  const inReport = new Map(chosen.map((c) => [c.id, c]));
  for (const q of questions)
    for (const id of q.charts) if (!inReport.has(id)) inReport.set(id, byId.get(id)!.model);
  throwIfCancelled(ctx.signal);

  // 2. Metrics for the methods section and the tables (split as suits each table).
  const metrics = await env.charts.metrics({ filters: req.filters, by: [] }, ctx);
  const appendix = req.tables ?? DEFAULT_APPENDIX;
  const sections = [...new Set([...questions.flatMap((q) => q.tables), ...appendix])];
  const tables: ReportInputs['tables'] = {};
  for (const s of sections) {
    const by = REPORT_TABLE_SPLITS[s];
    tables[s] = metricTable(
      by.length ? await env.charts.metrics({ filters: req.filters, by }, ctx) : metrics,
      s,
    );
  }
  throwIfCancelled(ctx.signal);

  // 3. Figures as SVG (no caption: the report sets it as text under the figure).
  const charts = [...inReport.values()];
  const drawable = charts.filter((c) => !c.empty);
  const figures = new Map<string, string>();
  const warnings: string[] = [];
  const total = drawable.length + 2;
  let done = 0;
  for (const c of drawable) {
    figures.set(
      c.id,
      await renderReportFigureSvg(c.spec, {
        pageSize: req.pageSize,
        onWarning: (w) => warnings.push(`${c.title}: ${w}`),
      }),
    );
    steps(++done, total, true);
    throwIfCancelled(ctx.signal);
  }
  for (const c of charts.filter((x) => x.empty)) warnings.push(`“${c.title}” was left out: ${c.empty}`);

  // 4. Outline and HTML.
  const now = (env.now ?? (() => new Date()))();
  const title = req.title?.trim() || `${env.projectName}: evaluation report`;
  const inputs: ReportInputs = {
    title,
    projectName: env.projectName,
    generatedAt: now.toISOString(),
    version: env.version,
    filters: req.filters,
    filterLabels: filterLabels(readDimensions(env.db)),
    metrics,
    settings,
    imports: readImportRecords(env.db),
    scales: readScaleRules(env.db),
    charts,
    questions,
    tables,
    appendix,
  };
  const html = renderReportHtml(buildReportOutline(inputs), { figures, pageSize: req.pageSize });
  steps(done + 1, total, true);
  const base = fileSlug(title, 'evaluation-report');
  if (req.format === 'html') return { fileName: `${base}.html`, mime: MIME.html, data: html, warnings };

  // 5. PDF: Electron's printToPDF where there is one, else headless Chromium.
  const blocked: string[] = [];
  const pdf = env.printToPdf
    ? Buffer.from(await env.printToPdf(html, { pageSize: req.pageSize }))
    : await renderHtmlToPdf(html, {
        pageSize: req.pageSize,
        margins: {
          top: `${REPORT_MARGINS_IN.top}in`,
          right: `${REPORT_MARGINS_IN.right}in`,
          bottom: `${REPORT_MARGINS_IN.bottom}in`,
          left: `${REPORT_MARGINS_IN.left}in`,
        },
        pageNumbers: true,
        browser: env.browser,
        onBlockedRequest: (u) => blocked.push(u),
      });
  steps(total, total, true);
  if (blocked.length) warnings.push(`${blocked.length} outside resource(s) were refused while printing.`);
  return { fileName: `${base}.pdf`, mime: MIME.pdf, data: pdf, warnings };
}

// 5. The standalone dashboard ---------------------------------------------------------------------

export async function exportDashboard(
  env: ExportEnv,
  req: { title?: string; filters: MetricFilters; charts?: string[] },
  ctx: CallContext,
): Promise<ExportFile> {
  const built = await env.charts.build(req.filters, ctx);
  const wanted = req.charts ? new Set(req.charts) : null;
  if (wanted) {
    const missing = [...wanted].filter((id) => !built.some((b) => b.model.id === id));
    if (missing.length)
      throw new TrellisError('not_found', `No chart called ${missing.join(', ')} in this project.`);
  }
  const picked = built.filter((b) => (wanted ? wanted.has(b.model.id) : true));
  const settings = readSettings(env.db);
  const pages = [...new Set(picked.map((b) => b.page))];
  const selection = describeFilters(req.filters, filterLabels(readDimensions(env.db)));
  const sections: StandaloneSection[] = pages.map((page) => {
    const onPage = picked.filter((b) => b.page === page);
    const empty = onPage.filter((b) => b.model.empty);
    return {
      heading: PAGE_TITLES[page] ?? page,
      intro: empty.length ? empty.map((b) => `${b.model.title}: ${b.model.empty}`) : undefined,
      specs: onPage
        .filter((b) => !b.model.empty)
        .map((b) => ({ spec: b.model.spec, alt: b.model.alt, caption: b.model.caption })),
    };
  });
  const now = (env.now ?? (() => new Date()))();
  const title = req.title?.trim() || `${env.projectName}: dashboard`;
  const html = await buildStandaloneHtml({
    title,
    sections: [
      {
        heading: 'About this file',
        intro: [
          `Selection: ${selection}.`,
          `Any group of fewer than ${settings.suppressionThreshold} youth is suppressed: its numbers were removed before this file was made, so they are not in it.`,
          'This file needs no internet connection and no installed software beyond a web browser.',
        ],
      },
      ...sections,
    ],
    footer: `Made with Trellis ${env.version} on ${now.toISOString().slice(0, 10)}.`,
  });
  return {
    fileName: `${fileSlug(title, 'dashboard')}.html`,
    mime: MIME.html,
    data: html,
    warnings: picked
      .filter((b) => b.model.empty)
      .map((b) => `“${b.model.title}” was left out: ${b.model.empty}`),
  };
}

export { SECTION_TITLES };
