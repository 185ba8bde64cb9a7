import type { TopLevelSpec } from 'vega-lite';
import type { GroupKey, MetricsResult } from '@shared/metrics';
import { barChartModel, type BarDatum } from './bars';
import {
  NEXT_STEP,
  SCHEMA,
  allSuppressedChart,
  textLabelLayer,
  emptyChart,
  fmt,
  groupLabel,
  pct,
  suppressedLabel,
  suppressionNote,
} from './common';
import type { ChartModel } from './model';
import { BASE_CONFIG, PALETTE, SEQUENTIAL, SUPPRESSED_COLOUR } from './palette';

/** The category of a row split by program (and maybe cohort): program label, else "All programs". */
const programOf = (g: GroupKey) => groupLabel(g, 'program', 'All programs');
const cohortOf = (g: GroupKey): string | undefined => g['cohort']?.label;
const byCohort = <T extends { group: GroupKey }>(rows: T[]) =>
  [...rows].sort((a, b) => (cohortOf(a.group) ?? '').localeCompare(cohortOf(b.group) ?? ''));

export function buildYouthReachedChart(m: MetricsResult): ChartModel {
  const data: BarDatum[] = byCohort(m.reach).map((r) => ({
    category: programOf(r.group),
    series: cohortOf(r.group),
    value: r.youthServed,
    n: r.youthServed,
    suppressed: r.suppressed,
    reason: r.suppressionReason,
    note: r.youthEnrolled !== null ? `${fmt(r.youthEnrolled)} enrolled` : undefined,
  }));
  return barChartModel({
    id: 'reach-youth',
    title: 'Youth reached by program and cohort',
    subtitle: ['Distinct youth who attended at least one session; a youth in two programs counts in each'],
    data,
    threshold: m.threshold,
    valueTitle: 'Youth reached',
    seriesTitle: 'Cohort',
    categoryTitle: 'Program',
    emptyMessage: NEXT_STEP.attendance,
    groupsName: 'programs and cohorts',
    shows: 'Distinct youth who attended at least one session, by program and cohort.',
    n: 'shown at the end of each bar',
    statistic: 'count of distinct youth',
  });
}

export function buildContactHoursChart(m: MetricsResult): ChartModel {
  const data: BarDatum[] = byCohort(m.dosage).map((r) => ({
    category: programOf(r.group),
    series: cohortOf(r.group),
    value: r.contactHoursMean,
    n: r.n,
    suppressed: r.suppressed,
    reason: r.suppressionReason,
    note:
      r.contactHoursTotal !== null
        ? `${fmt(r.contactHoursTotal)} hours in total; median ${fmt(r.contactHoursMedian, 1)} h; n = ${fmt(r.n)}`
        : undefined,
  }));
  return barChartModel({
    id: 'reach-hours',
    title: 'Contact hours per youth by program and cohort',
    subtitle: ['Mean hours attended per youth (minutes attended ÷ 60); n youth per bar in the table'],
    data,
    threshold: m.threshold,
    valueTitle: 'Mean contact hours per youth',
    seriesTitle: 'Cohort',
    categoryTitle: 'Program',
    digits: 1,
    emptyMessage: NEXT_STEP.attendance,
    groupsName: 'programs and cohorts',
    shows: 'Mean contact hours per youth (sum of minutes attended ÷ 60), by program and cohort.',
    n: `${fmt(sum(data.map((d) => (d.suppressed ? 0 : (d.n ?? 0)))))} youth-program enrolments shown`,
    statistic: 'mean',
  });
}

