import { computeTwoSidedPFromT, findTCritical } from './distributions';
import type { EffectSizeName } from './effect-size-names';
import {
  areAllEqual,
  assertConfidence,
  assertFiniteValues,
  computeMean,
  computeSampleVariance,
  type Values as Moments,
} from './moments';
import type { StatReason } from './stat-reasons';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank';

/** The fields of PairedChange that can be null, each with its own reason. */
export const PAIRED_CHANGE_NULLABLE_FIELDS = [
  'meanPre',
  'meanPost',
  'sdPre',
  'sdPost',
  'meanDiff',
  'sdDiff',
  'seDiff',
  'ciLow',
  'ciHigh',
  't',
  'df',
  'p',
  'dz',
  'dav',
  'gav',
  'effectSize',
  'wilcoxonP',
] as const;
export type PairedChangeNullableField = (typeof PAIRED_CHANGE_NULLABLE_FIELDS)[number];

export interface PairedChange {
  /** Pairs with both a pre and a post value. */
  nMatched: number;
  /** Pairs dropped because one side was null. */
  nIncomplete: number;
  meanPre: number | null;
  meanPost: number | null;
  sdPre: number | null;
  sdPost: number | null;
  /** Mean of (post - pre): positive means an increase. */
  meanDiff: number | null;
  sdDiff: number | null;
  seDiff: number | null;
  /** t-based confidence interval of meanDiff. */
  ciLow: number | null;
  ciHigh: number | null;
  confidence: number;
  /** Paired t statistic and its two-sided p. */
  t: number | null;
  df: number | null;
  p: number | null;
  dz: number | null;
  dav: number | null;
  gav: number | null;
  /** The headline effect size, the one named by effectSizeName. */
  effectSize: number | null;
  effectSizeName: EffectSizeName;
  /** Wilcoxon signed-rank two-sided p (normal approximation), and how many non-zero changes it ranked. */
  wilcoxonP: number | null;
  wilcoxonNNonZero: number;
  /** The first reason in field order, for a one-line note; null when nothing is null. */
  reason: StatReason | null;
  /** Why each null field is null. */
  reasons: Partial<Record<PairedChangeNullableField, StatReason>>;
}

export interface PairedChangeOptions {
  /** Default 0.95. */
  confidence?: number;
  /** Which effect size is the headline; default g_av (comparable to between-group d, corrected for small n). */
  effectSizeName?: EffectSizeName;
}

const EFFECT_SIZE_FIELDS = { d_z: 'dz', d_av: 'dav', g_av: 'gav' } as const satisfies Record<
  EffectSizeName,
  PairedChangeNullableField
>;

type Values = { [K in PairedChangeNullableField]: number | null };

/**
 * Differences are rounded to 10 decimal places so that changes that are equal on paper (11/3 - 10/3
 * and 8/3 - 7/3) are equal in floating point: they then tie in the Wilcoxon ranks, and a set of
 * identical changes is recognised as having zero spread. Scale scores never need more precision.
 */
function roundDifference(d: number): number {
  return Math.round(d * 1e10) / 1e10;
}

/**
 * Paired change from pre to post. `pre[i]` and `post[i]` must already belong to the same person
 * (pair by ID upstream, never by row order); a pair with a null on either side is dropped and counted.
 */
