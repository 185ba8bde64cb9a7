/**
 * Sample mean and variance shared by the statistics in this folder.
 *
 * Hazard: a two-pass variance of identical floats (3.1, 3.1, 3.1) can come out as 1e-31 instead of 0,
 * and dividing by its root gives a huge but finite t or d. Identical values are detected exactly and
 * given a variance of exactly 0, so "no spread" is always recognised as such.
 */

/** Numbers in order: a list, or a typed array (the metrics engine's columns). Index loops only: no iterator per value. */
export type Values = readonly number[] | Float64Array;

export function computeMean(values: Values): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i]!;
  return sum / values.length;
}

export function areAllEqual(values: Values): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i += 1) if (values[i] !== first) return false;
  return true;
}

/** Sample variance with n - 1 in the denominator (numpy ddof=1). Caller guarantees n >= 2. */
export function computeSampleVariance(values: Values): number {
  if (areAllEqual(values)) return 0;
  const mean = computeMean(values);
  let ss = 0;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    ss += (v - mean) * (v - mean);
  }
  return ss / (values.length - 1);
}

export function assertFiniteValues(values: Values, what: string): void {
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    if (!Number.isFinite(v))
      throw new RangeError(`${what}: value ${i} is ${String(v)}; missing values must be null`);
  }
}

export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }
}