/** Mean attendance rate per cohort, one line per program: how attendance holds up year over year. */
export function buildAttendanceTrendChart(m: MetricsResult): ChartModel {
  const id = 'reach-attendance-trend';
  const title = 'Attendance rate over time, by program';
  const rows = byCohort(m.dosage);
  const anySuppressed = rows.some((r) => r.suppressed);
  const caption = {
    shows:
      'Mean attendance rate (sessions attended ÷ sessions offered while enrolled) per cohort, by program.',
    n: 'per point in the table',
    statistic: 'mean of each youth’s attendance rate',
    suppression: suppressionNote(m.threshold, anySuppressed),
  };
  const columns = ['Program', 'Cohort', 'Attendance rate', 'n', 'Note'];
  const table = {
    columns,
    rows: rows.map((r) => [
      programOf(r.group),
      cohortOf(r.group) ?? 'All',
      r.suppressed ? null : r.attendanceRateMean,
      r.suppressed ? null : r.n,
      r.suppressed ? suppressedLabel(r.suppressionReason, m.threshold) : '',
    ]),
  };
  const shown = rows.filter((r) => !r.suppressed && r.attendanceRateMean !== null);
  if (rows.length === 0 || (shown.length === 0 && !anySuppressed))
    return emptyChart({ id, title, message: NEXT_STEP.attendance, caption, columns });
  if (shown.length === 0)
    return allSuppressedChart({
      id,
      title,
      threshold: m.threshold,
      what: 'programs and cohorts',
      caption,
      table,
    });
  const cohorts = [...new Set(rows.map((r) => cohortOf(r.group) ?? 'All'))];
  if (cohorts.length < 2)
    return { ...emptyChart({ id, title, message: NEXT_STEP.oneCohort, caption, columns }), table };
  const programs = [...new Set(rows.map((r) => programOf(r.group)))];
  const hidden = rows.filter((r) => r.suppressed);
  const programLegend = { title: 'Program', orient: 'bottom', direction: 'horizontal' } as const;
  const values = shown.map((r) => ({
    desc: `${programOf(r.group)}, ${cohortOf(r.group) ?? 'all cohorts'}: attendance rate ${pct(r.attendanceRateMean)}, n = ${fmt(r.n)}`,
    program: programOf(r.group),
    cohort: cohortOf(r.group) ?? 'All',
    rate: r.attendanceRateMean,
    n: r.n,
    label: pct(r.attendanceRateMean),
    labelAt: r.attendanceRateMean,
  }));
  // Labels beside their points, pushed apart within a cohort where the rates are close (a label is
  // about 5% of the axis tall), so they never print over each other.
  for (const c of cohorts) {
    const same = values.filter((v) => v.cohort === c).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
    let above = Infinity;
    for (const v of same) {
      v.labelAt = Math.min(v.rate ?? 0, above - 0.06);
      above = v.labelAt;
    }
  }
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: {
      text: title,
      subtitle: [
        'Mean share of offered sessions attended while enrolled',
        ...(hidden.length > 0
          ? [
              `Not drawn (suppressed): ${hidden
                .map((r) => `${programOf(r.group)} ${cohortOf(r.group) ?? ''}`.trim())
                .join(', ')}`,
            ]
          : []),
      ],
    },
    width: 460,
    height: 220,
    data: { values },
    encoding: {
      x: { field: 'cohort', type: 'ordinal', sort: cohorts, title: 'Cohort', axis: { labelAngle: 0 } },
      y: {
        field: 'rate',
        type: 'quantitative',
        title: 'Attendance rate',
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
      },
      color: {
        field: 'program',
        type: 'nominal',
        sort: programs,
        scale: { domain: programs, range: PALETTE.slice(0, Math.max(1, programs.length)) },
        legend: programLegend,
      },
    },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          strokeDash: { field: 'program', type: 'nominal', sort: programs, legend: programLegend },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          shape: { field: 'program', type: 'nominal', sort: programs, legend: programLegend },
          description: { field: 'desc' },
          tooltip: [
            { field: 'program', title: 'Program' },
            { field: 'cohort', title: 'Cohort' },
            { field: 'label', title: 'Attendance rate' },
            { field: 'n', title: 'n', format: ',' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 9, fontSize: 10, aria: false },
        encoding: {
          y: { field: 'labelAt', type: 'quantitative' },
          text: { field: 'label' },
          color: { value: '#222' },
        },
      },
    ],
    config: BASE_CONFIG,
  };
  return {
    id,
    title,
    caption,
    spec,
    alt: `Line chart, ${title}. ${values.map((v) => `${v.program} ${v.cohort}: ${v.label}`).join('; ')}.${hidden.length ? ` ${hidden.length} suppressed.` : ''}`,
    table,
  };
}

