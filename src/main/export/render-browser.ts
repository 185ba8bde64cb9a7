import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import type { TopLevelSpec } from 'vega-lite';
import { TrellisError } from '@shared/errors';
import { captionLines, type FigureCaption } from '@core/export/caption';
import { buildFigurePage, FIGURE_ELEMENT_ID } from '@core/export/figure-page';
import { readPngInfo, setPngDpi } from '@core/export/png-dpi';
import {
  CSS_PX_PER_INCH,
  pixelWidth,
  resolveFigureSize,
  type ExportPresetId,
  type FigureSize,
} from '@core/export/presets';
import { EXPORT_FONT } from '@core/export/font';
import { withBrowser } from './chromium';
import { renderChartSvg } from './render-svg';

/**
 * PNG and PDF through headless Chromium: the chart is rendered to SVG in Node, put inline in a small
 * self-contained page (no scripts, no network), then screenshotted or printed. Every request the page
 * might make is aborted, so an export can never reach out.
 */

export interface ChartFileOptions {
  /** A preset id or an explicit physical size. Default 'report'. */
  size?: ExportPresetId | FigureSize;
  caption?: FigureCaption;
  font?: string;
  /** Reuse a launched browser (see launchExportBrowser); otherwise one is launched for this call. */
  browser?: Browser;
  onWarning?: (message: string) => void;
  /** Render the figure page with another Chromium (the desktop app's own) instead of launching one. */
  renderPage?: (html: string, options: PageRenderOptions) => Promise<Uint8Array>;
}

export interface PageRenderOptions {
  format: 'png' | 'pdf';
  /** Layout width of the page in CSS px (96 per inch). */
  cssWidth: number;
  /** PNG only: the exact pixel width wanted. */
  pixelWidth: number;
  /** The element whose box is the figure. */
  elementId: string;
}

async function isolatedContext(
  browser: Browser,
  options: BrowserContextOptions = {},
  onBlocked?: (url: string) => void,
): Promise<BrowserContext> {
  const context = await browser.newContext({ offline: true, serviceWorkers: 'block', ...options });
  // data: and about: never reach route handlers; anything else (http, https, file, ws) is refused.
  await context.route('**/*', (route) => {
    onBlocked?.(route.request().url());
    return route.abort('blockedbyclient');
  });
  return context;
}

async function figurePage(spec: TopLevelSpec, options: ChartFileOptions) {
  const size = resolveFigureSize(options.size ?? 'report');
  const font = options.font ?? EXPORT_FONT;
  const svg = await renderChartSvg(spec, { font, onWarning: options.onWarning });
  const html = buildFigurePage({
    svg,
    captionLines: captionLines(options.caption),
    widthInches: size.widthInches,
    font,
  });
  return { size, html };
}

/**
 * PNG exactly round(inches x dpi) pixels wide with a pHYs chunk that says the dpi, so Word and
 * InDesign place it at its physical size.
 */
export async function renderChartPng(spec: TopLevelSpec, options: ChartFileOptions = {}): Promise<Buffer> {
  const { size, html } = await figurePage(spec, options);
  const targetPx = pixelWidth(size);
  const cssWidth = size.widthInches * CSS_PX_PER_INCH;
  if (options.renderPage) {
    const shot = await options.renderPage(html, {
      format: 'png',
      cssWidth,
      pixelWidth: targetPx,
      elementId: FIGURE_ELEMENT_ID,
    });
    const width = readPngInfo(shot).width;
    if (width !== targetPx)
      throw new TrellisError('internal', `the figure came out ${width} px wide instead of ${targetPx} px`);
    return Buffer.from(setPngDpi(shot, size.dpi));
  }
  return withBrowser(options.browser, async (browser) => {
    const context = await isolatedContext(browser, {
      javaScriptEnabled: false,
      viewport: { width: Math.ceil(cssWidth), height: 600 },
      deviceScaleFactor: targetPx / cssWidth,
    });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const box = await page.locator(`#${FIGURE_ELEMENT_ID}`).boundingBox();
      if (!box) throw new TrellisError('internal', 'the export page did not lay out the figure');
      const shot = await page.screenshot({
        type: 'png',
        clip: { x: 0, y: 0, width: cssWidth, height: Math.ceil(box.height) },
        fullPage: true,
        animations: 'disabled',
      });
      const info = readPngInfo(shot);
      // Chromium rounds the scaled clip; a 1 px difference would misstate the DPI, so say so loudly.
      if (info.width !== targetPx) {
        throw new TrellisError(
          'internal',
          `Chromium produced a ${info.width} px image instead of ${targetPx} px`,
        );
      }
      return Buffer.from(setPngDpi(shot, size.dpi));
    } finally {
      await context.close();
    }
  });
}

