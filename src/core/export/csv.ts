/**
 * CSV for spreadsheets: RFC 4180 quoting, CRLF between records, and formula injection neutralised.
 *
 * Hazard: a cell such as `=HYPERLINK(...)` or `-2+3` opens as a live formula in Excel, LibreOffice
 * and Google Sheets. Any STRING cell that starts with =, +, -, @, tab, CR or LF gets a leading
 * apostrophe, which spreadsheets show as text. Numbers typed as numbers are written plainly, so a
 * real -0.42 stays a number. papaparse's `escapeFormulae` tests with /^[=+\-@\t\r].*$/, whose `.`
 * stops at a line break, so "=1+2\nx" slips through it; this module does not use it.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel on Windows reads non-ASCII ("Zoë") correctly. */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r\n]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A string cell made safe to open in a spreadsheet (apostrophe before a formula trigger). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The inverse, for reading a CSV back into Trellis: "'=1+2" is "=1+2" again, as a spreadsheet shows
 * it. Only an apostrophe before a formula trigger is removed, so "'tis" and "'90s" stay as they are.
 */
export function restoreFormula(text: string): string {
  return text.length > 1 && text.charCodeAt(0) === 39 && FORMULA_START.test(text.slice(1))
    ? text.slice(1)
    : text;
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return neutraliseFormula(cell);
}

function quote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
  columns: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: CsvOptions = {},
): string {
  const width = columns.length;
  const line = (cells: readonly CsvCell[]) => cells.map((c) => quote(cellText(c))).join(',');
  const records = [
    line(columns),
    ...rows.map((r, i) => {
      // Every record has the header's field count (RFC 4180); a short row is padded with empty cells.
      if (r.length > width) throw new RangeError(`row ${i + 1} has ${r.length} cells for ${width} columns`);
      return line(r.length === width ? r : [...r, ...Array<CsvCell>(width - r.length).fill(null)]);
    }),
  ];
  // RFC 4180: CRLF after every record, the last one included.
  return (options.bom ? '\uFEFF' : '') + records.map((r) => `${r}\r\n`).join('');
}
