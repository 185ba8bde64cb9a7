/** The narrowest a headline tile gets (13rem at the 15 px root size) and the gap between tiles. */
const TILE_MIN = 195;
const TILE_GAP = 12;

/**
 * Headline tiles in balanced rows: as many columns as fit, then as few as keep the same number of
 * rows, so 7 tiles are 4 + 3 rather than 6 + 1. If one tile would still be alone on the last row
 * (7 tiles in 3 columns), the first tile spans two columns instead (3 + 3 + 2); in two columns it
 * then fills the first row on its own, as a lead figure rather than a tile left over at the end.
 */
export function balancedRows(count: number, width: number): { columns: number; leadSpans: boolean } {
  const fit = Math.max(1, Math.floor((width + TILE_GAP) / (TILE_MIN + TILE_GAP)));
  if (count <= fit) return { columns: Math.max(1, count), leadSpans: false };
  const rows = Math.ceil(count / fit);
  const columns = Math.ceil(count / rows);
  return { columns, leadSpans: count % columns === 1 };
}
