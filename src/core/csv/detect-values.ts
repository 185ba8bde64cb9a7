/**
 * Number and date formats, sniffed from sampled cell values. Everything here is a proposal the user
 * can override: detection returns settings, parsing takes settings.
 */

export const DATE_ORDERS = ['ymd', 'mdy', 'dmy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
export const isDateOrder = (v: unknown): v is DateOrder => (DATE_ORDERS as readonly unknown[]).includes(v);

export const DECIMAL_SEPARATORS = ['.', ','] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];
export const isDecimalSeparator = (v: unknown): v is DecimalSeparator =>
  (DECIMAL_SEPARATORS as readonly unknown[]).includes(v);

export interface DateFormat {
  order: DateOrder;
  separator: '-' | '/' | '.';
  hasTime: boolean;
  hasSeconds: boolean;
  /** 12-hour clock with AM/PM. */
  hasAmPm: boolean;
}

export const COLUMN_KINDS = ['empty', 'integer', 'number', 'date', 'text'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface ColumnFormat {
  kind: ColumnKind;
  /** For 'number': the decimal separator seen (',' means "3,5" style decimal commas). */
  decimalSeparator?: DecimalSeparator;
  dateFormat?: DateFormat;
  /** For 'date': every sampled date had day and month <= 12, so the order is a guess. */
  dateAmbiguous?: boolean;
}

// d/m/y or m/d/y with any of / . - and an optional time, seconds and AM/PM.
const DMY_LIKE =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2}),?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;
const YMD_LIKE =
  /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

interface DateParts {
  a: number;
  b: number;
  year: number;
  separator: DateFormat['separator'];
  ymd: boolean;
  hour?: number;
  minute?: number;
  second?: number;
  ampm?: 'a' | 'p';
}

function matchDate(value: string): DateParts | undefined {
  const ymd = YMD_LIKE.exec(value);
  const m = ymd ?? DMY_LIKE.exec(value);
  if (!m) return undefined;
  const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));
  const sep = m[2] as DateFormat['separator']; // the regex only captures one of - / .
  const parts: DateParts = ymd
    ? { a: Number(m[3]), b: Number(m[4]), year: Number(m[1]), separator: sep, ymd: true }
    : { a: Number(m[1]), b: Number(m[3]), year: expandYear(m[4] ?? ''), separator: sep, ymd: false };
  const hour = num(m[5]);
  if (hour !== undefined) {
    parts.hour = hour;
    parts.minute = num(m[6]) ?? 0;
    const second = num(m[7]);
    if (second !== undefined) parts.second = second;
    const ampm = m[8]?.toLowerCase();
    if (ampm === 'a' || ampm === 'p') parts.ampm = ampm;
  }
  return parts;
}

function expandYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

/**
 * Proposes a date format for a column's values, or undefined when they are not dates.
 * `ambiguous` is true when no value tells day from month (all first two numbers <= 12).
 */
export function detectDateFormat(
  values: readonly string[],
): { format: DateFormat; ambiguous: boolean } | undefined {
  const parsed: DateParts[] = [];
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    const p = matchDate(v);
    if (!p) return undefined;
    parsed.push(p);
  }
  const first = parsed[0];
  if (!first) return undefined;
  if (parsed.some((p) => p.ymd !== first.ymd || p.separator !== first.separator)) return undefined;
  const hasTime = parsed.some((p) => p.hour !== undefined);
  const hasSeconds = parsed.some((p) => p.second !== undefined);
  const hasAmPm = parsed.some((p) => p.ampm !== undefined);
  const base = { separator: first.separator, hasTime, hasSeconds, hasAmPm };
  if (first.ymd) {
    const ok = parsed.every((p) => isValidDate(p.year, p.a, p.b));
    return ok ? { format: { order: 'ymd', ...base }, ambiguous: false } : undefined;
  }
  const firstOver12 = parsed.some((p) => p.a > 12);
  const secondOver12 = parsed.some((p) => p.b > 12);
  if (firstOver12 && secondOver12) return undefined; // not one consistent order
  // Dots are a D.M.Y convention (German, Swiss, ...); slashes default to the US order.
  const fallback: DateOrder = first.separator === '/' ? 'mdy' : 'dmy';
  const order: DateOrder = firstOver12 ? 'dmy' : secondOver12 ? 'mdy' : fallback;
  const valid = parsed.every((p) =>
    order === 'dmy' ? isValidDate(p.year, p.b, p.a) : isValidDate(p.year, p.a, p.b),
  );
  if (!valid) return undefined;
  return { format: { order, ...base }, ambiguous: !firstOver12 && !secondOver12 };
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Parses a date with a (detected or user-chosen) format into ISO 8601 text:
 * `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` (local time as written; no zone is invented).
 */
