import type { TopLevelSpec } from 'vega-lite';
import type { GroupKey, MetricFilters } from '@shared/metrics';
import type { FigureCaption } from '../export/caption';
import type { ChartModel } from './model';
import { BASE_CONFIG } from './palette';

/** Every spec names the same schema, so exports and the dashboards agree on the vega-lite version. */
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The label of one dimension of a row's group, or a fallback when the split is absent. */
export function groupLabel(group: GroupKey, dimension: string, fallback = 'All'): string {
  return group[dimension]?.label ?? fallback;
}
export function groupCode(group: GroupKey, dimension: string, fallback = ''): string {
  return group[dimension]?.code ?? fallback;
}

/** Number formatting for labels, tables and alt text (plain, locale-free, so tests and exports agree). */
export function fmt(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  // A value that rounds to zero prints as 0, never as "-0.00".
  if (Math.abs(value) < 0.5 * 10 ** -digits) value = 0;
  return numberFormat(digits).format(value);
}
/** One Intl formatter per number of digits: `toLocaleString` builds a new one on every call (slow). */
const formats = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number): Intl.NumberFormat {
  let f = formats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(digits, f);
  }
  return f;
}
export function pct(share: number | null | undefined, digits = 0): string {
  return share === null || share === undefined ? '–' : `${fmt(share * 100, digits)}%`;
}
export function signed(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  const s = fmt(Math.abs(value), digits);
  if (Number(s.replace(/,/g, '')) === 0) return s;
  return value > 0 ? `+${s}` : value < 0 ? `−${s}` : s;
}

/** The sentence every caption carries when something was hidden. */
export function suppressionNote(threshold: number, anySuppressed: boolean): string | undefined {
  return anySuppressed
    ? `Groups of fewer than ${threshold} youth are suppressed (grey, labelled), with a second group hidden where needed so a hidden figure cannot be worked out from the totals.`
    : undefined;
}

/**
 * The label a suppressed cell carries, saying why: "suppressed (n < 10)", "suppressed (complementary)",
 * "suppressed (under 10 did not stay)" (a share whose small complement would single those youth
 * out), or a top/bottom-coded value ("> 95%"). Never a bare "suppressed".
 */
export function suppressedLabel(reason: string | null, threshold: number): string {
  const why = reason ?? `n < ${threshold}`;
  if (/^n\s*</.test(why)) return `suppressed (${why})`;
  if (/^complementary/.test(why)) return 'suppressed (complementary)';
  const counted = /^(not retained|retained):\s*n\s*<\s*(\d+)/.exec(why);
  if (counted)
    return `suppressed (under ${counted[2]} ${counted[1] === 'retained' ? 'stayed' : 'did not stay'})`;
  const coded = /^top\/bottom coded:\s*(.+)$/.exec(why);
  if (coded) return coded[1]!;
  return `suppressed (${why})`;
}

/** Filters as one readable line, for captions ("Cohort 2024-25 · Program CLUB"). */
export function describeFilters(filters: MetricFilters): string {
  const parts: string[] = [];
  const list = (name: string, v?: string[]) => {
    if (v && v.length > 0) parts.push(`${name} ${v.join(', ')}`);
  };
  list('cohort', filters.cohorts);
  list('program', filters.programs);
  list('site', filters.sites);
  list('partner', filters.partners);
  list('partner type', filters.partnerTypes);
  for (const [name, values] of Object.entries(filters.attributes ?? {})) list(name, values);
  if (filters.dateFrom || filters.dateTo)
    parts.push(`dates ${filters.dateFrom ?? '…'} to ${filters.dateTo ?? '…'}`);
  return parts.length === 0 ? 'All youth, programs and cohorts' : `Filtered: ${parts.join('; ')}`;
}

/**
 * A chart with nothing to draw: the model says why and what to do next (`empty`), and its spec is a
 * text-only figure with the same message, so an export of it is honest too (never an axis of zeros).
 */
