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

/** Critical value t such that P(-t < T < t) = confidence. */
export function findTCritical(confidence: number, df: number): number {
  return jStat.studentt.inv(1 - (1 - confidence) / 2, df);
}

/** Critical value z such that P(-z < Z < z) = confidence. */
export function findZCritical(confidence: number): number {
  return jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
}
