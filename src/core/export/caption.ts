/**
 * The caption under every exported figure: what it shows, how many people (n), the statistic used,
 * and the suppression note. Program officers read figures out of context, so the caption travels
 * with the figure in every format (SVG, PNG, PDF, standalone HTML).
 */
export interface FigureCaption {
  /** What the figure shows, one sentence. */
  shows: string;
  /** The number of people or rows behind the figure, with its unit if helpful ("48 youth"). */
  n?: number | string;
  /** The statistic shown, named ("mean scale score, 1-5", "paired t, d_z"). */
  statistic?: string;
  /** What was hidden and why ("Groups under 10 youth are suppressed."). */
  suppression?: string;
}

/** Caption as lines of text, in reading order; empty parts are left out. */
export function captionLines(caption: FigureCaption | undefined): string[] {
  if (!caption) return [];
  const facts = [
    caption.n !== undefined && caption.n !== '' ? `n = ${caption.n}` : null,
    caption.statistic ? `Statistic: ${caption.statistic}` : null,
  ].filter((s): s is string => s !== null);
  return [caption.shows, facts.join('. '), caption.suppression ?? '']
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
