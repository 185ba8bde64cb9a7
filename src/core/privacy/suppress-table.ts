import { TrellisError } from '../../shared/errors';

/**
 * Small-cell suppression for tables about young people.
 *
 * 1. Primary: a row (cell) whose n is below the threshold has its n and every numeric value nulled.
 * 2. Complementary: in every row set whose total is shown, if exactly one cell is suppressed, the
 *    smallest other cell is suppressed too, else the hidden n is the total minus the visible ones.
 *    Repeated until stable, because one complementary cell can leave another set with a single gap.
 * 3. Optional top/bottom coding of percentages: above 95% or below 5% is shown as a bound, not a
 *    value, because 100% (or 0%) of a group says something about every member.
 */

/** State agencies suppress below 5 to 30; nothing below 5 is acceptable for youth data. */
export const MIN_SUPPRESSION_THRESHOLD = 5;
export const DEFAULT_SUPPRESSION_THRESHOLD = 10;

export const SUPPRESSION_REASON_CODES = ['below_threshold', 'complementary'] as const;
export type SuppressionReasonCode = (typeof SUPPRESSION_REASON_CODES)[number];
export const isSuppressionReasonCode = (v: unknown): v is SuppressionReasonCode =>
  typeof v === 'string' && (SUPPRESSION_REASON_CODES as readonly string[]).includes(v);

export const PERCENT_CODES = ['top', 'bottom'] as const;
export type PercentCode = (typeof PERCENT_CODES)[number];
export const isPercentCode = (v: unknown): v is PercentCode =>
  typeof v === 'string' && (PERCENT_CODES as readonly string[]).includes(v);
export const PERCENT_CODE_LABELS = { top: '> 95%', bottom: '< 5%' } as const satisfies Record<
  PercentCode,
  string
>;

export const PERCENT_SCALES = ['percent', 'proportion'] as const;
export type PercentScale = (typeof PERCENT_SCALES)[number];

export const SUPPRESSION_ISSUE_CODES = ['total_reveals_cell'] as const;
export type SuppressionIssueCode = (typeof SUPPRESSION_ISSUE_CODES)[number];

/** Something suppression alone cannot fix; the caller must act (e.g. hide that total too). */
export interface SuppressionIssue {
  code: SuppressionIssueCode;
  message: string;
  /** The fields and values that define the row set. */
  set: Record<string, unknown>;
  rows: number[];
}

type NumericKey<R> = { [K in keyof R]-?: R[K] extends number ? K : never }[keyof R];

/** A visible row: numeric fields may still be null (top/bottom coded, or null on input). */
export type MaskedValues<R, L extends keyof R> = {
  [K in keyof R]: K extends L ? R[K] : [Extract<R[K], number>] extends [never] ? R[K] : R[K] | null;
};
/** A suppressed row: its numeric fields are typed null, so they cannot be read as numbers. */
export type NulledValues<R, L extends keyof R> = {
  [K in keyof R]: K extends L
    ? R[K]
    : [Extract<R[K], number>] extends [never]
      ? R[K]
      : Exclude<R[K], number> | null;
};

export type SuppressedRow<R, L extends keyof R> =
  | {
      suppressed: false;
      reason: null;
      reasonCode: null;
      values: MaskedValues<R, L>;
      /** Percent fields replaced by a bound; their value is null. */
      coded: Partial<Record<keyof R, PercentCode>>;
    }
  | {
      suppressed: true;
      /** For people: 'n < 10', or why a complementary cell was hidden. */
      reason: string;
      reasonCode: SuppressionReasonCode;
      values: NulledValues<R, L>;
      coded: Partial<Record<keyof R, PercentCode>>;
    };

export interface SuppressTableOptions<R, L extends keyof R> {
  /** The field holding each row's count of people. */
  nField: NumericKey<R>;
  /** Suppress rows with n below this; default 10, never below 5. */
  threshold?: number;
  /** Fields never nulled (group names, a numeric grade level). Every field used in `totals` counts as one. */
  labelFields?: readonly L[];
  /**
   * The row sets whose totals are published, each given as the label fields that define it: rows
   * sharing those values add up to a visible total. [[]] (the default) means one grand total over
   * every row; [['school'], ['gender']] a school-by-gender table with both margins; [] no totals.
   */
  totals?: readonly (readonly L[])[];
  /** Top/bottom code these percentage fields on visible rows. */
  topBottom?: { fields: readonly NumericKey<R>[]; scale: PercentScale };
}

export interface SuppressedTable<R, L extends keyof R> {
  rows: SuppressedRow<R, L>[];
  threshold: number;
  nPrimary: number;
  nComplementary: number;
  issues: SuppressionIssue[];
}

