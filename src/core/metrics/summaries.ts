import { describe, wilsonInterval } from '../stats';

/** Mean with its t-based 95% CI, null fields when n is too small. */
export function meanWithCi(values: readonly number[] | Float64Array) {
  const d = describe(values);
  return { n: d.n, mean: d.mean, sd: d.sd, ciLow: d.ciLow, ciHigh: d.ciHigh };
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Median (average of the two middle values for an even n), as R's median() and numpy.median. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A proportion with its Wilson 95% interval; all null when the base is 0. */
export function proportion(successes: number, n: number) {
  const w = wilsonInterval(successes, n);
  return { rate: w.proportion, ciLow: w.low, ciHigh: w.high };
}
