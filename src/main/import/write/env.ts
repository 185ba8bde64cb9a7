import type { ImportIssue, Mapping } from '@shared/import-mapping';
import type { Column, ReadSettings } from '@core/csv';
import { importIssue, type ImportIssueCode } from '@core/import/issues';
import type { Db } from '../../db/open-project';
import type { RefResolver } from './refs';

/** What every kind's writer shares for one import. */
export interface WriteEnv {
  db: Db;
  importId: number;
  mapping: Mapping;
  settings: ReadSettings;
  columns: Column[];
  refs: RefResolver;
  /** Rows written per table. */
  counts: Record<string, number>;
  /** Column index of a mapped field, or undefined when the field has no column. */
  fieldIndex: Map<string, number>;
  /** Column index of a column key (key, then export label, then question text). */
  resolveColumn(key: string): number | undefined;
}

/** One row as the writer sees it: field lookups, and the issues found so far. */
export class RowView {
  readonly issues: ImportIssue[] = [];
  row: string[] = [];
  rowNumber = 0;

  constructor(private readonly env: WriteEnv) {}

  reset(row: string[], rowNumber: number): this {
    this.row = row;
    this.rowNumber = rowNumber;
    this.issues.length = 0;
    return this;
  }

  has(field: string): boolean {
    return this.env.fieldIndex.has(field);
  }

  /** The cell of a field ('' when the field is not mapped or the row is short). */
  get(field: string): string {
    const i = this.env.fieldIndex.get(field);
    return i === undefined ? '' : (this.row[i] ?? '');
  }

  /** The trimmed cell, or null when blank. */
  opt(field: string): string | null {
    const v = this.get(field).trim();
    return v === '' ? null : v;
  }

  issue(code: ImportIssueCode, field: string | null, extra: { value?: string; message?: string } = {}): void {
    const where: Parameters<typeof importIssue>[1] = { row: this.rowNumber, ...extra };
    if (field !== null) {
      const i = this.env.fieldIndex.get(field);
      if (i !== undefined) {
        where.columnIndex = i;
        where.columnName = this.env.columns[i]?.label ?? field;
      } else where.columnName = field;
    }
    if (extra.value === undefined && field !== null && this.has(field)) where.value = this.get(field);
    this.issues.push(importIssue(code, where));
  }

  /** A required cell; records missing_required and returns null when blank. */
  need(field: string): string | null {
    const v = this.opt(field);
    if (v === null) this.issue('missing_required', field);
    return v;
  }

  get hasError(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}

/** The outcome of one row. */
export type RowOutcome = 'written' | 'skipped' | 'present';

export interface KindWriter {
  /** Validates and writes one row; on any error nothing of the row is written. */
  writeRow(view: RowView): RowOutcome;
  /**
   * Optional fast path for a dictionary-coded row (row-codec.ts): `codes[at + column]` is the code of
   * each cell, `dictionary(column)[code]` its text. Returns true when it wrote the row exactly as
   * writeRow would have, with no issue; false leaves the row (untouched) to writeRow.
   */
  writeCoded?(
    codes: Int32Array,
    at: number,
    rowNumber: number,
    dictionary: (column: number) => readonly string[],
  ): boolean;
  /** Writes buffered rows; reports rows that turned out to conflict (already in the project). */
  flush(onConflict: (rowNumber: number, issue: ImportIssue) => void): void;
}

export function bump(counts: Record<string, number>, table: string, n = 1): void {
  counts[table] = (counts[table] ?? 0) + n;
}
