import type { ScaleSpec } from '@shared/import-mapping';
import type { MissingReason } from '@shared/vocab';
import {
  normaliseLabel,
  parseDateValue,
  parseNumberValue,
  type DateOrder,
  type DecimalSeparator,
} from '../csv';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * A date cell as ISO `YYYY-MM-DD`: ISO text is read as such whatever the file's order (it is never
 * ambiguous); other dates use the file's order (M/D/Y unless the user chose otherwise).
 */
export function parseDateCell(value: string, order: DateOrder | undefined): string | undefined {
  const v = value.trim();
  const iso = ISO_DATE.test(v)
    ? parseDateValue(v, { order: 'ymd' })
    : parseDateValue(v, { order: order ?? 'mdy' });
  return iso?.slice(0, 10);
}

/** A timestamp cell as ISO `YYYY-MM-DDTHH:MM:SS` (or a date alone), local time as written. */
export function parseTimestampCell(value: string, order: DateOrder | undefined): string | undefined {
  const v = value.trim();
  return ISO_DATE.test(v)
    ? parseDateValue(v, { order: 'ymd' })
    : parseDateValue(v, { order: order ?? 'mdy' });
}

export function parseNumberCell(value: string, decimal: DecimalSeparator): number | undefined {
  return parseNumberValue(value, decimal);
}

const TRUE_WORDS = new Set(['1', 'yes', 'y', 'true', 't', 'present', 'p', 'x', 'attended']);
const FALSE_WORDS = new Set(['0', 'no', 'n', 'false', 'f', 'absent', 'a', '']);

export function parseBooleanCell(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return undefined;
}

/** A value map lookup that ignores case and spacing; undefined when the label is not in the map. */
export function createValueMapper(
  map: Record<string, string> | undefined,
): (value: string) => string | undefined {
  if (!map) return (v) => v;
  const exact = new Map(Object.entries(map));
  const loose = new Map(Object.entries(map).map(([k, v]) => [normaliseLabel(k), v]));
  const targets = new Set(Object.values(map));
  return (value) =>
    exact.get(value) ?? loose.get(normaliseLabel(value)) ?? (targets.has(value) ? value : undefined);
}

export function splitList(value: string, separator: string | undefined): string[] {
  const sep = separator ?? ';';
  return value
    .split(sep.trim() === '' ? sep : sep.trim())
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export type CodedAnswer =
  | { value: number; missing: null }
  | { value: null; missing: MissingReason }
  | { value: null; missing: null; unmatched: true };

/**
 * Codes answers with one scale. Exact labels first (a Map lookup per cell: this runs for every cell
 * of a survey), then the normalised label (case, spaces, curly apostrophes), then numbers for a
 * numeric scale. Typed missing words are recognised even when the scale does not list them.
 */
export function createAnswerCoder(
  scale: ScaleSpec,
  decimal: DecimalSeparator = '.',
): (raw: string) => CodedAnswer {
  const exact = new Map<string, CodedAnswer>();
  const loose = new Map<string, CodedAnswer>();
  for (const option of scale.options) {
    const coded: CodedAnswer =
      'value' in option ? { value: option.value, missing: null } : { value: null, missing: option.missing };
    exact.set(option.label, coded);
    loose.set(normaliseLabel(option.label), coded);
  }
  const blank: CodedAnswer = { value: null, missing: scale.blank };
  const missingCodes = new Set(scale.missingCodes);
  const numeric = scale.options.every((o) => !('value' in o));
  return (raw) => {
    const hit = exact.get(raw);
    if (hit) return hit;
    if (raw.trim() === '') return blank;
    const n = normaliseLabel(raw);
    const looseHit = loose.get(n);
    if (looseHit) return looseHit;
    const typed = TYPED_MISSING.get(n);
    if (typed) return { value: null, missing: typed };
    if (numeric || /^[+-]?\d/.test(raw.trim())) {
      const num = parseNumberValue(raw, decimal);
      if (num !== undefined) {
        if (missingCodes.has(num)) return { value: null, missing: 'missing_code' };
        if (numeric && num >= scale.min && num <= scale.max) return { value: num, missing: null };
        // A numbered label export ("4") of a labelled scale: accept the option's value.
        if (!numeric && scale.options.some((o) => 'value' in o && o.value === num))
          return { value: num, missing: null };
      }
    }
    return { value: null, missing: null, unmatched: true };
  };
}

const TYPED_MISSING = new Map<string, MissingReason>([
  ['prefer not to say', 'prefer_not_to_say'],
  ['prefer not to answer', 'prefer_not_to_say'],
  ['decline to answer', 'prefer_not_to_say'],
  ["don't know", 'dont_know'],
  ['dont know', 'dont_know'],
  ['do not know', 'dont_know'],
  ["i don't know", 'dont_know'],
  ['n/a', 'not_applicable'],
  ['na', 'not_applicable'],
  ['not applicable', 'not_applicable'],
]);
