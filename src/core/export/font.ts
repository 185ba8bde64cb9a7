import type { TopLevelSpec } from 'vega-lite';
import { FONT } from '../charts/palette';

/** The app's font stack: it ends in Arial and sans-serif, so an exported figure renders anywhere. */
export const EXPORT_FONT = FONT;

/** The spec with a font stack for text that names none, so a figure looks the same on other machines. */
export function withExportFont(spec: TopLevelSpec, font: string = EXPORT_FONT): TopLevelSpec {
  return { ...spec, config: { font, ...spec.config } } as TopLevelSpec; // spreading a union loses its narrowing
}
