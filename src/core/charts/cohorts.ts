import type { GroupKey, MetricsResult } from '@shared/metrics';
import { barChartModel, type BarDatum, barTable } from './bars';
import {
  NEXT_STEP,
  allSuppressedChart,
  emptyChart,
  fmt,
  groupLabel,
  signed,
  suppressionNote,
} from './common';
import { buildForestSpec, type ForestDatum } from './forest';
import type { ChartModel } from './model';
import { outcomesEmptyMessage, waveLabel } from './outcomes';

const cohortOf = (g: GroupKey) => groupLabel(g, 'cohort', 'All cohorts');
const sorted = <T extends { group: GroupKey }>(rows: T[]) =>
  [...rows].sort((a, b) => cohortOf(a.group).localeCompare(cohortOf(b.group)));

/** `cohorts-compare-<metric>`: the catalogue entry's id, then the metric (see `entryForModel`). */
export const cohortChartId = (key: string) => `cohorts-compare-${key.replace(/[^a-z0-9_-]+/gi, '-')}`;

/** One metric that can be compared across cohorts. */
export interface CohortMetric {
  key: string;
  label: string;
}

/** Every metric the Cohorts page can put side by side: the fixed ones, then one per scale. */
export function cohortMetrics(m: MetricsResult): CohortMetric[] {
  const scales = [...new Map(m.prePost.map((r) => [r.scale, r.scaleName])).entries()];
  const scaleNames =
    scales.length > 0 ? scales : [...new Map(m.scales.map((r) => [r.scale, r.scaleName])).entries()];
  const factors = [...new Map(m.partnerHealth.map((r) => [r.factor, r.factorName])).entries()];
  return [
    { key: 'youth', label: 'Youth reached' },
    { key: 'hours', label: 'Contact hours per youth' },
    { key: 'attendance', label: 'Attendance rate' },
    { key: 'regular', label: 'Share of regular attendees' },
    { key: 'retention', label: 'Retention to the end of the year' },
    ...scaleNames.map(([code, name]) => ({ key: `change:${code}`, label: `Matched change: ${name}` })),
    ...scaleNames.map(([code, name]) => ({ key: `agree:${code}`, label: `Percent agree after: ${name}` })),
    ...factors.map(([code, name]) => ({ key: `health:${code}`, label: `Partner rating: ${name}` })),
  ];
}

