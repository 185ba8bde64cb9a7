import { bandOf, dosageBands } from '@core/metrics/bands';
import { compareGroups, expandGroups, type GroupRef } from '@core/metrics/groups';
import { maskCounts, maskRows, nullFigures } from '@core/metrics/suppression';
import { mean, meanWithCi, median, proportion } from '@core/metrics/summaries';
import type { GroupKey } from '@shared/metrics';
import { loadSessions } from '../base/refs';
import {
  countBetween,
  loadAttendance,
  loadDaysPerCohort,
  loadOfferedIndex,
  type AttendanceCell,
  type CellFacts,
} from '../base/attendance';
import { cached } from '../cache';
import {
  dimsFor,
  groupsFor,
  inCohorts,
  needsPartner,
  pairKey,
  passes,
  type Ctx,
  type Unit,
} from '../context';
import type { DosageBandOut, DosageOut, ReachOut, RetentionOut } from '../rows';

/** Dimensions that split attendance: everything but wave. */
const ATTENDANCE_DIMS = (d: string) => d !== 'wave';

/** One youth's attendance within one group, summed over the cells (cohort x program x site) in it. */
interface YouthInGroup {
  minutes: number;
  sessions: number;
  /** distinct dates, per cohort (cohorts do not share dates) */
  days: number;
  first: string;
  last: string;
  /** distinct activity types (a short list: a handful of types at most) */
  activities: number[];
  attended: number;
  offered: number;
  retainedWithin: boolean;
  /** distinct cohorts */
  cohorts: number[];
}

export interface AttendanceGroup {
  ref: GroupRef;
  youth: Map<number, YouthInGroup>;
}

const DAY_MS = 86_400_000;
/** Day numbers of ISO dates, parsed once each (a project has a few hundred session dates). */
const dayNumbers = new Map<string, number>();
const dayOf = (d: string) => {
  let n = dayNumbers.get(d);
  if (n === undefined) {
    n = Date.parse(`${d}T00:00:00Z`) / DAY_MS;
    if (dayNumbers.size < 100_000) dayNumbers.set(d, n);
  }
  return n;
};
const days = (a: string, b: string) => dayOf(b) - dayOf(a);

/** Youth attendance per group for the current filters and split: one walk over the attendance cells. */
export function attendanceGroups(
  ctx: Ctx,
  dims = dimsFor(ctx, ATTENDANCE_DIMS),
): Map<string, AttendanceGroup> {
  const { db, resolved } = ctx;
  const byPartner = needsPartner(ctx);
  const variant = { byPartner, dateFrom: resolved.dateFrom, dateTo: resolved.dateTo };
  const cells = inCohorts(
    ctx,
    `attendance:${JSON.stringify(variant)}`,
    loadAttendance(db, variant),
    (c) => c.cohort,
  );
  const offered = loadOfferedIndex(db);
  const daysPerCohort = loadDaysPerCohort(db, resolved.dateFrom, resolved.dateTo);
  // Distinct dates over the whole cohort are exact only when neither the split nor a filter keeps
  // part of a youth's attendance out: a program filter must not count the days of another program.
  const r = resolved;
  const exactDays =
    !dims.some((d) => d === 'program' || d === 'site' || d === 'partner' || d === 'partner_type') &&
    r.programs === null &&
    r.sites === null &&
    r.partners === null &&
    r.partnerTypes === null;
  const groups = new Map<string, AttendanceGroup>();
  for (const cell of cells) {
    const { unit, rate } = cellFacts(ctx, cell, offered);
    if (!passes(ctx, unit)) continue;
    const { attended, offered: off, retained } = rate;
    for (const ref of groupsFor(ctx, dims, unit)) {
      let g = groups.get(ref.key);
      if (!g) groups.set(ref.key, (g = { ref, youth: new Map() }));
      let y = g.youth.get(cell.participant);
      if (!y) {
        y = {
          minutes: 0,
          sessions: 0,
          days: 0,
          first: cell.first,
          last: cell.last,
          activities: [],
          attended: 0,
          offered: 0,
          retainedWithin: false,
          cohorts: [],
        };
        g.youth.set(cell.participant, y);
      }
      y.minutes += cell.minutes;
      y.sessions += cell.sessions;
      if (exactDays) {
        // Distinct days over everything the youth attended in the cohort, counted once per cohort.
        if (!y.cohorts.includes(cell.cohort))
          y.days += daysPerCohort.get(pairKey(cell.participant, cell.cohort)) ?? 0;
      } else y.days += cell.days;
      if (!y.cohorts.includes(cell.cohort)) y.cohorts.push(cell.cohort);
      if (cell.first < y.first) y.first = cell.first;
      if (cell.last > y.last) y.last = cell.last;
      for (const a of cell.activities) if (!y.activities.includes(a)) y.activities.push(a);
      y.attended += attended;
      y.offered += off;
      y.retainedWithin ||= retained;
    }
  }
  return groups;
}

