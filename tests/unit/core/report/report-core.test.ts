import { describe, expect, it } from 'vitest';
import { displayTable } from '../../../../src/core/report/display-table';
import type { ReportInputs } from '../../../../src/core/report/inputs';
import { formatCell, metricTable, tableForFile } from '../../../../src/core/report/metric-tables';
import {
  countSuppressed,
  describeFilters,
  longDate,
  writeMethods,
} from '../../../../src/core/report/methods';
import { buildReportOutline, defaultQuestions } from '../../../../src/core/report/outline';
import { renderReportHtml } from '../../../../src/core/report/render-html';
import { DEFAULT_PROJECT_SETTINGS } from '../../../../src/shared/metrics';
import { sampleMetrics, STUB_CATALOGUE } from '../../../integration/export/catalogue-stub';

const metrics = sampleMetrics({ filters: {}, by: [] });

function inputs(patch: Partial<ReportInputs> = {}): ReportInputs {
  return {
    title: 'Year 2 report',
    projectName: 'Fremont County STEM',
    generatedAt: '2026-05-01T12:00:00Z',
    version: '1.0.0',
    filters: {},
    metrics,
    settings: { ...DEFAULT_PROJECT_SETTINGS },
    imports: [
      {
        fileName: 'youth-pre.csv',
        kind: 'survey',
        format: 'qualtrics',
        rowsRead: 60,
        rowsImported: 52,
        rowsSkipped: 8,
        importedAt: '2025-10-02T15:00:00Z',
      },
      {
        fileName: 'attendance.csv',
        kind: 'attendance',
        format: 'plain_csv',
        rowsRead: 900,
        rowsImported: 900,
        rowsSkipped: 0,
        importedAt: '2025-09-15T15:00:00Z',
      },
    ],
    scales: [
      {
        code: 'interest',
        name: 'STEM interest',
        instrument: 'S-STEM',
        respondentKind: 'youth',
        items: [
          { code: 'SCI1', text: 'I like science', reverse: false },
          { code: 'SCI2', text: 'Science is boring', reverse: true },
          { code: 'SCI3', text: 'I am good at science', reverse: false },
          { code: 'SCI4', text: 'Science is hard for me', reverse: true },
        ],
        minItems: 1,
        responseScale: { name: 'Agreement', min: 1, max: 5 },
      },
    ],
    charts: [],
    questions: [],
    tables: {},
    appendix: [],
    ...patch,
  };
}

describe('metric tables', () => {
  it('a suppressed row has no figure at all and says why; the rest keep their types', () => {
    const t = metricTable(sampleMetrics({ filters: {}, by: ['site'] }), 'reach');
    const file = tableForFile(t);
    expect(file.columns[0]).toBe('Site');
    expect(file.rows[0]).toEqual(['Cañon City Library', 34, 40, 6, 3, 48, '']);
    // Adults and sessions of a hidden group are hidden too: they would hint at its size.
    expect(file.rows[2]).toEqual([
      'Florence & Penrose <pilot>',
      null,
      null,
      null,
      null,
      null,
      'suppressed (n < 10)',
    ]);
    expect(t.suppressedRows).toEqual([2]);
  });

  it('contributions hide only the youth count of a small partner', () => {
    const t = metricTable(metrics, 'contributions');
    const row = tableForFile(t).rows[1]!;
    expect(row.slice(0, 3)).toEqual(['Zoë’s Robotics LLC', 'Business', 16]);
    expect(row.at(-2)).toBeNull();
    expect(row.at(-1)).toBe('youth reached suppressed (n < 10)');
  });

  it('a funder that leads no sessions has no youth count, said as not applicable rather than 0', () => {
    const funder = {
      ...metrics.contributions[0]!,
      partnerKey: 'P09',
      partnerName: 'Fremont County Community Foundation',
      partnerType: 'funder',
      mentorHours: 0,
      sessionsLed: 0,
      mentors: 0,
      fundingUsd: 25000,
      youthReached: 0,
      youthReachedSuppressed: false,
    };
    const t = metricTable({ ...metrics, contributions: [...metrics.contributions, funder] }, 'contributions');
    const row = tableForFile(t).rows.at(-1)!;
    expect(row[0]).toBe('Fremont County Community Foundation');
    expect(row.at(-2)).toBeNull();
    expect(row.at(-1)).toBe('youth reached: not applicable (leads no sessions)');
    // a partner that leads sessions keeps its count
    expect(tableForFile(t).rows[0]!.at(-2)).toBe(34);
  });

  it('p values keep three significant digits, so a tiny p is not written as 0', () => {
    const file = tableForFile(metricTable(metrics, 'prePost'));
    const col = file.columns.indexOf('p (paired t)');
    expect(file.rows[0]![col]).toBe(0.00002);
  });

  it('shares become percentages; the report shows a CI as one cell and the effect size with its name', () => {
    const d = displayTable(metricTable(metrics, 'prePost'));
    expect(d.columns.map((c) => c.label)).toEqual([
      'Scale',
      'Matched (n)',
      'Mean pre',
      'Mean post',
      'Mean change',
      '95% CI',
      'p (paired t)',
      'p (Wilcoxon)',
      'Effect size',
    ]);
    expect(d.rows[0]!.cells).toEqual([
      'STEM interest',
      '44',
      '3.12',
      '3.58',
      '0.46',
      '[0.30, 0.62]',
      '< .001',
      '< .001',
      '0.67 (g_av)',
    ]);
  });

  it.each([
    [0.0004, 'p', '< .001'],
    [0.041, 'p', '.041'],
    [12345, 'count', '12,345'],
    [84.615, 'percent', '84.6%'],
    [5000, 'usd', '$5,000'],
    [null, 'number', '–'],
    [3, 'number', '3.00'],
    [-0.001, 'number', '0.00'],
    [120.5, 'hours', '120.5'],
    [13199.66, 'hours', '13,199.7'],
    [3.14159, 'number', '3.14'],
  ] as const)('formatCell(%s, %s) = %s', (v, kind, want) => {
    expect(formatCell(v, kind)).toBe(want);
  });
});

