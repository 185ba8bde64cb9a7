import { escapeHtml } from './markup';
import { CSS_PX_PER_INCH } from './presets';
import { svgSize } from './svg-caption';

/**
 * The page that headless Chromium rasterises (PNG) or prints (PDF): one <figure> exactly
 * `widthInches` wide (96 CSS px per inch), the chart SVG scaled to fill it, and the caption below as
 * HTML text so the browser wraps it properly. No external anything: a CSP with no sources but inline
 * style, and nothing to fetch.
 */
export const FIGURE_ELEMENT_ID = 'trellis-figure';

export interface FigurePageInput {
  /** Chart SVG markup from vega's toSVG (no XML declaration needed). */
  svg: string;
  captionLines: readonly string[];
  widthInches: number;
  font: string;
  /**
   * Caption type size in the chart's own units (its labels are 12). The caption scales with the
   * chart, so a figure looks the same on a slide and on a page, only larger.
   */
  captionFontSize?: number;
}

export function buildFigurePage(input: FigurePageInput): string {
  const { svg, captionLines, widthInches, font, captionFontSize = 11 } = input;
  const widthPx = widthInches * CSS_PX_PER_INCH;
  const scale = widthPx / svgSize(svg).width;
  const fontPx = Math.round(captionFontSize * scale * 100) / 100;
  const insetPx = Math.round(5 * scale * 100) / 100;
  const caption = captionLines.length
    ? `<figcaption>${captionLines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</figcaption>`
    : '';
  const inner = svg.replace(/^\s*<\?xml[^>]*>\s*/, '');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<style>
  @page { margin: 0; }
  html, body { margin: 0; padding: 0; background: #ffffff; }
  #${FIGURE_ELEMENT_ID} { margin: 0; width: ${widthPx}px; background: #ffffff; font-family: ${font}; }
  #${FIGURE_ELEMENT_ID} > svg { display: block; width: 100%; height: auto; }
  figcaption { padding: 0.4em ${insetPx}px 0.6em; color: #333333; font-size: ${fontPx}px; line-height: 1.35; }
  figcaption p { margin: 0; }
</style></head>
<body><figure id="${FIGURE_ELEMENT_ID}">${inner}${caption}</figure></body></html>`;
}
