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
  legend: { labelFontSize: 12, titleFontSize: 12 },
} as const;