/** A one-page PDF the physical width of the figure and as tall as it is, text as text, fonts embedded. */
export async function renderChartPdf(spec: TopLevelSpec, options: ChartFileOptions = {}): Promise<Buffer> {
  const { size, html } = await figurePage(spec, options);
  if (options.renderPage) {
    const cssWidth = size.widthInches * CSS_PX_PER_INCH;
    return Buffer.from(
      await options.renderPage(html, {
        format: 'pdf',
        cssWidth,
        pixelWidth: pixelWidth(size),
        elementId: FIGURE_ELEMENT_ID,
      }),
    );
  }
  return withBrowser(options.browser, async (browser) => {
    const context = await isolatedContext(browser, {
      javaScriptEnabled: false,
      viewport: { width: Math.ceil(size.widthInches * CSS_PX_PER_INCH), height: 600 },
    });
    try {
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      await page.setContent(html, { waitUntil: 'load' });
      const box = await page.locator(`#${FIGURE_ELEMENT_ID}`).boundingBox();
      if (!box) throw new TrellisError('internal', 'the export page did not lay out the figure');
      // One CSS px of slack below, or a rounding error spills a blank second page.
      const heightInches = (Math.ceil(box.height) + 1) / CSS_PX_PER_INCH;
      return await page.pdf({
        width: `${size.widthInches}in`,
        height: `${heightInches.toFixed(4)}in`,
        margin: { top: '0', right: '0', bottom: '0', left: '0' },
        printBackground: true,
        pageRanges: '1',
        tagged: true,
      });
    } finally {
      await context.close();
    }
  });
}

export const PAGE_SIZES = ['Letter', 'Legal', 'A4', 'A3', 'Tabloid'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface HtmlPdfOptions {
  pageSize?: PageSize;
  landscape?: boolean;
  /** CSS lengths ('0.75in', '18mm'); default 0.75in all round. */
  margins?: { top?: string; right?: string; bottom?: string; left?: string };
  /** Let the document's own inline scripts run (default off: reports are static HTML with inline SVG). */
  javaScript?: boolean;
  /** Print a page number and total in the bottom margin. */
  pageNumbers?: boolean;
  browser?: Browser;
  /** Told of every request the document tried to make (all are refused), e.g. a remote image. */
  onBlockedRequest?: (url: string) => void;
}

/**
 * A whole HTML document (a report) to PDF. The HTML must be self-contained: every request it makes
 * is aborted. CSS `@page` rules in the document win over `pageSize` (preferCSSPageSize).
 */
export async function renderHtmlToPdf(html: string, options: HtmlPdfOptions = {}): Promise<Buffer> {
  const m = { top: '0.75in', right: '0.75in', bottom: '0.75in', left: '0.75in', ...options.margins };
  return withBrowser(options.browser, async (browser) => {
    const context = await isolatedContext(
      browser,
      { javaScriptEnabled: options.javaScript ?? false },
      options.onBlockedRequest,
    );
    try {
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return await page.pdf({
        format: options.pageSize ?? 'Letter',
        landscape: options.landscape ?? false,
        margin: m,
        printBackground: true,
        preferCSSPageSize: true,
        tagged: true,
        outline: true,
        displayHeaderFooter: options.pageNumbers ?? false,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="width:100%;font-size:8pt;color:#555;text-align:center;font-family:sans-serif">' +
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      });
    } finally {
      await context.close();
    }
  });
}