/**
 * A cell's unit and attendance rate, worked out once per cell and kept on it: cells are cached per
 * data version and date filter (base/attendance.ts), and the rate depends only on the cell, the enrolments, the
 * sessions and the date filter the cell was read with.
 */
function cellFacts(ctx: Ctx, cell: AttendanceCell, index: Map<string, string[]>): CellFacts {
  return (cell.facts ??= { unit: cellUnit(cell), rate: cellRate(ctx, cell, index) });
}

const cellUnit = (cell: AttendanceCell): Unit => ({
  participant: cell.participant,
  cohort: cell.cohort,
  programs: [cell.program],
  sites: [cell.site],
  partners: [cell.partner],
});

/**
 * Sessions offered to this youth while enrolled (program, cohort and site of the cell, between the
 * enrolment and exit dates and inside the date filter), and whether they attended in the last quarter
 * of those sessions.
 */
function cellRate(ctx: Ctx, cell: AttendanceCell, index: Map<string, string[]>) {
  const enrol = ctx.people.enrolmentsOf
    .get(pairKey(cell.participant, cell.cohort))
    ?.find((e) => e.program === cell.program && (e.site === null || e.site === cell.site));
  const site = enrol && enrol.site === null ? '*' : String(cell.site ?? '-');
  const partner = cell.partner === null ? '*' : String(cell.partner);
  const dates = index.get(`${cell.cohort}:${cell.program}:${site}:${partner}`) ?? [];
  const from = maxDate(enrol ? enrol.enrolledOn : cell.first, ctx.resolved.dateFrom);
  const to = minDate(enrol?.exitedOn ?? null, ctx.resolved.dateTo);
  const offered = Math.max(countBetween(dates, from, to), cell.sessions);
  const cutoff = lastQuarterStart(ctx, dates);
  return { attended: cell.sessions, offered, retained: cutoff !== undefined && cell.last >= cutoff };
}

/** The date from which the last quarter of these sessions (inside the date filter) runs. */
const cutoffs = new WeakMap<readonly string[], Map<string, string | undefined>>();
function lastQuarterStart(ctx: Ctx, dates: readonly string[]): string | undefined {
  const key = `${ctx.resolved.dateFrom ?? ''}|${ctx.resolved.dateTo ?? ''}`;
  let m = cutoffs.get(dates);
  if (!m) cutoffs.set(dates, (m = new Map()));
  if (m.has(key)) return m.get(key);
  const { dateFrom, dateTo } = ctx.resolved;
  const inRange = dates.filter((d) => (!dateFrom || d >= dateFrom) && (!dateTo || d <= dateTo));
  const cutoff = inRange[Math.floor((inRange.length * 3) / 4)];
  m.set(key, cutoff);
  return cutoff;
}

const maxDate = (a: string | null | undefined, b: string | null | undefined) =>
  !a ? b : !b ? a : a > b ? a : b;
const minDate = (a: string | null | undefined, b: string | null | undefined) =>
  !a ? b : !b ? a : a < b ? a : b;

const sorted = <T extends { group: GroupKey }>(ctx: Ctx, dims: string[], rows: T[]) =>
  rows.sort((a, b) => compareGroups(dims, a.group, b.group));

// Reach ---------------------------------------------------------------------------------------------

