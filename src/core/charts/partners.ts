import type { TopLevelSpec } from 'vega-lite';
import type { MetricsResult } from '@shared/metrics';
import { barChartModel, type BarDatum } from './bars';
import {
  NEXT_STEP,
  SCHEMA,
  allSuppressedChart,
  altText,
  emptyChart,
  fmt,
  groupLabel,
  suppressedLabel,
  suppressionNote,
} from './common';
import type { ChartModel } from './model';
import { BASE_CONFIG, PALETTE, SUPPRESSED_COLOUR } from './palette';

/** Partner types as people read them ('out_of_school_provider' -> 'Out-of-school provider'). */
export function partnerTypeLabel(type: string): string {
  const known: Record<string, string> = {
    school: 'School',
    out_of_school_provider: 'Out-of-school provider',
    higher_education: 'Higher education',
    business: 'Business',
    government: 'Government',
    nonprofit: 'Nonprofit',
    funder: 'Funder',
  };
  return known[type] ?? type.replace(/_/g, ' ');
}

const TYPE_ORDER = [
  'school',
  'out_of_school_provider',
  'higher_education',
  'business',
  'government',
  'nonprofit',
  'funder',
].map(partnerTypeLabel);

const perPartner = (m: MetricsResult) => m.contributions.filter((c) => c.partnerKey !== null);

export function buildMentorHoursChart(m: MetricsResult): ChartModel {
  const rows = perPartner(m)
    .filter((c) => c.mentorHours > 0 || c.sessionsLed > 0)
    .sort((a, b) => b.mentorHours - a.mentorHours);
  const data: BarDatum[] = rows.map((c) => ({
    category: c.partnerName,
    series: partnerTypeLabel(c.partnerType),
    value: c.mentorHours,
    n: c.mentors,
    suppressed: false,
    reason: null,
    note: `${fmt(c.mentors)} mentors; ${fmt(c.sessionsLed)} sessions led`,
  }));
  return barChartModel({
    id: 'partners-mentor-hours',
    title: 'Mentor hours contributed per partner',
    subtitle: ['Hours logged by each partner’s mentors; colour = partner type'],
    data,
    threshold: m.threshold,
    valueTitle: 'Mentor hours',
    seriesTitle: 'Partner type',
    categoryTitle: 'Partner',
    seriesLayout: 'colour',
    seriesDomain: TYPE_ORDER,
    emptyMessage: NEXT_STEP.partners,
    groupsName: 'partners',
    shows: 'Mentor hours contributed by each partner organisation.',
    n: `${fmt(rows.length)} partners, ${fmt(rows.reduce((a, c) => a + c.mentors, 0))} mentors`,
    statistic: 'sum of logged hours',
  });
}

/** Contributions per partner type: mentor hours, and funding with in-kind value. */
export function buildContributionsByTypeChart(m: MetricsResult): ChartModel {
  const byType = new Map<string, { hours: number; funding: number; inKind: number; partners: number }>();
  for (const c of perPartner(m)) {
    const t = byType.get(c.partnerType) ?? { hours: 0, funding: 0, inKind: 0, partners: 0 };
    t.hours += c.mentorHours;
    t.funding += c.fundingUsd;
    t.inKind += c.inKindUsd;
    t.partners += 1;
    byType.set(c.partnerType, t);
  }
  const types = [...byType.entries()].sort(
    (a, b) => b[1].funding + b[1].inKind - (a[1].funding + a[1].inKind),
  );
  const data: BarDatum[] = types.flatMap(([type, t]) => [
    {
      category: partnerTypeLabel(type),
      series: 'Funding',
      value: t.funding,
      n: t.partners,
      suppressed: false,
      reason: null,
      note: `${t.partners} partners`,
    },
    {
      category: partnerTypeLabel(type),
      series: 'In-kind value',
      value: t.inKind,
      n: t.partners,
      suppressed: false,
      reason: null,
      note: `${t.partners} partners; ${fmt(t.hours)} mentor hours`,
    },
  ]);
  const model = barChartModel({
    id: 'partners-by-type',
    title: 'Funding and in-kind contributions by partner type',
    subtitle: ['US dollars; in-kind = equipment, space and staff time at the value partners reported'],
    data: data.some((d) => (d.value ?? 0) > 0) ? data : [],
    threshold: m.threshold,
    valueTitle: 'US dollars',
    seriesTitle: 'Contribution',
    categoryTitle: 'Partner type',
    emptyMessage: NEXT_STEP.partners,
    groupsName: 'partner types',
    shows: 'Funding and in-kind contributions (US dollars) summed by partner type.',
    n: `${fmt(perPartner(m).length)} partners`,
    statistic: 'sum',
  });
  return model;
}

