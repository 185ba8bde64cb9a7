import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { withExportFont } from '@core/export/font';
import { fitSpecToWidth, measureExtra, needsMeasure } from '@core/charts/fit';
import { reportColumnPx, type ReportPageSize } from '@core/report/page';
import { renderChartSvg, useFontMetrics } from '../render-svg';

/**
 * A report figure as SVG, drawn at the report's text column width (`reportColumnPx`) the way a
 * dashboard card draws a chart at its own width (`fitSpecToWidth`): the plot takes the room, text
 * keeps its size (12 px prints at 9 pt), so no figure is narrower than the text beside a white band,
 * nor wider and shrunk to fit. A composite (facets, Likert panels) is first drawn at its print size
 * to measure what its labels and legends take, as the card does.
 *
 * A chart whose labels alone nearly fill the column (the goals: long names and "actual of target ·
 * owner" labels) would keep too little plot: it stays at its print size, and the page scales it to
 * the column.
 */
export async function renderReportFigureSvg(
  spec: TopLevelSpec,
  options: { pageSize?: ReportPageSize; onWarning?: (message: string) => void } = {},
): Promise<string> {
  const width = reportColumnPx(options.pageSize);
  const fitted = needsMeasure(spec)
    ? fitSpecToWidth(spec, width, await measureComposite(spec, width), 0)
    : fitSpecToWidth(spec, width, undefined, 0);
  const keep = fitted === spec || (await plotWide(fitted, printWidth(spec) * MIN_PLOT_SHARE));
  return renderChartSvg(keep ? fitted : spec, {
    // vega-lite notes that it fits only the width of a chart sized by step (bars a step apart),
    // which is what is asked: not a problem to report.
    onWarning: (w) => (w === FIT_Y_NOTE ? undefined : options.onWarning?.(w)),
  });
}

const FIT_Y_NOTE = 'Dropping "fit-y" because spec has discrete height.';
/** The least share of its print width a fitted plot may keep. */
const MIN_PLOT_SHARE = 0.5;

function printWidth(spec: TopLevelSpec): number {
  const w = (spec as { width?: unknown }).width;
  return typeof w === 'number' ? w : 0;
}

async function drawnView(spec: TopLevelSpec): Promise<vega.View> {
  useFontMetrics();
  // Quiet: this view only measures; the figure's own render reports its warnings.
  const logger = vega.logger(vega.None);
  const view = new vega.View(vega.parse(compile(withExportFont(spec), { logger }).spec), {
    renderer: 'none',
    logger,
  });
  await view.runAsync();
  return view;
}

/** Whether a single view fitted to the column keeps a plot at least `min` px wide (after relayout). */
async function plotWide(fitted: TopLevelSpec, min: number): Promise<boolean> {
  if (needsMeasure(fitted)) return true;
  const view = await drawnView(fitted);
  try {
    for (let i = 0; i < 2; i++) {
      view.resize();
      await view.runAsync();
    }
    return view.width() >= min;
  } finally {
    view.finalize();
  }
}

/**
 * What a composite's labels and legends take beside its plots. Measured twice: once at the print
 * size, then on the spec laid out from that (a legend may wrap at the column's width and take other
 * room), as the dashboard card corrects its own measure.
 */
async function measureComposite(spec: TopLevelSpec, width: number): Promise<number | undefined> {
  let extra: number | undefined;
  let drawn = spec;
  for (let i = 0; i < 2; i++) {
    const view = await drawnView(drawn);
    try {
      const e = measureExtra(view, drawn);
      if (e === undefined || (extra !== undefined && Math.abs(e - extra) <= 4)) break;
      extra = e;
      drawn = fitSpecToWidth(spec, width, extra, 0);
    } finally {
      view.finalize();
    }
  }
  return extra;
}
