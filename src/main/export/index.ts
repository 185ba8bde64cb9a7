/** Export primitives for the Node side: every later export (charts, tables, reports, dashboards) uses these. */
export {
  CHROMIUM_ARGS,
  CHROMIUM_INSTALL_ADVICE,
  findChromium,
  launchExportBrowser,
  pickChromium,
  withBrowser,
} from './chromium';
export { EXPORT_FONT, renderChartSvg, withExportFont, type ChartSvgOptions } from './render-svg';
export {
  PAGE_SIZES,
  renderChartPdf,
  renderChartPng,
  renderHtmlToPdf,
  type ChartFileOptions,
  type HtmlPdfOptions,
  type PageSize,
} from './render-browser';
export { buildStandaloneHtml } from './standalone';
export { readVegaBundles } from './vega-bundles';
export { safeSheetName, toXlsx, type XlsxOptions } from './xlsx';
export { writeFileAtomic } from './write-file';