/**
 * A partner that led or logged no session and has no mentor (a funder, a district that only hosts
 * the data) reaches no youth directly: "youth reached" does not apply to it, and a 0 would read as
 * failure. Such partners are left out of the chart and named in its caption.
 */
export const reachesNoYouthDirectly = (c: MetricsResult['contributions'][number]): boolean =>
  c.youthReached === 0 &&
  !c.youthReachedSuppressed &&
  c.sessionsLed === 0 &&
  !c.sessionsLogged &&
  c.mentors === 0;

export function buildYouthPerPartnerChart(m: MetricsResult): ChartModel {
  const all = perPartner(m).filter((c) => c.youthReached !== null || c.youthReachedSuppressed);
  const notApplicable = all.filter(reachesNoYouthDirectly);
  const rows = all
    .filter((c) => !reachesNoYouthDirectly(c))
    .sort((a, b) => (b.youthReached ?? -1) - (a.youthReached ?? -1));
  const data: BarDatum[] = rows.map((c) => ({
    category: c.partnerName,
    series: partnerTypeLabel(c.partnerType),
    value: c.youthReached,
    n: c.youthReached,
    suppressed: c.youthReachedSuppressed,
    reason: null,
  }));
  const naNames = notApplicable.map(
    (c) => `${c.partnerName} (${partnerTypeLabel(c.partnerType).toLowerCase()})`,
  );
  const model = barChartModel({
    id: 'partners-youth',
    title: 'Youth reached per partner',
    subtitle: [
      'Distinct youth who attended a session a partner led or hosted; colour = partner type',
      ...(naNames.length > 0
        ? ['Not shown: partners who lead no sessions, such as funders (not applicable, not zero)']
        : []),
    ],
    data,
    threshold: m.threshold,
    valueTitle: 'Youth reached',
    seriesTitle: 'Partner type',
    categoryTitle: 'Partner',
    seriesLayout: 'colour',
    seriesDomain: TYPE_ORDER,
    emptyMessage: NEXT_STEP.partners,
    groupsName: 'partners',
    shows:
      'Distinct youth reached through sessions each partner led or hosted.' +
      (naNames.length > 0
        ? ` Not applicable to ${naNames.join(', ')}: they fund or support the partnership but lead no sessions and have no mentors, so they are left out rather than shown as 0.`
        : ''),
    n: `youth per bar; ${fmt(rows.length)} partners`,
    statistic: 'count of distinct youth',
  });
  // The numbers table keeps every partner: the left-out ones say why.
  return {
    ...model,
    table: {
      ...model.table,
      rows: [
        ...model.table.rows,
        ...notApplicable.map((c) => {
          const row: (string | number | null)[] = model.table.columns.map(() => null);
          row[0] = c.partnerName;
          if (model.table.columns[1] === 'Partner type') row[1] = partnerTypeLabel(c.partnerType);
          row[row.length - 1] = 'not applicable: leads no sessions';
          return row;
        }),
      ],
    },
  };
}

/**
 * Partnership health (Wilder-style factor means, 1-5) by year, against the strength / borderline /
 * concern bands: 4.0+ strength, 3.0-3.9 borderline, under 3.0 a concern.
 */
