import { goalProgress } from '@core/metrics/bands';
import type { MetricFilters, MetricSection, MetricsResult } from '@shared/metrics';
import type { Db } from '../../db/open-project';
import { cached } from '../cache';
import type { Ctx } from '../context';
import type { GoalOut } from '../rows';

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
  return cached(
    db,
    'goals',
    () =>
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

interface GoalMetric {
  sections: MetricSection[];
  /** A share (0..1) shown as a percentage when the goal's unit is percent. */
  ratio?: boolean;
  figure: (r: MetricsResult, arg: string, threshold: number) => Figure;
}

const contributionTotal = (r: MetricsResult, f: (c: MetricsResult['contributions'][number]) => number) =>
  r.contributions.filter((c) => c.partnerKey !== null).reduce((a, c) => a + f(c), 0);

/**
 * Goal metric keys (docs/metrics.md), each read from the section that defines it, computed on the
 * goal's own cohort and program. Goals sharing a cohort and program share one computation of only the
 * sections they need, through the same cached computeMetrics as the dashboards.
 */
const METRICS: Record<string, GoalMetric> = {
  youth_reached: { sections: ['reach'], figure: (r) => fromRow(r.reach[0], (x) => x.youthServed) },
  youth_enrolled: { sections: ['reach'], figure: (r) => fromRow(r.reach[0], (x) => x.youthEnrolled) },
  sessions_offered: { sections: ['reach'], figure: (r) => adult(r.reach[0]?.sessionsOffered ?? 0) },
  mentors_engaged: { sections: ['reach'], figure: (r) => adult(r.reach[0]?.mentorsEngaged ?? 0) },
  active_partners: {
    sections: ['contributions'],
    figure: (r) =>
      adult(
        r.contributions.filter(
          (c) =>
            c.partnerKey !== null &&
            c.mentorHours +
              c.sessionsLed +
              c.equipmentItems +
              c.fundingUsd +
              c.inKindUsd +
              (c.equipmentUsd ?? 0) +
              (c.inKindHours ?? 0) +
              (c.sessionsLogged ?? 0) >
              0,
        ).length,
      ),
  },
  mentor_hours_total: {
    sections: ['contributions'],
    figure: (r) => adult(contributionTotal(r, (c) => c.mentorHours)),
  },
  funding_total: {
    sections: ['contributions'],
    figure: (r) => adult(contributionTotal(r, (c) => c.fundingUsd)),
  },
  mean_contact_hours: {
    sections: ['dosage'],
    figure: (r) => fromRow(r.dosage[0], (x) => x.contactHoursMean),
  },
  total_contact_hours: {
    sections: ['dosage'],
    figure: (r) => fromRow(r.dosage[0], (x) => x.contactHoursTotal),
  },
  attendance_rate: {
    sections: ['dosage'],
    ratio: true,
    figure: (r) => fromRow(r.dosage[0], (x) => x.attendanceRateMean),
  },
  regular_attendee_rate: {
    sections: ['dosage'],
    ratio: true,
    figure: (r) => fromRow(r.dosage[0], (x) => x.regularAttendeesShare),
  },
  regular_attendees: { sections: ['dosage'], figure: (r) => fromRow(r.dosage[0], (x) => x.regularAttendees) },
  scale_gain: {
    sections: ['prePost'],
    figure: (r, scale) => {
      const row =
        r.prePost.find((x) => x.scale === scale && x.design === 'pre_post') ??
        r.prePost.find((x) => x.scale === scale);
      if (!row)
        return {
          actual: null,
          n: null,
          suppressed: false,
          reason: `No matched pre/post scores for scale "${scale}".`,
        };
      return fromRow(row, (x) => x.meanDiff);
    },
  },
  scale_mean: {
    sections: ['scales'],
    figure: (r, scale) => {
      const row = r.scales.filter((x) => x.scale === scale && x.wave === 'post')[0];
      if (!row)
        return { actual: null, n: null, suppressed: false, reason: `No post scores for scale "${scale}".` };
      return fromRow(row, (x) => x.mean);
    },
  },
  post_survey_response_rate: {
    sections: ['reach', 'matchReport'],
    ratio: true,
    figure: (r, _arg, threshold) => {
      const reach = r.reach[0];
      const match = r.matchReport[0];
      if (!reach || !match)
        return { actual: null, n: null, suppressed: false, reason: 'No enrolments or no post survey.' };
      if (reach.suppressed || match.suppressed || reach.youthEnrolled === null || match.nPost === null)
        return {
          actual: null,
          n: null,
          suppressed: true,
          reason: reach.suppressionReason ?? match.suppressionReason ?? `n < ${threshold}`,
        };
      return {
        actual: reach.youthEnrolled ? match.nPost / reach.youthEnrolled : null,
        n: reach.youthEnrolled,
        suppressed: false,
        reason: null,
      };
    },
  },
  survey_retention_rate: {
    sections: ['retention'],
    ratio: true,
    figure: (r) =>
      fromRow(
        r.retention.find((x) => x.kind === 'survey'),
        (x) => x.rate,
      ),
  },
  partner_factor: {
    sections: ['partnerHealth'],
    figure: (r, factor) => {
      const row = r.partnerHealth.find((x) => x.factor === factor);
      if (!row)
        return {
          actual: null,
          n: null,
          suppressed: false,
          reason: `No partner survey scores for factor "${factor}".`,
        };
      return fromRow(row, (x) => x.mean);
    },
  },
};
export const GOAL_METRIC_KEYS = Object.keys(METRICS);

function adult(value: number): Figure {
  return { actual: value, n: null, suppressed: false, reason: null };
}

function fromRow<R extends { n: number | null; suppressed: boolean; suppressionReason: string | null }>(
  row: R | undefined,
  pick: (r: R) => number | null,
): Figure {
  if (!row)
    return { actual: null, n: null, suppressed: false, reason: 'No data for this goal in its cohort.' };
  if (row.suppressed) return { actual: null, n: null, suppressed: true, reason: row.suppressionReason };
  const actual = pick(row);
  return {
    actual,
    n: row.n,
    suppressed: false,
    reason: actual === null ? 'Not available for this goal.' : null,
  };
}

/** `scale_gain_career_awareness` -> ('scale_gain', 'career_awareness'). */
function resolveKey(key: string): [string, string] | null {
  if (METRICS[key]) return [key, ''];
  for (const prefix of ['scale_gain', 'scale_mean', 'partner_factor']) {
    if (key.startsWith(`${prefix}_`)) return [prefix, key.slice(prefix.length + 1)];
  }
  return null;
}

export function computeGoals(
  ctx: Ctx,
  compute: (filters: MetricFilters, sections: MetricSection[]) => MetricsResult,
): GoalOut[] {
  const wanted = ctx.filters.cohorts;
  const goals = loadGoals(ctx.db).filter(
    (g) => !wanted || wanted.length === 0 || g.cohort === null || wanted.includes(g.cohort),
  );
  // One computation per goal filter set, of the union of the sections its goals need.
  const filtersOf = (g: GoalRef): MetricFilters => ({
    ...ctx.filters,
    ...(g.cohort ? { cohorts: [g.cohort] } : {}),
    ...(g.program ? { programs: [g.program] } : {}),
  });
  const needs = new Map<string, { filters: MetricFilters; sections: Set<MetricSection> }>();
  for (const g of goals) {
    const k = resolveKey(g.metricKey);
    if (!k) continue;
    const filters = filtersOf(g);
    const id = JSON.stringify(filters);
    const e = needs.get(id) ?? { filters, sections: new Set<MetricSection>() };
    for (const s of METRICS[k[0]]!.sections) e.sections.add(s);
    needs.set(id, e);
  }
  const results = new Map(
    [...needs].map(([id, e]) => [id, () => compute(e.filters, [...e.sections].sort())]),
  );
  const memo = new Map<string, MetricsResult>();
  const resultFor = (id: string) => {
    let r = memo.get(id);
    if (!r) memo.set(id, (r = results.get(id)!()));
    return r;
  };
  return goals.map((g): GoalOut => {
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
      return {
        ...base,
        actual: null,
        progress: null,
        met: null,
        suppressed: false,
        suppressionReason: null,
        reason: `Trellis has no metric called "${g.metricKey}" (docs/metrics.md lists the goal keys).`,
        n: null,
      };
    }
    const [name, arg] = resolved;
    const metric = METRICS[name]!;
    let fig: Figure;
    try {
      fig = metric.figure(resultFor(JSON.stringify(filtersOf(g))), arg, ctx.threshold);
    } catch (err) {
      // A goal naming a program or cohort the project does not have: say so on the goal.
      fig = {
        actual: null,
        n: null,
        suppressed: false,
        reason: err instanceof Error ? err.message : String(err),
      };
    }
    const actual = fig.actual !== null && metric.ratio && isPercent(g.unit) ? fig.actual * 100 : fig.actual;
    if (fig.suppressed) {
      return {
        ...base,
        actual: null,
        progress: null,
        met: null,
        suppressed: true,
        suppressionReason: fig.reason,
        reason: null,
        n: null,
      };
    }
    const { progress, met } = goalProgress(actual, g.target, g.direction);
    return {
      ...base,
      actual,
      progress,
      met,
      suppressed: false,
      suppressionReason: null,
      reason: fig.reason,
      n: fig.n,
    };
  });
}
