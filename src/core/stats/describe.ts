import { findTCritical } from './distributions';
import {
  assertConfidence,
  assertFiniteValues,
  computeMean,
  computeSampleVariance,
  type Values,
} from './moments';
import type { StatReason } from './stat-reasons';

export interface Description {
  /** Non-missing values used. */
  n: number;
  /** Nulls skipped (missing answers, unscored respondents). */
  nMissing: number;
  mean: number | null;
  /** Sample standard deviation, n - 1 denominator. */
  sd: number | null;
  /** Standard error of the mean, sd / sqrt(n). */
  se: number | null;
  /** t-based confidence interval of the mean. */
  ciLow: number | null;
  ciHigh: number | null;
  confidence: number;
  /** Why some field is null; null when every field is filled. */
  reason: StatReason | null;
}

export interface DescribeOptions {
  /** Confidence level of the interval; default 0.95. */
  confidence?: number;
}

/**
 * n, mean, SD, SE and a t-based CI of the mean of the non-null values.
 * n = 0: everything null. n = 1: mean only. All values equal: sd = se = 0 and the CI is null,
 * because a zero-width interval from a tiny sample would read as certainty.
 */
export function describe(
  values: readonly (number | null)[] | Float64Array,
  options: DescribeOptions = {},
): Description {
  const confidence = options.confidence ?? 0.95;
  assertConfidence(confidence);
  const present: Values =
    values instanceof Float64Array ? values : values.filter((v): v is number => v !== null);
  assertFiniteValues(present, 'describe');
  const n = present.length;
  const base = { n, nMissing: values.length - n, confidence };
  if (n === 0) {
    return { ...base, mean: null, sd: null, se: null, ciLow: null, ciHigh: null, reason: 'no_values' };
  }
  const mean = computeMean(present);
  if (n === 1) {
    return { ...base, mean, sd: null, se: null, ciLow: null, ciHigh: null, reason: 'single_value' };
  }
  const sd = Math.sqrt(computeSampleVariance(present));
  const se = sd / Math.sqrt(n);
  if (sd === 0) {
    return { ...base, mean, sd, se, ciLow: null, ciHigh: null, reason: 'zero_variance' };
  }
  const half = findTCritical(confidence, n - 1) * se;
  return { ...base, mean, sd, se, ciLow: mean - half, ciHigh: mean + half, reason: null };
}
