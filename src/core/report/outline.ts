import type { ChartModel } from '../charts/model';
import type { EvaluationQuestion } from '@shared/export-contract';
import type { MetricSection } from '@shared/metrics';
import type { ReportInputs } from './inputs';
import { formatCell, type MetricTable } from './metric-tables';
import { describeFilters, longDate, writeMethods, type MethodsBlock } from './methods';

/**
 * The report's outline: a title page with the headline counts, then the evidence grouped by the
 * evaluation questions the user entered (NSF evaluations are organised this way), figures numbered
 * in reading order, then the methods, then appendix tables. Pure: the Node side renders it.
 */

export interface FigureEntry {
  number: number;
  chart: ChartModel;
}

export interface QuestionBlock {
  number: number;
  question: string;
  /** A figure already shown under an earlier question is referred to, not repeated. */
  items: (
    | { kind: 'figure'; figure: FigureEntry }
    | { kind: 'see'; figure: FigureEntry; title: string }
    | { kind: 'table'; table: MetricTable; number: number }
  )[];
  /** Said when the question has no evidence (e.g. its charts had nothing to draw). */
  empty: string | null;
}

export interface ReportOutline {
  title: string;
  projectName: string;
  selection: string;
  generatedOn: string;
  version: string;
  /** One line on the title page: the suppression rule. */
  privacyLine: string;
  glance: { label: string; value: string; note?: string }[];
  changes: string[];
  questions: QuestionBlock[];
  methods: MethodsBlock[];
  appendix: { number: number; table: MetricTable }[];
  /** Charts that had nothing to draw, and why: listed, never silently dropped. */
  leftOut: { title: string; why: string }[];
}

/** Where each dashboard page's charts go when the user has not written questions. */
export const DEFAULT_QUESTIONS: readonly {
  question: string;
  pages: readonly string[];
  /** A chart whose first metric section is one of these answers the question (checked before pages). */
  sections: readonly MetricSection[];
  tables: MetricSection[];
}[] = [
  {
    question: 'Who did the partnership reach, and how much did youth take part?',
    pages: ['reach'],
    sections: ['reach', 'dosage', 'retention'],
    tables: ['reach', 'dosage'],
  },
  {
    question:
      'Did youth STEM interest, identity and career awareness change from the start to the end of the program?',
    pages: ['outcomes', 'cohorts'],
    sections: ['prePost', 'prePostByDosage', 'scales', 'items', 'reliability', 'matchReport'],
    tables: ['prePost'],
  },
  {
    question: 'How strong is the partnership, and what do partners contribute?',
    pages: ['partners'],
    sections: ['partnerHealth', 'contributions', 'goals'],
    tables: ['contributions', 'partnerHealth'],
  },
];

export const DEFAULT_APPENDIX: MetricSection[] = ['matchReport', 'scales', 'retention', 'goals'];

/**
 * The default questions with the charts that answer each: by the metric sections a chart reads
 * (its first one decides), else by its dashboard page. Questions with no chart are left out.
 */
export function defaultQuestions(
  charts: readonly { id: string; page: string; sections?: readonly MetricSection[] }[],
  tables: readonly MetricSection[] = [],
): EvaluationQuestion[] {
  const home = (c: (typeof charts)[number]) => {
    const first = c.sections?.[0];
    const bySection = first ? DEFAULT_QUESTIONS.findIndex((q) => q.sections.includes(first)) : -1;
    return bySection >= 0 ? bySection : DEFAULT_QUESTIONS.findIndex((q) => q.pages.includes(c.page));
  };
  return DEFAULT_QUESTIONS.map((q, i) => ({
    question: q.question,
    charts: charts.filter((c) => home(c) === i).map((c) => c.id),
    tables: q.tables.filter((t) => tables.length === 0 || tables.includes(t)),
  })).filter((q) => q.charts.length > 0);
}

