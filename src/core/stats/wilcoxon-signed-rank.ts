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
interface RankSums {
  n: number;
  rPlus: number;
  rMinus: number;
  tieTerm: number;
}

/** Distinct |d| up to which the ranks come from counts per value (else from sorting every |d|). */
const MAX_DISTINCT = 4096;

/**
 * Rank sums from counts per distinct |d| (differences of scale scores take a few hundred values at
 * most): one pass with a map, then only the distinct values sorted. Null when there are too many
 * distinct values (or a NaN) for that to pay.
 */
function rankSumsByCounts(differences: readonly number[] | Float64Array): RankSums | null {
  const index = new Map<number, number>();
  const values: number[] = [];
  const count: number[] = [];
  const positive: number[] = [];
  let n = 0;
  for (let k = 0; k < differences.length; k += 1) {
    const d = differences[k]!;
    if (d === 0) continue;
    const a = Math.abs(d);
    let t = index.get(a);
    if (t === undefined) {
      if (values.length === MAX_DISTINCT || Number.isNaN(a)) return null;
      t = values.push(a) - 1;
      index.set(a, t);
      count.push(0);
      positive.push(0);
    }
    count[t]! += 1;
    if (d > 0) positive[t]! += 1;
    n += 1;
  }
  const sorted = Float64Array.from(values).sort();
  let rPlus = 0;
  let rMinus = 0;
  let tieTerm = 0;
  let start = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const t = index.get(sorted[i]!)!;
    const size = count[t]!;
    const end = start + size;
    // Positions start..end-1 hold ranks start+1..end; tied values share their average. Ranks are
    // halves of integers, so these sums are exact whatever their order.
    const rank = (start + 1 + end) / 2;
    rPlus += rank * positive[t]!;
    rMinus += rank * (size - positive[t]!);
    tieTerm += size ** 3 - size;
    start = end;
  }
  return { n, rPlus, rMinus, tieTerm };
}

/** Rank sums from the sorted |d| (any number of distinct values). */
function rankSumsBySort(differences: readonly number[] | Float64Array): RankSums {
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
  return { n, rPlus, rMinus, tieTerm };
}

export function wilcoxonSignedRank(differences: readonly number[] | Float64Array): WilcoxonResult {
  const { n, rPlus, rMinus, tieTerm } = rankSumsByCounts(differences) ?? rankSumsBySort(differences);
  if (n === 0) return { nNonZero: 0, rPlus: null, rMinus: null, z: null, p: null };
  const mean = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24);
  const raw = (rPlus - mean) / sd;
  const z = raw - (Math.sign(raw) * 0.5) / sd;
  return { nNonZero: n, rPlus, rMinus, z, p: computeTwoSidedPFromZ(z) };
}
