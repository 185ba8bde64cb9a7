import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { captionLines, type FigureCaption } from '@core/export/caption';
import { EXPORT_FONT, withExportFont } from '@core/export/font';
import { addCaptionToSvg } from '@core/export/svg-caption';
import { estimateTextWidth } from '@core/export/text-width';

/**
 * Chart to SVG in plain Node with vega's own SVG renderer: text stays <text> (selectable, editable
 * in Illustrator/Inkscape, searchable in a PDF made from it), labels are XML-escaped by vega, and
 * non-ASCII stays UTF-8. No canvas package is needed.
 */
export interface ChartSvgOptions {
  caption?: FigureCaption;
  /** Font stack used when the spec sets none; the default ends in Arial and sans-serif, found everywhere. */
  font?: string;
  /** Receives vega-lite and vega warnings (an export still succeeds). */
  onWarning?: (message: string) => void;
}

export { EXPORT_FONT, withExportFont };

interface TextItem {
  fontSize?: number;
  limit?: number;
  fontWeight?: string | number;
}
interface TextMetrics {
  width: (item: TextItem, text: string) => number;
  estimateWidth: (item: TextItem, text: string) => number;
}

/**
 * Teach vega (in this Node process, which has no canvas) to measure text with real glyph widths, via
 * the hook vega provides for exactly this (`textMetrics.width`, as vl-convert uses). Without it,
 * labels are truncated far sooner than on screen. Left alone where a canvas already measures.
 */
export function useFontMetrics(): void {
  // vega exports textMetrics at run time but its typings omit it.
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  if (metrics.width !== metrics.estimateWidth) return;
  metrics.width = (item, text) => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    const width = estimateTextWidth(String(text ?? '').trim(), size, bold);
    // vega's own measure returns the width after truncation to `limit`; capping at the limit gives
    // the same bound, and keeps vega's truncation search (which calls this on slices) exact.
    const limit = Number(item.limit);
    return limit > 0 ? Math.min(width, limit) : width;
  };
}

export async function renderChartSvg(spec: TopLevelSpec, options: ChartSvgOptions = {}): Promise<string> {
  const font = options.font ?? EXPORT_FONT;
  useFontMetrics();
  const base = vega.logger(vega.Warn);
  const logger = Object.assign(Object.create(base) as vega.LoggerInterface, {
    warn: (...args: unknown[]) => {
      options.onWarning?.(args.map(String).join(' '));
      return logger;
    },
  });
  const { spec: vg } = compile(withExportFont(spec, font), { logger });
  const view = new vega.View(vega.parse(vg), { renderer: 'none', logger });
  try {
    // A spec fitted to a width (`fit-x`, e.g. a report figure at the text column) is laid out by
    // vega in one pass that leaves labels past the longest bar outside the view: two more passes
    // bring them in (see relayout in the dashboard's ChartCard). A spec at its own size is unchanged.
    if (isFitted(vg)) await relayout(view);
    const svg = await view.toSVG();
    return addCaptionToSvg(svg, captionLines(options.caption), { font });
  } finally {
    view.finalize();
  }
}

function isFitted(vg: vega.Spec): boolean {
  const a = vg.autosize;
  const type = typeof a === 'string' ? a : a && 'type' in a ? a.type : undefined;
  return type === 'fit' || type === 'fit-x';
}

async function relayout(view: vega.View): Promise<void> {
  await view.runAsync();
  for (let i = 0; i < 2; i++) {
    view.resize();
    await view.runAsync();
  }
}
