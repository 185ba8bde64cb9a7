import type { MissingReason } from '@shared/vocab';
import { makeIssue, type Issue } from './issues';

// One list of typed missing reasons for the importer and the data model (SQL CHECKs follow it).
export { MISSING_REASONS, isMissingReason, type MissingReason } from '@shared/vocab';

export const SCALE_FAMILIES = ['agreement', 'frequency', 'informedness', 'knowledge', 'numeric'] as const;
export type ScaleFamily = (typeof SCALE_FAMILIES)[number];

export interface ScaleDefinition {
  id: string;
  family: Exclude<ScaleFamily, 'numeric'>;
  /** Levels low to high; each level lists accepted spellings (already normalised). */
  levels: readonly (readonly string[])[];
}

/** Lower case, straight apostrophes, one space, no trailing punctuation. */
export function normaliseLabel(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
}

const SD = ['strongly disagree', 'disagree strongly', 'completely disagree'];
const D = ['disagree'];
const SWD = ['somewhat disagree', 'slightly disagree', 'mildly disagree'];
const N = [
  'neither agree nor disagree',
  'neither agree or disagree',
  'neutral',
  'undecided',
  'not sure',
  'neither',
];
const SWA = ['somewhat agree', 'slightly agree', 'mildly agree'];
const A = ['agree'];
const SA = ['strongly agree', 'agree strongly', 'completely agree'];

/** Built-in scales. Order matters for ties: the most common length comes first in each family. */
export const SCALES: readonly ScaleDefinition[] = [
  { id: 'agreement-5', family: 'agreement', levels: [SD, D, N, A, SA] },
  { id: 'agreement-4', family: 'agreement', levels: [SD, D, A, SA] },
  { id: 'agreement-7', family: 'agreement', levels: [SD, D, SWD, N, SWA, A, SA] },
  {
    id: 'frequency-5',
    family: 'frequency',
    levels: [
      ['never'],
      ['rarely', 'seldom'],
      ['sometimes', 'occasionally'],
      ['often', 'usually', 'frequently', 'very often', 'most of the time'],
      ['always', 'almost always'],
    ],
  },
  {
    id: 'frequency-4',
    family: 'frequency',
    levels: [['never'], ['sometimes'], ['often', 'usually'], ['always']],
  },
  {
    id: 'informedness-5',
    family: 'informedness',
    levels: [
      ['not at all informed', 'not informed', 'uninformed'],
      ['slightly informed', 'a little informed'],
      ['somewhat informed', 'moderately informed'],
      ['very informed', 'well informed'],
      ['extremely informed', 'fully informed'],
    ],
  },
  {
    id: 'knowledge-4',
    family: 'knowledge',
    levels: [
      ['nothing', 'no knowledge'],
      ['a little', 'a little knowledge'],
      ['some', 'some knowledge'],
      ['a lot', 'a lot of knowledge'],
    ],
  },
  {
    id: 'knowledge-5',
    family: 'knowledge',
    levels: [
      ['not at all knowledgeable', 'no knowledge', 'nothing', 'not knowledgeable'],
      ['slightly knowledgeable', 'a little knowledge', 'a little', 'little knowledge'],
      ['somewhat knowledgeable', 'some knowledge', 'moderately knowledgeable', 'some'],
      ['very knowledgeable', 'a lot of knowledge', 'a lot', 'quite a bit'],
      ['extremely knowledgeable', 'expert', 'a great deal', 'a great deal of knowledge'],
    ],
  },
];

const TYPED_MISSING: readonly [MissingReason, readonly string[]][] = [
  [
    'prefer_not_to_say',
    [
      'prefer not to say',
      'prefer not to answer',
      "i'd prefer not to say",
      'i prefer not to say',
      'rather not say',
      'decline to answer',
      'decline to state',
    ],
  ],
  [
    'dont_know',
    ["don't know", 'dont know', 'do not know', "i don't know", 'dk', 'unsure', "don't know/not sure"],
  ],
  ['not_applicable', ['n/a', 'na', 'not applicable', 'does not apply', "doesn't apply", 'n.a', 'n.a.']],
];

/** Numeric codes that mean "missing" when they fall outside the range of the real answers. */
export const DEFAULT_MISSING_CODES = [-99, 99, -1, 999, -999, 9999] as const;

export interface CodebookEntry {
  /** The value exactly as it appears in the data. */
  value: string;
  code: number | null;
  missing?: MissingReason;
}

export interface CodebookProposal {
  scaleId: string | null;
  family: ScaleFamily | null;
  points: number | null;
  entries: CodebookEntry[];
  /** Values that neither belong to the scale nor mean missing. */
  unmatched: string[];
  /** Other scales that fit the values as well (for the UI's "change scale" list). */
  alternatives: string[];
  issues: Issue[];
}

