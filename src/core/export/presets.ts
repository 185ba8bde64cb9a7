/**
 * Figure sizes as data. A figure is laid out at its physical width (96 CSS px per inch, so a 12 px
 * label prints at 9 pt) and rasterised at `dpi`, so its pixel width is round(widthInches x dpi).
 */
export const EXPORT_PRESET_IDS = ['report', 'slide', 'half-column'] as const;
export type ExportPresetId = (typeof EXPORT_PRESET_IDS)[number];
export const isExportPresetId = (v: unknown): v is ExportPresetId =>
  typeof v === 'string' && (EXPORT_PRESET_IDS as readonly string[]).includes(v);

export interface FigureSize {
  /** Physical width of the figure, in inches. */
  widthInches: number;
  /** Resolution written into the PNG's pHYs chunk and used to rasterise. */
  dpi: number;
}

export interface ExportPreset extends FigureSize {
  id: ExportPresetId;
  label: string;
}

export const EXPORT_PRESETS: Record<ExportPresetId, ExportPreset> = {
  report: { id: 'report', label: 'Report page (6.5 in at 300 dpi)', widthInches: 6.5, dpi: 300 },
  // 1920 px at 96 dpi is 20 in: a slide is a screen, so its "inches" only serve to get 1920 px.
  slide: { id: 'slide', label: 'Slide (1920 px at 96 dpi)', widthInches: 1920 / 96, dpi: 96 },
  'half-column': {
    id: 'half-column',
    label: 'Half column (3.25 in at 600 dpi)',
    widthInches: 3.25,
    dpi: 600,
  },
};

/** CSS pixels per inch: the browser's (and print's) fixed ratio. */
export const CSS_PX_PER_INCH = 96;

export function pixelWidth(size: FigureSize): number {
  return Math.round(size.widthInches * size.dpi);
}

/** A preset id or an explicit size; throws RangeError on sizes no printer or screen could use. */
export function resolveFigureSize(size: ExportPresetId | FigureSize): FigureSize {
  const s = typeof size === 'string' ? EXPORT_PRESETS[size] : size;
  if (!(s.widthInches > 0 && s.widthInches <= 100))
    throw new RangeError(`figure width ${s.widthInches} in is out of range (0, 100]`);
  if (!(s.dpi >= 36 && s.dpi <= 2400)) throw new RangeError(`dpi ${s.dpi} is out of range [36, 2400]`);
  if (pixelWidth(s) > 20_000)
    throw new RangeError(`figure would be ${pixelWidth(s)} px wide; the limit is 20000`);
  return { widthInches: s.widthInches, dpi: s.dpi };
}
