import type { GroupKey, MetricsResult } from '@shared/metrics';
import { fmt, groupLabel, pct, signed, suppressedLabel } from './common';
import { effectSize } from './outcomes';

/** One headline figure of the Overview: its value as text, the raw number, and the n behind it. */
export interface Headline {
  id: string;
  label: string;
  value: string;
  raw: number | null;
  n: string;
  detail: string;
  suppressed: boolean;
}

/**
 * The Overview's headline figures for the selection (metrics computed with no split): youth reached,
 * contact hours, partners active, and matched pre/post change on each scale, each with its n.
 */
export function buildHeadlines(overall: MetricsResult): Headline[] {
  const t = overall.threshold;
  const reach = overall.reach[0];
  const dosage = overall.dosage[0];
  const out: Headline[] = [];
  out.push({
    id: 'youth',
    label: 'Youth reached',
    value: !reach
      ? '–'
      : reach.suppressed
        ? suppressedLabel(reach.suppressionReason, t)
        : fmt(reach.youthServed),
    raw: reach && !reach.suppressed ? reach.youthServed : null,
    n: reach && !reach.suppressed ? `n = ${fmt(reach.youthServed)} youth` : '',
    detail: reach
      ? `attended at least one of ${fmt(reach.sessionsOffered)} sessions${reach.youthEnrolled !== null ? `; ${fmt(reach.youthEnrolled)} enrolled` : ''}`
      : 'no attendance imported yet',
    suppressed: reach?.suppressed ?? false,
  });
  out.push({
    id: 'hours',
    label: 'Contact hours',
    value: !dosage
      ? '–'
      : dosage.suppressed
        ? suppressedLabel(dosage.suppressionReason, t)
        : fmt(dosage.contactHoursTotal),
    raw: dosage && !dosage.suppressed ? dosage.contactHoursTotal : null,
    n: dosage && !dosage.suppressed ? `n = ${fmt(dosage.n)} youth` : '',
    detail:
      dosage && !dosage.suppressed && dosage.contactHoursMean !== null
        ? `mean ${fmt(dosage.contactHoursMean, 1)} h per youth; attendance rate ${pct(dosage.attendanceRateMean)}`
        : 'sum of minutes attended ÷ 60',
    suppressed: dosage?.suppressed ?? false,
  });
  out.push({
    id: 'partners',
    label: 'Partners active',
    value: fmt(reach?.partnersActive ?? 0),
    raw: reach?.partnersActive ?? 0,
    n: `${fmt(reach?.mentorsEngaged ?? 0)} mentors engaged`,
    detail: 'led, hosted or contributed in the selection',
    suppressed: false,
  });
  for (const r of [...overall.prePost].sort((a, b) => a.scaleName.localeCompare(b.scaleName))) {
    const e = effectSize(r);
    out.push({
      id: `change:${r.scale}`,
      label: `Change: ${r.scaleName}`,
      value: r.suppressed
        ? suppressedLabel(r.suppressionReason, t)
        : r.meanDiff === null
          ? '–'
          : signed(r.meanDiff),
      raw: r.suppressed ? null : r.meanDiff,
      n: r.suppressed ? '' : `n = ${fmt(r.nMatched)} matched`,
      detail: r.suppressed
        ? 'too few matched youth to show'
        : r.meanDiff === null
          ? (r.reason ?? 'no estimate')
          : `${fmt(r.meanPre, 2)} → ${fmt(r.meanPost, 2)} (1–5); 95% CI [${fmt(r.ciLow, 2)}, ${fmt(r.ciHigh, 2)}]` +
            (e.value !== null ? `; ${e.name} = ${fmt(e.value, 2)}` : ''),
      suppressed: r.suppressed,
    });
  }
  return out;
}

/** One line of "what changed since the last cohort". */
export interface CohortChange {
  id: string;
  label: string;
  previous: string;
  latest: string;
  change: string;
  /** Goal for the latest cohort on this metric, if there is one ("target 250: met"). */
  goal: string;
}