/** A typed-missing reason for a value, or undefined. A blank cell is 'skipped'. */
export function classifyMissing(value: string): MissingReason | undefined {
  const v = normaliseLabel(value);
  if (v === '') return 'skipped';
  for (const [reason, spellings] of TYPED_MISSING) if (spellings.includes(v)) return reason;
  return undefined;
}

function levelIndex(scale: ScaleDefinition, label: string): number {
  return scale.levels.findIndex((spellings) => spellings.includes(label));
}

/** Strip a leading or trailing numeric prefix such as "5 - Strongly agree" or "Strongly agree (5)". */
function stripNumberAffix(label: string): string {
  return label.replace(/^\d+\s*[-=.:)]\s*/, '').replace(/\s*\(\d+\)$/, '');
}

/**
 * Proposes a codebook for one column's distinct values: a known Likert scale (codes 1..points in
 * order), typed missing values, or numeric codes with missing codes set aside. Matching ignores
 * case, white space and curly apostrophes.
 */
export function proposeCodebook(
  values: readonly string[],
  options: { missingCodes?: readonly number[] } = {},
): CodebookProposal {
  const missingCodes = options.missingCodes ?? DEFAULT_MISSING_CODES;
  const distinct = [...new Set(values)];
  const entries: CodebookEntry[] = [];
  const rest: string[] = [];
  for (const value of distinct) {
    const missing = classifyMissing(value);
    if (missing) entries.push({ value, code: null, missing });
    else rest.push(value);
  }

  // 1. All remaining values numeric: keep the numbers, set aside missing codes outside the range.
  if (rest.length > 0 && rest.every((v) => /^[+-]?\d+(\.\d+)?$/.test(v.trim()))) {
    const numbers = rest.map((v) => Number(v.trim()));
    const real = numbers.filter((n) => !missingCodes.includes(n));
    const min = Math.min(...real);
    const max = Math.max(...real);
    rest.forEach((value, i) => {
      const n = numbers[i] ?? Number.NaN;
      const isCode = missingCodes.includes(n) && (real.length === 0 || n < min || n > max);
      entries.push(isCode ? { value, code: null, missing: 'missing_code' } : { value, code: n });
    });
    return {
      scaleId: null,
      family: 'numeric',
      points: null,
      entries: sortEntries(entries),
      unmatched: [],
      alternatives: [],
      issues: [],
    };
  }

  // 2. Text: the scale matching the most values; ties go to the earlier (more common) scale.
  const labels = rest.map((v) => stripNumberAffix(normaliseLabel(v)));
  const fits = SCALES.map((scale) => ({
    scale,
    matched: labels.filter((l) => levelIndex(scale, l) >= 0).length,
  })).filter((f) => f.matched > 0);
  const bestCount = Math.max(0, ...fits.map((f) => f.matched));
  const best = fits.filter((f) => f.matched === bestCount);
  const chosen = best[0]?.scale;
  const issues: Issue[] = [];
  const unmatched: string[] = [];
  if (!chosen) {
    return {
      scaleId: null,
      family: null,
      points: null,
      entries: sortEntries(entries),
      unmatched: rest,
      alternatives: [],
      issues,
    };
  }
  if (best.length > 1)
    issues.push(
      makeIssue('likert_points_ambiguous', {
        detail: {
          chosen: chosen.id,
          also: best
            .slice(1)
            .map((f) => f.scale.id)
            .join(','),
        },
      }),
    );
  rest.forEach((value, i) => {
    const index = levelIndex(chosen, labels[i] ?? '');
    if (index >= 0) entries.push({ value, code: index + 1 });
    else {
      unmatched.push(value);
      issues.push(makeIssue('likert_unmatched_value', { detail: { value } }));
    }
  });
  return {
    scaleId: chosen.id,
    family: chosen.family,
    points: chosen.levels.length,
    entries: sortEntries(entries),
    unmatched,
    alternatives: best.slice(1).map((f) => f.scale.id),
    issues,
  };
}

function sortEntries(entries: CodebookEntry[]): CodebookEntry[] {
  return entries.sort(
    (a, b) =>
      (a.code ?? Number.POSITIVE_INFINITY) - (b.code ?? Number.POSITIVE_INFINITY) ||
      a.value.localeCompare(b.value),
  );
}

/** Codes one value with a codebook: a number, a typed missing reason, or 'unmatched'. */
export function codeValue(
  codebook: Pick<CodebookProposal, 'entries'>,
  value: string,
): { code: number } | { missing: MissingReason } | { unmatched: true } {
  const entry =
    codebook.entries.find((e) => e.value === value) ??
    codebook.entries.find((e) => normaliseLabel(e.value) === normaliseLabel(value));
  if (entry?.missing) return { missing: entry.missing };
  if (entry && entry.code !== null) return { code: entry.code };
  const missing = classifyMissing(value);
  return missing ? { missing } : { unmatched: true };
}
