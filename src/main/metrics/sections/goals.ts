import { goalProgress } from '@core/metrics/bands';
import type { MetricFilters } from '@shared/metrics';
import type { Db } from '../../db/open-project';
import { cached } from '../cache';
import { createCtx, type Ctx } from '../context';
import type { GoalOut } from '../rows';
import { attendanceGroups, computeDosage, computeReach } from './attendance';
import { computeContributions } from './partners';
import { computeMatchReport, computePartnerHealth, computePrePost, youthSittings } from './surveys';

interface GoalRef {
  id: number;
  metricKey: string;
  description: string | null;
  target: number;
  direction: 'at_least' | 'at_most';
  unit: string | null;
  cohort: string | null;
  program: string | null;
  owner: string | null;
}

function loadGoals(db: Db): GoalRef[] {
  return cached(db, 'goals', () =>
    db
      .prepare(
        `SELECT g.id, g.metric_key AS metricKey, g.description, g.target_value AS target, g.direction, g.unit,
                c.code AS cohort, p.code AS program, o.name AS owner
         FROM goals g LEFT JOIN cohorts c ON c.id = g.cohort_id LEFT JOIN programs p ON p.id = g.program_id
         LEFT JOIN partners o ON o.id = g.owner_partner_id
         ORDER BY c.starts_on, g.id`,
      )
      .all() as GoalRef[],
  );
}

/** A figure a goal can track: its value, the n behind it, and whether it is suppressed. */
interface Figure {
  actual: number | null;
  n: number | null;
  suppressed: boolean;
  reason: string | null;
}

const isPercent = (unit: string | null) => unit !== null && /percent|%/i.test(unit);

/**
 * Goal metric keys, each computed by the section that defines it (docs/metrics.md), on the goal's own
 * cohort and program: only the sections a goal needs run, never the whole set.
 */
const METRICS: Record<string, (ctx: Ctx, arg: string) => Figure> = {
  youth_reached: (ctx) => fromRow(computeReach(ctx)[0], (r) => r.youthServed),
  youth_served: (ctx) => fromRow(computeReach(ctx)[0], (r) => r.youthServed),
  youth_enrolled: (ctx) => fromRow(computeReach(ctx)[0], (r) => r.youthEnrolled),
  sessions_offered: (ctx) => adult(computeReach(ctx)[0]?.sessionsOffered ?? 0),
  mentors_engaged: (ctx) => adult(computeReach(ctx)[0]?.mentorsEngaged ?? 0),
  active_partners: (ctx) => {
    // Partners with at least one contribution or led session in the goal's cohort.
    const rows = computeContributions(ctx).filter((r) => r.partnerKey !== null);
    const active = rows.filter(
      (r) =>
        r.mentorHours + r.sessionsLed + r.equipmentItems + r.fundingUsd + r.inKindUsd + (r.equipmentUsd ?? 0) + (r.inKindHours ?? 0) > 0 ||
        (r.sessionsLogged ?? 0) > 0,
    );
    return adult(active.length);
  },
  partners_active: (ctx) => METRICS.active_partners!(ctx, ''),
  mean_contact_hours: (ctx) => fromRow(computeDosage(ctx, attendanceGroups(ctx))[0], (r) => r.contactHoursMean),
  total_contact_hours: (ctx) => fromRow(computeDosage(ctx, attendanceGroups(ctx))[0], (r) => r.contactHoursTotal),
  attendance_rate: (ctx) => fromRow(computeDosage(ctx, attendanceGroups(ctx))[0], (r) => r.attendanceRateMean),
  regular_attendee_rate: (ctx) =>
    fromRow(computeDosage(ctx, attendanceGroups(ctx))[0], (r) => r.regularAttendeesShare),
  regular_attendees: (ctx) => fromRow(computeDosage(ctx, attendanceGroups(ctx))[0], (r) => r.regularAttendees),
  mentor_hours_total: (ctx) => adult(computeContributions(ctx).filter((r) => r.partnerKey !== null).reduce((a, r) => a + r.mentorHours, 0)),
  scale_gain: (ctx, scale) => {
    const row = computePrePost(ctx).find((r) => r.scale === scale && r.design === 'pre_post');
    if (!row) return { actual: null, n: null, suppressed: false, reason: `No matched pre/post scores for scale "${scale}".` };
    return fromRow(row, (r) => r.meanDiff);
  },
  post_survey_response_rate: (ctx) => {
    // Enrolled youth who answered the post survey.
    const reach = computeReach(ctx)[0];
    const match = computeMatchReport(ctx, youthSittings(ctx))[0];
    if (!reach || !match) return { actual: null, n: null, suppressed: false, reason: 'No enrolments or no post survey.' };
    if (reach.suppressed || match.suppressed || reach.youthEnrolled === null || match.nPost === null)
      return { actual: null, n: null, suppressed: true, reason: reach.suppressionReason ?? match.suppressionReason ?? `n < ${ctx.threshold}` };
    return { actual: reach.youthEnrolled ? match.nPost / reach.youthEnrolled : null, n: reach.youthEnrolled, suppressed: false, reason: null };
  },
  partner_factor: (ctx, factor) => {
    const row = computePartnerHealth(ctx).find((r) => r.factor === factor);
    if (!row) return { actual: null, n: null, suppressed: false, reason: `No partner survey scores for factor "${factor}".` };
    return fromRow(row, (r) => r.mean);
  },
};

