import { recodeItems, type ItemIssue, type ItemScale, type RecodedItems } from './recode-items';

export interface ScaleOptions extends ItemScale {
  /** Fewest answered items for a score; default ceil(k / 2). */
  minAnswered?: number;
}

export interface ScaleScores {
  /** One per respondent: mean of the answered, recoded items, or null when too few were answered. */
  scores: (number | null)[];
  /** Items answered (in range) per respondent. */
  nAnswered: number[];
  k: number;
  minAnswered: number;
  nScored: number;
  nUnscored: number;
  /** The recoded answers the scores came from: pass these to cronbachAlpha. */
  recoded: RecodedItems;
  issues: readonly ItemIssue[];
}

/**
 * Scale score per respondent = mean of the non-missing items after reverse coding ((min + max) - x),
 * null when fewer than `minAnswered` items were answered. Missing answers arrive as null; values
 * outside [min, max] are treated as missing and reported in `issues`.
 */
export function scoreScale(
  answers: readonly (readonly (number | null)[])[],
  options: ScaleOptions,
): ScaleScores {
  const recoded = recodeItems(answers, options);
  const { k } = recoded;
  const minAnswered = options.minAnswered ?? Math.ceil(k / 2);
  if (!Number.isInteger(minAnswered) || minAnswered < 1 || minAnswered > Math.max(k, 1)) {
    throw new RangeError(`minAnswered must be an integer from 1 to ${k}, got ${minAnswered}`);
  }
  const scores: (number | null)[] = [];
  const nAnswered: number[] = [];
  for (const row of recoded.rows) {
    let sum = 0;
    let count = 0;
    for (const x of row) {
      if (x === null) continue;
      sum += x;
      count += 1;
    }
    nAnswered.push(count);
    scores.push(count >= minAnswered && count > 0 ? sum / count : null);
  }
  const nScored = scores.filter((s) => s !== null).length;
  return {
    scores,
    nAnswered,
    k,
    minAnswered,
    nScored,
    nUnscored: scores.length - nScored,
    recoded,
    issues: recoded.issues,
  };
}
