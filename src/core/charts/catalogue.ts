import type { Dimension, MetricSection } from '@shared/metrics';
import { buildCohortComparisonCharts } from './cohorts';
import type { ChartEntry } from './model';
import {
  buildChangeByDosageChart,
  buildLikertCharts,
  buildMatchReportChart,
  buildPercentAgreeChart,
  buildPrePostDumbbellChart,
  buildReliabilityChart,
} from './outcomes';
import {
  buildContributionsByTypeChart,
  buildGoalsChart,
  buildMentorHoursChart,
  buildPartnerHealthChart,
  buildYouthPerPartnerChart,
} from './partners';
import {
  buildAttendanceTrendChart,
  buildContactHoursChart,
  buildDosageBandsChart,
  buildRetentionChart,
  buildYouthReachedChart,
} from './reach';

/** The splits the dashboards compute; every chart reads one of them. */
export const SPLITS = {
  overall: [] as Dimension[],
  cohort: ['cohort'] as Dimension[],
  programCohort: ['program', 'cohort'] as Dimension[],
  partner: ['partner'] as Dimension[],
} as const;

const entry = (e: Omit<ChartEntry, 'sections'> & { sections: readonly MetricSection[] }): ChartEntry => ({
  ...e,
  sections: [...e.sections],
});

/**
 * Every chart Trellis draws, in page order. The dashboards, "export any chart", the report and the
 * standalone dashboard all read this list: compute metrics with the entry's `by` and `sections` for
 * the current filters, then call `build`. Page-level figures that are not charts (the Overview's
 * headlines) come from `headlines.ts`.
 */
export const CHART_CATALOGUE: readonly ChartEntry[] = [
  entry({
    id: 'overview-prepost',
    title: 'Matched pre/post change per scale',
    page: 'overview',
    by: SPLITS.overall,
    sections: ['prePost', 'scales'],
    build: (m) => ({ ...buildPrePostDumbbellChart(m), id: 'overview-prepost' }),
  }),
  entry({
    id: 'partners-goals',
    title: 'Goals: progress towards each target',
    page: 'overview',
    by: SPLITS.cohort,
    sections: ['goals'],
    build: (m) => buildGoalsChart(m),
  }),
  entry({
    id: 'reach-youth',
    title: 'Youth reached by program and cohort',
    page: 'reach',
    by: SPLITS.programCohort,
    sections: ['reach'],
    build: (m) => buildYouthReachedChart(m),
  }),
  entry({
    id: 'reach-hours',
    title: 'Contact hours per youth by program and cohort',
    page: 'reach',
    by: SPLITS.programCohort,
    sections: ['dosage'],
    build: (m) => buildContactHoursChart(m),
  }),
  entry({
    id: 'reach-attendance-trend',
    title: 'Attendance rate over time, by program',
    page: 'reach',
    by: SPLITS.programCohort,
    sections: ['dosage'],
    build: (m) => buildAttendanceTrendChart(m),
  }),
  entry({
    id: 'reach-dosage-bands',
    title: 'Dosage bands: share of youth by contact hours',
    page: 'reach',
    by: SPLITS.programCohort,
    sections: ['dosage'],
    build: (m) => buildDosageBandsChart(m),
  }),
  entry({
    id: 'reach-retention',
    title: 'Retention by program and cohort',
    page: 'reach',
    by: SPLITS.programCohort,
    sections: ['retention'],
    build: (m) => buildRetentionChart(m),
  }),
  entry({
    id: 'outcomes-prepost',
    title: 'Matched pre/post change per scale, by cohort',
    page: 'outcomes',
    by: SPLITS.cohort,
    sections: ['prePost', 'scales'],
    build: (m) => buildPrePostDumbbellChart(m),
  }),
  entry({
    id: 'outcomes-reliability',
    title: 'Reliability of each scale (Cronbach’s alpha)',
    page: 'outcomes',
    by: SPLITS.overall,
    sections: ['reliability'],
    build: (m) => buildReliabilityChart(m),
  }),
  entry({
    id: 'outcomes-likert',
    title: 'Answers per item (diverging bars), one chart per scale',
    page: 'outcomes',
    by: SPLITS.overall,
    sections: ['items', 'scales'],
    build: (m) => buildLikertCharts(m),
  }),
  entry({
    id: 'outcomes-percent-agree',
    title: 'Percent agree per scale, by wave',
    page: 'outcomes',
    by: SPLITS.overall,
    sections: ['scales'],
    build: (m) => buildPercentAgreeChart(m),
  }),
  entry({
    id: 'outcomes-by-dosage',
    title: 'Matched change by dosage band',
    page: 'outcomes',
    by: SPLITS.overall,
    sections: ['prePostByDosage', 'scales'],
    build: (m) => buildChangeByDosageChart(m),
  }),
  entry({
    id: 'outcomes-match-report',
    title: 'Pre/post matching: who was matched and who was lost',
    page: 'outcomes',
    by: SPLITS.cohort,
    sections: ['matchReport'],
    build: (m) => buildMatchReportChart(m),
  }),
  entry({
    id: 'partners-mentor-hours',
    title: 'Mentor hours contributed per partner',
    page: 'partners',
    by: SPLITS.overall,
    sections: ['contributions'],
    build: (m) => buildMentorHoursChart(m),
  }),
  entry({
    id: 'partners-youth',
    title: 'Youth reached per partner',
    page: 'partners',
    by: SPLITS.overall,
    sections: ['contributions'],
    build: (m) => buildYouthPerPartnerChart(m),
  }),
  entry({
    id: 'partners-by-type',
    title: 'Funding and in-kind contributions by partner type',
    page: 'partners',
    by: SPLITS.overall,
    sections: ['contributions'],
    build: (m) => buildContributionsByTypeChart(m),
  }),
  entry({
    id: 'partners-health',
    title: 'Partnership health factors, year over year',
    page: 'partners',
    by: SPLITS.cohort,
    sections: ['partnerHealth'],
    build: (m) => buildPartnerHealthChart(m),
  }),
  entry({
    id: 'cohorts-compare',
    title: 'Any metric side by side across cohorts',
    page: 'cohorts',
    by: SPLITS.cohort,
    sections: ['reach', 'dosage', 'retention', 'scales', 'prePost', 'partnerHealth'],
    build: (m) => buildCohortComparisonCharts(m),
  }),
];

export type ChartPage = ChartEntry['page'];
export const chartsForPage = (page: ChartPage) => CHART_CATALOGUE.filter((e) => e.page === page);
export const findChart = (id: string) => CHART_CATALOGUE.find((e) => e.id === id);

/**
 * The entry that draws the chart model with this id. An entry may draw several models, each named
 * `<entry id>-<part>` ('outcomes-likert-belonging', 'cohorts-compare-youth'): build the entry, then pick
 * the model by id.
 */
export const entryForModel = (modelId: string) =>
  findChart(modelId) ?? CHART_CATALOGUE.find((e) => modelId.startsWith(`${e.id}-`));
