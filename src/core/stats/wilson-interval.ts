import { findZCritical } from './distributions';
import { assertConfidence } from './moments';
import type { StatReason } from './stat-reasons';

export interface ProportionInterval {
  successes: number;
  n: number;
  /** successes / n, 0..1. */
  proportion: number | null;
  low: number | null;
  high: number | null;
  confidence: number;
  reason: StatReason | null;
}

function assertCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${what} must be a whole number >= 0, got ${value}`);
}

/**
 * Wilson score interval for a proportion, without continuity correction (scipy
 * binomtest(k, n).proportion_ci(method='wilson')). Unlike the Wald interval it stays inside [0, 1]
 * and is usable at 0% and 100%, which small program groups often hit.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): ProportionInterval {
  assertCount(successes, 'successes');
  assertCount(n, 'n');
  assertConfidence(confidence);
  if (successes > n) throw new RangeError(`successes (${successes}) cannot exceed n (${n})`);
  if (n === 0) {
    return { successes, n, proportion: null, low: null, high: null, confidence, reason: 'empty_sample' };
  }
  const p = successes / n;
  const z = findZCritical(confidence);
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 or 1 the bound is exact in theory; clamping removes a 1e-17 rounding overshoot.
  return {
    successes,
    n,
    proportion: p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
    confidence,
    reason: null,
  };
}
