import { TrellisError } from '@shared/errors';
import {
  METRIC_SECTIONS,
  type MetricFilters,
  type MetricSection,
  type MetricsResult,
  type ProjectSettings,
} from '@shared/metrics';
import type { Db } from '../db/open-project';
import { readSettings } from '../db/project-settings';
import { cached, pinned } from './cache';
import { createCtx, type Ctx } from './context';
import { assertNothingSmall } from './guard';
import {
  attendanceGroups,
  computeAttendanceRetention,
  computeDosage,
  computeDosageBands,
  computeReach,
  finishRetention,
} from './sections/attendance';
import { computeGoals } from './sections/goals';
import { computeContributions } from './sections/partners';
import {
  computeItems,
  computeMatchReport,
  computePartnerHealth,
  computePrePost,
  computePrePostByDosage,
  computeReliability,
  computeScales,
  matchPairs,
  surveyRetentionRows,
  youthSittings,
} from './sections/surveys';

export interface ComputeInput {
  filters: MetricFilters;
  by: string[];
  sections?: MetricSection[] | undefined;
}

/**
 * The dashboard metric set for one filter set and split, suppressed before it is returned. Only the
 * requested sections run; shared intermediates (youth attendance per group, survey sittings, matched
 * pairs) are computed once per call, and base layers once per data version. The whole result is
 * cached per (filters, split, sections, settings) until the project's data changes.
 */
export function computeMetrics(db: Db, input: ComputeInput, now = () => new Date()): MetricsResult {
  return computeWithSettings(db, readSettings(db), input, now);
}

/**
 * computeMetrics with the settings given. The metrics.compute handler and the CLI always go through
 * computeMetrics (the project's own settings, threshold never below 5); reference-value tests call
 * this with a lower threshold to check statistics on tiny fixture groups.
 */
export function computeWithSettings(
  db: Db,
  settings: ProjectSettings,
  input: ComputeInput,
  now = () => new Date(),
): MetricsResult {
  const sections = new Set<MetricSection>(input.sections?.length ? input.sections : METRIC_SECTIONS);
  const key = `result:${JSON.stringify([input.filters, input.by, [...sections].sort(), settings])}`;
  return pinned(db, () => cached(db, key, () => run(db, settings, input, sections, now)));
}

function run(
  db: Db,
  settings: ProjectSettings,
  input: ComputeInput,
  sections: Set<MetricSection>,
  now: () => Date,
): MetricsResult {
  validateBy(input.by);
  const ctx: Ctx = createCtx(db, settings, input.filters, input.by);
  const names = ctx.people.attributeNames;
  for (const d of input.by) {
    if (d.startsWith('attribute:') && !names.has(d.slice('attribute:'.length))) {
      throw new TrellisError(
        'bad_input',
        `There is no participant attribute "${d.slice('attribute:'.length)}" to split by; this project has: ${[...names].join(', ') || 'none'}.`,
      );
    }
  }
  const has = (s: MetricSection) => sections.has(s);
  const attendanceSections = has('reach') || has('dosage') || has('retention');
  const groups = attendanceSections ? attendanceGroups(ctx) : null;
  const surveySections = [
    'scales',
    'reliability',
    'items',
    'prePost',
    'prePostByDosage',
    'matchReport',
    'retention',
  ];
  const youth = surveySections.some((s) => has(s as MetricSection)) ? youthSittings(ctx) : [];
  const pairs = has('prePost') || has('prePostByDosage') ? matchPairs(ctx, youth) : [];

  const result: MetricsResult = {
    filters: input.filters,
    by: input.by,
    threshold: ctx.threshold,
    computedAt: now().toISOString(),
    reach: has('reach') && groups ? computeReach(ctx, groups) : [],
    dosage: has('dosage') && groups ? computeDosage(ctx, groups) : [],
    dosageBands: has('dosage') && groups ? computeDosageBands(ctx, groups) : [],
    retention: has('retention') && groups ? retention(ctx, groups, youth) : [],
    scales: has('scales') ? computeScales(ctx, youth) : [],
    reliability: has('reliability') ? computeReliability(ctx, youth) : [],
    items: has('items') ? computeItems(ctx, youth) : [],
    prePost: has('prePost') ? computePrePost(ctx, pairs) : [],
    prePostByDosage: has('prePostByDosage') ? computePrePostByDosage(ctx, pairs) : [],
    matchReport: has('matchReport') ? computeMatchReport(ctx, youth) : [],
    partnerHealth: has('partnerHealth') ? computePartnerHealth(ctx) : [],
    contributions: has('contributions') ? computeContributions(ctx) : [],
    goals: has('goals')
      ? computeGoals(ctx, (filters, only) =>
          computeWithSettings(db, settings, { filters, by: [], sections: only }, now),
        )
      : [],
  };
  assertNothingSmall(result);
  return result;
}

function retention(
  ctx: Ctx,
  groups: ReturnType<typeof attendanceGroups>,
  youth: ReturnType<typeof youthSittings>,
) {
  const attendance = computeAttendanceRetention(ctx, groups);
  const survey = finishRetention(
    ctx,
    ctx.by.filter((d) => d !== 'wave'),
    surveyRetentionRows(ctx, youth),
  );
  return [...attendance, ...survey];
}

function validateBy(by: string[]): void {
  if (new Set(by).size !== by.length) {
    throw new TrellisError('bad_input', `Split by each dimension once; got ${by.join(', ')}.`);
  }
}