export function computeReach(ctx: Ctx, groups = attendanceGroups(ctx)): ReachOut[] {
  const dims = dimsFor(ctx, ATTENDANCE_DIMS);
  const sessions = loadSessions(ctx.db);
  // Session-level figures (adults and sessions) per group of the session's own dimensions; a split by
  // a youth attribute gives every group the figures of the whole selection.
  const sessionDims = dims.filter((d) => !d.startsWith('attribute:'));
  const perGroup = new Map<string, { sessions: number; mentors: Set<number>; partners: Set<number> }>();
  for (const s of sessions.list) {
    if (ctx.resolved.dateFrom && s.date < ctx.resolved.dateFrom) continue;
    if (ctx.resolved.dateTo && s.date > ctx.resolved.dateTo) continue;
    const mentorPartners = (sessions.mentorsOf.get(s.id) ?? []).map(
      (m) => ctx.refs.mentorPartner.get(m) ?? null,
    );
    const unit: Unit = {
      participant: null,
      cohort: s.cohort,
      programs: [s.program],
      sites: [s.site],
      partners: [s.partner],
    };
    if (!passes(ctx, { ...unit, partners: [s.partner, ...mentorPartners] }, ['attributes'])) continue;
    for (const ref of groupsFor(ctx, sessionDims, unit)) {
      let g = perGroup.get(ref.key);
      if (!g) perGroup.set(ref.key, (g = { sessions: 0, mentors: new Set(), partners: new Set() }));
      g.sessions += 1;
      for (const m of sessions.mentorsOf.get(s.id) ?? []) g.mentors.add(m);
      if (s.partner !== null) g.partners.add(s.partner);
      for (const p of mentorPartners) if (p !== null) g.partners.add(p);
    }
  }
  const enrolled = enrolledPerGroup(ctx, dims);
  const rows = [...groups.values()].map((g) => {
    const sessionKey =
      expandGroups(sessionDims, (d) => (g.ref.group[d] ? [g.ref.group[d]] : [])).at(0)?.key ?? '';
    const s = perGroup.get(sessionKey);
    return {
      group: g.ref.group,
      youthServed: g.youth.size,
      youthEnrolled: enrolled === null ? null : (enrolled.get(g.ref.key)?.size ?? 0),
      mentorsEngaged: s?.mentors.size ?? 0,
      partnersActive: s?.partners.size ?? 0,
      sessionsOffered: s?.sessions ?? 0,
      n: g.youth.size,
    };
  });
  const masks = maskRows(rows, { n: (r) => r.n, group: (r) => r.group, dims, threshold: ctx.threshold });
  return sorted(
    ctx,
    dims,
    rows.map((r, i) => {
      const m = masks[i]!;
      const out = { ...r, suppressed: m.suppressed, suppressionReason: m.reason };
      return m.suppressed ? nullFigures(out, ['mentorsEngaged', 'partnersActive', 'sessionsOffered']) : out;
    }),
  );
}

/** Youth enrolled per group (null when split by partner: an enrolment has no partner). */
function enrolledPerGroup(ctx: Ctx, dims: string[]): Map<string, Set<number>> | null {
  if (dims.includes('partner') || dims.includes('partner_type')) return null;
  const out = new Map<string, Set<number>>();
  // Each enrolment's unit, once per data version; a cohort filter walks only its cohorts' enrolments.
  const all = cached(ctx.db, 'enrolmentUnits', () =>
    ctx.people.enrolments.map((e): { e: (typeof ctx.people.enrolments)[number]; unit: Unit } => ({
      e,
      unit: {
        participant: e.participant,
        cohort: e.cohort,
        programs: [e.program],
        sites: [e.site],
        partners: [],
      },
    })),
  );
  for (const { e, unit } of inCohorts(ctx, 'enrolmentUnits', all, (x) => x.e.cohort)) {
    if (!passes(ctx, unit, ['partner', 'partner_type'])) continue;
    if (ctx.resolved.dateTo && e.enrolledOn && e.enrolledOn > ctx.resolved.dateTo) continue;
    if (ctx.resolved.dateFrom && e.exitedOn && e.exitedOn < ctx.resolved.dateFrom) continue;
    for (const ref of groupsFor(ctx, dims, unit)) {
      let s = out.get(ref.key);
      if (!s) out.set(ref.key, (s = new Set()));
      s.add(e.participant);
    }
  }
  return out;
}

// Dosage ------------------------------------------------------------------------------------------

/** Per-youth dosage figures of one group, the inputs of its means, bands and regular-attendee count. */
export function youthDosage(ctx: Ctx, y: YouthInGroup) {
  const hours = y.minutes / 60;
  const durationWeeks = days(y.first, y.last) / 7 + 1;
  return {
    hours,
    sessions: y.sessions,
    rate: y.offered > 0 ? Math.min(1, y.attended / y.offered) : null,
    intensity: hours / durationWeeks,
    durationWeeks,
    breadth: y.activities.length,
    regular: y.days >= ctx.settings.regularAttendeeDays,
  };
}

