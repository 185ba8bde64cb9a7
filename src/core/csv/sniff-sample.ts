import { applyRowDrops, detectPlatform } from './detect-platform';
import type { Column, PlatformDetection, RowDropRule } from './columns';
import { createStreamDecoder } from './decode-stream';
import { detectDialect, type DialectDetection } from './detect-dialect';
import { detectEncoding, type EncodingDetection } from './detect-encoding';
import { detectColumnFormats, summariseColumnFormats, type ColumnFormat } from './detect-values';
import { hasError, makeIssue, type Issue } from './issues';
import { createRowParser } from './parse-rows';
import { resolveSettings, type ReadSettings } from './read-settings';

/** How many bytes the sniffer wants from the start of a file. */
export const SNIFF_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 20;

export interface SniffSuccess {
  ok: true;
  /** Detected settings with the caller's overrides applied: pass these to the reader. */
  settings: ReadSettings;
  /** What detection alone proposed. */
  detected: ReadSettings;
  encoding: EncodingDetection;
  dialect: Omit<DialectDetection, 'records'>;
  platform: Omit<PlatformDetection, 'columns' | 'dropRules'> & { dataRowCount: number };
  columns: Column[];
  dropRules: RowDropRule[];
  preambleRows: string[][];
  headerRows: string[][];
  columnFormats: ColumnFormat[];
  dateOrderAmbiguous: boolean;
  /** The first data rows (at most PREVIEW_ROWS), before default drops. */
  previewRows: string[][];
  /** Which preview rows the defaults would drop; `row` is the 1-based record number in the file. */
  previewDrops: { row: number; reason: RowDropRule['reason']; value: string }[];
  /** Complete data rows in the sample (the whole count when `isWholeFile`). */
  sampleDataRowCount: number;
  isWholeFile: boolean;
  issues: Issue[];
}

export type SniffResult = SniffSuccess | { ok: false; issues: Issue[] };

/**
 * Detects everything from the first bytes of a file, in order:
 * 1. encoding (BOM, binary refusal, UTF-8 validity, legacy fallback)
 * 2. decode the sample
 * 3. dialect (delimiter, line endings, preamble)
 * 4. parse the sample's complete rows
 * 5. platform, header rows and columns
 * 6. number and date formats of the data rows
 * 7. preview rows and the default drops among them
 */
export function sniffSample(
  head: Uint8Array,
  isWholeFile: boolean,
  overrides: Partial<ReadSettings> = {},
): SniffResult {
  // 1.
  const detectedEncoding = detectEncoding(head, isWholeFile);
  if (!detectedEncoding.ok) return detectedEncoding;
  const { ok: _ok, ...encoding } = detectedEncoding;
  const encodingName = overrides.encoding ?? encoding.encoding;
  // 2.
  const decoder = createStreamDecoder(encodingName);
  const text = decoder.write(head) + (isWholeFile ? decoder.end() : '');
  const issues: Issue[] = [...encoding.issues, ...decoder.issues];
  if (text.trim() === '') return { ok: false, issues: [makeIssue('file_empty')] };
  // 3.
  const dialect = detectDialect(
    text,
    isWholeFile,
    overrides.delimiter ? { delimiter: overrides.delimiter } : {},
  );
  const { records: _records, ...dialectSummary } = dialect;
  issues.push(...dialect.issues);
  const delimiter = overrides.delimiter ?? dialect.delimiter;
  const lineEnding = overrides.lineEnding ?? 'auto';
  // 4.
  const parser = createRowParser({ delimiter, lineEnding });
  const first = parser.write(text);
  const last = isWholeFile ? parser.end() : { rows: [], issues: [] };
  const rows = [...first.rows, ...last.rows];
  issues.push(...first.issues, ...last.issues);
  const preambleRowCount = overrides.preambleRowCount ?? dialect.preambleRowCount;
  const tableRows = rows.slice(preambleRowCount);
  // 5.
  const platform = detectPlatform(tableRows, {
    isWholeFile,
    ...(overrides.platform ? { platform: overrides.platform } : {}),
  });
  issues.push(...platform.issues);
  const headerRowCount = overrides.headerRowCount ?? platform.headerRowCount;
  const dataRows = tableRows.slice(headerRowCount);
  // 6.
  const columnFormats = detectColumnFormats(dataRows, platform.columns.length);
  const summary = summariseColumnFormats(columnFormats);
  if (summary.dateOrderAmbiguous) issues.push(makeIssue('date_order_ambiguous'));

  const detected: ReadSettings = {
    encoding: encoding.encoding,
    delimiter: dialect.delimiter,
    lineEnding: 'auto',
    preambleRowCount: dialect.preambleRowCount,
    headerRowCount: platform.headerRowCount,
    platform: platform.platform,
    decimalSeparator: summary.decimalSeparator,
    dropDefaultRows: platform.dropRules.length > 0,
  };
  if (summary.dateOrder) detected.dateOrder = summary.dateOrder;
  const settings = resolveSettings(detected, overrides);
  // 7.
  const previewRows = dataRows.slice(0, PREVIEW_ROWS);
  const firstDataRow = preambleRowCount + headerRowCount + 1;
  const drops = applyRowDrops(platform.dropRules, previewRows, firstDataRow);
  issues.push(...drops.issues);
  // An empty or header-only file is refused: there is nothing to import.
  if (hasError(issues) && issues.some((i) => i.code === 'file_empty' || i.code === 'no_data_rows'))
    return { ok: false, issues };

  const { columns, dropRules, ...platformSummary } = platform;
  return {
    ok: true,
    settings,
    detected,
    encoding,
    dialect: dialectSummary,
    platform: platformSummary,
    columns,
    dropRules,
    preambleRows: rows.slice(0, preambleRowCount),
    headerRows: tableRows.slice(0, headerRowCount),
    columnFormats,
    dateOrderAmbiguous: summary.dateOrderAmbiguous,
    previewRows,
    previewDrops: drops.dropped,
    sampleDataRowCount: dataRows.length,
    isWholeFile,
    issues,
  };
}