/** Share of youth in each dosage band (hours), per program and cohort, as 100% stacked bars. */
export function buildDosageBandsChart(m: MetricsResult): ChartModel {
  const id = 'reach-dosage-bands';
  const title = 'Dosage bands: share of youth by contact hours';
  const keyOf = (g: GroupKey) => [programOf(g), cohortOf(g)].filter(Boolean).join(' · ');
  const rows = [...m.dosageBands].sort(
    (a, b) => keyOf(a.group).localeCompare(keyOf(b.group)) || a.bandIndex - b.bandIndex,
  );
  const anySuppressed = rows.some((r) => r.suppressed);
  // Which bands share a group's grey segment, said once in the caption rather than on the bars.
  const groupKeys = [...new Set(rows.map((r) => keyOf(r.group)))];
  const partlyHidden = groupKeys.flatMap((k) => {
    const own = rows.filter((r) => keyOf(r.group) === k);
    const hidden = own.filter((r) => r.suppressed);
    return hidden.length > 0 && hidden.length < own.length
      ? [`${k}: ${hidden.map((r) => r.band).join(' and ')}`]
      : [];
  });
  const note = suppressionNote(m.threshold, anySuppressed);
  const caption = {
    shows: 'Share of each group’s youth in each band of contact hours.',
    n: 'youth per group after its name',
    statistic: 'share of youth',
    suppression:
      note && partlyHidden.length > 0
        ? `${note} Grey segments hold the hidden bands together (${partlyHidden.join('; ')}): their total is shown, not how it splits.`
        : note,
  };
  const columns = ['Group', 'Band', 'Share', 'n', 'Note'];
  const table = {
    columns,
    rows: rows.map((r) => [
      keyOf(r.group),
      r.band,
      r.suppressed ? null : r.share,
      r.suppressed ? null : r.n,
      r.suppressed ? suppressedLabel(r.suppressionReason, m.threshold) : '',
    ]),
  };
  if (rows.length === 0) return emptyChart({ id, title, message: NEXT_STEP.attendance, caption, columns });
  if (rows.every((r) => r.suppressed))
    return allSuppressedChart({
      id,
      title,
      threshold: m.threshold,
      what: 'programs and cohorts',
      caption,
      table,
    });
  const bands = [...new Map(rows.map((r) => [r.bandIndex, r.band])).entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, b]) => b);
  const width = 600;
  const groups = groupKeys;
  /** The group's youth: n / share of any visible band with youth in it. */
  const totalOf = (own: typeof rows) => {
    // The band with the most youth gives the most precise total.
    const r = own
      .filter((x) => !x.suppressed && (x.share ?? 0) > 0 && x.n !== null)
      .sort((a, b) => b.n! - a.n!)[0];
    return r ? Math.round(r.n! / r.share!) : null;
  };
  /** A label only where it fits (about 6 px a character at 10 px): labels never run into each other. */
  const fits = (share: number, text: string) => share * width >= text.length * 6 + 8;
  const values: Record<string, unknown>[] = [];
  groups.forEach((key, order) => {
    const own = rows.filter((r) => keyOf(r.group) === key);
    const total = totalOf(own);
    const g = total === null ? key : `${key} (n = ${fmt(total)})`;
    // Bands hidden for privacy (at least two, by complementary suppression) share one grey segment
    // at the end, labelled: their total is what is left of 100%, but not how it splits.
    const hidden = own.filter((r) => r.suppressed);
    let at = 0;
    for (const r of own.filter((x) => !x.suppressed)) {
      const share = r.share ?? 0;
      values.push({
        group: g,
        band: r.band,
        x0: at,
        x1: at + share,
        mid: at + share / 2,
        share,
        n: r.n,
        label: fits(share, pct(share)) ? pct(share) : '',
        hiddenBands: '',
        full: false,
        order,
      });
      at += share;
    }
    if (hidden.length > 0) {
      const rest = hidden.length === own.length ? 1 : Math.max(0, 1 - at);
      values.push({
        group: g,
        band: 'suppressed',
        x0: at,
        x1: at + rest,
        mid: hidden.length === own.length ? 0 : at + rest / 2,
        share: null,
        n: null,
        hiddenBands: hidden.map((h) => h.band).join(', '),
        full: hidden.length === own.length,
        label:
          hidden.length === own.length
            ? suppressedLabel(hidden[0]!.suppressionReason, m.threshold)
            : fits(rest, 'suppressed')
              ? 'suppressed'
              : '',
        order,
      });
    }
  });
  const colours = SEQUENTIAL.slice(SEQUENTIAL.length - bands.length);
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: {
      text: title,
      subtitle: [
        'Each bar is 100% of the group’s youth; darker = more hours',
        'Grey: bands suppressed (under the threshold, or hidden so another cannot be worked out)',
      ],
    },
    width,
    // Order and height from the data (not literals), so new numbers swap into the drawn view.
    height: { step: 24 },
    data: { values },
    encoding: {
      y: {
        field: 'group',
        type: 'nominal',
        sort: { field: 'order', op: 'min' },
        title: null,
        axis: { labelLimit: 400 },
      },
    },
    layer: [
      {
        mark: { type: 'bar', stroke: 'white', strokeWidth: 1 },
        encoding: {
          x: {
            field: 'x0',
            type: 'quantitative',
            title: 'Share of youth',
            scale: { domain: [0, 1] },
            axis: { format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] },
          },
          x2: { field: 'x1' },
          color: {
            field: 'band',
            type: 'ordinal',
            scale: { domain: [...bands, 'suppressed'], range: [...colours, SUPPRESSED_COLOUR] },
            legend: { title: 'Contact hours', orient: 'bottom', direction: 'horizontal' },
          },
          tooltip: [
            { field: 'group', title: 'Group' },
            { field: 'band', title: 'Band' },
            { field: 'share', title: 'Share', format: '.0%' },
            { field: 'n', title: 'n', format: ',' },
            { field: 'hiddenBands', title: 'Suppressed bands' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          x: { field: 'mid', type: 'quantitative' },
          text: { field: 'label' },
          color: {
            condition: {
              test: `indexof(${JSON.stringify(bands.slice(-2))}, datum.band) >= 0`,
              value: 'white',
            },
            value: '#111',
          },
        },
      },
      textLabelLayer({ filter: "datum.band === 'suppressed' && datum.full", dx: 6 }),
      textLabelLayer({ filter: "datum.band === 'suppressed' && !datum.full", fontSize: 10 }),
    ],
    config: BASE_CONFIG,
  };
  return {
    id,
    title,
    caption,
    spec,
    alt: `Stacked bar chart, ${title}. ${groups
      .map((g) => {
        const own = rows.filter((r) => keyOf(r.group) === g);
        return own.every((r) => r.suppressed)
          ? `${g}: suppressed`
          : `${g}: ${own.map((r) => `${r.band} ${r.suppressed ? 'suppressed' : pct(r.share)}`).join(', ')}`;
      })
      .join('; ')}.`,
    table,
  };
}

