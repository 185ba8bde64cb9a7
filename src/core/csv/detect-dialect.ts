import { makeIssue, type Issue } from './issues';
import { scanRecords, type LineEndingCounts } from './scan-records';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export const isDelimiter = (v: unknown): v is Delimiter => (DELIMITERS as readonly unknown[]).includes(v);

/** How records end. `mixed`: more than one style outside quotes (the reader then accepts any). */
export const LINE_ENDINGS = ['crlf', 'lf', 'cr', 'mixed'] as const;
export type LineEnding = (typeof LINE_ENDINGS)[number];
export const isLineEnding = (v: unknown): v is LineEnding => (LINE_ENDINGS as readonly unknown[]).includes(v);

export interface DialectDetection {
  delimiter: Delimiter;
  lineEnding: LineEnding;
  /** Line endings that end records, and those inside quoted cells, counted in the sample. */
  lineEndingCounts: { records: LineEndingCounts; quoted: LineEndingCounts };
  hasQuotedLineBreaks: boolean;
  /** Non-blank rows before the header (a title, export notes) to skip. */
  preambleRowCount: number;
  /** Complete, non-blank records of the sample, split with the chosen delimiter. */
  records: string[][];
  issues: Issue[];
}

const SAMPLE_RECORDS = 500;

const isBlankRecord = (r: readonly string[]): boolean => r.length === 1 && r[0] === '';

function sampleRecords(text: string, delimiter: Delimiter, isWholeFile: boolean) {
  const scan = scanRecords(text, delimiter, SAMPLE_RECORDS);
  const records = scan.records;
  // The last record of a cut sample may be incomplete: leave it out of every count.
  if (!isWholeFile && !scan.endsCleanly) records.pop();
  return { ...scan, records: records.filter((r) => !isBlankRecord(r)) };
}

function modeOf(values: readonly number[]): { value: number; share: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return { value: best, share: values.length ? bestCount / values.length : 0 };
}

/** Consistent field counts above one win; more fields break ties in favour of the real delimiter. */
function scoreDelimiter(records: readonly string[][]): { score: number; width: number } {
  const mode = modeOf(records.map((r) => r.length));
  if (mode.value <= 1) return { score: 0, width: mode.value };
  return { score: mode.share * (1 + Math.log2(mode.value)), width: mode.value };
}

function chooseLineEnding(counts: LineEndingCounts): LineEnding {
  const kinds = (['crlf', 'lf', 'cr'] as const).filter((k) => counts[k] > 0);
  if (kinds.length > 1) return 'mixed';
  return kinds[0] ?? 'lf';
}

/** Leading rows that are clearly not the header: fewer cells, or one filled cell in a wide table. */
function countPreambleRows(records: readonly string[][], width: number): number {
  let i = 0;
  while (i < records.length - 1) {
    const r = records[i] ?? [];
    const filled = r.filter((cell) => cell.trim() !== '').length;
    const isShort = r.length < width;
    const isTitleLike = width >= 3 && filled <= 1 && r.length <= width;
    if (!isShort && !isTitleLike) break;
    i += 1;
  }
  return i;
}

/**
 * Detects the dialect from decoded sample text. `isWholeFile` says whether the sample is the whole
 * file (otherwise its last, possibly cut, record is ignored).
 */
export function detectDialect(
  text: string,
  isWholeFile: boolean,
  forced: { delimiter?: Delimiter } = {},
): DialectDetection {
  const issues: Issue[] = [];
  const scored = (forced.delimiter ? [forced.delimiter] : DELIMITERS).map((delimiter) => {
    const sample = sampleRecords(text, delimiter, isWholeFile);
    return { delimiter, sample, ...scoreDelimiter(sample.records) };
  });
  // Stable order (comma first) decides ties.
  const best = scored.reduce((a, b) => (b.score > a.score + 1e-9 ? b : a));
  if (best.score === 0 && !forced.delimiter) issues.push(makeIssue('delimiter_guessed'));
  const { sample } = best;
  const lineEnding = chooseLineEnding(sample.terminators);
  if (lineEnding === 'mixed') {
    issues.push(makeIssue('mixed_line_endings', { detail: { ...sample.terminators } }));
  }
  const preambleRowCount = best.width >= 2 ? countPreambleRows(sample.records, best.width) : 0;
  if (preambleRowCount > 0)
    issues.push(makeIssue('preamble_skipped', { detail: { rows: preambleRowCount } }));
  const quotedBreaks = sample.quoted.crlf + sample.quoted.lf + sample.quoted.cr;
  return {
    delimiter: best.delimiter,
    lineEnding,
    lineEndingCounts: { records: sample.terminators, quoted: sample.quoted },
    hasQuotedLineBreaks: quotedBreaks > 0,
    preambleRowCount,
    records: sample.records,
    issues,
  };
}
