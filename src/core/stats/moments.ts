/**
 * Sample mean and variance shared by the statistics in this folder.
 *
 * Hazard: a two-pass variance of identical floats (3.1, 3.1, 3.1) can come out as 1e-31 instead of 0,
 * and dividing by its root gives a huge but finite t or d. Identical values are detected exactly and
 * given a variance of exactly 0, so "no spread" is always recognised as such.
 */

export function computeMean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function areAllEqual(values: readonly number[]): boolean {
  const first = values[0];
  return values.every((v) => v === first);
}

/** Sample variance with n - 1 in the denominator (numpy ddof=1). Caller guarantees n >= 2. */
export function computeSampleVariance(values: readonly number[]): number {
  if (areAllEqual(values)) return 0;
  const mean = computeMean(values);
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return ss / (values.length - 1);
}

export function assertFiniteValues(values: readonly number[], what: string): void {
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
