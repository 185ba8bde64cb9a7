/**
 * RFC 4180 writing, the mirror of the reader: what this writes, the reader reads back exactly.
 * It does not neutralise formula prefixes (=, +, -, @): that belongs to exports meant for
 * spreadsheets, and would change the data.
 */
export interface WriteCsvOptions {
  delimiter?: string;
  newline?: '\r\n' | '\n' | '\r';
  /** Quote every cell, not only those that need it. */
  quoteAll?: boolean;
}

export function formatCsvCell(cell: string, delimiter = ',', quoteAll = false): string {
  // A leading U+FEFF unquoted at the start of a file would be read back as a byte-order mark.
  const needsQuotes =
    quoteAll ||
    cell.includes('"') ||
    cell.includes(delimiter) ||
    /[\r\n]/.test(cell) ||
    cell.startsWith('\uFEFF');
  return needsQuotes ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export function writeCsv(rows: readonly (readonly string[])[], options: WriteCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\r\n';
  return rows
    .map((row) => {
      // A row of one empty cell would be a blank line, which readers skip: quote it.
      if (row.length === 1 && row[0] === '') return '""';
      return row.map((cell) => formatCsvCell(cell, delimiter, options.quoteAll)).join(delimiter);
    })
    .map((line) => line + newline)
    .join('');
}
