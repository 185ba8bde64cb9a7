import type { MethodName } from '@shared/contract';
import type { ExportDelivery } from '@shared/export-contract';
import { TrellisError } from '@shared/errors';
import { readPngInfo } from '@core/export/png-dpi';
import { EXPORT_CATALOGUE } from '../export/catalogue';
import type { MetricFilters } from '@shared/metrics';
import type { CallContext } from './context';
import {
  buildChart,
  catalogueSource,
  type CatalogueEntry,
  type ChartSource,
  type ComputeMetrics,
} from '../export/chart-source';
import {
  exportChart,
  exportDashboard,
  exportReport,
  exportTable,
  fileSlug,
  listCharts,
  SECTION_TITLES,
  type ExportEnv,
  type ExportFile,
} from '../export/service';
import { writeFileAtomic } from '../export/write-file';
import type { Handlers } from './handlers';
import type { SaveFileOptions } from './native';
import type { Session } from './session';

type ExportMethod = Extract<MethodName, `export.${string}`>;

export interface ExportHandlerDeps {
  /** The chart catalogue; the real one by default (tests pass a small one). */
  catalogue?: readonly CatalogueEntry[];
  /** Or a whole chart source (catalogue + metrics). */
  source?: ChartSource;
}

const FILTERS: Record<string, SaveFileOptions['filter']> = {
  png: { name: 'PNG image', extensions: ['png'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  csv: { name: 'CSV (comma-separated)', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  html: { name: 'Web page (HTML)', extensions: ['html'] },
};

/**
 * The export methods. Electron: the save dialog first (a cancel costs nothing), then the file is
 * made and written atomically. Browser mode: the file is made, kept under a one-shot token, and the
 * renderer fetches /api/download/<token>.
 */
export function exportHandlers(
  session: Session,
  metrics: ComputeMetrics,
  deps: ExportHandlerDeps = {},
): Pick<Handlers, ExportMethod> {
  const source = deps.source ?? catalogueSource(deps.catalogue ?? EXPORT_CATALOGUE, metrics);
  const env = (): ExportEnv => {
    const project = session.project;
    const native = session.native;
    return {
      db: project.db,
      projectName: project.name,
      version: session.version,
      charts: source,
      printToPdf: native?.printToPdf ? (html, o) => native.printToPdf!(html, o) : undefined,
      renderPage: native?.renderPage ? (html, o) => native.renderPage!(html, o) : undefined,
    };
  };

  /** The file name the save dialog suggests: the chart's title (the catalogue is cheap to build). */
  async function chartName(id: string, filters: MetricFilters, ctx: CallContext): Promise<string> {
    if (session.frontDoor !== 'electron') return id; // only the dialog shows it
    return fileSlug((await buildChart(source, id, filters, ctx)).title, id);
  }

  async function deliver(
    suggested: { name: string; ext: keyof typeof FILTERS; title: string },
    make: () => Promise<ExportFile>,
  ): Promise<ExportDelivery> {
    if (session.frontDoor === 'electron') {
      const path = await session.nativeDialogs.saveFile({
        title: suggested.title,
        defaultName: `${suggested.name}.${suggested.ext}`,
        filter: FILTERS[suggested.ext]!,
      });
      if (path === null)
        return { fileName: '', bytes: 0, savedTo: null, downloadUrl: null, cancelled: true, warnings: [] };
      const file = await make();
      await writeFileAtomic(path, file.data);
      return {
        fileName: file.fileName,
        bytes: byteLength(file.data),
        savedTo: path,
        downloadUrl: null,
        cancelled: false,
        warnings: file.warnings,
      };
    }
    const file = await make();
    return {
      fileName: file.fileName,
      bytes: byteLength(file.data),
      savedTo: null,
      downloadUrl: session.downloads.add(file),
      cancelled: false,
      warnings: file.warnings,
    };
  }

  return {
    'export.catalogue': ({ filters }, ctx) => listCharts(env(), filters, ctx),
    'export.chart': async (input, ctx) =>
      deliver(
        { name: await chartName(input.chart, input.filters, ctx), ext: input.format, title: 'Export chart' },
        () => exportChart(env(), input, ctx),
      ),
    'export.copyChart': async (input, ctx) => {
      const copy = session.native?.copyImage;
      if (!copy)
        throw new TrellisError(
          'not_available',
          'Copying to the clipboard works in the desktop app; in the browser, export a PNG instead.',
        );
      const file = await exportChart(env(), { ...input, format: 'png' }, ctx);
      const png = file.data as Buffer;
      await copy.call(session.native, png);
      const info = readPngInfo(png);
      return { bytes: png.length, width: info.width, dpi: info.dpiX ?? 0 };
    },
    'export.table': async (input, ctx) =>
      deliver(
        {
          name:
            input.source.kind === 'chart'
              ? await chartName(input.source.chart, input.filters, ctx)
              : fileSlug(SECTION_TITLES[input.source.section]),
          ext: input.format,
          title: 'Export table',
        },
        () => exportTable(env(), input, ctx),
      ),
    'export.report': (input, ctx) =>
      deliver(
        {
          name: fileSlug(input.title || `${session.project.name}: evaluation report`),
          ext: input.format,
          title: 'Save report',
        },
        () => exportReport(env(), input, ctx),
      ),
    'export.dashboard': (input, ctx) =>
      deliver(
        {
          name: fileSlug(input.title || `${session.project.name}: dashboard`),
          ext: 'html',
          title: 'Save standalone dashboard',
        },
        () => exportDashboard(env(), input, ctx),
      ),
  };
}

function byteLength(data: Buffer | string): number {
  return typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
}
