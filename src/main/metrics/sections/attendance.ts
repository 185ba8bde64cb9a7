import { bandOf, dosageBands } from '@core/metrics/bands';
import { compareGroups, expandGroups, type GroupRef } from '@core/metrics/groups';
import { maskCounts, maskRows, nullFigures } from '@core/metrics/suppression';
import { mean, meanWithCi, proportion } from '@core/metrics/summaries';
import type { GroupKey } from '@shared/metrics';
import { loadSessions, type EnrolmentColumns } from '../base/refs';
import {
  ANY,
  attendanceColumns,
  cellsByCohort,
  countBetween,
  indexBy,
  loadOfferedIndex,
  variantKey,
  type AttendanceColumns,
  type AttendanceOptions,
} from '../base/attendance';
import { cached } from '../cache';
import { dimsFor, groupsFor, needsPartner, passes, type Ctx, type Unit } from '../context';
import { popcount, unitFilter, unitGroups, unitsInCohorts } from '../unit-groups';
import type { DosageBandOut, DosageOut, ReachOut, RetentionOut } from '../rows';

/** Dimensions that split attendance: everything but wave. */
const ATTENDANCE_DIMS = (d: string) => d !== 'wave';

/**
 * Each youth's attendance within each group, summed over the cells (cohort x program x site) in it:
 * one slot per (group, youth), as columns.
 */
export interface YouthSlots {
  participant: Int32Array;
  minutes: Float64Array;
  sessions: Float64Array;
  /** distinct dates, per cohort (cohorts do not share dates) */
  days: Float64Array;
  /** first and last date attended, as indices into dates (date order) */
  first: Int32Array;
  last: Int32Array;
  attended: Float64Array;
  offered: Float64Array;
  retainedWithin: Uint8Array;
  /** distinct activity types: actWords words per slot */
  acts: Int32Array;
  actWords: number;
  /** distinct cohorts, by their position in time order: cohortWords words per slot */
  cohorts: Int32Array;
  cohortWords: number;
  /** the dates first and last refer to, as day numbers */
  dayNumber: Float64Array;
}

export interface AttendanceGroup {
  ref: GroupRef;
  /** this group's slots, in order of the youth's first cell */
  slots: number[];
}

