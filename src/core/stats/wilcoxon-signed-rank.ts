import { computeTwoSidedPFromZ } from './distributions';

export interface WilcoxonResult {
  /** Non-zero differences ranked (zeros are dropped: Wilcoxon's method). */
  nNonZero: number;
  /** Sum of ranks of the positive differences; null when nothing is left to rank. */
  rPlus: number | null;
  rMinus: number | null;
  /** Continuity-corrected z; its sign follows rPlus - n(n + 1) / 4. */
  z: number | null;
  p: number | null;
}

/**
 * Wilcoxon signed-rank test, two-sided, normal approximation with tie and continuity correction.
 * Matches scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx'):
 *   mean = n(n+1)/4, var = [n(n+1)(2n+1) - sum(t^3 - t)/2] / 24 over tie groups t of |d|,
 *   z = (R+ - mean) / sd, then z -= sign(z) * 0.5 / sd, p = 2 * Phi(-|z|).
 * Ties are exact equality of |d|: round the differences first if they come from sums of fractions.
 */
export function wilcoxonSignedRank(differences: readonly number[] | Float64Array): WilcoxonResult {
  // |d| of every non-zero difference, and of the positive ones, each sorted ascending (a numeric
  // sort of typed arrays: no objects, no comparator).
  let n = 0;
  let nPositive = 0;
  for (let k = 0; k < differences.length; k += 1) {
    const d = differences[k]!;
    if (d === 0) continue;
    n += 1;
    if (d > 0) nPositive += 1;
  }
  if (n === 0) return { nNonZero: 0, rPlus: null, rMinus: null, z: null, p: null };
  const abs = new Float64Array(n);
  const positive = new Float64Array(nPositive);
  let i = 0;
  let j = 0;
  for (let k = 0; k < differences.length; k += 1) {
    const d = differences[k]!;
    if (d === 0) continue;
    abs[i++] = Math.abs(d);
    if (d > 0) positive[j++] = d;
  }
  abs.sort();
  positive.sort();
  let rPlus = 0;
  let rMinus = 0;
  let tieTerm = 0;
  let p = 0;
  for (let start = 0; start < n;) {
    const value = abs[start]!;
    let end = start + 1;
    while (end < n && abs[end] === value) end += 1;
    const size = end - start;
    // Positions start..end-1 hold ranks start+1..end; tied values share their average. Ranks are
    // halves of integers, so these sums are exact whatever their order.
    const rank = (start + 1 + end) / 2;
    let plus = 0;
    while (p < nPositive && positive[p] === value) {
      plus += 1;
      p += 1;
    }
    rPlus += rank * plus;
    rMinus += rank * (size - plus);
    tieTerm += size ** 3 - size;
    start = end;
  }
  const mean = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24);
  const raw = (rPlus - mean) / sd;
  const z = raw - (Math.sign(raw) * 0.5) / sd;
  return { nNonZero: n, rPlus, rMinus, z, p: computeTwoSidedPFromZ(z) };
}
