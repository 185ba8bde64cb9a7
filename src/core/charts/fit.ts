import type { Padding, View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Screen sizing. Chart builders give every spec a fixed, print-ready size (exports, the report and
 * the standalone HTML use that size unchanged); a dashboard card instead wants its chart to fill the
 * card, whatever the window width or zoom. `fitSpecToWidth` returns the same chart laid out for
 * `width` CSS pixels, text sizes unchanged (never a scaled-down picture with smaller text):
 *
 * 1. A single or layered view gets `width` with vega-lite's `fit-x` autosize: axes, labels and the
 *    legend are fitted inside the width by vega itself.
 * 2. A composite (a facet or an hconcat) cannot be autosized; its plot widths are set from `width`
 *    minus `extra`, the room its labels and legends took when it was last drawn (`measureExtra`, on
 *    the drawn view). Without `extra` the spec stays at its print size, and the card measures it
 *    once drawn.
 *
 * A title or subtitle that would run under the card's Export button or past the card wraps onto
 * more lines (`wrapLines`), so what the chart shows is always readable in full.
 *
 * Heights stay as built (bar charts size by step), except a fixed-height view that gets much wider:
 * it grows a little, so a time series does not flatten into a line.
 */
export function fitSpecToWidth(
  spec: TopLevelSpec,
  width: number,
  extra?: number,
  /** Room kept free right of the title (the card's Export button); a report figure has none. */
  titleRoom: number = TITLE_ROOM,
): TopLevelSpec {
  const target = Math.max(MIN_WIDTH, Math.round(width));
  const s = spec as unknown as SpecNode;
  if (isComposite(s)) {
    if (extra === undefined) return spec;
    const slots = plotSlots(s);
    const total = slots.reduce((a, w) => a + w.width, 0);
    if (slots.length === 0 || total <= 0) return spec;
    const room = target - extra;
    // Narrow panels (a "missing answers" strip beside the main bars) keep their size; the others
    // share what is left in proportion to their print widths.
    const fixed = slots.filter((w) => w.width < FIXED_BELOW).reduce((a, w) => a + w.width, 0);
    const grow = total - fixed;
    if (grow <= 0) return spec;
    const factor = Math.max(MIN_FACTOR, (room - fixed) / grow);
    const out = setPlotWidths(s, (w) => (w < FIXED_BELOW ? w : Math.floor(w * factor)));
    // A composite's legend sits under one plot, about half the card: it wraps to fit there. (From the
    // card's width only: were it from the plot's, the room measured would change with the legend.)
    return fitTitleAndLegends(out, target, titleRoom, target / 2) as unknown as TopLevelSpec;
  }
  if (typeof s.width !== 'number') return spec;
  const out: SpecNode = {
    ...fitTitleAndLegends(s, target, titleRoom),
    width: target,
    autosize: { type: 'fit-x', contains: 'padding' },
  };
  if (typeof s.height === 'number') {
    const ratio = target / (s.width + FIT_LABEL_ROOM);
    if (ratio > 1.3) out.height = Math.round(s.height * Math.min(1.35, Math.sqrt(ratio)));
  }
  return out as unknown as TopLevelSpec;
}

/** The sum of a composite spec's plot widths (what `extra` is measured against). */
export function plotWidth(spec: TopLevelSpec): number {
  return plotSlots(spec as unknown as SpecNode).reduce((a, w) => a + w.width, 0);
}

/**
 * What a drawn composite needs beside its plots: the width of everything but the title (axes, labels,
 * headers, legends: the scenegraph's bounds, the same in a browser and in Node) plus the view's
 * padding, minus the plot widths. The title is left out: it is cut to the card's width.
 */
export function measureExtra(view: View, spec: TopLevelSpec): number | undefined {
  type Item = { bounds?: { x1: number; x2: number }; role?: string; items?: Item[] };
  const root = (view.scenegraph() as unknown as { root?: Item }).root?.items?.[0];
  let x1 = Infinity;
  let x2 = -Infinity;
  for (const mark of root?.items ?? []) {
    if (mark.role === 'title' || !mark.bounds) continue;
    if (!Number.isFinite(mark.bounds.x1) || !Number.isFinite(mark.bounds.x2)) continue;
    x1 = Math.min(x1, mark.bounds.x1);
    x2 = Math.max(x2, mark.bounds.x2);
  }
  if (!Number.isFinite(x1)) return undefined;
  const pad = view.padding() as Padding;
  const side = typeof pad === 'number' ? 2 * pad : (pad.left ?? 0) + (pad.right ?? 0);
  return Math.ceil(x2 - x1 + side - plotWidth(spec));
}

/** Whether the chart is laid out by `extra` (a composite) rather than by vega's autosize. */
export function needsMeasure(spec: TopLevelSpec): boolean {
  return isComposite(spec as unknown as SpecNode) && plotSlots(spec as unknown as SpecNode).length > 0;
}

const MIN_WIDTH = 320;
const MIN_FACTOR = 0.5;
const FIXED_BELOW = 150;
/** Roughly what axis labels take beside a plot: the print width plus this is the printed figure. */
const FIT_LABEL_ROOM = 160;
/** The card's action buttons (Export) sit at the top right, beside the title: the title stops short. */
const TITLE_ROOM = 100;
/** A legend's title column, and the room one entry ("Out-of-school provider") takes. */
const LEGEND_ROOM = 80;
const LEGEND_ENTRY = 210;

type SpecNode = Record<string, unknown> & { width?: unknown; height?: unknown };

function isComposite(s: SpecNode): boolean {
  return 'facet' in s || 'hconcat' in s || 'vconcat' in s || 'concat' in s || 'repeat' in s;
}

/** The numeric plot widths of a composite: a facet's inner spec, or each view of an hconcat. */
function plotSlots(s: SpecNode): { width: number }[] {
  if ('facet' in s || 'repeat' in s) {
    const inner = s.spec as unknown as SpecNode | undefined;
    return inner && typeof inner.width === 'number' ? [{ width: inner.width }] : [];
  }
  if (Array.isArray(s.hconcat))
    return (s.hconcat as SpecNode[]).flatMap((v) =>
      typeof v.width === 'number' ? [{ width: v.width }] : [],
    );
  return [];
}

/**
 * Title and legends sized for the card: the title stops short of the Export button, and a legend
 * set out in a row wraps into rows (vega does not wrap one, and `fit` would cut it at the edge).
 */
function fitTitleAndLegends(s: SpecNode, target: number, titleRoom: number, legendRoom = target): SpecNode {
  const config = (s.config ?? {}) as {
    legend?: object;
    title?: { fontSize?: unknown; subtitleFontSize?: unknown };
  };
  const columns = Math.max(1, Math.floor((legendRoom - LEGEND_ROOM) / LEGEND_ENTRY));
  const out: SpecNode = { ...s, config: { ...config, legend: { ...config.legend, columns } } };
  const t = s.title;
  if (t === undefined) return out;
  // A title is a string, lines, or an object with `text` (vega-lite's TitleParams).
  const title = (typeof t === 'string' || Array.isArray(t) ? { text: t } : t) as {
    text?: unknown;
    subtitle?: unknown;
    fontSize?: unknown;
    subtitleFontSize?: unknown;
  };
  const limit = target - titleRoom;
  const size = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
  const titleSize = size(title.fontSize, size(config.title?.fontSize, 13));
  const subtitleSize = size(title.subtitleFontSize, size(config.title?.subtitleFontSize, 12));
  // The title and subtitle wrap into lines that fit (vega cuts a line at `limit` with an ellipsis,
  // which would hide what the chart shows); `limit` stays as the backstop for a single long word.
  return {
    ...out,
    title: {
      ...title,
      ...(isLines(title.text) ? { text: wrapLines(title.text, limit, titleSize * BOLD_CHAR) } : {}),
      ...(isLines(title.subtitle)
        ? { subtitle: wrapLines(title.subtitle, limit, subtitleSize * PLAIN_CHAR) }
        : {}),
      limit,
    },
  };
}

/**
 * Average advance of a character as a share of the font size (the app's sans-serif fonts: Inter,
 * Noto Sans, DejaVu Sans), kept on the wide side so a wrapped line is never cut.
 */
const PLAIN_CHAR = 0.58;
const BOLD_CHAR = 0.64;

function isLines(v: unknown): v is string | string[] {
  return typeof v === 'string' || (Array.isArray(v) && v.every((l) => typeof l === 'string'));
}

/**
 * Lines of text wrapped at word boundaries to `width` pixels, for a font whose characters advance
 * about `charWidth` pixels: a line that fits is kept as it is (one string stays one string).
 */
export function wrapLines(text: string | string[], width: number, charWidth: number): string | string[] {
  const max = Math.max(12, Math.floor(width / charWidth));
  const lines = typeof text === 'string' ? [text] : text;
  if (lines.every((l) => l.length <= max)) return text;
  const out: string[] = [];
  for (const line of lines) {
    let current = '';
    for (const word of line.split(' ')) {
      if (current && current.length + 1 + word.length > max) {
        out.push(current);
        current = word;
      } else current = current ? `${current} ${word}` : word;
    }
    out.push(current);
  }
  return out;
}

function setPlotWidths(s: SpecNode, resize: (w: number) => number): SpecNode {
  if ('facet' in s || 'repeat' in s) {
    const inner = s.spec as unknown as SpecNode;
    return { ...s, spec: { ...inner, width: resize(inner.width as number) } };
  }
  return {
    ...s,
    hconcat: (s.hconcat as SpecNode[]).map((v) =>
      typeof v.width === 'number' ? { ...v, width: resize(v.width) } : v,
    ),
  };
}