describe('the methods section is written from the project', () => {
  it('data sources: files, what they are, rows, dates; rows left out explained', () => {
    const [sources] = writeMethods(inputs());
    expect(sources!.paragraphs[0]).toBe(
      'The figures come from 2 files imported into Trellis between September 15, 2025 and October 2, 2025, listed below. They were computed on May 1, 2026 for all cohorts, programs and sites in the project.',
    );
    expect(sources!.paragraphs[1]).toMatch(/^8 rows were left out on import/);
    expect(sources!.table?.rows[0]).toEqual([
      'attendance.csv',
      'Attendance log',
      'CSV',
      '900',
      '0',
      'September 15, 2025',
    ]);
    expect(sources!.table?.rows[1]?.slice(0, 3)).toEqual(['youth-pre.csv', 'Survey responses', 'Qualtrics']);
  });

  it('scale scoring names the reverse-coded items and the minimum answered', () => {
    const scoring = writeMethods(inputs()).find((b) => b.heading === 'Scale scores')!;
    expect(scoring.list).toEqual([
      'STEM interest (S-STEM): 4 items, answered on a 1–5 scale (Agreement). Items SCI2, SCI4 are reverse-coded as (1 + 5) − answer before scoring and before alpha. A score needs at least 2 answered items.',
    ]);
  });

  it('the fewest answered items follows the engine: the minimum or the share, whichever is more', () => {
    const scales = [
      {
        ...inputs().scales[0]!,
        items: inputs().scales[0]!.items.concat({ code: 'SCI5', text: 'x', reverse: false }),
      },
    ];
    const s = writeMethods(
      inputs({ scales, settings: { ...DEFAULT_PROJECT_SETTINGS, minItemShare: 0.6 } }),
    ).find((b) => b.heading === 'Scale scores')!;
    expect(s.list?.[0]).toContain('A score needs at least 3 answered items.'); // 0.6 x 5 = 3, not 4
  });

  it('the effect size named is the project setting', () => {
    const dz = writeMethods(inputs({ settings: { ...DEFAULT_PROJECT_SETTINGS, effectSize: 'd_z' } })).find(
      (b) => b.heading === 'Tests and effect sizes',
    )!;
    expect(dz.paragraphs[1]).toMatch(
      /^The headline effect size is Cohen's d_z \(mean change \/ SD of the changes\)\./,
    );
    expect(dz.paragraphs[3]).toContain('Dosage bands: under 10 h, 10–30 h, 30–60 h, 60 h or more.');
  });

  it('suppression: the threshold in force, top/bottom coding when on, and how many groups were hidden', () => {
    const s = writeMethods(
      inputs({ settings: { ...DEFAULT_PROJECT_SETTINGS, suppressionThreshold: 15, topBottomCoding: true } }),
    ).at(-1)!;
    expect(s.paragraphs[0]).toMatch(/^Any figure about fewer than 15 youth is suppressed/);
    expect(s.paragraphs[0]).toContain('"> 95%" or "< 5%"');
    expect(s.paragraphs[1]).toBe('In the figures computed for this selection, 1 group is suppressed.');
    expect(countSuppressed(metrics)).toBe(1);
  });

  it('matching: suppressed counts are not printed', () => {
    const m = {
      ...metrics,
      matchReport: [
        {
          ...metrics.matchReport[0]!,
          nPre: null,
          nPost: null,
          matched: null,
          onlyPre: null,
          onlyPost: null,
          duplicates: null,
          n: null,
          suppressed: true,
          suppressionReason: 'n < 10',
        },
      ],
    };
    const p = writeMethods(inputs({ metrics: m })).find((b) => b.heading.startsWith('Participants'))!;
    expect(p.paragraphs.at(-1)).toBe(
      'The matching counts are suppressed because fewer than 10 youth answered (n < 10).',
    );
  });

  it('filters in words, with labels', () => {
    expect(
      describeFilters(
        { cohorts: ['2024-25'], sites: ['CCL', 'FP'] },
        { sites: { CCL: 'Cañon City Library', FP: 'Florence' } },
      ),
    ).toBe('cohort 2024-25; sites Cañon City Library, Florence');
    expect(longDate('2026-01-31T23:30:00Z')).toBe('January 31, 2026');
  });
});