function validateThreshold(threshold: number): void {
  if (!Number.isFinite(threshold) || threshold < MIN_SUPPRESSION_THRESHOLD) {
    throw new TrellisError(
      'bad_input',
      `Suppression threshold must be at least ${MIN_SUPPRESSION_THRESHOLD} (got ${String(threshold)}): groups smaller than ${MIN_SUPPRESSION_THRESHOLD} are never shown.`,
    );
  }
}

/** Rows are plain objects typed by the caller; reading a field by a key chosen at run time needs the widening. */
function readField(row: object, key: PropertyKey): unknown {
  return (row as Record<PropertyKey, unknown>)[key];
}

function readCount(row: object, field: PropertyKey, index: number): number {
  const n = readField(row, field);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new TrellisError(
      'bad_input',
      `Row ${index}: ${String(field)} must be a whole number >= 0, got ${String(n)}.`,
    );
  }
  return n;
}

function findRowSets(rows: readonly object[], keys: readonly PropertyKey[]): number[][] {
  const sets = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const id = JSON.stringify(keys.map((k) => readField(row, k)));
    const members = sets.get(id);
    if (members === undefined) sets.set(id, [i]);
    else members.push(i);
  });
  return [...sets.values()];
}

export function suppressTable<R extends object, L extends keyof R & string = never>(
  rows: readonly R[],
  options: SuppressTableOptions<R, L>,
): SuppressedTable<R, L> {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  validateThreshold(threshold);
  const totals = options.totals ?? [[]];
  const keep = new Set<PropertyKey>([...(options.labelFields ?? []), ...totals.flat()]);
  if (keep.has(options.nField)) {
    throw new TrellisError(
      'bad_input',
      `${String(options.nField)} is the count field; it cannot also be a label field.`,
    );
  }
  const counts = rows.map((row, i) => readCount(row, options.nField, i));

  // 1. Primary suppression.
  const status: (SuppressionReasonCode | null)[] = counts.map((n) =>
    n < threshold ? 'below_threshold' : null,
  );

  // 2. Complementary suppression, to a fixed point: each pass hides at least one more cell or stops.
  const issues: SuppressionIssue[] = [];
  const reported = new Set<string>();
  const sets = totals.flatMap((keys) => findRowSets(rows, keys).map((members) => ({ keys, members })));
  for (let changed = true; changed;) {
    changed = false;
    for (const { keys, members } of sets) {
      const hidden = members.filter((i) => status[i] !== null);
      if (hidden.length !== 1) continue;
      const visible = members.filter((i) => status[i] === null);
      if (visible.length === 0) {
        const first = members[0] ?? 0;
        const set = Object.fromEntries(keys.map((k) => [k, readField(rows[first] ?? {}, k)]));
        const id = JSON.stringify([keys, set]);
        if (!reported.has(id)) {
          reported.add(id);
          issues.push({
            code: 'total_reveals_cell',
            message:
              'This set has one cell, so its published total equals the suppressed cell: hide the total too.',
            set,
            rows: members,
          });
        }
        continue;
      }
      // The smallest visible cell costs the least information; ties go to the first row.
      const next = visible.reduce((best, i) => ((counts[i] ?? 0) < (counts[best] ?? 0) ? i : best));
      status[next] = 'complementary';
      changed = true;
    }
  }

  // 3. Build the output rows: null every numeric non-label field of a suppressed row, code percentages.
  const top = options.topBottom?.scale === 'proportion' ? 0.95 : 95;
  const bottom = options.topBottom?.scale === 'proportion' ? 0.05 : 5;
  const out = rows.map((row, i): SuppressedRow<R, L> => {
    const code = status[i] ?? null;
    if (code !== null) {
      const values = Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && !keep.has(k) ? null : v]),
      ) as NulledValues<R, L>; // fromEntries loses the key types; every numeric non-label field is null here
      const reason =
        code === 'below_threshold'
          ? `n < ${threshold}`
          : 'complementary: hidden so that a suppressed cell cannot be recovered from the total';
      return { suppressed: true, reason, reasonCode: code, values, coded: {} };
    }
    const values: Record<PropertyKey, unknown> = { ...(row as Record<PropertyKey, unknown>) }; // a copy to null fields in
    const coded: Partial<Record<keyof R, PercentCode>> = {};
    for (const field of options.topBottom?.fields ?? []) {
      const v = readField(row, field);
      if (typeof v !== 'number') continue;
      const c: PercentCode | null = v > top ? 'top' : v < bottom ? 'bottom' : null;
      if (c === null) continue;
      coded[field] = c;
      values[field] = null;
    }
    // Only numeric, non-label fields changed (to null), which MaskedValues allows.
    return { suppressed: false, reason: null, reasonCode: null, values: values as MaskedValues<R, L>, coded };
  });

  return {
    rows: out,
    threshold,
    nPrimary: status.filter((s) => s === 'below_threshold').length,
    nComplementary: status.filter((s) => s === 'complementary').length,
    issues,
  };
}
