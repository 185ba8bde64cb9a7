export { describe, type Description, type DescribeOptions } from './describe';
export {
  recodeItems,
  reverseCode,
  ITEM_ISSUE_CODES,
  isItemIssueCode,
  type ItemIssue,
  type ItemIssueCode,
  type ItemScale,
  type RecodedItems,
} from './recode-items';
export { scoreScale, type ScaleOptions, type ScaleScores } from './score-scale';
export { cronbachAlpha, type AlphaResult } from './cronbach-alpha';
export {
  pairedChange,
  PAIRED_CHANGE_NULLABLE_FIELDS,
  type PairedChange,
  type PairedChangeNullableField,
  type PairedChangeOptions,
} from './paired-change';
export { wilcoxonSignedRank, type WilcoxonResult } from './wilcoxon-signed-rank';
export { wilsonInterval, type ProportionInterval } from './wilson-interval';
export { percentAgree, type PercentAgree } from './percent-agree';
export {
  EFFECT_SIZE_NAMES,
  EFFECT_SIZE_LABELS,
  isEffectSizeName,
  type EffectSizeName,
} from './effect-size-names';
export { STAT_REASONS, STAT_REASON_MESSAGES, isStatReason, type StatReason } from './stat-reasons';
export { computeTwoSidedPFromT, computeTwoSidedPFromZ, findTCritical, findZCritical } from './distributions';