function glance(inputs: ReportInputs): ReportOutline['glance'] {
  const m = inputs.metrics;
  const reach = m.reach.find((r) => Object.keys(r.group).length === 0);
  const out: ReportOutline['glance'] = [];
  if (reach) {
    const youth = reach.suppressed || reach.youthServed === null;
    out.push({
      label: 'Youth served',
      value: youth ? 'suppressed' : formatCell(reach.youthServed, 'count'),
      note: youth ? `fewer than ${m.threshold}` : undefined,
    });
    out.push({ label: 'Sessions offered', value: formatCell(reach.sessionsOffered, 'count') });
    out.push({ label: 'Mentors engaged', value: formatCell(reach.mentorsEngaged, 'count') });
    out.push({ label: 'Partner organizations', value: formatCell(reach.partnersActive, 'count') });
  }
  const match = m.matchReport.find((r) => Object.keys(r.group).length === 0);
  if (match && !match.suppressed && match.matched !== null)
    out.push({ label: 'Youth matched pre/post', value: formatCell(match.matched, 'count') });
  return out;
}

/** One sentence per scale on the title page: what changed, by how much, for how many. */
function changes(inputs: ReportInputs): string[] {
  return inputs.metrics.prePost
    .filter((r) => Object.keys(r.group).length === 0)
    .map((r) => {
      if (r.suppressed)
        return `${r.scaleName}: suppressed (${r.suppressionReason ?? `n < ${inputs.metrics.threshold}`}).`;
      if (r.meanDiff === null || r.nMatched === null)
        return `${r.scaleName}: not enough matched youth to measure change.`;
      const change = formatCell(Math.abs(r.meanDiff), 'number');
      const sign = change === '0.00' ? '±' : r.meanDiff > 0 ? '+' : '−';
      const es = r.effectSizeName === 'd_z' ? r.dz : r.gav;
      const stats = [
        es !== null ? `${r.effectSizeName} = ${formatCell(es, 'number')}` : null,
        r.p !== null ? `p ${r.p < 0.001 ? '< .001' : `= ${formatCell(r.p, 'p')}`}` : null,
        `n = ${formatCell(r.nMatched, 'count')} matched`,
      ].filter(Boolean);
      return `${r.scaleName}: mean ${formatCell(r.meanPre, 'number')} → ${formatCell(r.meanPost, 'number')} (${sign}${change}; ${stats.join(', ')}).`;
    });
}

export function buildReportOutline(inputs: ReportInputs): ReportOutline {
  const byId = new Map(inputs.charts.map((c) => [c.id, c]));
  const drawable = (c: ChartModel) => !c.empty;
  const numbered = new Map<string, FigureEntry>();
  let tableNumber = 0;
  const leftOut = inputs.charts.filter((c) => c.empty).map((c) => ({ title: c.title, why: c.empty! }));

  const questions: QuestionBlock[] = [];
  const place = (q: EvaluationQuestion, index: number) => {
    const items: QuestionBlock['items'] = [];
    for (const id of q.charts) {
      const chart = byId.get(id);
      if (!chart || !drawable(chart)) continue;
      const seen = numbered.get(id);
      if (seen) items.push({ kind: 'see', figure: seen, title: chart.title });
      else {
        const figure = { number: numbered.size + 1, chart };
        numbered.set(id, figure);
        items.push({ kind: 'figure', figure });
      }
    }
    for (const section of q.tables) {
      const table = inputs.tables[section];
      if (table && table.rows.length) items.push({ kind: 'table', table, number: ++tableNumber });
    }
    questions.push({
      number: index + 1,
      question: q.question,
      items,
      empty: items.length ? null : 'No figure or table in this report addresses this question yet.',
    });
  };
  inputs.questions.forEach(place);
  // Charts chosen but not placed under any question still belong in the report.
  const rest = inputs.charts.filter((c) => drawable(c) && !numbered.has(c.id)).map((c) => c.id);
  if (rest.length) place({ question: 'Further evidence', charts: rest, tables: [] }, questions.length);
  const last = questions[questions.length - 1];
  if (last && last.question === 'Further evidence' && rest.length) last.number = 0; // not a question

  return {
    title: inputs.title,
    projectName: inputs.projectName,
    selection: describeFilters(inputs.filters, inputs.filterLabels),
    generatedOn: longDate(inputs.generatedAt),
    version: inputs.version,
    privacyLine: `To protect young people's privacy, any figure about fewer than ${inputs.settings.suppressionThreshold} youth is withheld and marked "suppressed".`,
    glance: glance(inputs),
    changes: changes(inputs),
    questions,
    methods: writeMethods(inputs),
    appendix: inputs.appendix
      .map((s) => inputs.tables[s])
      .filter((t): t is MetricTable => !!t && t.rows.length > 0)
      .map((table) => ({ number: ++tableNumber, table })),
    leftOut,
  };
}
