/**
 * Reverse coding and range checking of Likert-type item answers. Scale scores and Cronbach's alpha
 * both take their input from here, so an item reversed for the mean is reversed for alpha too
 * (JASP once reversed for one and not the other: jasp-issues #540, #448).
 */

export interface ItemScale {
  /** Lowest and highest valid answer codes, e.g. 1 and 5. */
  min: number;
  max: number;
  /** One flag per item: true when the item is negatively worded and must be reversed. */
  reverse?: readonly boolean[];
}

export const ITEM_ISSUE_CODES = ['out_of_range', 'not_finite'] as const;
export type ItemIssueCode = (typeof ITEM_ISSUE_CODES)[number];
export const isItemIssueCode = (v: unknown): v is ItemIssueCode =>
  typeof v === 'string' && (ITEM_ISSUE_CODES as readonly string[]).includes(v);

/** A value that could not be used. It is treated as missing and reported here, never averaged. */
export interface ItemIssue {
  respondent: number;
  item: number;
  code: ItemIssueCode;
  value: number;
}

declare const recodedBrand: unique symbol;

/**
 * Item answers after range checking and reverse coding, one row per respondent. The brand means the
 * only way to get one is through `recodeItems`, so alpha cannot be fed raw, unreversed answers.
 */
export interface RecodedItems {
  readonly rows: readonly (readonly (number | null)[])[];
  readonly k: number;
  readonly issues: readonly ItemIssue[];
  readonly [recodedBrand]: true;
}

/** (min + max) - x: 1 <-> 5, 2 <-> 4 on a 1-5 scale. Its own inverse. */
export function reverseCode(x: number, min: number, max: number): number {
  return min + max - x;
}

export function recodeItems(
  answers: readonly (readonly (number | null)[])[],
  scale: ItemScale,
): RecodedItems {
  const { min, max } = scale;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
    throw new RangeError(`item scale needs finite min < max, got min=${min}, max=${max}`);
  }
  const k = answers[0]?.length ?? scale.reverse?.length ?? 0;
  const reverse = scale.reverse ?? new Array<boolean>(k).fill(false);
  if (reverse.length !== k) {
    throw new RangeError(`reverse has ${reverse.length} flags but there are ${k} items`);
  }
  const issues: ItemIssue[] = [];
  const rows = answers.map((row, respondent) => {
    if (row.length !== k) {
      throw new RangeError(`respondent ${respondent} has ${row.length} answers, expected ${k}`);
    }
    return row.map((x, item) => {
      if (x === null) return null;
      if (!Number.isFinite(x)) {
        issues.push({ respondent, item, code: 'not_finite', value: x });
        return null;
      }
      // A value outside the scale is most likely a missing code (99, -99) that slipped through;
      // averaging it would silently shift the score.
      if (x < min || x > max) {
        issues.push({ respondent, item, code: 'out_of_range', value: x });
        return null;
      }
      return reverse[item] === true ? reverseCode(x, min, max) : x;
    });
  });
  // The brand exists only in the type system; this is the one place that may assert it.
  return { rows, k, issues } as unknown as RecodedItems;
}