export function parseDateValue(value: string, format: Pick<DateFormat, 'order'>): string | undefined {
  const p = matchDate(value.trim());
  if (!p) return undefined;
  const year = p.year;
  let month: number;
  let day: number;
  if (p.ymd) {
    if (format.order !== 'ymd') return undefined;
    [month, day] = [p.a, p.b];
  } else if (format.order === 'dmy') [day, month] = [p.a, p.b];
  else if (format.order === 'mdy') [month, day] = [p.a, p.b];
  else return undefined;
  if (!isValidDate(year, month, day)) return undefined;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (p.hour === undefined) return date;
  let hour = p.hour;
  if (p.ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (p.ampm === 'p' ? 12 : 0);
  }
  const minute = p.minute ?? 0;
  const second = p.second ?? 0;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

const INTEGER = /^[+-]?\d+$/;
const DOT_DECIMAL = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?\.\d+$/;
const COMMA_DECIMAL = /^[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+)?,\d+$/;
// "1,234" and "1.234" could be a thousands group or a decimal: they count for neither side.
const AMBIGUOUS_GROUP = /^[+-]?\d{1,3}[.,]\d{3}$/;

/** Decimal separator evidence in a column: which style its decimals use, if any. */
export function detectNumberFormat(
  values: readonly string[],
): { kind: 'integer' | 'number'; decimalSeparator?: DecimalSeparator } | undefined {
  let dot = 0;
  let comma = 0;
  let ambiguous = 0;
  let seen = 0;
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    seen += 1;
    if (INTEGER.test(v)) continue;
    if (AMBIGUOUS_GROUP.test(v)) ambiguous += 1;
    else if (DOT_DECIMAL.test(v)) dot += 1;
    else if (COMMA_DECIMAL.test(v)) comma += 1;
    else return undefined;
  }
  if (seen === 0) return undefined;
  if (dot > 0 && comma > 0) return undefined;
  if (comma > 0) return { kind: 'number', decimalSeparator: ',' };
  if (dot > 0) return { kind: 'number', decimalSeparator: '.' };
  if (ambiguous > 0) return { kind: 'number' };
  return { kind: 'integer' };
}

/** Parses a number written with the given decimal separator (the other one is a group separator). */
export function parseNumberValue(value: string, decimalSeparator: DecimalSeparator): number | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const group = decimalSeparator === ',' ? '.' : ',';
  const pattern = decimalSeparator === ',' ? COMMA_DECIMAL : DOT_DECIMAL;
  if (!INTEGER.test(v) && !pattern.test(v) && !AMBIGUOUS_GROUP.test(v)) return undefined;
  const normal = v.split(group).join('').replace(decimalSeparator, '.');
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

/** The kind and format of each column, from sampled data rows. */
export function detectColumnFormats(
  rows: readonly (readonly string[])[],
  columnCount: number,
): ColumnFormat[] {
  const formats: ColumnFormat[] = [];
  for (let c = 0; c < columnCount; c += 1) {
    const values = rows.map((r) => r[c] ?? '').filter((v) => v.trim() !== '');
    if (values.length === 0) {
      formats.push({ kind: 'empty' });
      continue;
    }
    const number = detectNumberFormat(values);
    if (number) {
      formats.push(
        number.decimalSeparator
          ? { kind: number.kind, decimalSeparator: number.decimalSeparator }
          : { kind: number.kind },
      );
      continue;
    }
    const date = detectDateFormat(values);
    if (date) {
      formats.push({ kind: 'date', dateFormat: date.format, dateAmbiguous: date.ambiguous });
      continue;
    }
    formats.push({ kind: 'text' });
  }
  return formats;
}

/** File-wide proposals from the column formats: one decimal separator, one date order. */
export function summariseColumnFormats(formats: readonly ColumnFormat[]): {
  decimalSeparator: DecimalSeparator;
  dateOrder?: DateOrder;
  dateOrderAmbiguous: boolean;
} {
  const commaColumns = formats.filter((f) => f.decimalSeparator === ',').length;
  const dotColumns = formats.filter((f) => f.decimalSeparator === '.').length;
  const dates = formats.filter((f) => f.kind === 'date' && f.dateFormat);
  const decided = dates.find((f) => !f.dateAmbiguous);
  const chosen = decided ?? dates[0];
  const result: { decimalSeparator: DecimalSeparator; dateOrder?: DateOrder; dateOrderAmbiguous: boolean } = {
    decimalSeparator: commaColumns > dotColumns ? ',' : '.',
    dateOrderAmbiguous: chosen !== undefined && decided === undefined && chosen.dateFormat?.order !== 'ymd',
  };
  if (chosen?.dateFormat) result.dateOrder = chosen.dateFormat.order;
  return result;
}
