import { areAllEqual, computeSampleVariance } from './moments';
import type { RecodedItems } from './recode-items';
import type { StatReason } from './stat-reasons';

export interface AlphaResult {
  /** Cronbach's alpha; can be negative when items are not reverse coded consistently. */
  alpha: number | null;
  /** Respondents who answered every item (listwise deletion). */
  nComplete: number;
  k: number;
  reason: StatReason | null;
}

/**
 * Cronbach's alpha = k / (k - 1) * (1 - sum of item variances / variance of the total), on complete
 * cases of the recoded items. Variances use n - 1; the ratio is the same with n.
 */
export function cronbachAlpha(items: RecodedItems): AlphaResult {
  const { k } = items;
  const complete = items.rows.filter((row): row is readonly number[] => row.every((x) => x !== null));
  const nComplete = complete.length;
  const base = { nComplete, k };
  if (k === 0) return { ...base, alpha: null, reason: 'no_items' };
  if (k === 1) return { ...base, alpha: null, reason: 'single_item' };
  if (nComplete < 2) return { ...base, alpha: null, reason: 'too_few_complete_cases' };
  const totals = complete.map((row) => row.reduce((a, b) => a + b, 0));
  if (areAllEqual(totals)) return { ...base, alpha: null, reason: 'zero_total_variance' };
  let sumItemVariance = 0;
  for (let j = 0; j < k; j += 1) {
    // Safe index: every complete row has exactly k numbers (recodeItems checks row lengths).
    sumItemVariance += computeSampleVariance(complete.map((row) => row[j] as number));
  }
  const alpha = (k / (k - 1)) * (1 - sumItemVariance / computeSampleVariance(totals));
  return { ...base, alpha, reason: null };
}
