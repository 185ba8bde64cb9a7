import type { ImportIssue } from '@shared/import-mapping';
import type { Issue } from '../csv';

/**
 * The catalogue of problems the import pipeline reports about rows and cells (the reading layer's own
 * codes, src/core/csv/issues.ts, pass through unchanged). Errors make a row invalid: the policy then
 * refuses the file or skips the row. Warnings are listed and the row is kept.
 */
const CATALOGUE = {
  missing_required: { severity: 'error', message: 'A required value is empty.' },
  missing_participant_id: { severity: 'error', message: 'The participant ID is empty.' },
  unknown_participant: {
    severity: 'error',
    message:
      'This participant ID is not in the project (import the roster first, or allow new participants).',
  },
  unknown_reference: {
    severity: 'error',
    message: 'This value names nothing the project knows (check the spelling, or allow new entries).',
  },
  bad_date: { severity: 'error', message: 'Not a date in the chosen date format.' },
  bad_number: { severity: 'error', message: 'Not a number.' },
  bad_value: { severity: 'error', message: 'This value is not one of the allowed values.' },
  out_of_range: { severity: 'error', message: 'The number is outside the scale.' },
  unknown_answer: {
    severity: 'error',
    message: 'This answer is not in the codebook of the item: add it to the scale or mark it missing.',
  },
  duplicate_respondent: {
    severity: 'error',
    message:
      'This respondent already answered this survey wave (an earlier row or import): the row is a duplicate.',
  },
  duplicate_row: { severity: 'error', message: 'The same record appears earlier in the file or project.' },
  already_present: {
    severity: 'info',
    message: 'This response is already in the project from an earlier export.',
  },
  attribute_conflict: {
    severity: 'warning',
    message: 'The person already has a different value for this attribute; the first value is kept.',
  },
  columns_changed: {
    severity: 'warning',
    message: "This export's columns differ from the template's: check the mapping.",
  },
  mapped_column_missing: {
    severity: 'error',
    message: 'The mapping names a column that is not in this file.',
  },
  mapping_invalid: { severity: 'error', message: 'The mapping is incomplete for this kind of file.' },
  constraint_failed: { severity: 'error', message: 'The row breaks a rule of the data model.' },
  file_already_imported: {
    severity: 'info',
    message: 'This exact file was imported before: nothing new to add.',
  },
  rows_dropped_by_default: {
    severity: 'info',
    message: 'Rows the platform marks as previews, tests or spam are left out.',
  },
  reverse_suggested: {
    severity: 'info',
    message: 'The wording suggests this item is reverse-coded: confirm or clear the mark.',
  },
} as const satisfies Record<string, { severity: ImportIssue['severity']; message: string }>;

export type ImportIssueCode = keyof typeof CATALOGUE;

export interface IssueWhere {
  row?: number;
  /** 0-based column index (shown 1-based). */
  columnIndex?: number;
  columnName?: string;
  value?: string;
  message?: string;
}

export function importIssue(code: ImportIssueCode, where: IssueWhere = {}): ImportIssue {
  const entry = CATALOGUE[code];
  const issue: ImportIssue = { code, severity: entry.severity, message: where.message ?? entry.message };
  if (where.row !== undefined) issue.row = where.row;
  if (where.columnIndex !== undefined) issue.column = where.columnIndex + 1;
  if (where.columnName !== undefined) issue.columnName = where.columnName;
  if (where.value !== undefined)
    issue.value = where.value.length > 200 ? `${where.value.slice(0, 200)}…` : where.value;
  return issue;
}

/** A reading-layer issue in the import's shape (columns become 1-based). */
export function fromReadIssue(issue: Issue): ImportIssue {
  const out: ImportIssue = { code: issue.code, severity: issue.severity, message: issue.message };
  if (issue.row !== undefined) out.row = issue.row;
  if (issue.column !== undefined) out.column = issue.column + 1;
  const value = issue.detail?.value;
  if (typeof value === 'string') out.value = value;
  else if (issue.detail) out.value = JSON.stringify(issue.detail);
  return out;
}
