/**
 * Why a statistic is null. One catalogue, so the UI and tests match on the code and the wording can
 * change in one place. A statistic that cannot be computed is null with one of these, never NaN.
 */
export const STAT_REASONS = [
  'no_values',
  'single_value',
  'zero_variance',
  'too_few_pairs',
  'all_differences_zero',
  'zero_variance_of_differences',
  'zero_pre_post_variance',
  'too_few_pairs_for_hedges',
  'no_items',
  'single_item',
  'too_few_complete_cases',
  'zero_total_variance',
  'empty_sample',
] as const;
export type StatReason = (typeof STAT_REASONS)[number];
export const isStatReason = (v: unknown): v is StatReason =>
  typeof v === 'string' && (STAT_REASONS as readonly string[]).includes(v);

export const STAT_REASON_MESSAGES = {
  no_values: 'There are no values.',
  single_value: 'Only one value: a standard deviation needs at least two.',
  zero_variance: 'Every value is the same, so there is no spread to build an interval from.',
  too_few_pairs: 'Fewer than two matched pairs.',
  all_differences_zero: 'Every matched person gave the same answer before and after.',
  zero_variance_of_differences:
    'Every matched person changed by exactly the same amount, so the standard deviation of the changes is zero.',
  zero_pre_post_variance:
    'Every pre and every post value is the same, so the average standard deviation is zero.',
  too_few_pairs_for_hedges:
    "Hedges' small-sample correction is zero with two pairs; it needs at least three.",
  no_items: 'The scale has no items.',
  single_item: "Cronbach's alpha needs at least two items.",
  too_few_complete_cases: "Cronbach's alpha needs at least two respondents who answered every item.",
  zero_total_variance: 'Every complete respondent has the same total, so alpha is undefined.',
  empty_sample: 'There are no answers to count.',
} as const satisfies Record<StatReason, string>;
