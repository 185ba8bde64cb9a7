import { createReadStream } from 'node:fs';
import {
  applyRowDrops,
  createRowParser,
  createStreamDecoder,
  makeIssue,
  type Column,
  type Issue,
  type IssueCode,
  type ReadSettings,
  type RowDropRule,
} from '../../../core/csv';
import { sniffFile } from './sniff-file';

export interface ReadProgress {
  /** Bytes read from disk so far. */
  bytes: number;
  totalBytes: number;
  /** Data rows delivered so far, this batch included. */
  rows: number;
  /** 1-based record number in the file of each row of this batch (parallel to `rows`). */
  rowNumbers: number[];
}

export interface ReadTableResult {
  ok: boolean;
  /** Absent when the file was refused before any settings could be detected. */
  settings?: ReadSettings;
  columns: Column[];
  headerRows: string[][];
  /** Data rows delivered to onBatch. */
  rowCount: number;
  /** Rows left out by the default rules (Qualtrics previews/tests/spam), at most the first 1000 listed. */
  droppedRows: { row: number; reason: RowDropRule['reason']; value: string }[];
  droppedRowCount: number;
  bytes: number;
  aborted: boolean;
  issues: Issue[];
}

const CHUNK_BYTES = 64 * 1024;
/** Per-code cap on listed row issues; one `issues_truncated` issue says how many more there were. */
const MAX_ISSUES_PER_CODE = 100;
const MAX_LISTED_DROPS = 1000;

/** Collects issues, capping each code so a file with a million ragged rows stays small. */
function createIssueLog() {
  const issues: Issue[] = [];
  const counts = new Map<IssueCode, number>();
  return {
    issues,
    add(list: readonly Issue[]) {
      for (const issue of list) {
        const n = (counts.get(issue.code) ?? 0) + 1;
        counts.set(issue.code, n);
        if (n <= MAX_ISSUES_PER_CODE) issues.push(issue);
      }
    },
    finish() {
      for (const [code, n] of counts) {
        if (n > MAX_ISSUES_PER_CODE) {
          issues.push(
            makeIssue('issues_truncated', { detail: { code, total: n, listed: MAX_ISSUES_PER_CODE } }),
          );
        }
      }
      return issues;
    },
  };
}

/**
 * Streams a delimited text file: disk -> streaming decoder -> papaparse's chunk parser -> onBatch.
 * Never holds the whole file: memory is one chunk, one batch of rows and one partial row.
 * `settings` override what detection proposes (detection always runs on the first 64 KB).
 * Aborting via `signal` stops reading and resolves with `aborted: true`.
 */
export async function readTable(
  path: string,
  settings: Partial<ReadSettings> | undefined,
  /** May return a promise: reading waits for it (backpressure when rows go to another thread). */
  onBatch: (rows: string[][], progress: ReadProgress) => unknown,
  signal?: AbortSignal,
): Promise<ReadTableResult> {
  // 1. Detect (or take) the settings, header rows and columns.
  const sniff = await sniffFile(path, settings ?? {});
  if (!sniff.ok) {
    return {
      ok: false,
      columns: [],
      headerRows: [],
      rowCount: 0,
      droppedRows: [],
      droppedRowCount: 0,
      bytes: 0,
      aborted: false,
      issues: sniff.issues,
    };
  }
  const resolved = sniff.settings;
  const log = createIssueLog();
  log.add(sniff.issues.filter((i) => i.row === undefined)); // row issues are found again below
  const dropRules = resolved.dropDefaultRows ? sniff.dropRules : [];
  const width = sniff.columns.length;
  const skip = resolved.preambleRowCount + resolved.headerRowCount;

  // 2. Stream.
  const decoder = createStreamDecoder(resolved.encoding);
  const parser = createRowParser({ delimiter: resolved.delimiter, lineEnding: resolved.lineEnding });
  const headerRows: string[][] = [];
  const droppedRows: ReadTableResult['droppedRows'] = [];
  let droppedRowCount = 0;
  let recordNumber = 0; // records seen, preamble and header included
  let rowCount = 0;
  let bytes = 0;
  let aborted = false;

  const deliver = (rows: string[][]): void | Promise<void> => {
    const batch: string[][] = [];
    const rowNumbers: number[] = [];
    for (const row of rows) {
      recordNumber += 1;
      if (recordNumber <= skip) {
        if (recordNumber > resolved.preambleRowCount) headerRows.push(row);
        continue;
      }
      if (row.length !== width && width > 0) {
        log.add([
          makeIssue('row_field_count_mismatch', {
            row: recordNumber,
            detail: { expected: width, found: row.length },
          }),
        ]);
      }
      if (dropRules.length > 0) {
        const verdict = applyRowDrops(dropRules, [row], recordNumber);
        log.add(verdict.issues);
        if (verdict.dropped.length > 0) {
          droppedRowCount += 1;
          if (droppedRows.length < MAX_LISTED_DROPS) droppedRows.push(...verdict.dropped);
          continue;
        }
      }
      batch.push(row);
      rowNumbers.push(recordNumber);
    }
    if (batch.length === 0) return;
    rowCount += batch.length;
    const wait = onBatch(batch, { bytes, totalBytes: sniff.fileSize ?? bytes, rows: rowCount, rowNumbers });
    return wait instanceof Promise ? (wait as Promise<void>) : undefined; // a returned promise is awaited
  };
  // The parser numbers rows with its own count, which is our record count: its issues fit as they are.
  const take = (parsed: { rows: string[][]; issues: Issue[] }): void | Promise<void> => {
    log.add(parsed.issues);
    return deliver(parsed.rows);
  };

  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const onAbort = (): void => {
    aborted = true;
    stream.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) onAbort();
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      if (aborted) break;
      bytes += chunk.length;
      const wait = take(parser.write(decoder.write(chunk)));
      if (wait) await wait;
    }
    if (!aborted) {
      const a = take(parser.write(decoder.end()));
      if (a) await a;
      const b = take(parser.end());
      if (b) await b;
    }
  } catch (error) {
    if (!aborted) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown'; // fs errors carry an errno code
      log.add([makeIssue('read_failed', { detail: { errno: code } })]);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }
  // The sniff already reported what its sample showed; add only what the rest of the file adds.
  const known = new Set(sniff.issues.map((i) => i.code));
  log.add(decoder.issues.filter((i) => !known.has(i.code)));
  if (aborted) log.add([makeIssue('read_aborted', { detail: { bytes, rows: rowCount } })]);
  else if (rowCount === 0 && droppedRowCount === 0 && recordNumber <= skip)
    log.add([makeIssue('no_data_rows')]);

  const issues = log.finish();
  return {
    ok:
      !aborted &&
      !issues.some(
        (i) => i.code === 'read_failed' || i.code === 'no_data_rows' || i.code === 'unterminated_quote',
      ),
    settings: resolved,
    columns: sniff.columns,
    headerRows,
    rowCount,
    droppedRows,
    droppedRowCount,
    bytes,
    aborted,
    issues,
  };
}
