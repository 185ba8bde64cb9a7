/**
 * The report's page geometry, shared by the HTML (its screen column), the PDF printers (their
 * margins) and the figures (drawn at the text column's width, so none is narrower than the text or
 * shrunk to fit it).
 */
export type ReportPageSize = 'Letter' | 'A4';

/** Page widths in inches. */
const PAGE_WIDTH_IN: Record<ReportPageSize, number> = { Letter: 8.5, A4: 210 / 25.4 };

/** The printed report's margins, in inches (headless Chromium and Electron's printToPDF alike). */
export const REPORT_MARGINS_IN = { top: 0.8, right: 0.85, bottom: 0.8, left: 0.85 } as const;

/** CSS pixels per inch: how a browser lays out and prints a page. */
const PX_PER_IN = 96;

/**
 * The text column's width in CSS pixels: the page less its side margins (Letter 6.8 in = 652 px,
 * A4 6.57 in = 630 px). A figure drawn this wide prints at its own text size (12 px = 9 pt).
 */
export function reportColumnPx(pageSize: ReportPageSize = 'Letter'): number {
  const inches = PAGE_WIDTH_IN[pageSize] - REPORT_MARGINS_IN.left - REPORT_MARGINS_IN.right;
  return Math.floor(inches * PX_PER_IN);
}
