import { reachesNoYouthDirectly } from '../charts/partners';
import type { CsvCell } from '../export/csv';
import type { GroupKey, MetricSection, MetricsResult } from '@shared/metrics';

/**
 * A section of the metrics as a flat table: for "export table" (CSV/XLSX) and the report's tables.
 * Values keep their type (numbers stay numbers, so CSV needs no apostrophe for -0.42 and XLSX cells
 * are numeric); shares are written as percentages. A suppressed row has every figure null and says
 * why in the Note column, so nothing hidden can be read from the file, and nothing looks like a zero.
 */

export const COLUMN_KINDS = ['text', 'count', 'number', 'hours', 'percent', 'p', 'usd'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface MetricColumn {
  label: string;
  kind: ColumnKind;
}

export interface MetricTable {
  section: MetricSection;
  title: string;
  columns: MetricColumn[];
  rows: CsvCell[][];
  /** How many leading columns name the group (one per split dimension). */
  groupColumns: number;
  /** Index of rows that are suppressed (all their figures are null). */
  suppressedRows: number[];
  notes: string[];
}

export const SECTION_TITLES: Record<MetricSection, string> = {
  reach: 'Reach',
  dosage: 'Dosage (attendance and contact hours)',
  retention: 'Retention',
  scales: 'Scale scores',
  reliability: "Reliability (Cronbach's alpha)",
  items: 'Item responses',
  prePost: 'Pre/post change (matched youth)',
  prePostByDosage: 'Pre/post change by dosage band',
  matchReport: 'Pre/post matching and attrition',
  partnerHealth: 'Partnership health (partner survey factors)',
  contributions: 'Partner contributions',
  goals: 'Goals and progress',
};

const round = (v: number | null | undefined, digits: number): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(digits));
/** Three significant digits: a p of 2e-9 must not become 0 in a spreadsheet. */
const pValue = (p: number | null | undefined): number | null =>
  p === null || p === undefined || !Number.isFinite(p) ? null : Number(p.toPrecision(3));
const pct = (share: number | null | undefined): number | null =>
  share === null || share === undefined ? null : round(share * 100, 1);

export function dimensionLabel(dimension: string): string {
  if (dimension.startsWith('attribute:')) {
    const name = dimension.slice('attribute:'.length);
    return name.charAt(0).toUpperCase() + name.slice(1);
  }
  const labels: Record<string, string> = {
    cohort: 'Cohort',
    program: 'Program',
    site: 'Site',
    partner: 'Partner',
    partner_type: 'Partner type',
    wave: 'Wave',
  };
  return labels[dimension] ?? dimension;
}

/** "suppressed (n < 10)"; a complementary suppression says so. */
export function suppressionNote(reason: string | null | undefined, threshold: number): string {
  const why = reason && reason.trim() ? reason.trim() : `n < ${threshold}`;
  return `suppressed (${why})`;
}

export const PARTNER_TYPE_LABELS: Record<string, string> = {
  school: 'School',
  out_of_school_provider: 'Out-of-school provider',
  higher_education: 'Higher education',
  business: 'Business',
  government: 'Government',
  nonprofit: 'Nonprofit',
  funder: 'Funder',
};
const partnerType = (t: string) => PARTNER_TYPE_LABELS[t] ?? t;

export const WAVE_LABELS: Record<string, string> = {
  pre: 'Pre',
  post: 'Post',
  retrospective_pre: 'Retrospective pre',
  follow_up: 'Follow-up',
  annual: 'Annual',
};
const waveLabel = (w: string) => WAVE_LABELS[w] ?? w;

interface RowDef<R> {
  cells: (r: R) => CsvCell[];
  suppressed: (r: R) => boolean;
  note: (r: R) => string | null;
  group?: (r: R) => GroupKey;
}

