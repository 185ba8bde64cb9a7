import { describe, expect, it } from 'vitest';
import { estimateTextWidth } from '../../../../src/core/export/text-width';

// Widths measured with canvas measureText in headless Chromium at 12 px: Arial (= Liberation Sans)
// and DejaVu Sans, the widest face our font stack falls back to on Linux.
const MEASURED = [
  { text: 'Florence & Penrose <pilot>', arial: 145.4, dejavu: 165.9, dejavuBold: 187.2 },
  { text: 'Cañon City Library', arial: 99.4, dejavu: 111.4, dejavuBold: 125.2 },
  { text: 'After-school club', arial: 89.4, dejavu: 99.8, dejavuBold: 115.2 },
  { text: 'Zoë', arial: 20.7, dejavu: 22.9, dejavuBold: 25.1 },
  { text: '0123456789', arial: 66.7, dejavu: 76.3, dejavuBold: 83.5 },
];

describe('estimateTextWidth', () => {
  it.each(MEASURED)(
    '$text: at least as wide as DejaVu Sans, within 25% of Arial',
    ({ text, arial, dejavu, dejavuBold }) => {
      const est = estimateTextWidth(text, 12);
      expect(est).toBeGreaterThanOrEqual(dejavu * 0.97);
      expect(est).toBeLessThan(arial * 1.25);
      expect(estimateTextWidth(text, 12, true)).toBeGreaterThanOrEqual(dejavuBold * 0.97);
    },
  );

  it('is far closer than vega’s 0.8 em per character fallback', () => {
    const vegaGuess = 0.8 * 'Florence & Penrose <pilot>'.length * 12;
    expect(vegaGuess).toBeGreaterThan(240);
    expect(estimateTextWidth('Florence & Penrose <pilot>', 12)).toBeLessThan(180);
  });

  it('scales with size, treats accented letters as their base, and full-width scripts as 1 em', () => {
    expect(estimateTextWidth('n', 24)).toBeCloseTo(2 * estimateTextWidth('n', 12));
    expect(estimateTextWidth('ñ', 12)).toBe(estimateTextWidth('n', 12));
    expect(estimateTextWidth('学校', 10)).toBeGreaterThanOrEqual(20);
    expect(estimateTextWidth('', 12)).toBe(0);
  });
});
