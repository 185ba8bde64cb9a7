/**
 * A small quote-aware record scanner for sniffing a sample: it splits records the way RFC 4180
 * readers do (a quote only opens a cell at the start of the cell, `""` is an escaped quote) and
 * counts which line endings end records and which sit inside quoted cells.
 *
 * It is for detection only; reading whole files goes through papaparse (read-rows.ts).
 */

export interface LineEndingCounts {
  crlf: number;
  lf: number;
  cr: number;
}

export interface ScanResult {
  records: string[][];
  /** Line endings that end records. */
  terminators: LineEndingCounts;
  /** Line endings inside quoted cells. */
  quoted: LineEndingCounts;
  /** False when the text ends inside a record (a sample cut mid-way, or an unclosed quote). */
  endsCleanly: boolean;
  /** True when the text ends inside an open quoted cell. */
  endsInQuote: boolean;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export function scanRecords(
  text: string,
  delimiter: string,
  maxRecords = Number.POSITIVE_INFINITY,
): ScanResult {
  const delim = delimiter.charCodeAt(0);
  const records: string[][] = [];
  const terminators: LineEndingCounts = { crlf: 0, lf: 0, cr: 0 };
  const quoted: LineEndingCounts = { crlf: 0, lf: 0, cr: 0 };
  let record: string[] = [];
  let cell = '';
  let inQuotes = false;
  let atCellStart = true;
  let i = 0;
  const n = text.length;

  const endRecord = (): void => {
    record.push(cell);
    records.push(record);
    record = [];
    cell = '';
    atCellStart = true;
  };

  while (i < n && records.length < maxRecords) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      if (c === CR) {
        if (text.charCodeAt(i + 1) === LF) {
          quoted.crlf += 1;
          cell += '\r\n';
          i += 2;
          continue;
        }
        quoted.cr += 1;
      } else if (c === LF) quoted.lf += 1;
      cell += text[i];
      i += 1;
      continue;
    }
    if (c === QUOTE && atCellStart) {
      inQuotes = true;
      atCellStart = false;
      i += 1;
      continue;
    }
    if (c === delim) {
      record.push(cell);
      cell = '';
      atCellStart = true;
      i += 1;
      continue;
    }
    if (c === CR || c === LF) {
      if (c === CR && text.charCodeAt(i + 1) === LF) {
        terminators.crlf += 1;
        i += 2;
      } else {
        if (c === CR) terminators.cr += 1;
        else terminators.lf += 1;
        i += 1;
      }
      endRecord();
      continue;
    }
    cell += text[i];
    atCellStart = false;
    i += 1;
  }
  const endsInQuote = inQuotes && i >= n;
  const hasTail = cell !== '' || record.length > 0 || inQuotes;
  if (records.length < maxRecords && hasTail) {
    record.push(cell);
    records.push(record);
  }
  return { records, terminators, quoted, endsCleanly: !hasTail || records.length >= maxRecords, endsInQuote };
}