function build<R>(
  section: MetricSection,
  result: MetricsResult,
  rows: readonly R[],
  columns: MetricColumn[],
  def: RowDef<R>,
  notes: string[] = [],
): MetricTable {
  const dims = def.group ? result.by : [];
  const suppressedRows: number[] = [];
  const out = rows.map((r, i) => {
    const suppressed = def.suppressed(r);
    if (suppressed) suppressedRows.push(i);
    const group = def.group ? def.group(r) : {};
    const cells = def.cells(r).map((c, ci) =>
      // Belt and braces: a suppressed row shows no figure even if one slipped through upstream.
      suppressed && columns[ci]?.kind !== 'text' ? null : c,
    );
    return [
      ...dims.map((d) => group[d]?.label ?? 'All'),
      ...cells,
      suppressed ? suppressionNote(def.note(r), result.threshold) : (def.note(r) ?? ''),
    ];
  });
  return {
    section,
    title: SECTION_TITLES[section],
    columns: [
      ...dims.map((d) => ({ label: dimensionLabel(d), kind: 'text' as const })),
      ...columns,
      { label: 'Note', kind: 'text' },
    ],
    rows: out,
    groupColumns: dims.length,
    suppressedRows,
    notes,
  };
}

const c = (label: string, kind: ColumnKind = 'number'): MetricColumn => ({ label, kind });