const RETENTION_KIND = {
  within_cohort: 'Stayed to the end of the year',
  next_cohort: 'Returned the next year',
  survey: 'Answered pre and post survey',
} as const;

export function buildRetentionChart(m: MetricsResult): ChartModel {
  const rows = byCohort(m.retention).filter((r) => r.kind !== 'survey');
  const categoryOf = (r: (typeof rows)[number]) =>
    [programOf(r.group), cohortOf(r.group)].filter(Boolean).join(' · ');
  const data: BarDatum[] = [];
  for (const r of rows) {
    data.push({
      category: categoryOf(r),
      series: RETENTION_KIND[r.kind],
      value: r.rate,
      n: r.nBase,
      suppressed: r.suppressed,
      reason: r.suppressionReason,
      ciLow: r.ciLow,
      ciHigh: r.ciHigh,
      note: r.nRetained !== null ? `${fmt(r.nRetained)} of ${fmt(r.nBase)}` : undefined,
    });
    // The latest cohort has no "returned the next year" yet: say so in its place, not a silent gap.
    const next = rows.some((o) => o.kind === 'next_cohort' && categoryOf(o) === categoryOf(r));
    if (r.kind === 'within_cohort' && !next)
      data.push({
        category: categoryOf(r),
        series: RETENTION_KIND.next_cohort,
        value: null,
        n: r.nBase,
        suppressed: false,
        reason: null,
        why: 'not known yet: no later cohort imported',
      });
  }
  const byCount = rows.some((r) => r.suppressed && /^(not )?retained:/.test(r.suppressionReason ?? ''));
  return barChartModel({
    id: 'reach-retention',
    title: 'Retention by program and cohort',
    subtitle: ['Share retained with its 95% confidence interval (Wilson); n = youth at the start'],
    data,
    threshold: m.threshold,
    valueTitle: 'Share retained',
    seriesTitle: 'Retention',
    categoryTitle: 'Group',
    format: 'share',
    emptyMessage: NEXT_STEP.attendance,
    groupsName: 'programs and cohorts',
    shows:
      'Retention: share of youth who attended in the last quarter of the sessions offered, and who returned the following year.',
    n: 'youth at the start, on each bar',
    statistic: 'proportion with Wilson 95% CI',
    suppressionDetail: byCount
      ? `A share is also hidden where fewer than ${m.threshold} youth stayed, or fewer than ${m.threshold} did not: with so few, the share would point to those youth (the label says which).`
      : undefined,
  });
}

function sum(xs: number[]) {
  return xs.reduce((a, b) => a + b, 0);
}