export interface AttendanceGroups {
  /** in order of each group's first cell */
  list: AttendanceGroup[];
  youth: YouthSlots;
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

const variantOf = (ctx: Ctx): AttendanceOptions => ({
  byPartner: needsPartner(ctx),
  dateFrom: ctx.resolved.dateFrom,
  dateTo: ctx.resolved.dateTo,
});

/** Youth attendance per group for the current filters and split: one walk over the attendance cells. */
export function attendanceGroups(ctx: Ctx, dims = dimsFor(ctx, ATTENDANCE_DIMS)): AttendanceGroups {
  const { db, resolved: r } = ctx;
  const variant = variantOf(ctx);
  const vk = variantKey(variant);
  const cells = attendanceColumns(db, variant);
  const rates = cellRates(ctx, cells, variant);
  const grouping = unitGroups(ctx, cells, `attendance:${vk}`, dims);
  const filter = unitFilter(ctx, cells, ['cohort']);
  const walks = unitsInCohorts(ctx, cells.length, () => cellsByCohort(db, variant));
  // Distinct dates over the whole cohort are exact only when neither the split nor a filter keeps
  // part of a youth's attendance out: a program filter must not count the days of another program.
  // (Never with cells split by partner: a partner split or filter is one of those.)
  const exactDays =
    !variant.byPartner &&
    !dims.some((d) => d === 'program' || d === 'site' || d === 'partner' || d === 'partner_type') &&
    r.programs === null &&
    r.sites === null &&
    r.partners === null &&
    r.partnerTypes === null;
  const cohortBit = cohortBits(ctx);
  const cohortWords = Math.max(1, Math.ceil(ctx.refs.cohorts.length / 32));
  const aw = cells.actWords;
  let capacity = 0;
  for (const w of walks) capacity += w.length;
  capacity *= Math.max(1, ...grouping.combos.map((c) => c.length));
  const y: YouthSlots = {
    participant: new Int32Array(capacity),
    minutes: new Float64Array(capacity),
    sessions: new Float64Array(capacity),
    days: new Float64Array(capacity),
    first: new Int32Array(capacity),
    last: new Int32Array(capacity),
    attended: new Float64Array(capacity),
    offered: new Float64Array(capacity),
    retainedWithin: new Uint8Array(capacity),
    acts: new Int32Array(capacity * aw),
    actWords: aw,
    cohorts: new Int32Array(capacity * cohortWords),
    cohortWords,
    dayNumber: Float64Array.from(cells.dates, dayOf),
  };
  const groups: AttendanceGroup[] = [];
  const list: AttendanceGroup[] = [];
  // The slot of (group, youth): 1 + slot in a table by group and participant id when that is not too
  // big (ids are rowids), else in a map per group.
  const width = maxParticipant(ctx, cells, variant) + 1;
  const table = grouping.refs.length * width <= 1 << 23 ? new Int32Array(grouping.refs.length * width) : null;
  const maps = table ? [] : grouping.refs.map(() => new Map<number, number>());
  let n = 0;
  for (const walk of walks) {
    for (const i of walk) {
      if (filter && !filter(i)) continue;
      const p = cells.participant[i]!;
      const bit = cohortBit.get(cells.cohort[i]!) ?? 0;
      const word = (bit >> 5) | 0;
      const mask = 1 << (bit & 31);
      for (const gi of grouping.combos[grouping.comboOf[i]!]!) {
        let g = groups[gi];
        if (!g) {
          g = { ref: grouping.refs[gi]!, slots: [] };
          groups[gi] = g;
          list.push(g);
        }
        let s = (table ? table[gi * width + p]! : (maps[gi]!.get(p) ?? 0)) - 1;
        if (s < 0) {
          s = n;
          n += 1;
          if (table) table[gi * width + p] = s + 1;
          else maps[gi]!.set(p, s + 1);
          g.slots.push(s);
          y.participant[s] = p;
          y.first[s] = cells.first[i]!;
          y.last[s] = cells.last[i]!;
        }
        y.minutes[s] = y.minutes[s]! + cells.minutes[i]!;
        y.sessions[s] = y.sessions[s]! + cells.sessions[i]!;
        const seen = (y.cohorts[s * cohortWords + word]! & mask) !== 0;
        // Distinct days over everything the youth attended in the cohort, counted once per cohort.
        if (exactDays) {
          if (!seen) y.days[s] = y.days[s]! + cells.cohortDays[i]!;
        } else y.days[s] = y.days[s]! + cells.days[i]!;
        if (!seen) y.cohorts[s * cohortWords + word]! |= mask;
        if (cells.first[i]! < y.first[s]!) y.first[s] = cells.first[i]!;
        if (cells.last[i]! > y.last[s]!) y.last[s] = cells.last[i]!;
        for (let k = 0; k < aw; k += 1) y.acts[s * aw + k]! |= cells.acts[i * aw + k]!;
        y.attended[s] = y.attended[s]! + cells.sessions[i]!;
        y.offered[s] = y.offered[s]! + rates.offered[i]!;
        if (rates.retained[i]) y.retainedWithin[s] = 1;
      }
    }
  }
  return { list, youth: y };
}

/** The largest participant id among a variant's cells. */
function maxParticipant(ctx: Ctx, cells: AttendanceColumns, variant: AttendanceOptions): number {
  return cached(ctx.db, `attendance-max-participant:${variantKey(variant)}`, () => {
    let max = 0;
    for (const p of cells.participant) if (p > max) max = p;
    return max;
  });
}

/** Each cohort's bit in a slot's cohort words: its position in time order. */
function cohortBits(ctx: Ctx): Map<number, number> {
  return new Map(ctx.refs.cohorts.map((c) => [c.id, c.order]));
}

/**
 * Per cell of a variant: the sessions offered to the youth while enrolled (program, cohort and site of
 * the cell, between the enrolment and exit dates and inside the date filter), and whether they
 * attended in the last quarter of those sessions. Worked out once per data version and variant: they
 * depend only on the cell, the enrolments, the sessions and the date filter the cells were read with.
 */
function cellRates(
  ctx: Ctx,
  cells: AttendanceColumns,
  variant: AttendanceOptions,
): { offered: Int32Array; retained: Uint8Array } {
  return cached(ctx.db, `attendance-rates:${variantKey(variant)}`, () => {
    const index = loadOfferedIndex(ctx.db);
    const e = ctx.people.enrolments;
    const { slotOf, start, order } = enrolmentsByParticipant(ctx);
    const { dateFrom, dateTo } = variant;
    const dateOf = (k: number) => (k < 0 ? null : e.dates[k]!);
    const offered = new Int32Array(cells.length);
    const retained = new Uint8Array(cells.length);
    const none: string[] = [];
    const cutoffOf = new Map<readonly string[], string | undefined>();
    for (let i = 0; i < cells.length; i += 1) {
      const cohort = cells.cohort[i]!;
      const program = cells.program[i]!;
      const site = cells.site[i]!;
      const partner = cells.partner[i]!;
      let enrol = -1;
      const at = slotOf(cells.participant[i]!);
      if (at >= 0)
        for (let x = start[at]!; x < start[at + 1]!; x += 1) {
          const k = order[x]!;
          if (
            e.cohort[k] === cohort &&
            e.program[k] === program &&
            (e.site[k] === -1 || e.site[k] === site)
          ) {
            enrol = k;
            break;
          }
        }
      const dates =
        index.get(
          cohort,
          program,
          enrol >= 0 && e.site[enrol] === -1 ? ANY : site,
          partner < 0 ? ANY : partner,
        ) ?? none;
      const from = maxDate(
        enrol >= 0 ? dateOf(e.enrolledOn[enrol]!) : cells.dates[cells.first[i]!],
        dateFrom,
      );
      const to = minDate(enrol >= 0 ? dateOf(e.exitedOn[enrol]!) : null, dateTo);
      offered[i] = Math.max(countBetween(dates, from, to), cells.sessions[i]!);
      let cutoff = cutoffOf.get(dates);
      if (!cutoffOf.has(dates)) cutoffOf.set(dates, (cutoff = lastQuarterStart(dates, dateFrom, dateTo)));
      retained[i] = cutoff !== undefined && cells.dates[cells.last[i]!]! >= cutoff ? 1 : 0;
    }
    return { offered, retained };
  });
}

/**
 * Enrolments per participant, once per data version: those of the participant in slot slotOf(id) are
 * order[start[slot] .. start[slot + 1]), in table order. Slots are the ids themselves when they are
 * dense enough (rowids), else numbered through a map.
 */
function enrolmentsByParticipant(ctx: Ctx): {
  slotOf: (participant: number) => number;
  start: Int32Array;
  order: Int32Array;
} {
  return cached(ctx.db, 'enrolments-by-participant', () => {
    const ids = ctx.people.enrolments.participant;
    let max = 0;
    for (const p of ids) if (p > max) max = p;
    let slotOf: (participant: number) => number;
    let slots: Int32Array;
    if (max <= 8 * ids.length + 1_000_000 && ids.every((p) => p >= 0)) {
      slotOf = (p) => (p >= 0 && p <= max ? p : -1);
      slots = ids;
    } else {
      const dense = new Map<number, number>();
      slots = ids.map((p) => {
        let d = dense.get(p);
        if (d === undefined) dense.set(p, (d = dense.size));
        return d;
      });
      max = dense.size - 1;
      slotOf = (p) => dense.get(p) ?? -1;
    }
    const start = new Int32Array(max + 2);
    for (const s of slots) start[s + 1] = start[s + 1]! + 1;
    for (let k = 1; k < start.length; k += 1) start[k] = start[k]! + start[k - 1]!;
    const fill = start.slice(0, max + 1);
    const order = new Int32Array(slots.length);
    slots.forEach((s, i) => {
      order[fill[s]!] = i;
      fill[s] = fill[s]! + 1;
    });
    return { slotOf, start, order };
  });
}

/** The date from which the last quarter of these sessions (inside the date filter) runs. */
function lastQuarterStart(
  dates: readonly string[],
  dateFrom: string | undefined,
  dateTo: string | undefined,
): string | undefined {
  const inRange = dates.filter((d) => (!dateFrom || d >= dateFrom) && (!dateTo || d <= dateTo));
  return inRange[Math.floor((inRange.length * 3) / 4)];
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
  const rows = groups.list.map((g) => {
    const sessionKey =
      expandGroups(sessionDims, (d) => (g.ref.group[d] ? [g.ref.group[d]] : [])).at(0)?.key ?? '';
    const s = perGroup.get(sessionKey);
    return {
      group: g.ref.group,
      youthServed: g.slots.length,
      youthEnrolled: enrolled === null ? null : (enrolled.get(g.ref.key) ?? 0),
      mentorsEngaged: s?.mentors.size ?? 0,
      partnersActive: s?.partners.size ?? 0,
      sessionsOffered: s?.sessions ?? 0,
      n: g.slots.length,
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

/** Youth enrolled per group key (null when split by partner: an enrolment has no partner). */
function enrolledPerGroup(ctx: Ctx, dims: string[]): Map<string, number> | null {
  if (dims.includes('partner') || dims.includes('partner_type')) return null;
  const e: EnrolmentColumns = ctx.people.enrolments;
  const grouping = unitGroups(ctx, e, 'enrolments', dims);
  const filter = unitFilter(ctx, e, ['cohort', 'partner', 'partner_type']);
  const { dateFrom, dateTo } = ctx.resolved;
  const walks = unitsInCohorts(ctx, e.length, () =>
    cached(ctx.db, 'enrolments-by-cohort', () => indexBy(e.cohort)),
  );
  // Distinct youth per group: a flag per (group, participant id) when that table is not too big.
  let width = 0;
  for (const p of e.participant) if (p >= width) width = p + 1;
  const seen = grouping.refs.length * width <= 1 << 24 ? new Uint8Array(grouping.refs.length * width) : null;
  const sets = seen ? [] : grouping.refs.map(() => new Set<number>());
  const counts = new Int32Array(grouping.refs.length);
  for (const walk of walks)
    for (const i of walk) {
      if (filter && !filter(i)) continue;
      const on = e.enrolledOn[i]!;
      if (dateTo && on >= 0 && e.dates[on]! > dateTo) continue;
      const off = e.exitedOn[i]!;
      if (dateFrom && off >= 0 && e.dates[off]! < dateFrom) continue;
      const p = e.participant[i]!;
      for (const gi of grouping.combos[grouping.comboOf[i]!]!) {
        if (seen) {
          if (seen[gi * width + p]) continue;
          seen[gi * width + p] = 1;
        } else {
          const set = sets[gi]!;
          if (set.has(p)) continue;
          set.add(p);
        }
        counts[gi] = counts[gi]! + 1;
      }
    }
  const out = new Map<string, number>();
  grouping.refs.forEach((ref, gi) => out.set(ref.key, counts[gi]!));
  return out;
}

// Dosage ------------------------------------------------------------------------------------------

/** Weeks from a youth's first to last date attended, counting both weeks. */
const durationWeeks = (y: YouthSlots, s: number) =>
  (y.dayNumber[y.last[s]!]! - y.dayNumber[y.first[s]!]!) / 7 + 1;

/** Median of the values (sorted as numbers: the same as median() of @core/metrics/summaries). */
function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function computeDosage(ctx: Ctx, groups = attendanceGroups(ctx)): DosageOut[] {
  const dims = dimsFor(ctx, ATTENDANCE_DIMS);
  const y = groups.youth;
  const rows = groups.list.map((g) => {
    // Per youth, in the group's order (sums and means in the same order as ever).
    const n = g.slots.length;
    const hours = new Array<number>(n);
    const sessions = new Array<number>(n);
    const intensities = new Array<number>(n);
    const durations = new Array<number>(n);
    const breadths = new Array<number>(n);
    const rates: number[] = [];
    let regular = 0;
    for (let k = 0; k < n; k += 1) {
      const s = g.slots[k]!;
      const h = y.minutes[s]! / 60;
      const weeks = durationWeeks(y, s);
      hours[k] = h;
      sessions[k] = y.sessions[s]!;
      intensities[k] = h / weeks;
      durations[k] = weeks;
      let breadth = 0;
      for (let w = 0; w < y.actWords; w += 1) breadth += popcount(y.acts[s * y.actWords + w]!);
      breadths[k] = breadth;
      const offered = y.offered[s]!;
      if (offered > 0) rates.push(Math.min(1, y.attended[s]! / offered));
      if (y.days[s]! >= ctx.settings.regularAttendeeDays) regular += 1;
    }
    const hoursCi = meanWithCi(hours);
    const rateCi = meanWithCi(rates);
    const regularP = proportion(regular, n);
    return {
      group: g.ref.group,
      contactHoursTotal: hours.reduce((a, b) => a + b, 0),
      contactHoursMean: hoursCi.mean,
      contactHoursMedian: medianOf(hours),
      sessionsAttendedMean: mean(sessions),
      attendanceRateMean: rateCi.mean,
      intensityHoursPerWeekMean: mean(intensities),
      durationWeeksMean: mean(durations),
      breadthMean: mean(breadths),
      regularAttendees: regular,
      regularAttendeesShare: regularP.rate,
      contactHoursCiLow: hoursCi.ciLow,
      contactHoursCiHigh: hoursCi.ciHigh,
      attendanceRateCiLow: rateCi.ciLow,
      attendanceRateCiHigh: rateCi.ciHigh,
      regularAttendeesCiLow: regularP.ciLow,
      regularAttendeesCiHigh: regularP.ciHigh,
      n,
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
  const groupRows = groups.list;
  const groupMasks = maskRows(groupRows, {
    n: (g) => g.slots.length,
    group: (g) => g.ref.group,
    dims,
    threshold: ctx.threshold,
  });
  const out: DosageBandOut[] = [];
  groupRows.forEach((g, gi) => {
    const counts = bands.map(() => 0);
    for (const s of g.slots) counts[bandOf(groups.youth.minutes[s]! / 60, edges)]! += 1;
    const total = g.slots.length;
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
  const served = servedIn(ctx);
  const y = groups.youth;
  // Per cohort bit (time order): the next cohort's youth served, when it has attendance data.
  const nextServed = ctx.refs.cohorts.map((c, i) => {
    const next = ctx.refs.cohorts[i + 1];
    return next ? served.get(next.id) : undefined;
  });
  for (const g of groups.list) {
    let retained = 0;
    for (const s of g.slots) retained += y.retainedWithin[s]!;
    const total = g.slots.length;
    rows.push({
      group: g.ref.group,
      kind: 'within_cohort',
      nBase: total,
      nRetained: retained,
      ...proportion(retained, total),
      n: total,
    });
    let base = 0;
    let back = 0;
    for (const s of g.slots) {
      const p = y.participant[s]!;
      for (let w = 0; w < y.cohortWords; w += 1) {
        let bits = y.cohorts[s * y.cohortWords + w]!;
        while (bits !== 0) {
          const low = bits & -bits;
          const bit = w * 32 + 31 - Math.clz32(low);
          bits ^= low;
          const next = nextServed[bit];
          if (next === undefined) continue;
          base += 1;
          if (next[p] === 1) back += 1;
        }
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

/**
 * Youth served in each cohort that has attendance (any program, site or date), once per data version:
 * cohort id -> a flag per participant id.
 */
function servedIn(ctx: Ctx): Map<number, Uint8Array> {
  return cached(ctx.db, 'served-in', () => {
    const cells = attendanceColumns(ctx.db, { byPartner: false });
    let max = 0;
    for (const p of cells.participant) if (p > max) max = p;
    const out = new Map<number, Uint8Array>();
    for (let i = 0; i < cells.length; i += 1) {
      const c = cells.cohort[i]!;
      let flags = out.get(c);
      if (!flags) out.set(c, (flags = new Uint8Array(max + 1)));
      flags[cells.participant[i]!] = 1;
    }
    return out;
  });
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