export function computeDosage(ctx: Ctx, groups = attendanceGroups(ctx)): DosageOut[] {
  const dims = dimsFor(ctx, ATTENDANCE_DIMS);
  const rows = [...groups.values()].map((g) => {
    const ys = [...g.youth.values()].map((y) => youthDosage(ctx, y));
    const hours = ys.map((y) => y.hours);
    const rates = ys.flatMap((y) => (y.rate === null ? [] : [y.rate]));
    const regular = ys.filter((y) => y.regular).length;
    const hoursCi = meanWithCi(hours);
    const rateCi = meanWithCi(rates);
    const regularP = proportion(regular, ys.length);
    return {
      group: g.ref.group,
      contactHoursTotal: hours.reduce((a, b) => a + b, 0),
      contactHoursMean: hoursCi.mean,
      contactHoursMedian: median(hours),
      sessionsAttendedMean: mean(ys.map((y) => y.sessions)),
      attendanceRateMean: rateCi.mean,
      intensityHoursPerWeekMean: mean(ys.map((y) => y.intensity)),
      durationWeeksMean: mean(ys.map((y) => y.durationWeeks)),
      breadthMean: mean(ys.map((y) => y.breadth)),
      regularAttendees: regular,
      regularAttendeesShare: regularP.rate,
      contactHoursCiLow: hoursCi.ciLow,
      contactHoursCiHigh: hoursCi.ciHigh,
      attendanceRateCiLow: rateCi.ciLow,
      attendanceRateCiHigh: rateCi.ciHigh,
      regularAttendeesCiLow: regularP.ciLow,
      regularAttendeesCiHigh: regularP.ciHigh,
      n: ys.length,
    };
  });
  const masks = maskRows(rows, { n: (r) => r.n, group: (r) => r.group, dims, threshold: ctx.threshold });
  return sorted(
    ctx,
    dims,
    rows.map((r, i): DosageOut => {
      const m = masks[i]!;
      const out: DosageOut = { ...r, suppressed: m.suppressed, suppressionReason: m.reason };
      if (m.suppressed) return nullFigures(out, []);
      // The count of regular attendees describes people too: hidden below the threshold (or when the
      // rest of the group is), with its share and interval.
      const [regularHidden, restHidden] = maskCounts(
        [r.regularAttendees, r.n - r.regularAttendees],
        ctx.threshold,
        false,
      );
      if (regularHidden || restHidden) {
        return {
          ...out,
          regularAttendees: null,
          regularAttendeesShare: null,
          regularAttendeesCiLow: null,
          regularAttendeesCiHigh: null,
        };
      }
      return out;
    }),
  );
}

export function computeDosageBands(ctx: Ctx, groups = attendanceGroups(ctx)): DosageBandOut[] {
  const dims = dimsFor(ctx, ATTENDANCE_DIMS);
  const edges = ctx.settings.dosageBandsHours;
  const bands = dosageBands(edges);
  const groupRows = [...groups.values()];
  const groupMasks = maskRows(groupRows, {
    n: (g) => g.youth.size,
    group: (g) => g.ref.group,
    dims,
    threshold: ctx.threshold,
  });
  const out: DosageBandOut[] = [];
  groupRows.forEach((g, gi) => {
    const counts = bands.map(() => 0);
    for (const y of g.youth.values()) counts[bandOf(y.minutes / 60, edges)]! += 1;
    const total = g.youth.size;
    // A band left empty next to one that has youth is one the group could have reached: it may hide
    // a small band when the only other complement is the group's main band (maskCounts).
    const reachableZeros = bands
      .map((b) => b.index)
      .filter((i) => counts[i] === 0 && ((counts[i - 1] ?? 0) > 0 || (counts[i + 1] ?? 0) > 0));
    const small = counts.findIndex((c) => c > 0 && c < ctx.threshold);
    reachableZeros.sort((a, b) => Math.abs(a - small) - Math.abs(b - small) || a - b);
    const hidden = maskCounts(counts, ctx.threshold, true, reachableZeros);
    const gm = groupMasks[gi]!;
    bands.forEach((b, i) => {
      const count = counts[i] ?? 0;
      const row = {
        group: g.ref.group,
        band: b.label,
        bandIndex: b.index,
        share: total ? count / total : null,
        n: count,
      };
      if (gm.suppressed)
        out.push({ ...nullFigures(row, ['bandIndex']), suppressed: true, suppressionReason: gm.reason });
      else if (hidden[i])
        out.push({
          ...nullFigures(row, ['bandIndex']),
          suppressed: true,
          suppressionReason:
            count > 0 && count < ctx.threshold
              ? `n < ${ctx.threshold}`
              : 'complementary: hidden so that a suppressed band cannot be worked out from the total',
        });
      else out.push({ ...row, suppressed: false, suppressionReason: null });
    });
  });
  return out.sort((a, b) => compareGroups(dims, a.group, b.group) || a.bandIndex - b.bandIndex);
}