/** One metric section as a table. */
export function metricTable(result: MetricsResult, section: MetricSection): MetricTable {
  const privacy = { suppressed: (r: { suppressed: boolean }) => r.suppressed };
  const grouped = { group: (r: { group: GroupKey }) => r.group };
  switch (section) {
    case 'reach':
      return build(
        section,
        result,
        result.reach,
        [
          c('Youth served', 'count'),
          c('Youth enrolled', 'count'),
          c('Mentors engaged', 'count'),
          c('Partners active', 'count'),
          c('Sessions offered', 'count'),
        ],
        {
          ...privacy,
          ...grouped,
          cells: (r) => [
            r.youthServed,
            r.youthEnrolled,
            r.mentorsEngaged,
            r.partnersActive,
            r.sessionsOffered,
          ],
          // Adults and sessions are not about youth, but a suppressed row hides them too: the row's
          // size would otherwise be implied by them.
          note: (r) => r.suppressionReason,
        },
      );
    case 'dosage':
      return build(
        section,
        result,
        result.dosage,
        [
          c('Youth (n)', 'count'),
          c('Contact hours, total', 'hours'),
          c('Contact hours, mean', 'hours'),
          c('Contact hours, median', 'hours'),
          c('Sessions attended, mean', 'hours'),
          c('Attendance rate, mean (%)', 'percent'),
          c('Hours per week, mean', 'hours'),
          c('Weeks from first to last attendance, mean', 'hours'),
          c('Activity types, mean'),
          c('Regular attendees', 'count'),
          c('Regular attendees (%)', 'percent'),
        ],
        {
          ...privacy,
          ...grouped,
          cells: (r) => [
            r.n,
            round(r.contactHoursTotal, 1),
            round(r.contactHoursMean, 1),
            round(r.contactHoursMedian, 1),
            round(r.sessionsAttendedMean, 1),
            pct(r.attendanceRateMean),
            round(r.intensityHoursPerWeekMean, 2),
            round(r.durationWeeksMean, 1),
            round(r.breadthMean, 2),
            r.regularAttendees,
            pct(r.regularAttendeesShare),
          ],
          note: (r) => r.suppressionReason,
        },
      );
    case 'retention':
      return build(
        section,
        result,
        result.retention,
        [
          c('Kind', 'text'),
          c('Base (n)', 'count'),
          c('Retained', 'count'),
          c('Rate (%)', 'percent'),
          c('95% CI low (%)', 'percent'),
          c('95% CI high (%)', 'percent'),
        ],
        {
          ...privacy,
          ...grouped,
          cells: (r) => [
            RETENTION_KINDS[r.kind],
            r.nBase,
            r.nRetained,
            pct(r.rate),
            pct(r.ciLow),
            pct(r.ciHigh),
          ],
          note: (r) => r.suppressionReason,
        },
      );
    case 'scales':
      return build(
        section,
        result,
        result.scales,
        [
          c('Scale', 'text'),
          c('Wave', 'text'),
          c('n', 'count'),
          c('Mean'),
          c('SD'),
          c('95% CI low'),
          c('95% CI high'),
          c('Agree (%)', 'percent'),
        ],
        {
          ...privacy,
          ...grouped,
          cells: (r) => [
            r.scaleName,
            waveLabel(r.wave),
            r.n,
            round(r.mean, 2),
            round(r.sd, 2),
            round(r.ciLow, 2),
            round(r.ciHigh, 2),
            pct(r.percentAgree),
          ],
          note: (r) => r.suppressionReason,
        },
      );
    case 'reliability':
      return build(
        section,
        result,
        result.reliability,
        [
          c('Scale', 'text'),
          c('Wave', 'text'),
          c('Items', 'count'),
          c("Cronbach's alpha"),
          c('Complete cases', 'count'),
        ],
        {
          ...privacy,
          cells: (r) => [r.scaleName, waveLabel(r.wave), r.k, round(r.alpha, 2), r.nComplete],
          note: (r) => r.suppressionReason ?? r.reason,
        },
      );
    case 'items':
      return build(
        section,
        result,
        result.items,
        [
          c('Scale', 'text'),
          c('Item', 'text'),
          c('Item text', 'text'),
          c('Reverse-coded', 'text'),
          c('Wave', 'text'),
          c('n', 'count'),
          c('Agree (%)', 'percent'),
          c('Answers', 'text'),
          c('Missing (not averaged)', 'text'),
        ],
        {
          ...privacy,
          ...grouped,
          cells: (r) => [
            r.scale,
            r.item,
            r.itemText,
            r.isReverseCoded ? 'yes' : 'no',
            waveLabel(r.wave),
            r.n,
            pct(r.percentAgree),
            // Text, so a suppressed row must drop it explicitly (build() nulls only figures).
            r.suppressed ? '' : r.categories.map((k) => `${k.label}: ${k.count ?? '-'}`).join('; '),
            r.suppressed ? '' : r.missing.map((k) => `${k.reason}: ${k.count ?? '-'}`).join('; '),
          ],
          note: (r) => r.suppressionReason,
        },
      );
    case 'prePost':
    case 'prePostByDosage': {
      const rows = section === 'prePost' ? result.prePost : result.prePostByDosage;
      const band = section === 'prePostByDosage';
      return build(
        section,
        result,
        rows,
        [
          ...(band ? [c('Dosage band', 'text')] : []),
          c('Scale', 'text'),
          c('Design', 'text'),
          c('Matched (n)', 'count'),
          c('Mean pre'),
          c('Mean post'),
          c('Mean change'),
          c('95% CI low'),
          c('95% CI high'),
          c('t'),
          c('df', 'count'),
          c('p (paired t)', 'p'),
          c('p (Wilcoxon)', 'p'),
          c('Effect size'),
          c('Effect size name', 'text'),
          c('d_z'),
        ],
        {
          ...privacy,
          ...grouped,
          cells: (r) => [
            ...('band' in r ? [String(r.band)] : []),
            r.scaleName,
            r.design === 'retrospective' ? 'retrospective pre/post' : 'pre/post',
            r.nMatched,
            round(r.meanPre, 2),
            round(r.meanPost, 2),
            round(r.meanDiff, 2),
            round(r.ciLow, 2),
            round(r.ciHigh, 2),
            round(r.t, 2),
            round(r.df, 0),
            pValue(r.p),
            pValue(r.wilcoxonP),
            round(r.effectSizeName === 'd_z' ? r.dz : r.gav, 2),
            r.effectSizeName,
            round(r.dz, 2),
          ],
          note: (r) => r.suppressionReason ?? r.reason,
        },
      );
    }
    case 'matchReport':
      return build(
        section,
        result,
        result.matchReport,
        [
          c('Answered pre', 'count'),
          c('Answered post', 'count'),
          c('Matched by ID', 'count'),
          c('Pre only (lost)', 'count'),
          c('Post only', 'count'),
          c('Duplicates', 'count'),
        ],
        {
          ...privacy,
          ...grouped,
          cells: (r) => [r.nPre, r.nPost, r.matched, r.onlyPre, r.onlyPost, r.duplicates],
          note: (r) => r.suppressionReason,
        },
      );
    case 'partnerHealth':
      return build(
        section,
        result,
        result.partnerHealth,
        [c('Factor', 'text'), c('Respondents', 'count'), c('Mean (1-5)'), c('SD'), c('Band', 'text')],
        {
          ...privacy,
          ...grouped,
          cells: (r) => [r.factorName, r.n, round(r.mean, 2), round(r.sd, 2), r.band ?? ''],
          note: (r) => r.suppressionReason,
        },
      );
    case 'contributions':
      return build(
        section,
        result,
        result.contributions,
        [
          c('Partner', 'text'),
          c('Partner type', 'text'),
          c('Mentor hours', 'hours'),
          c('Sessions led', 'count'),
          c('Equipment items', 'count'),
          c('Funding (USD)', 'usd'),
          c('In kind (USD)', 'usd'),
          c('Mentors', 'count'),
          c('Youth reached', 'count'),
        ],
        {
          // Partner figures are about adults and organisations; only the youth count is suppressed.
          suppressed: () => false,
          ...grouped,
          cells: (r) => [
            r.partnerName,
            partnerType(r.partnerType),
            round(r.mentorHours, 1),
            r.sessionsLed,
            r.equipmentItems,
            round(r.fundingUsd, 2),
            round(r.inKindUsd, 2),
            r.mentors,
            r.youthReachedSuppressed || reachesNoYouthDirectly(r) ? null : r.youthReached,
          ],
          // A funder leads no sessions: its youth count does not apply (a 0 would read as failure).
          note: (r) =>
            r.youthReachedSuppressed
              ? `youth reached ${suppressionNote(null, result.threshold)}`
              : reachesNoYouthDirectly(r)
                ? 'youth reached: not applicable (leads no sessions)'
                : null,
        },
      );
    case 'goals':
      return build(
        section,
        result,
        result.goals,
        [
          c('Goal', 'text'),
          c('Cohort', 'text'),
          c('Program', 'text'),
          c('Target'),
          c('Actual'),
          c('Progress (%)', 'percent'),
          c('Met', 'text'),
        ],
        {
          ...privacy,
          cells: (r) => [
            r.description ?? r.metricKey,
            r.cohort ?? '',
            r.program ?? '',
            r.target,
            round(r.actual, 2),
            pct(r.progress),
            r.met === null ? '' : r.met ? 'yes' : 'no',
          ],
          note: (r) => r.suppressionReason,
        },
      );
  }
}

const RETENTION_KINDS = {
  within_cohort: 'stayed to the last quarter of sessions',
  next_cohort: 'returned the next year',
  survey: 'answered both pre and post',
} as const;

/** Cells as plain columns/rows for CSV and XLSX. */
export function tableForFile(t: MetricTable): { columns: string[]; rows: CsvCell[][] } {
  return { columns: t.columns.map((col) => col.label), rows: t.rows };
}

/** "-0.00" reads as a decline that is not there. */
const noNegativeZero = (text: string) => (/^-0(\.0+)?$/.test(text) ? text.slice(1) : text);

/** A value as text in a report table. */
export function formatCell(value: CsvCell, kind: ColumnKind): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value !== 'number') return String(value);
  switch (kind) {
    case 'count':
      return value.toLocaleString('en-US');
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'p':
      return value < 0.001 ? '< .001' : value.toFixed(3).replace(/^0/, '');
    case 'usd':
      return `$${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
    case 'hours':
      return noNegativeZero(
        value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      );
    default:
      return noNegativeZero(value.toFixed(2));
  }
}
