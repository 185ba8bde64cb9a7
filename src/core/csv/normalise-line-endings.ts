/**
 * Streaming: rewrites record terminators outside quoted cells (CRLF, lone CR, LF) to LF, leaving
 * everything inside quoted cells exactly as written. papaparse takes one newline style per parse;
 * this lets one file mix styles (concatenated exports) and keeps CR-only (old Mac) files working.
 *
 * It also drops blank lines (a terminator right after a terminator, or at the very start), so a
 * row holding one quoted empty cell (`""`) stays a row while an empty line is skipped: papaparse
 * returns `['']` for both and cannot tell them apart afterwards.
 *
 * Quote rules match papaparse's: a quote opens a quoted cell only at the start of a cell, and `""`
 * inside a quoted cell is an escaped quote. A text chunk may end anywhere, even between CR and LF.
 */
export interface TextTransform {
  write(text: string): string;
  end(): string;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export function createLineEndingNormaliser(delimiter: string, quoteChar = '"'): TextTransform {
  const delim = delimiter.charCodeAt(0);
  const quote = quoteChar.charCodeAt(0) || QUOTE;
  let inQuotes = false;
  let justClosed = false; // the previous char closed a quoted cell: a quote now is an escaped one
  let atCellStart = true;
  let pendingCR = false; // a CR ended the previous chunk; an LF may follow
  let atRecordStart = true; // nothing of the current record seen yet: a terminator here is a blank line

  return {
    write(text) {
      if (text === '') return '';
      // Fast path, the usual chunk of an LF file: no quote, no CR, no blank line. Nothing changes;
      // three native scans replace the character loop below.
      if (
        !inQuotes &&
        !pendingCR &&
        !(atRecordStart && text.charCodeAt(0) === LF) &&
        text.indexOf(quoteChar) < 0 &&
        text.indexOf('\r') < 0 &&
        text.indexOf('\n\n') < 0
      ) {
        const last = text.charCodeAt(text.length - 1);
        justClosed = false;
        atRecordStart = last === LF;
        atCellStart = last === LF || last === delim;
        return text;
      }
      let out = '';
      let from = 0;
      let i = 0;
      if (pendingCR) {
        // The CR was already written as LF; drop the LF of a CRLF split across chunks.
        pendingCR = false;
        if (text.charCodeAt(0) === LF) i = from = 1;
      }
      const n = text.length;
      for (; i < n; i += 1) {
        const c = text.charCodeAt(i);
        if (inQuotes) {
          if (c === quote) {
            inQuotes = false;
            justClosed = true;
          }
          continue;
        }
        if (c === quote) {
          atRecordStart = false;
          if (atCellStart || justClosed) inQuotes = true;
          justClosed = false;
          atCellStart = false;
          continue;
        }
        justClosed = false;
        if (c === LF && !atRecordStart) {
          // The common case, an LF ending a record: it stays as it is (no copying).
          atCellStart = true;
          atRecordStart = true;
          continue;
        }
        if (c === LF || c === CR) {
          const isBlank = atRecordStart;
          out += text.slice(from, i) + (isBlank ? '' : '\n');
          if (c === CR) {
            if (i + 1 === n) pendingCR = true;
            else if (text.charCodeAt(i + 1) === LF) i += 1;
          }
          from = i + 1;
          atCellStart = true;
          atRecordStart = true;
          continue;
        }
        atRecordStart = false;
        atCellStart = c === delim;
      }
      return out + text.slice(from);
    },
    end() {
      // A CR at the very end was already written as LF when it was seen.
      pendingCR = false;
      return '';
    },
  };
}
