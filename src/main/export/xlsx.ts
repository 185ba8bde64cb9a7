import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import type { CsvCell } from '@core/export/csv';

/**
 * A one-sheet XLSX. Numbers are written as numbers and strings as strings: a string cell is stored
 * as text, never as a formula, so "=1+2" shows as "=1+2" and needs no apostrophe (unlike CSV).
 */
export interface XlsxOptions {
  /** Sheet tab name; characters Excel forbids are replaced and it is cut to 31 characters. */
  sheetName?: string;
}

export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31);
  return cleaned || 'Sheet1';
}

function cell(value: CsvCell): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? { value, type: Number } : null;
  if (typeof value === 'boolean') return { value, type: Boolean };
  return { value, type: String };
}

export async function toXlsx(
  columns: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: XlsxOptions = {},
): Promise<Buffer> {
  const data: SheetData = [
    columns.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const })),
    ...rows.map((r) => r.map(cell)),
  ];
  return writeXlsxFile(data, {
    sheet: safeSheetName(options.sheetName ?? 'Sheet1'),
    stickyRowsCount: 1,
  }).toBuffer();
}
