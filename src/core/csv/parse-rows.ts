import Papa from 'papaparse';
import type { Delimiter } from './detect-dialect';
import { makeIssue, type Issue } from './issues';
import { createLineEndingNormaliser, type TextTransform } from './normalise-line-endings';

/** 'auto' accepts CRLF, LF and CR outside quotes; a fixed style leaves the others inside cells. */
export const LINE_ENDING_SETTINGS = ['auto', 'crlf', 'lf', 'cr'] as const;
export type LineEndingSetting = (typeof LINE_ENDING_SETTINGS)[number];
export const isLineEndingSetting = (v: unknown): v is LineEndingSetting =>
  (LINE_ENDING_SETTINGS as readonly unknown[]).includes(v);

export interface RowParserOptions {
  delimiter: Delimiter;
  lineEnding: LineEndingSetting;
}

export interface ParsedRows {
  rows: string[][];
  issues: Issue[];
}

export interface RowParser {
  /** Text in, complete rows out; a row cut by the chunk end waits for the next call. */
  write(text: string): ParsedRows;
  end(): ParsedRows;
  /** Rows returned so far (blank lines are skipped and not counted). */
  readonly rowCount: number;
}

/**
 * A row longer than this (in characters) is treated as an unclosed quote: without a limit one stray
 * quote would make the reader hold the rest of a large file in memory as one cell.
 */
export const MAX_ROW_CHARS = 8 * 1024 * 1024;

const NEWLINES = { crlf: '\r\n', lf: '\n', cr: '\r', auto: '\n' } as const;

// papaparse error codes -> ours.
function toIssue(error: { code: string; row?: number }, firstRow: number): Issue {
  const row = error.row === undefined ? undefined : firstRow + error.row;
  const code = error.code === 'MissingQuotes' ? 'unterminated_quote' : 'malformed_quote';
  return makeIssue(code, row === undefined ? {} : { row });
}

/**
 * Incremental CSV parsing with papaparse's own chunk parser (`Papa.Parser`, what its ChunkStreamer
 * uses): each call parses the held-back partial row plus the new text and keeps the last, possibly
 * cut, row for next time. Cells stay strings (no dynamic typing), rows are arrays (no header mode).
 */
export function createRowParser(options: RowParserOptions): RowParser {
  const normaliser: TextTransform | undefined =
    options.lineEnding === 'auto' ? createLineEndingNormaliser(options.delimiter) : undefined;
  const newline = NEWLINES[options.lineEnding];
  const parser = new Papa.Parser({ delimiter: options.delimiter, newline, quoteChar: '"' });
  let partial = '';
  let rowCount = 0;
  let failed = false;
  // A '\r' at the end of a chunk may be half of a CRLF newline: only matters for fixed 'crlf'.
  const canEndRow = (text: string): boolean => text.includes(newline[newline.length - 1] ?? '\n');

  const run = (input: string, isLast: boolean): ParsedRows => {
    const result = parser.parse(input, 0, !isLast) as {
      data: string[][];
      errors: { code: string; row?: number }[];
      meta: { cursor: number };
    }; // Papa.Parser.parse is typed `any`; this is its documented ParseResult shape for arrays.
    const firstRow = rowCount + 1;
    partial = isLast ? '' : input.slice(result.meta.cursor);
    // In 'auto' mode the normaliser already removed blank lines, so [''] is a real `""` row. With a
    // fixed newline, blank lines come through as [''] and are skipped (a lone `""` row is lost).
    const rows = normaliser ? result.data : result.data.filter((row) => !(row.length === 1 && row[0] === ''));
    // Errors index the unfiltered data; blank lines are rare enough that the offset is kept simple.
    const issues = result.errors
      .filter((e) => isLast || e.code !== 'MissingQuotes')
      .map((e) => toIssue(e, firstRow));
    rowCount += rows.length;
    return { rows, issues };
  };

  const fail = (): ParsedRows => {
    failed = true;
    partial = '';
    return {
      rows: [],
      issues: [
        makeIssue('unterminated_quote', { row: rowCount + 1, detail: { maxRowChars: MAX_ROW_CHARS } }),
      ],
    };
  };

  return {
    write(text) {
      if (failed) return { rows: [], issues: [] };
      const chunk = normaliser ? normaliser.write(text) : text;
      let parsed: ParsedRows;
      if (canEndRow(chunk)) parsed = run(partial + chunk, false);
      else {
        partial += chunk; // no newline: no row can end here, so skip re-parsing the partial row
        parsed = { rows: [], issues: [] };
      }
      if (partial.length > MAX_ROW_CHARS) {
        const failure = fail();
        return { rows: parsed.rows, issues: [...parsed.issues, ...failure.issues] };
      }
      return parsed;
    },
    end() {
      if (failed) return { rows: [], issues: [] };
      const tail = partial + (normaliser ? normaliser.end() : '');
      if (tail === '') return { rows: [], issues: [] };
      return run(tail, true);
    },
    get rowCount() {
      return rowCount;
    },
  };
}

/** Parses complete text in one go (samples, tests). */
export function parseRows(text: string, options: RowParserOptions): ParsedRows {
  const parser = createRowParser(options);
  const a = parser.write(text);
  const b = parser.end();
  return { rows: [...a.rows, ...b.rows], issues: [...a.issues, ...b.issues] };
}
