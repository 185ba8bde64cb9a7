import { z } from 'zod';

/**
 * The metrics contract: what the dashboards, exports and `trellis metrics` receive. Every figure that
 * describes youth carries its n and a suppression flag; a suppressed figure has its numbers nulled
 * on the Node side (see docs/metrics.md for each definition).
 */

/** What a metric can be split by. `attribute:<name>` splits by a participant attribute (grade, gender...). */
export const FIXED_DIMENSIONS = ['cohort', 'program', 'site', 'partner', 'partner_type', 'wave'] as const;
export type FixedDimension = (typeof FIXED_DIMENSIONS)[number];
export const Dimension = z
  .string()
  .regex(/^(cohort|program|site|partner|partner_type|wave|attribute:[^\s].*)$/, 'not a dimension');
export type Dimension = z.infer<typeof Dimension>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** Filters by codes/keys as they appear in the data (cohort '2024-25', program 'CLUB', partner key). */
export const MetricFilters = z
  .object({
    cohorts: z.array(z.string()).optional(),
    programs: z.array(z.string()).optional(),
    sites: z.array(z.string()).optional(),
    partners: z.array(z.string()).optional(),
    partnerTypes: z.array(z.string()).optional(),
    /** attribute name -> accepted values */
    attributes: z.record(z.string(), z.array(z.string())).optional(),
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
  })
  .strict();
export type MetricFilters = z.infer<typeof MetricFilters>;

export const METRIC_SECTIONS = [
  'reach',
  'dosage',
  'retention',
  'scales',
  'reliability',
  'items',
  'prePost',
  'prePostByDosage',
  'matchReport',
  'partnerHealth',
  'contributions',
  'goals',
] as const;
export type MetricSection = (typeof METRIC_SECTIONS)[number];

/** One group of a split: dimension -> { code, label }. Empty when `by` is empty (the whole selection). */
export const GroupKey = z.record(z.string(), z.object({ code: z.string(), label: z.string() }));
export type GroupKey = z.infer<typeof GroupKey>;

const num = z.number().nullable();
/** Every youth figure: its n, and whether it was suppressed (then its numbers are null) and why. */
const Privacy = {
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  suppressionReason: z.string().nullable(),
};

export const ReachRow = z.object({
  group: GroupKey,
  youthServed: z.number().int().nullable(), // distinct participants with >= 1 attended session (or enrolment)
  youthEnrolled: z.number().int().nullable(),
  mentorsEngaged: z.number().int(), // adults: not suppressed
  partnersActive: z.number().int(),
  sessionsOffered: z.number().int(),
  ...Privacy,
});

export const DosageRow = z.object({
  group: GroupKey,
  contactHoursTotal: num,
  contactHoursMean: num,
  contactHoursMedian: num,
  sessionsAttendedMean: num,
  attendanceRateMean: num, // 0..1: attended / offered while enrolled
  intensityHoursPerWeekMean: num,
  durationWeeksMean: num,
  breadthMean: num, // distinct activity types
  regularAttendees: z.number().int().nullable(), // >= regularDays distinct days attended
  regularAttendeesShare: num, // 0..1
  // Added by the metrics engine (optional for compatibility; always present in its output): 95% CIs
  // of the mean contact hours and attendance rate (t), and of the regular-attendee share (Wilson).
  contactHoursCiLow: num.optional(),
  contactHoursCiHigh: num.optional(),
  attendanceRateCiLow: num.optional(),
  attendanceRateCiHigh: num.optional(),
  regularAttendeesCiLow: num.optional(),
  regularAttendeesCiHigh: num.optional(),
  ...Privacy,
});

export const DosageBandRow = z.object({
  group: GroupKey,
  band: z.string(), // e.g. '< 10 h'
  bandIndex: z.number().int(),
  share: num, // of the group's youth, 0..1
  ...Privacy,
});