const RATIO_KEYS = new Set(['attendance_rate', 'regular_attendee_rate', 'post_survey_response_rate']);

function adult(value: number): Figure {
  return { actual: value, n: null, suppressed: false, reason: null };
}

function fromRow<R extends { n: number | null; suppressed: boolean; suppressionReason: string | null }>(
  row: R | undefined,
  pick: (r: R) => number | null,
): Figure {
  if (!row) return { actual: null, n: null, suppressed: false, reason: 'No data for this goal in its cohort.' };
  if (row.suppressed) return { actual: null, n: null, suppressed: true, reason: row.suppressionReason };
  const actual = pick(row);
  return { actual, n: row.n, suppressed: false, reason: actual === null ? 'Not available for this goal.' : null };
}

/** `scale_gain_career_awareness` -> ('scale_gain', 'career_awareness'). */
function resolveKey(key: string): [string, string] | null {
  if (METRICS[key]) return [key, ''];
  for (const prefix of ['scale_gain', 'partner_factor']) {
    if (key.startsWith(`${prefix}_`)) return [prefix, key.slice(prefix.length + 1)];
  }
  return null;
}

export function computeGoals(ctx: Ctx): GoalOut[] {
  const wanted = ctx.filters.cohorts;
  return loadGoals(ctx.db)
    .filter((g) => !wanted || wanted.length === 0 || g.cohort === null || wanted.includes(g.cohort))
    .map((g): GoalOut => {
      const base = {
        goalId: g.id,
        metricKey: g.metricKey,
        description: g.description,
        cohort: g.cohort,
        program: g.program,
        owner: g.owner,
        target: g.target,
        direction: g.direction,
        unit: g.unit,
      };
      const resolved = resolveKey(g.metricKey);
      if (!resolved) {
        return { ...base, actual: null, progress: null, met: null, suppressed: false, suppressionReason: null, reason: `Trellis has no metric called "${g.metricKey}" (docs/metrics.md lists the goal keys).`, n: null };
      }
      const filters: MetricFilters = {
        ...ctx.filters,
        ...(g.cohort ? { cohorts: [g.cohort] } : {}),
        ...(g.program ? { programs: [g.program] } : {}),
      };
      const sub = createCtx(ctx.db, ctx.settings, filters, []);
      const [name, arg] = resolved;
      const fig = METRICS[name]!(sub, arg);
      const actual = fig.actual !== null && RATIO_KEYS.has(name) && isPercent(g.unit) ? fig.actual * 100 : fig.actual;
      if (fig.suppressed) {
        return { ...base, actual: null, progress: null, met: null, suppressed: true, suppressionReason: fig.reason, reason: null, n: null };
      }
      const { progress, met } = goalProgress(actual, g.target, g.direction);
      return { ...base, actual, progress, met, suppressed: false, suppressionReason: null, reason: fig.reason, n: fig.n };
    });
}