const cohortOf = (g: GroupKey) => groupLabel(g, 'cohort', '');

/**
 * The latest cohort against the one before it, from metrics split by cohort. Null when the selection
 * holds fewer than two cohorts (the page then says so).
 */
export function buildCohortChanges(
  byCohort: MetricsResult,
): { previous: string; latest: string; rows: CohortChange[] } | null {
  const cohorts = [...new Set(byCohort.reach.map((r) => cohortOf(r.group)).filter(Boolean))].sort();
  if (cohorts.length < 2) return null;
  const latest = cohorts[cohorts.length - 1]!;
  const previous = cohorts[cohorts.length - 2]!;
  const t = byCohort.threshold;
  const goalFor = (metricKey: string) => {
    const g = byCohort.goals.find(
      (x) => x.metricKey === metricKey && x.cohort === latest && x.program === null,
    );
    if (!g) return '';
    if (g.suppressed) return `target ${fmt(g.target)}: suppressed`;
    const unit = g.unit === 'percent' ? '%' : g.unit ? ` ${g.unit}` : '';
    return `target ${g.direction === 'at_most' ? '≤ ' : ''}${fmt(g.target, g.target % 1 ? 1 : 0)}${unit}: ${g.met === null ? 'no data' : g.met ? 'met' : `${pct(g.progress)} of the way`}`;
  };
  const line = <T extends { group: GroupKey; suppressed: boolean; suppressionReason: string | null }>(
    id: string,
    label: string,
    rows: T[],
    value: (r: T) => number | null,
    show: (v: number | null) => string,
    diff: (a: number, b: number) => string,
    goalKey?: string,
  ): CohortChange => {
    const at = (c: string) => rows.find((r) => cohortOf(r.group) === c);
    const text = (r: T | undefined) =>
      !r ? '–' : r.suppressed ? suppressedLabel(r.suppressionReason, t) : show(value(r));
    const a = at(previous);
    const b = at(latest);
    const va = a && !a.suppressed ? value(a) : null;
    const vb = b && !b.suppressed ? value(b) : null;
    return {
      id,
      label,
      previous: text(a),
      latest: text(b),
      change: va !== null && vb !== null ? diff(va, vb) : '–',
      goal: goalKey ? goalFor(goalKey) : '',
    };
  };
  const rows: CohortChange[] = [
    line(
      'youth',
      'Youth reached',
      byCohort.reach,
      (r) => r.youthServed,
      (v) => fmt(v),
      (a, b) => signedInt(b - a),
      'youth_reached',
    ),
    line(
      'hours',
      'Contact hours per youth (mean)',
      byCohort.dosage,
      (r) => r.contactHoursMean,
      (v) => fmt(v, 1),
      (a, b) => signed(b - a, 1),
      'mean_contact_hours',
    ),
    line(
      'attendance',
      'Attendance rate',
      byCohort.dosage,
      (r) => r.attendanceRateMean,
      (v) => pct(v),
      (a, b) => `${signed((b - a) * 100, 0)} points`,
    ),
    line(
      'regular',
      'Regular attendees',
      byCohort.dosage,
      (r) => r.regularAttendeesShare,
      (v) => pct(v),
      (a, b) => `${signed((b - a) * 100, 0)} points`,
      'regular_attendee_rate',
    ),
  ];
  const scales = [...new Map(byCohort.prePost.map((r) => [r.scale, r.scaleName])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  for (const [scale, name] of scales)
    rows.push(
      line(
        `change:${scale}`,
        `Matched change: ${name}`,
        byCohort.prePost.filter((r) => r.scale === scale),
        (r) => r.meanDiff,
        (v) => signed(v),
        (a, b) => signed(b - a),
        `scale_gain_${scale}`,
      ),
    );
  return { previous, latest, rows };
}

function signedInt(v: number) {
  return signed(v, 0);
}