export function pairedChange(
  pre: readonly (number | null)[] | Float64Array,
  post: readonly (number | null)[] | Float64Array,
  options: PairedChangeOptions = {},
): PairedChange {
  const confidence = options.confidence ?? 0.95;
  const effectSizeName = options.effectSizeName ?? 'g_av';
  assertConfidence(confidence);
  if (pre.length !== post.length) {
    throw new RangeError(`pre has ${pre.length} values and post ${post.length}: pass already-paired arrays`);
  }
  // Typed arrays hold no nulls: every pair is complete.
  let xs: Moments;
  let ys: Moments;
  if (pre instanceof Float64Array && post instanceof Float64Array) {
    xs = pre;
    ys = post;
  } else {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < pre.length; i += 1) {
      const x = pre[i];
      const y = post[i];
      if (x === null || x === undefined || y === null || y === undefined) continue;
      a.push(x);
      b.push(y);
    }
    xs = a;
    ys = b;
  }
  assertFiniteValues(xs, 'pairedChange pre');
  assertFiniteValues(ys, 'pairedChange post');
  const n = xs.length;
  const diffs = new Float64Array(n);
  for (let i = 0; i < n; i += 1) diffs[i] = roundDifference(ys[i]! - xs[i]!);

  const reasons: Partial<Record<PairedChangeNullableField, StatReason>> = {};
  const values: Values = Object.fromEntries(PAIRED_CHANGE_NULLABLE_FIELDS.map((f) => [f, null])) as Values; // fromEntries drops the key type; every field starts as null
  const nullify = (fields: readonly PairedChangeNullableField[], reason: StatReason): void => {
    for (const f of fields) {
      values[f] = null;
      reasons[f] ??= reason;
    }
  };

  let wilcoxonNNonZero = 0;
  if (n === 0) {
    nullify(PAIRED_CHANGE_NULLABLE_FIELDS, 'too_few_pairs');
  } else if (n === 1) {
    values.meanPre = computeMean(xs);
    values.meanPost = computeMean(ys);
    values.meanDiff = computeMean(diffs);
    nullify(
      PAIRED_CHANGE_NULLABLE_FIELDS.filter((f) => values[f] === null),
      'too_few_pairs',
    );
  } else {
    const sdPre = Math.sqrt(computeSampleVariance(xs));
    const sdPost = Math.sqrt(computeSampleVariance(ys));
    const meanDiff = computeMean(diffs);
    const sdDiff = Math.sqrt(computeSampleVariance(diffs));
    Object.assign(values, {
      meanPre: computeMean(xs),
      meanPost: computeMean(ys),
      sdPre,
      sdPost,
      meanDiff,
      sdDiff,
      df: n - 1,
    });

    const allZero = areAllEqual(diffs) && diffs[0] === 0;
    if (allZero) {
      nullify(['seDiff', 'ciLow', 'ciHigh', 't', 'p', 'dz'], 'all_differences_zero');
    } else if (sdDiff === 0) {
      nullify(['seDiff', 'ciLow', 'ciHigh', 't', 'p', 'dz'], 'zero_variance_of_differences');
    } else {
      const seDiff = sdDiff / Math.sqrt(n);
      const t = meanDiff / seDiff;
      const half = findTCritical(confidence, n - 1) * seDiff;
      Object.assign(values, {
        seDiff,
        t,
        p: computeTwoSidedPFromT(t, n - 1),
        ciLow: meanDiff - half,
        ciHigh: meanDiff + half,
        dz: meanDiff / sdDiff,
      });
    }

    const averageSd = (sdPre + sdPost) / 2;
    if (averageSd === 0) {
      nullify(['dav', 'gav'], 'zero_pre_post_variance');
    } else {
      const dav = meanDiff / averageSd;
      values.dav = dav;
      // Hedges' correction 1 - 3 / (4 df - 1) with df = n - 1 is exactly 0 at n = 2.
      if (n === 2) nullify(['gav'], 'too_few_pairs_for_hedges');
      else values.gav = dav * (1 - 3 / (4 * (n - 1) - 1));
    }

    const wilcoxon = wilcoxonSignedRank(diffs);
    wilcoxonNNonZero = wilcoxon.nNonZero;
    if (wilcoxon.p === null) nullify(['wilcoxonP'], 'all_differences_zero');
    else values.wilcoxonP = wilcoxon.p;
  }

  const headlineField = EFFECT_SIZE_FIELDS[effectSizeName];
  values.effectSize = values[headlineField];
  const headlineReason = reasons[headlineField];
  if (headlineReason !== undefined) reasons.effectSize = headlineReason;

  const firstNull = PAIRED_CHANGE_NULLABLE_FIELDS.find((f) => reasons[f] !== undefined);
  return {
    nMatched: n,
    nIncomplete: pre.length - n,
    ...values,
    confidence,
    effectSizeName,
    wilcoxonNNonZero,
    reason: firstNull === undefined ? null : (reasons[firstNull] ?? null),
    reasons,
  };
}