/** The chosen metric, one bar (or estimate) per cohort. Expects metrics split by cohort. */
export function buildCohortComparisonChart(m: MetricsResult, key: string): ChartModel {
  const metric = cohortMetrics(m).find((x) => x.key === key) ?? { key, label: key };
  const id = cohortChartId(key);
  const title = `${metric.label}, by cohort`;
  const cohorts = new Set([
    ...m.reach.map((r) => cohortOf(r.group)),
    ...m.dosage.map((r) => cohortOf(r.group)),
    ...m.prePost.map((r) => cohortOf(r.group)),
    ...m.scales.map((r) => cohortOf(r.group)),
    ...m.partnerHealth.map((r) => cohortOf(r.group)),
  ]);
  if (cohorts.size === 1)
    return emptyChart({ id, title, message: NEXT_STEP.oneCohort, caption: { shows: title } });
  const common = {
    threshold: m.threshold,
    seriesTitle: undefined,
    categoryTitle: 'Cohort',
    groupsName: 'cohorts',
  };
  const bar = (
    data: BarDatum[],
    over: Partial<Parameters<typeof barChartModel>[0]> & {
      valueTitle: string;
      shows: string;
      emptyMessage: string;
    },
  ) =>
    barChartModel({
      id,
      title,
      subtitle: over.subtitle ?? [],
      data,
      n: 'per bar in the table',
      ...common,
      ...over,
    });

  if (key === 'youth')
    return bar(
      sorted(m.reach).map((r) => ({
        category: cohortOf(r.group),
        value: r.youthServed,
        n: r.youthServed,
        suppressed: r.suppressed,
        reason: r.suppressionReason,
      })),
      {
        valueTitle: 'Youth reached',
        shows: 'Distinct youth who attended at least one session, per cohort.',
        emptyMessage: NEXT_STEP.attendance,
        subtitle: ['Distinct youth with at least one attended session'],
      },
    );
  if (key === 'hours' || key === 'attendance' || key === 'regular') {
    const pick = (r: MetricsResult['dosage'][number]) =>
      key === 'hours'
        ? r.contactHoursMean
        : key === 'attendance'
          ? r.attendanceRateMean
          : r.regularAttendeesShare;
    return bar(
      sorted(m.dosage).map((r) => ({
        category: cohortOf(r.group),
        value: pick(r),
        n: r.n,
        suppressed: r.suppressed,
        reason: r.suppressionReason,
      })),
      {
        valueTitle: metric.label,
        format: key === 'hours' ? 'number' : 'share',
        digits: key === 'hours' ? 1 : 0,
        shows: `${metric.label} per cohort.`,
        emptyMessage: NEXT_STEP.attendance,
        subtitle: [
          key === 'hours'
            ? 'Mean hours attended per youth'
            : key === 'attendance'
              ? 'Mean share of offered sessions attended while enrolled'
              : 'Share of youth attending the regular-attendee number of days or more',
        ],
        statistic: key === 'hours' ? 'mean' : 'share',
      },
    );
  }
  if (key === 'retention')
    return bar(
      sorted(m.retention.filter((r) => r.kind === 'within_cohort')).map((r) => ({
        category: cohortOf(r.group),
        value: r.rate,
        n: r.nBase,
        suppressed: r.suppressed,
        reason: r.suppressionReason,
        ciLow: r.ciLow,
        ciHigh: r.ciHigh,
      })),
      {
        valueTitle: 'Share retained',
        format: 'share',
        shows:
          'Share of youth who attended in the last quarter of the sessions offered, per cohort, with Wilson 95% CI.',
        emptyMessage: NEXT_STEP.attendance,
        statistic: 'proportion with Wilson 95% CI',
      },
    );
  if (key.startsWith('agree:')) {
    const scale = key.slice('agree:'.length);
    const rows = sorted(m.scales.filter((r) => r.scale === scale && r.wave === 'post'));
    return bar(
      rows.map((r) => ({
        category: cohortOf(r.group),
        value: r.percentAgree,
        n: r.n,
        suppressed: r.suppressed,
        reason: r.suppressionReason,
        ciLow: r.percentAgreeCiLow,
        ciHigh: r.percentAgreeCiHigh,
      })),
      {
        valueTitle: `Percent agree (${waveLabel('post')})`,
        format: 'share',
        domainMax: 1,
        shows: `${metric.label} per cohort, with Wilson 95% CI.`,
        emptyMessage: outcomesEmptyMessage(m),
        statistic: 'proportion with Wilson 95% CI',
      },
    );
  }
  if (key.startsWith('health:')) {
    const factor = key.slice('health:'.length);
    const rows = sorted(m.partnerHealth.filter((r) => r.factor === factor));
    return bar(
      rows.map((r) => ({
        category: cohortOf(r.group),
        value: r.mean,
        n: r.n,
        suppressed: r.suppressed,
        reason: r.suppressionReason,
        note: r.band ?? undefined,
      })),
      {
        valueTitle: 'Mean rating (1–5)',
        digits: 2,
        domainMax: 5,
        rule: { value: 4, label: 'strength 4.0' },
        shows: `${metric.label} per year (1–5).`,
        emptyMessage: NEXT_STEP.partnerSurvey,
        n: 'partner respondents per bar in the table',
      },
    );
  }
  if (key.startsWith('change:')) {
    const scale = key.slice('change:'.length);
    const rows = sorted(m.prePost.filter((r) => r.scale === scale));
    const data: ForestDatum[] = rows.map((r) => ({
      category: cohortOf(r.group),
      series: r.design === 'retrospective' ? 'retrospective pre/post' : 'pre/post',
      value: r.meanDiff,
      ciLow: r.ciLow,
      ciHigh: r.ciHigh,
      n: r.nMatched,
      suppressed: r.suppressed,
      reason: r.suppressionReason,
      note: r.reason ?? undefined,
    }));
    const table = barTable(
      data,
      m.threshold,
      {
        category: 'Cohort',
        series: 'Design',
        value: 'Mean change',
        n: 'n matched',
      },
      'all',
    );
    const columns = table.columns;
    const caption = {
      shows: `${metric.label}: mean matched change (post − pre) per cohort with its 95% CI.`,
      n: 'matched youth per estimate, in the labels',
      statistic: 'mean difference with 95% CI (paired t)',
      suppression: suppressionNote(
        m.threshold,
        data.some((d) => d.suppressed),
      ),
    };
    if (data.length === 0)
      return emptyChart({ id, title, message: outcomesEmptyMessage(m), caption, columns });
    if (data.every((d) => d.suppressed || d.value === null))
      return allSuppressedChart({ id, title, threshold: m.threshold, what: 'cohorts', caption, table });
    return {
      id,
      title,
      caption,
      spec: buildForestSpec({
        title,
        subtitle: ['Mean change (post − pre) with its 95% CI, youth matched by ID'],
        data,
        valueTitle: 'Mean change in scale score',
        seriesTitle: 'Design',
        threshold: m.threshold,
      }),
      alt: `Dot plot, ${title}. ${data.map((d) => `${d.category}: ${d.suppressed ? 'suppressed' : `${signed(d.value)} (n = ${fmt(d.n)})`}`).join('; ')}.`,
      table,
    };
  }
  return emptyChart({ id, title, message: `Unknown metric “${key}”.` });
}

/** Every comparison, for the catalogue (exports and the report can take any of them). */
export function buildCohortComparisonCharts(m: MetricsResult): ChartModel[] {
  return cohortMetrics(m).map((x) => buildCohortComparisonChart(m, x.key));
}
