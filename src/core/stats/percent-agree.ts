import { wilsonInterval } from './wilson-interval';
import type { StatReason } from './stat-reasons';

export interface PercentAgree {
  /** Answers counted in the denominator: every non-null answer, neutral included. */
  nValid: number;
  /** Nulls (missing, "Prefer not to say", N/A mapped upstream) left out of the denominator. */
  nMissing: number;
  /** Answers in the top categories. */
  nAgree: number;
  /** nAgree / nValid, 0..1, with its Wilson interval. */
  proportion: number | null;
  /** The same as a percentage, 0..100. */
  percent: number | null;
  low: number | null;
  high: number | null;
  confidence: number;
  reason: StatReason | null;
}

/**
 * Share of valid answers that fall in `topCategories` (e.g. [4, 5] for "Agree" and "Strongly agree").
 * Neutral answers stay in the denominator: leaving them out would inflate agreement.
 */
export function percentAgree<T extends number | string>(
  values: readonly (T | null)[],
  topCategories: readonly T[],
  confidence = 0.95,
): PercentAgree {
  if (topCategories.length === 0) throw new RangeError('percentAgree needs at least one top category');
  const top = new Set<T>(topCategories);
  let nValid = 0;
  let nAgree = 0;
  for (const v of values) {
    if (v === null) continue;
    nValid += 1;
    if (top.has(v)) nAgree += 1;
  }
  const interval = wilsonInterval(nAgree, nValid, confidence);
  return {
    nValid,
    nMissing: values.length - nValid,
    nAgree,
    proportion: interval.proportion,
    percent: interval.proportion === null ? null : interval.proportion * 100,
    low: interval.low,
    high: interval.high,
    confidence,
    reason: interval.reason,
  };
}
