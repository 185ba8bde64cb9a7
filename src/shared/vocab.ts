/**
 * Closed vocabularies of the evaluation model. Each list is the single source for the TypeScript
 * type and for the SQL CHECK (... IN (...)) of migration 0002; tests/integration/db/vocab-checks
 * fails when the two drift apart. Adding a value means a new migration that rebuilds the table.
 */

const guard =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);

export const PROGRAM_TYPES = [
  'in_school_class',
  'after_school_club',
  'summer_camp',
  'workshop',
  'field_trip',
  'internship',
  'other',
] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];
export const isProgramType = guard(PROGRAM_TYPES);

export const PARTNER_TYPES = [
  'school',
  'out_of_school_provider',
  'higher_education',
  'business',
  'government',
  'nonprofit',
  'funder',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
export const isPartnerType = guard(PARTNER_TYPES);

export const CONTRIBUTION_KINDS = [
  'mentor_hours',
  'sessions_led',
  'equipment',
  'funding',
  'in_kind',
] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];
export const isContributionKind = guard(CONTRIBUTION_KINDS);

/** Units a contribution amount is counted in; closed so that totals never add hours to dollars. */
export const CONTRIBUTION_UNITS = ['hours', 'sessions', 'usd', 'items'] as const;
export type ContributionUnit = (typeof CONTRIBUTION_UNITS)[number];
export const isContributionUnit = guard(CONTRIBUTION_UNITS);

export const COMMITMENT_STATUSES = ['planned', 'in_progress', 'met', 'not_met', 'dropped'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const isCommitmentStatus = guard(COMMITMENT_STATUSES);

export const RESPONDENT_KINDS = ['youth', 'partner'] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];
export const isRespondentKind = guard(RESPONDENT_KINDS);

/**
 * Why an answer has no value. Missing answers are counted by reason and never averaged.
 * 'missing_code' is a numeric code declared as missing (-99, 99). The importer's codebook
 * (src/core/csv/likert.ts) uses this same list.
 */
export const MISSING_REASONS = [
  'prefer_not_to_say',
  'dont_know',
  'not_applicable',
  'skipped',
  'missing_code',
] as const;
export type MissingReason = (typeof MISSING_REASONS)[number];
export const isMissingReason = guard(MISSING_REASONS);

export const WAVES = ['pre', 'post', 'retrospective_pre', 'follow_up', 'annual'] as const;
export type Wave = (typeof WAVES)[number];
export const isWave = guard(WAVES);

/** Whether a goal is met when the metric reaches the target from below or stays under it. */
export const GOAL_DIRECTIONS = ['at_least', 'at_most'] as const;
export type GoalDirection = (typeof GOAL_DIRECTIONS)[number];
export const isGoalDirection = guard(GOAL_DIRECTIONS);

/** What a demo (or any described) source file holds; used by resources/demo/manifest.json. */
export const SOURCE_FILE_KINDS = [
  'roster',
  'partners',
  'commitments',
  'mentors',
  'sessions',
  'attendance',
  'contributions',
  'goals',
  'survey',
] as const;
export type SourceFileKind = (typeof SOURCE_FILE_KINDS)[number];
export const isSourceFileKind = guard(SOURCE_FILE_KINDS);

/** How bad an import issue is: an error makes its row invalid; warnings and info are listed only. */
export const ISSUE_SEVERITIES = ['error', 'warning', 'info'] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];
export const isIssueSeverity = guard(ISSUE_SEVERITIES);
