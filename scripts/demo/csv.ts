/** CSV and date text in the shapes the real platforms write. */

export interface CsvStyle {
  eol: '\n' | '\r\n';
  bom: boolean;
}

/** RFC 4180 quoting: a cell is quoted when it holds a comma, a quote, CR or LF. */
export function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Records end with style.eol; a line break inside a cell is written as it is (Google Sheets writes
 * CRLF between records but bare LF inside quoted cells).
 */
export function toCsv(rows: readonly (readonly string[])[], style: CsvStyle): string {
  const body = rows.map((r) => r.map(quoteCell).join(',')).join(style.eol) + style.eol;
  return (style.bom ? '\uFEFF' : '') + body;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date. */
export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** '2023-09-12 09:14:03' (Qualtrics). */
export function qualtricsTime(day: number, secondsOfDay: number): string {
  return `${isoOf(day)} ${clock(secondsOfDay)}`;
}

/** '9/12/2023' (Excel, US locale). */
export function usDate(day: number): string {
  const [y, m, d] = isoOf(day).split('-').map(Number) as [number, number, number];
  return `${m}/${d}/${y}`;
}

/** '5/14/2024 14:28:27' (Google Forms, US locale, 24-hour clock without a leading zero). */
export function formsTime(day: number, secondsOfDay: number): string {
  const h = Math.floor(secondsOfDay / 3600);
  return `${usDate(day)} ${h}:${clock(secondsOfDay).slice(3)}`;
}

function clock(s: number): string {
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
