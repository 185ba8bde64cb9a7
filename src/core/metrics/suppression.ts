import { MIN_SUPPRESSION_THRESHOLD, suppressTable } from '../privacy';
import type { GroupKey } from '../../shared/metrics';

/** Whether one row of a metric table is shown, and if not why (for people: 'n < 10'). */
export interface Mask {
  suppressed: boolean;
  reason: string | null;
}

export interface MaskOptions<R> {
  /** The people the row describes; null counts as 0 (nothing to show). */
  n: (row: R) => number | null;
  group: (row: R) => GroupKey;
  /** The dimensions the table is split by. */
  dims: readonly string[];
  /** Rows with the same set key form one table whose margins are published (e.g. one scale and wave). */
  set?: (row: R) => string;
  threshold: number;
}

/**
 * Primary and complementary suppression for one metric table. Each split dimension's margin is
 * assumed published (the dashboards show the unsplit figure too), so within a set the rows sharing
 * all dimensions but one add up to a visible total: a lone hidden row among them takes the smallest
 * visible one with it (src/core/privacy/suppress-table.ts).
 */
export function maskRows<R>(rows: readonly R[], options: MaskOptions<R>): Mask[] {
  const { dims, threshold } = options;
  if (dims.length > 2) throw new RangeError('maskRows splits by at most two dimensions');
  // A threshold of 1 hides nothing. Project settings never go below 5 (the zod schema and
  // updateSettings refuse it); only the reference-value tests pass 1, to check statistics on groups of 2.
  if (threshold <= 1) return rows.map(() => ({ suppressed: false, reason: null }));
  type Flat = { n: number; set: string; d0: string; d1: string };
  const flat = rows.map((row): Flat => ({
    n: Math.max(0, options.n(row) ?? 0),
    set: options.set?.(row) ?? '',
    d0: dims[0] === undefined ? '' : (options.group(row)[dims[0]]?.code ?? ''),
    d1: dims[1] === undefined ? '' : (options.group(row)[dims[1]]?.code ?? ''),
  }));
  // Every row at or above the threshold: nothing is hidden, so no complement either (a common case).
  if (threshold >= MIN_SUPPRESSION_THRESHOLD && flat.every((f) => f.n >= threshold))
    return rows.map(() => ({ suppressed: false, reason: null }));
  const labels = ['set', 'd0', 'd1'] as const;
  // For each dimension, the rows that share every other label make up one published total.
  const totals = dims.map((_, i) => labels.filter((l) => l !== `d${i}`));
  const table = suppressTable<Flat, 'set' | 'd0' | 'd1'>(flat, {
    nField: 'n',
    threshold,
    labelFields: labels,
    totals,
  });
  return table.rows.map((r) => ({ suppressed: r.suppressed, reason: r.suppressed ? r.reason : null }));
}

/**
 * Counts inside one shown row (answers per category, youth per dosage band) are figures about people
 * too: a count below the threshold is hidden, and since the row's n is shown, one more (the smallest
 * non-zero one) so the hidden one cannot be recovered by subtraction. Returns, per count, whether it
 * is hidden.
 *
 * `zeroComplements` (indexes of zero counts, in order of preference) handles a row with one large
 * count and one small one (152 and 6 of 158 youth): there the smallest non-zero complement is the
 * large count, and hiding it leaves the whole row blank. When every non-zero count would end up
 * hidden, a listed zero is hidden instead, so the small count still cannot be recovered (it could be
 * in either hidden cell) while the rest of the row stays readable. Only zeros the caller knows are
 * not structural (a band the group could have reached) may be listed.
 */
export function maskCounts(
  counts: readonly number[],
  threshold: number,
  totalShown = true,
  zeroComplements: readonly number[] = [],
): boolean[] {
  // A count of 0 describes nobody: it stays visible and is the complement only as a last resort.
  const hidden = counts.map((c) => c > 0 && c < threshold);
  if (totalShown && hidden.filter(Boolean).length === 1) {
    let best = -1;
    counts.forEach((c, i) => {
      if (!hidden[i] && c > 0 && (best < 0 || c < (counts[best] as number))) best = i;
    });
    const visibleNonZero = counts.filter((c, i) => c > 0 && !hidden[i] && i !== best).length;
    const zero = zeroComplements.find((i) => counts[i] === 0);
    if (best >= 0 && visibleNonZero === 0 && zero !== undefined) hidden[zero] = true;
    else if (best >= 0) hidden[best] = true;
  }
  return hidden;
}

/**
 * A copy of `row` with every number nulled except the fields in `keep` (group codes, band indexes,
 * item counts k): the last line of defence, so a suppressed row cannot carry a figure whatever the
 * section builder put in it. Arrays of objects are scrubbed too (category counts).
 */
export function nullFigures<T extends object>(row: T, keep: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (keep.includes(k)) out[k] = v;
    else if (typeof v === 'number') out[k] = null;
    else if (Array.isArray(v))
      out[k] = v.map((x: unknown) =>
        x !== null && typeof x === 'object' ? nullFigures(x, ['value', 'bandIndex']) : x,
      );
    else out[k] = v;
  }
  // Same keys and non-number values; numbers became null, which every figure field of the contract allows.
  return out as T;
}