export function emptyChart(input: {
  id: string;
  title: string;
  message: string;
  caption?: Partial<FigureCaption>;
  columns?: string[];
}): ChartModel {
  const lines = wrap(input.message, 70);
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: { text: input.title },
    width: 520,
    height: 24 + lines.length * 18,
    data: { values: lines.map((line, i) => ({ line, i })) },
    mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 13, color: '#444' },
    encoding: {
      text: { field: 'line' },
      x: { value: 0 },
      y: { field: 'i', type: 'ordinal', axis: null },
    },
    config: BASE_CONFIG,
  };
  return {
    id: input.id,
    title: input.title,
    // No n: nothing is drawn, and "n = 0" would read as "nobody" when the groups are only too small.
    caption: { ...input.caption, shows: input.caption?.shows ?? input.title, n: undefined },
    spec,
    alt: `${input.title}: no chart. ${input.message}`,
    table: { columns: input.columns ?? [], rows: [] },
    empty: input.message,
  };
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** What to import next, by what the metric set is missing. One catalogue, so pages say the same. */
export const NEXT_STEP = {
  attendance:
    'No attendance in this selection. Import a roster and attendance logs (sign-in sheets) on the Data page, or widen the filters.',
  surveys:
    'No youth survey responses in this selection. Import a pre survey and a post survey export (Qualtrics, SurveyMonkey, Google Forms, REDCap or CSV) on the Data page.',
  oneWave:
    'Only one survey wave so far: matched change needs a pre and a post wave. Import the post survey (or a retrospective pre/post survey) on the Data page.',
  partners:
    'No partner contributions in this selection. Import the partner list and contribution logs (mentor hours, funding, in-kind) on the Data page.',
  partnerSurvey:
    'No partner survey responses yet. Import a partnership survey (for example a Wilder Collaboration Factors export) on the Data page.',
  goals: 'No goals yet. Import the partnership goals (metric, target, owner) on the Data page.',
  oneCohort:
    'Only one cohort in this selection: comparisons across cohorts appear once a second cohort is imported (or the cohort filter is widened).',
} as const;

/**
 * A chart whose every group is suppressed: the explained empty state, with the table of its groups
 * (each carrying its reason), so nothing reads as zero and the export still lists what was hidden.
 */
export function allSuppressedChart(input: {
  id: string;
  title: string;
  threshold: number;
  /** What the groups are ("programs and cohorts"). */
  what: string;
  caption: Partial<FigureCaption>;
  table: ChartModel['table'];
}): ChartModel {
  const { id, title, caption, table } = input;
  const message = allSuppressedMessage(input.threshold, input.what);
  return { ...emptyChart({ id, title, message, caption, columns: table.columns }), table };
}

/**
 * A layer of value labels: the datum's `label` as text at its `x` field, for the rows `filter` keeps
 * (labels beside bars, inside stacked segments, on suppressed stubs).
 */
export function textLabelLayer(input: {
  filter: string;
  x?: string;
  /** Left-aligned and offset to the right of `x`; without it, centred on `x`. */
  dx?: number;
  fontSize?: number;
}) {
  const { filter, x = 'mid', dx, fontSize = 11 } = input;
  return {
    transform: [{ filter }],
    mark: {
      type: 'text' as const,
      ...(dx !== undefined ? { align: 'left' as const, dx } : {}),
      fontSize,
      color: '#222',
    },
    encoding: { x: { field: x, type: 'quantitative' as const }, text: { field: 'label' } },
  };
}

/** A text alternative in the shape every chart uses: "Bar chart, <title>. <part>; <part>.<tail>" */
export function altText(kind: string, title: string, parts: readonly string[], tail = ''): string {
  return `${kind}, ${title}. ${parts.join('; ')}.${tail}`;
}

/** Every group of a chart is suppressed: explain, instead of drawing an axis of zeros with "n = 0". */
export function allSuppressedMessage(threshold: number, what: string): string {
  return `Every group of ${what} in this selection has fewer than ${threshold} youth, so its figures are suppressed to protect privacy. Widen the filters (for example remove a site or attribute filter) to see them.`;
}
