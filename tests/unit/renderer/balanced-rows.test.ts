import { describe, expect, it } from 'vitest';
import { balancedRows } from '../../../src/renderer/src/features/overview/balanced-rows';

/** The tiles per row a layout gives, the first tile counting twice when it spans two columns. */
function rows(count: number, width: number): number[] {
  return layout(count, width).rows;
}

function layout(count: number, width: number): { rows: number[]; columns: number; leadSpans: boolean } {
  const { columns, leadSpans } = balancedRows(count, width);
  const out: number[] = [];
  let cells = 0;
  for (let i = 0; i < count; i++) {
    const span = i === 0 && leadSpans ? 2 : 1;
    if (cells + span > columns || out.length === 0) {
      out.push(0);
      cells = 0;
    }
    out[out.length - 1]!++;
    cells += span;
  }
  return { rows: out, columns, leadSpans };
}

describe('headline tiles in balanced rows', () => {
  it('never leaves one tile alone in a row it does not fill, at the widths the app is used at', () => {
    // 1920 and 1280 px windows, 125% zoom on 1024 px, a narrow window; the demo has 7 tiles.
    for (const width of [1840, 1240, 780, 600])
      for (const count of [4, 5, 6, 7, 9]) {
        const { rows: r, columns, leadSpans } = layout(count, width);
        r.forEach((n, i) => {
          // Alone only as the first tile spanning the whole row (two columns).
          const fills = i === 0 && leadSpans && columns === 2;
          if (r.length > 1 && !fills) expect(n, `${count} tiles in ${width} px: ${r}`).toBeGreaterThan(1);
        });
      }
  });

  it('puts the tiles on one row when they fit, and 7 tiles in 1240 px as 4 + 3 (not 6 + 1)', () => {
    expect(rows(7, 1840)).toEqual([7]);
    expect(rows(7, 1240)).toEqual([4, 3]);
    expect(rows(7, 780)).toEqual([2, 3, 2]);
  });
});