export const RetentionRow = z.object({
  group: GroupKey,
  kind: z.enum(['within_cohort', 'next_cohort', 'survey']),
  /** within_cohort: attended in the last quarter of the offered sessions; next_cohort: returned the
   * following year; survey: answered both pre and post. */
  nBase: z.number().int().nullable(),
  nRetained: z.number().int().nullable(),
  rate: num,
  ciLow: num, // Wilson 95%
  ciHigh: num,
  ...Privacy,
});

export const ScaleRow = z.object({
  group: GroupKey,
  scale: z.string(),
  scaleName: z.string(),
  wave: z.string(),
  mean: num,
  sd: num,
  ciLow: num,
  ciHigh: num,
  percentAgree: num, // share of respondents whose score >= the agree point (top two categories), 0..1
  percentAgreeCiLow: num,
  percentAgreeCiHigh: num,
  /** Added by the metrics engine: 'top' (> 95%) or 'bottom' (< 5%) when percent agree is top/bottom coded (then null). */
  percentAgreeCode: z.enum(['top', 'bottom']).nullable().optional(),
  ...Privacy,
});

export const ReliabilityRow = z.object({
  scale: z.string(),
  scaleName: z.string(),
  wave: z.string(),
  k: z.number().int(),
  alpha: num,
  nComplete: z.number().int().nullable(),
  reason: z.string().nullable(),
  ...Privacy,
});

export const ItemDistributionRow = z.object({
  group: GroupKey,
  scale: z.string(),
  item: z.string(),
  itemText: z.string(),
  isReverseCoded: z.boolean(),
  wave: z.string(),
  /** category label -> count, in the scale's order, then typed missing reasons separately */
  categories: z.array(z.object({ label: z.string(), value: z.number(), count: z.number().int().nullable() })),
  missing: z.array(z.object({ reason: z.string(), count: z.number().int().nullable() })),
  percentAgree: num,
  ...Privacy,
});

export const PrePostRow = z.object({
  group: GroupKey,
  scale: z.string(),
  scaleName: z.string(),
  /** 'pre' vs 'post', or 'retrospective_pre' vs 'post' */
  design: z.enum(['pre_post', 'retrospective']),
  nMatched: z.number().int().nullable(),
  meanPre: num,
  meanPost: num,
  sdPre: num,
  sdPost: num,
  meanDiff: num,
  sdDiff: num,
  ciLow: num,
  ciHigh: num,
  t: num,
  df: num,
  p: num,
  dz: num,
  gav: num,
  wilcoxonP: num,
  effectSizeName: z.string(), // which effect size is the headline, e.g. 'g_av'
  reason: z.string().nullable(), // why a statistic is null (n < 2, zero variance...)
  ...Privacy,
});

export const MatchReportRow = z.object({
  group: GroupKey,
  nPre: z.number().int().nullable(),
  nPost: z.number().int().nullable(),
  matched: z.number().int().nullable(),
  onlyPre: z.number().int().nullable(),
  onlyPost: z.number().int().nullable(),
  duplicates: z.number().int().nullable(),
  ...Privacy,
});

export const HEALTH_BANDS = ['strength', 'borderline', 'concern'] as const;
export const PartnerHealthRow = z.object({
  group: GroupKey, // usually cohort (year) and/or partner_type
  factor: z.string(),
  factorName: z.string(),
  mean: num,
  sd: num,
  band: z.enum(HEALTH_BANDS).nullable(), // 4.0+ strength, 3.0-3.9 borderline, < 3.0 concern
  ciLow: num.optional(), // added by the metrics engine: t-based 95% CI of the mean
  ciHigh: num.optional(),
  n: z.number().int().nullable(), // partner respondents
  suppressed: z.boolean(),
  suppressionReason: z.string().nullable(),
});

