/**
 * The one catalogue of problems the file-reading layer reports. Problems are data, not exceptions:
 * tests and the UI match on `code`, never on the message text.
 *
 * `row` is the 1-based record number in the file as read (preamble and header rows included),
 * `column` the 0-based column index. Either is absent when the problem is about the whole file.
 */

export const ISSUE_SEVERITIES = ['error', 'warning', 'info'] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

const CATALOGUE = {
  // Whole-file refusals (severity error: nothing useful can be read).
  file_empty: { severity: 'error', message: 'The file is empty.' },
  file_binary: {
    severity: 'error',
    message: 'This looks like a binary file, not text (it contains NUL bytes).',
  },
  file_is_spreadsheet: {
    severity: 'error',
    message:
      'This is an Excel/zip workbook, not CSV. Open it in a spreadsheet program and save as CSV UTF-8.',
  },
  file_is_pdf: { severity: 'error', message: 'This is a PDF document, not a table.' },
  no_data_rows: { severity: 'error', message: 'The file has header rows but no data rows.' },
  // Decoding.
  encoding_fallback: {
    severity: 'warning',
    message:
      'The file is not valid UTF-8; it was read as a legacy single-byte encoding. Check accented letters.',
  },
  encoding_changed_mid_file: {
    severity: 'warning',
    message:
      'Bytes that are not valid UTF-8 appear part-way through the file; the rest was read as a legacy encoding.',
  },
  encoding_replacement_char: {
    severity: 'warning',
    message: 'Some bytes have no character in the chosen encoding and were shown as \uFFFD.',
  },
  encoding_truncated_utf16: { severity: 'warning', message: 'The UTF-16 file ends with half a character.' },
  // Dialect and structure.
  delimiter_guessed: { severity: 'info', message: 'Only one column was found; the delimiter may be wrong.' },
  mixed_line_endings: { severity: 'info', message: 'Records end with a mix of line-ending styles.' },
  preamble_skipped: {
    severity: 'info',
    message: 'Rows before the header look like a title or notes and are skipped.',
  },
  unterminated_quote: {
    severity: 'error',
    message: 'A quoted cell is never closed; the rest of the file would be one cell.',
  },
  malformed_quote: {
    severity: 'warning',
    message: 'A quote character appears where it cannot start or end a cell.',
  },
  row_field_count_mismatch: {
    severity: 'warning',
    message: 'This row has a different number of cells from the header.',
  },
  issues_truncated: {
    severity: 'info',
    message: 'More problems of the same kind were found and are not listed.',
  },
  date_order_ambiguous: {
    severity: 'warning',
    message: 'Every sampled date has a day of 12 or less, so day/month order cannot be told from the data.',
  },
  duplicate_header: {
    severity: 'warning',
    message: 'Two columns have the same name; the later one gets a suffix.',
  },
  // Platforms.
  qualtrics_status_unknown: {
    severity: 'warning',
    message: 'Unrecognised Qualtrics Status value; the row is kept.',
  },
  checkbox_option_unknown: {
    severity: 'warning',
    message: 'A multi-select answer contains an option that is not known.',
  },
  // Likert.
  likert_points_ambiguous: {
    severity: 'info',
    message: 'The labels seen fit more than one scale length; the most common one was chosen.',
  },
  likert_unmatched_value: { severity: 'warning', message: 'A value does not belong to the proposed scale.' },
  // Reading.
  read_aborted: { severity: 'info', message: 'Reading was cancelled.' },
  read_failed: { severity: 'error', message: 'The file could not be read.' },
} as const satisfies Record<string, { severity: IssueSeverity; message: string }>;

export type IssueCode = keyof typeof CATALOGUE;
export const ISSUE_CODES = Object.keys(CATALOGUE) as IssueCode[]; // keys of a literal object: exactly IssueCode

export interface Issue {
  code: IssueCode;
  severity: IssueSeverity;
  message: string;
  row?: number;
  column?: number;
  /** Extra facts for the UI (byte offset, counts, values); never needed to understand `code`. */
  detail?: Record<string, string | number | boolean>;
}

export function isIssueCode(value: unknown): value is IssueCode {
  return typeof value === 'string' && Object.hasOwn(CATALOGUE, value);
}

export function makeIssue(
  code: IssueCode,
  where: { row?: number; column?: number; detail?: Issue['detail']; message?: string } = {},
): Issue {
  const entry = CATALOGUE[code];
  const issue: Issue = { code, severity: entry.severity, message: where.message ?? entry.message };
  if (where.row !== undefined) issue.row = where.row;
  if (where.column !== undefined) issue.column = where.column;
  if (where.detail !== undefined) issue.detail = where.detail;
  return issue;
}

export function hasError(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
