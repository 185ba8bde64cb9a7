/**
 * Okabe-Ito: distinguishable with the common colour-vision deficiencies; the order below also steps
 * in lightness so neighbouring series stay apart when printed in greyscale.
 */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#56B4E9',
  '#CC79A7',
  '#F0E442',
  '#000000',
] as const;
export const SUPPRESSED_COLOUR = '#BDBDBD';
export const FONT = 'Inter, "Noto Sans", "DejaVu Sans", Arial, sans-serif';

/** Shared look for every Trellis chart: readable type, no chart junk. */
export const BASE_CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    gridColor: '#E6E6E6',
    domainColor: '#888',
  },
  title: { fontSize: 15, fontWeight: 600, anchor: 'start', subtitleFontSize: 12, subtitleColor: '#555' },
  // Long series names ("Stayed to the end of the year") are not cut at vega's default 160 px.
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 320 },
} as const;

/** One hue, light to dark (ColorBrewer Blues): ordered bands stay ordered when printed in greyscale. */
export const SEQUENTIAL = ['#DEEBF7', '#9ECAE1', '#6BAED6', '#3182BD', '#08519C', '#08306B'] as const;

/**
 * Likert categories (ColorBrewer PuOr, colour-blind safe): disagree in orange, agree in purple, the
 * neutral middle in grey. In greyscale the two sides keep their lightness steps, and the side of the
 * zero line says which is which.
 */
export const LIKERT = {
  negative: ['#B35806', '#F1A340'],
  neutral: '#D9D9D9',
  positive: ['#998EC3', '#542788'],
} as const;
/** Missing answers (prefer not to say, don't know, skipped): hatched-looking dark grey beside the bars. */
export const MISSING_COLOUR = '#6F6F6F';