// Retention -----------------------------------------------------------------------------------------

export function computeAttendanceRetention(ctx: Ctx, groups = attendanceGroups(ctx)): RetentionOut[] {
  const dims = dimsFor(ctx, ATTENDANCE_DIMS);
  const rows: Omit<RetentionOut, 'suppressed' | 'suppressionReason'>[] = [];
  // Who was served in which cohort, whatever the other filters: coming back to any program counts.
  const { servedIn, cohortWithData } = cached(ctx.db, 'servedIn', () => {
    const set = new Set<number | string>();
    const cohorts = new Set<number>();
    for (const c of loadAttendance(ctx.db, { byPartner: false })) {
      set.add(pairKey(c.participant, c.cohort));
      cohorts.add(c.cohort);
    }
    return { servedIn: set, cohortWithData: cohorts };
  });
  const nextOf = new Map<number, number>();
  ctx.refs.cohorts.forEach((c, i) => {
    const next = ctx.refs.cohorts[i + 1];
    if (next && cohortWithData.has(next.id)) nextOf.set(c.id, next.id);
  });
  for (const g of groups.values()) {
    const within = [...g.youth.values()];
    const retained = within.filter((y) => y.retainedWithin).length;
    rows.push({
      group: g.ref.group,
      kind: 'within_cohort',
      nBase: within.length,
      nRetained: retained,
      ...proportion(retained, within.length),
      n: within.length,
    });
    let base = 0;
    let back = 0;
    for (const [p, y] of g.youth) {
      for (const c of y.cohorts) {
        const next = nextOf.get(c);
        if (next === undefined) continue;
        base += 1;
        if (servedIn.has(pairKey(p, next))) back += 1;
      }
    }
    if (base > 0)
      rows.push({
        group: g.ref.group,
        kind: 'next_cohort',
        nBase: base,
        nRetained: back,
        ...proportion(back, base),
        n: base,
      });
  }
  return finishRetention(ctx, dims, rows);
}

/** Suppression of retention rows: by the base n; the rate may be top/bottom coded (project option). */
export function finishRetention(
  ctx: Ctx,
  dims: string[],
  rows: Omit<RetentionOut, 'suppressed' | 'suppressionReason'>[],
): RetentionOut[] {
  const masks = maskRows(rows, {
    n: (r) => r.n,
    group: (r) => r.group,
    dims,
    set: (r) => r.kind,
    threshold: ctx.threshold,
  });
  return rows
    .map((r, i): RetentionOut => {
      const m = masks[i]!;
      if (m.suppressed) return { ...nullFigures(r, []), suppressed: true, suppressionReason: m.reason };
      // Retained and not-retained are counts of people too: either below the threshold hides the rate.
      const retained = r.nRetained ?? 0;
      const rest = (r.nBase ?? 0) - retained;
      if ((retained > 0 && retained < ctx.threshold) || (rest > 0 && rest < ctx.threshold)) {
        const which = retained > 0 && retained < ctx.threshold ? 'retained' : 'not retained';
        return {
          ...r,
          nRetained: null,
          rate: null,
          ciLow: null,
          ciHigh: null,
          suppressed: true,
          suppressionReason: `${which}: n < ${ctx.threshold}`,
        };
      }
      if (ctx.settings.topBottomCoding && r.rate !== null && (r.rate > 0.95 || r.rate < 0.05)) {
        const label = r.rate > 0.95 ? '> 95%' : '< 5%';
        return {
          ...r,
          nRetained: null,
          rate: null,
          ciLow: null,
          ciHigh: null,
          suppressed: true,
          suppressionReason: `top/bottom coded: ${label}`,
        };
      }
      return { ...r, suppressed: false, suppressionReason: null };
    })
    .sort((a, b) => compareGroups(dims, a.group, b.group) || a.kind.localeCompare(b.kind));
}
