import jStat from 'jstat';

/**
 * Thin wrappers over jStat's t and normal distributions. No distribution code is written here:
 * the wrappers only fix the tail conventions so every caller gets the same, cancellation-free form.
 */

/** Two-sided p for a t statistic: 2 * P(T <= -|t|). The lower tail avoids 1 - cdf cancellation for large |t|. */
export function computeTwoSidedPFromT(t: number, df: number): number {
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
}

/** Two-sided p for a standard normal statistic: 2 * Phi(-|z|). */
export function computeTwoSidedPFromZ(z: number): number {
  return Math.min(1, 2 * jStat.normal.cdf(-Math.abs(z), 0, 1));
}

/**
 * Critical value t such that P(-t < T < t) = confidence. jStat inverts the cdf iteratively; a metric
 * set asks for the same few (confidence, df) pairs thousands of times, so each answer is kept.
 */
const tCritical = new Map<string, number>();
export function findTCritical(confidence: number, df: number): number {
  const key = `${confidence}:${df}`;
  let t = tCritical.get(key);
  if (t === undefined) {
    t = jStat.studentt.inv(1 - (1 - confidence) / 2, df);
    if (tCritical.size < 100_000) tCritical.set(key, t);
  }
  return t;
}

/** Critical value z such that P(-z < Z < z) = confidence. */
export function findZCritical(confidence: number): number {
  return jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
}