describe('outline and HTML', () => {
  const charts = STUB_CATALOGUE.map((e) =>
    e.build(sampleMetrics({ filters: {}, by: e.by ? [...e.by] : [] }), {}),
  ).flat();

  it('figures are numbered in reading order; a repeat refers back; unplaced charts go under Further evidence', () => {
    const o = buildReportOutline(
      inputs({
        charts,
        questions: [
          { question: 'Q one?', charts: ['outcomes-change'], tables: [] },
          { question: 'Q two?', charts: ['reach-by-site', 'outcomes-change'], tables: [] },
        ],
      }),
    );
    expect(o.questions.map((q) => [q.number, q.question])).toEqual([
      [1, 'Q one?'],
      [2, 'Q two?'],
      [0, 'Further evidence'],
    ]);
    expect(
      o.questions[1]!.items.map((i) => (i.kind === 'table' ? 'table' : `${i.kind} ${i.figure.number}`)),
    ).toEqual(['figure 2', 'see 1']);
    expect(o.leftOut).toEqual([
      { title: 'Cohorts compared', why: 'Import a second cohort’s surveys to compare cohorts.' },
    ]);
  });

  it('a question with no evidence says so', () => {
    const o = buildReportOutline(
      inputs({ questions: [{ question: 'Did mentors stay?', charts: [], tables: [] }] }),
    );
    expect(o.questions[0]!.empty).toMatch(/No figure or table/);
  });

  it('default questions take a chart by the metric section it reads, else by its page', () => {
    const qs = defaultQuestions([
      { id: 'overview-prepost', page: 'overview', sections: ['prePost', 'scales'] },
      { id: 'partners-goals', page: 'overview', sections: ['goals'] },
      { id: 'reach-youth', page: 'reach', sections: ['reach'] },
      { id: 'custom', page: 'outcomes' },
    ]);
    expect(qs.map((q) => q.charts)).toEqual([
      ['reach-youth'],
      ['overview-prepost', 'custom'],
      ['partners-goals'],
    ]);
    expect(defaultQuestions([{ id: 'a', page: 'reach' }]).map((q) => q.question)).toEqual([
      'Who did the partnership reach, and how much did youth take part?',
    ]);
  });

  it('the HTML escapes every user string and loads nothing', () => {
    const html = renderReportHtml(
      buildReportOutline(
        inputs({
          title: '<img src=x onerror=alert(1)> & Zoë',
          questions: [{ question: '</h2><script>', charts: [], tables: [] }],
        }),
      ),
      { figures: new Map() },
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Zoë');
    expect(html).toContain('&lt;/h2&gt;&lt;script&gt;');
    expect(html).not.toMatch(/<script|<img|<link|@import|url\(/i);
  });
});