export function buildPartnerHealthChart(m: MetricsResult): ChartModel {
  const id = 'partners-health';
  const title = 'Partnership health factors, year over year';
  const yearOf = (r: (typeof m.partnerHealth)[number]) => groupLabel(r.group, 'cohort', 'All years');
  const rows = [...m.partnerHealth].sort(
    (a, b) => a.factorName.localeCompare(b.factorName) || yearOf(a).localeCompare(yearOf(b)),
  );
  const anySuppressed = rows.some((r) => r.suppressed);
  const columns = ['Factor', 'Year', 'Mean', 'SD', 'Band', 'n partners', 'Note'];
  const table = {
    columns,
    rows: rows.map((r) => [
      r.factorName,
      yearOf(r),
      r.suppressed ? null : r.mean,
      r.suppressed ? null : r.sd,
      r.band,
      r.suppressed ? null : r.n,
      r.suppressed ? suppressedLabel(r.suppressionReason, m.threshold) : '',
    ]),
  };
  const caption = {
    shows:
      'Mean partner rating of each collaboration factor (1–5) per year, with strength (4.0+), borderline (3.0–3.9) and concern (< 3.0) bands.',
    n: 'partner respondents per point in the table',
    statistic: 'mean of item means',
    suppression: anySuppressed
      ? `Years with fewer than ${m.threshold} partner respondents are not shown.`
      : undefined,
  };
  if (rows.length === 0) return emptyChart({ id, title, message: NEXT_STEP.partnerSurvey, caption, columns });
  if (rows.every((r) => r.suppressed || r.mean === null))
    return allSuppressedChart({ id, title, threshold: m.threshold, what: 'factors', caption, table });
  // Shape-stable (see live-spec.ts): factors in the rows' order (by name), years and their shades from
  // the data, the height by step. A cohort filter then swaps the numbers into the drawn view.
  const years = [...new Set(rows.map(yearOf))].sort();
  const latest = years[years.length - 1];
  const values = rows.map((r) => ({
    factor: r.factorName,
    year: yearOf(r),
    mean: r.suppressed ? null : r.mean,
    band: r.band ?? '',
    n: r.n,
    label: r.suppressed ? suppressedLabel(r.suppressionReason, m.threshold) : fmt(r.mean, 2),
    isLatest: yearOf(r) === latest,
    status: r.suppressed || r.mean === null ? 'hidden' : 'shown',
    desc: `${r.factorName}, ${yearOf(r)}: ${r.suppressed ? 'suppressed' : `mean ${fmt(r.mean, 2)} (${r.band ?? 'no band'}), n = ${fmt(r.n)}`}`,
  }));
  const bands = [
    { from: 1, to: 3, name: 'concern', fill: '#F6E3D6' },
    { from: 3, to: 4, name: 'borderline', fill: '#F3F0E0' },
    { from: 4, to: 5, name: 'strength', fill: '#E0ECF4' },
  ];
  const x = { type: 'quantitative' as const, scale: { domain: [1, 5], nice: false } };
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: {
      text: title,
      subtitle: [
        'Mean rating 1–5; bands: under 3.0 concern, 3.0–3.9 borderline, 4.0+ strength; darker = later year',
      ],
    },
    width: 420,
    height: { step: 30 },
    layer: [
      {
        data: { values: bands },
        mark: { type: 'rect', opacity: 1 },
        encoding: {
          // Half-point ticks however wide the card (vega ticked every 0.1 at 1920 px).
          x: { field: 'from', ...x, title: 'Mean rating (1–5)', axis: { tickCount: 8 } },
          x2: { field: 'to' },
          fill: { field: 'fill', type: 'nominal', scale: null },
        },
      },
      {
        data: { values: bands },
        mark: { type: 'text', baseline: 'bottom', dy: -4, fontSize: 10, color: '#555', aria: false },
        encoding: {
          x: { field: 'mid', ...x },
          y: { value: 0 },
          text: { field: 'name' },
        },
        transform: [{ calculate: '(datum.from + datum.to) / 2', as: 'mid' }],
      },
      {
        data: { values },
        transform: [{ filter: "datum.status === 'shown'" }],
        mark: { type: 'line', color: '#777', strokeWidth: 1 },
        encoding: {
          y: { field: 'factor', type: 'nominal', sort: 'ascending', title: null, axis: { labelLimit: 200 } },
          x: { field: 'mean', ...x },
          detail: { field: 'factor' },
          order: { field: 'year' },
        },
      },
      {
        data: { values },
        transform: [{ filter: "datum.status === 'shown'" }],
        mark: { type: 'point', filled: true, size: 90, stroke: '#1d2433', strokeWidth: 0.8 },
        encoding: {
          y: { field: 'factor', type: 'nominal', sort: 'ascending' },
          x: { field: 'mean', ...x },
          color: {
            field: 'year',
            type: 'ordinal',
            // Light to dark (later years darker), still ordered when printed in greyscale.
            scale: { scheme: { name: 'blues', extent: [0.45, 0.95] } },
            legend: { title: 'Year', orient: 'bottom', direction: 'horizontal' },
          },
          shape: {
            field: 'year',
            type: 'nominal',
            scale: { range: ['circle', 'square', 'diamond', 'triangle-up', 'cross'] },
            legend: { title: 'Year', orient: 'bottom', direction: 'horizontal' },
          },
          description: { field: 'desc' },
          tooltip: [
            { field: 'factor', title: 'Factor' },
            { field: 'year', title: 'Year' },
            { field: 'mean', title: 'Mean', format: '.2f' },
            { field: 'band', title: 'Band' },
            { field: 'n', title: 'n partners' },
          ],
        },
      },
      {
        data: { values },
        transform: [{ filter: "datum.status === 'shown' && datum.isLatest" }],
        mark: { type: 'text', dy: -11, fontSize: 10, color: '#111', aria: false },
        encoding: {
          y: { field: 'factor', type: 'nominal', sort: 'ascending' },
          x: { field: 'mean', ...x },
          text: { field: 'label' },
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
    alt: altText(
      'Dot plot',
      title,
      values.map((v) => v.desc),
    ),
    table,
  };
}

/** Goals with their progress towards the target and their owners. */
export function buildGoalsChart(m: MetricsResult): ChartModel {
  const id = 'partners-goals';
  const title = 'Goals: progress towards each target';
  const goals = [...m.goals].sort(
    (a, b) => (a.cohort ?? '').localeCompare(b.cohort ?? '') || a.goalId - b.goalId,
  );
  const columns = ['Goal', 'Cohort', 'Program', 'Owner', 'Target', 'Actual', 'Progress', 'Met', 'Note'];
  const unitText = (v: number | null, unit: string | null) =>
    v === null
      ? '–'
      : unit === 'percent'
        ? `${fmt(v, 0)}%`
        : `${fmt(v, v % 1 === 0 ? 0 : 1)}${unit ? ` ${unit}` : ''}`;
  const table = {
    columns,
    rows: goals.map((g) => [
      g.description ?? g.metricKey,
      g.cohort,
      g.program,
      g.owner,
      g.target,
      g.suppressed ? null : g.actual,
      g.suppressed ? null : g.progress,
      g.met === null ? null : g.met ? 'yes' : 'no',
      g.suppressed ? suppressedLabel(g.suppressionReason, m.threshold) : '',
    ]),
  };
  const caption = {
    shows: 'Each goal’s actual value as a share of its target (100% = target met), with the goal’s owner.',
    n: `${fmt(goals.length)} goals`,
    statistic: 'actual ÷ target (target ÷ actual for “at most” goals)',
    suppression: suppressionNote(
      m.threshold,
      goals.some((g) => g.suppressed),
    ),
  };
  if (goals.length === 0) return emptyChart({ id, title, message: NEXT_STEP.goals, caption, columns });
  const labelOf = (g: (typeof goals)[number]) => {
    const text = g.description ?? g.metricKey;
    const short = text.length > 64 ? `${text.slice(0, 63).trimEnd()}…` : text;
    return `${short} (${g.cohort ?? 'all'})`;
  };
  const cap = 1.5;
  const values = goals.map((g) => {
    const shown = !g.suppressed && g.progress !== null;
    const status = g.suppressed ? 'suppressed' : g.met === null ? 'no data' : g.met ? 'met' : 'not met';
    return {
      order: goals.indexOf(g),
      goal: labelOf(g),
      bar: shown ? Math.min(cap, g.progress!) : 0.04,
      progress: shown ? g.progress : null,
      status,
      label: g.suppressed
        ? suppressedLabel(g.suppressionReason, m.threshold)
        : `${unitText(g.actual, g.unit)} of ${unitText(g.target, g.unit)}${g.direction === 'at_most' ? ' (at most)' : ''}${g.owner ? ` · ${g.owner}` : ''}`,
      desc: `${g.description ?? g.metricKey}, ${g.cohort ?? 'all cohorts'}: ${g.suppressed ? 'suppressed' : `${unitText(g.actual, g.unit)} against a target of ${unitText(g.target, g.unit)}, ${status}`}${g.owner ? `; owner ${g.owner}` : ''}`,
    };
  });
  const y = {
    field: 'goal',
    type: 'nominal' as const,
    sort: { field: 'order', op: 'min' as const },
    title: null,
    // Wide enough for a description of 64 characters (the demo's longest, "Share of youth who attend
    // on 30 or more days (regular attendees)") and its cohort, even by Node's wide text estimate.
    axis: { labelLimit: 720 },
  };
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: {
      text: title,
      subtitle: ['Bar = actual as a share of the target; the dashed line is the target; owner after the dot'],
    },
    width: 300,
    height: { step: 22 },
    data: { values },
    layer: [
      {
        mark: { type: 'bar', height: 14, cornerRadiusEnd: 2 },
        encoding: {
          y,
          x: {
            field: 'bar',
            type: 'quantitative',
            scale: { domain: [0, cap], nice: false },
            axis: { format: '.0%', values: [0, 0.5, 1, 1.5] },
            title: 'Progress towards target',
          },
          color: {
            field: 'status',
            type: 'nominal',
            scale: {
              domain: ['met', 'not met', 'no data', 'suppressed'],
              range: [PALETTE[2], PALETTE[3], '#E0E0E0', SUPPRESSED_COLOUR],
            },
            legend: { title: null, orient: 'bottom', direction: 'horizontal' },
          },
          description: { field: 'desc' },
          tooltip: [
            { field: 'goal', title: 'Goal' },
            { field: 'label', title: 'Actual of target' },
            { field: 'progress', title: 'Progress', format: '.0%' },
          ],
        },
      },
      {
        data: { values: [{ at: 1 }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#333' },
        encoding: { x: { field: 'at', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10.5, color: '#222', aria: false },
        encoding: { y, x: { field: 'bar', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
    config: BASE_CONFIG,
  };
  const metCount = goals.filter((g) => g.met === true).length;
  return {
    id,
    title,
    caption,
    spec,
    alt: `Bar chart, ${title}. ${metCount} of ${goals.length} goals met. ${values.map((v) => v.desc).join('; ')}.`,
    table,
  };
}