export const ContributionRow = z.object({
  group: GroupKey,
  partnerKey: z.string().nullable(), // null on partner-type rows
  partnerName: z.string(),
  partnerType: z.string(),
  mentorHours: z.number(),
  sessionsLed: z.number(),
  equipmentItems: z.number(),
  fundingUsd: z.number(),
  inKindUsd: z.number(),
  mentors: z.number().int(),
  youthReached: z.number().int().nullable(), // youth figure: suppressed below the threshold
  youthReachedSuppressed: z.boolean(),
  // Added by the metrics engine (optional for compatibility; always present in its output).
  equipmentUsd: z.number().optional(), // equipment given, valued in USD (equipmentItems counts items)
  inKindHours: z.number().optional(), // in-kind time other than mentoring
  sessionsLogged: z.number().int().optional(), // sessions in the session log with this lead partner
});

export const GoalRow = z.object({
  goalId: z.number().int(),
  metricKey: z.string(),
  description: z.string().nullable(),
  cohort: z.string().nullable(),
  program: z.string().nullable(),
  owner: z.string().nullable(),
  target: z.number(),
  direction: z.enum(['at_least', 'at_most']),
  unit: z.string().nullable(),
  actual: num,
  progress: num, // actual / target (at_least) or target / actual (at_most), 0.. (may exceed 1)
  met: z.boolean().nullable(),
  suppressed: z.boolean(),
  suppressionReason: z.string().nullable(),
  /** Added by the metrics engine: why actual is null when it is not suppressed (unknown metric key, no data). */
  reason: z.string().nullable().optional(),
  /** The n behind the actual figure (youth, pairs or respondents), null for counts of adults or money. */
  n: z.number().int().nullable().optional(),
});

export const MetricsResult = z.object({
  filters: MetricFilters,
  by: z.array(Dimension),
  threshold: z.number().int(),
  computedAt: z.string(),
  reach: z.array(ReachRow),
  dosage: z.array(DosageRow),
  dosageBands: z.array(DosageBandRow),
  retention: z.array(RetentionRow),
  scales: z.array(ScaleRow),
  reliability: z.array(ReliabilityRow),
  items: z.array(ItemDistributionRow),
  prePost: z.array(PrePostRow),
  prePostByDosage: z.array(PrePostRow.extend({ band: z.string(), bandIndex: z.number().int() })),
  matchReport: z.array(MatchReportRow),
  partnerHealth: z.array(PartnerHealthRow),
  contributions: z.array(ContributionRow),
  goals: z.array(GoalRow),
});
export type MetricsResult = z.infer<typeof MetricsResult>;

export const ProjectDimensions = z.object({
  cohorts: z.array(
    z.object({ code: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string() }),
  ),
  programs: z.array(z.object({ code: z.string(), label: z.string(), type: z.string() })),
  sites: z.array(z.object({ code: z.string(), label: z.string() })),
  partners: z.array(z.object({ code: z.string(), label: z.string(), type: z.string() })),
  partnerTypes: z.array(z.object({ code: z.string(), label: z.string() })),
  attributes: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  scales: z.array(
    z.object({ code: z.string(), label: z.string(), instrument: z.string(), items: z.number().int() }),
  ),
  waves: z.array(z.string()),
  dateRange: z.object({ from: z.string(), to: z.string() }).nullable(),
  counts: z.object({
    participants: z.number().int(),
    sessions: z.number().int(),
    attendance: z.number().int(),
    youthResponses: z.number().int(),
    partnerResponses: z.number().int(),
    imports: z.number().int(),
  }),
});
export type ProjectDimensions = z.infer<typeof ProjectDimensions>;

export const ProjectSettings = z.object({
  suppressionThreshold: z.number().int().min(5),
  topBottomCoding: z.boolean(),
  dosageBandsHours: z.array(z.number().positive()).min(1), // band edges in hours, ascending
  regularAttendeeDays: z.number().int().min(1),
  minItemShare: z.number().min(0).max(1), // share of a scale's items that must be answered (0.5)
  effectSize: z.enum(['g_av', 'd_z', 'd_av']),
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;
export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  suppressionThreshold: 10,
  topBottomCoding: false,
  dosageBandsHours: [10, 30, 60],
  regularAttendeeDays: 30,
  minItemShare: 0.5,
  effectSize: 'g_av',
};
