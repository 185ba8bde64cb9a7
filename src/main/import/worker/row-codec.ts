/**
 * How the parser thread sends rows to the import thread cheaply. Structured-cloning `string[][]`
 * copies every cell twice (serialise, deserialise) and hands the import thread fresh strings whose
 * hashes it must compute again at every Map lookup. Most columns of a large file repeat a few values
 * (IDs, dates, sites, Likert answers), so each column keeps a dictionary shared by both threads:
 * a cell goes over as a number in a transferred Int32Array, a new value once, and the rows the import
 * thread rebuilds share one string per distinct value (hash computed once). Columns whose values do
 * not repeat (free text, response IDs) stop using a dictionary after a trial and go over as strings.
 * Memory stays bounded: at most MAX_ENTRIES values per column, whatever the file size.
 */

/** Values a column's dictionary holds at most; later new values go over as plain strings. */
const MAX_ENTRIES = 16_384;
/** After this many cells a column whose distinct share exceeds MAX_DISTINCT_SHARE drops its dictionary. */
const TRIAL_CELLS = 2_048;
const MAX_DISTINCT_SHARE = 0.5;

/** Cell codes: >= 0 a dictionary entry, RAW the next string of `strings`, ABSENT past the row's end. */
export const RAW = -1;
export const ABSENT = -2;

export interface EncodedRows {
  /** Rows in this batch. */
  count: number;
  /** Cells per row in `codes` (the widest row of the batch). */
  width: number;
  /** count * width cell codes (transferable). */
  codes: Int32Array;
  /** The cells that went over as text, in row-major order. */
  strings: string[];
  /** New dictionary entries: column index, then the value (codes count up per column). */
  added: (number | string)[];
}

interface ColumnDictionary {
  map: Map<string, number> | null;
  size: number;
  seen: number;
}

export class RowEncoder {
  private readonly columns: ColumnDictionary[] = [];

  private column(c: number): ColumnDictionary {
    let d = this.columns[c];
    if (!d) {
      d = { map: new Map(), size: 0, seen: 0 };
      this.columns[c] = d;
    }
    return d;
  }

  encode(rows: readonly string[][]): EncodedRows {
    let width = 0;
    for (const row of rows) if (row.length > width) width = row.length;
    const codes = new Int32Array(rows.length * width);
    const strings: string[] = [];
    const added: (number | string)[] = [];
    for (let c = 0; c < width; c += 1) {
      const d = this.column(c);
      // Sorted logs repeat a cell from the row above (the session, its date, site): one string
      // comparison instead of hashing the new string for the dictionary.
      let previous: string | undefined;
      let previousCode = RAW;
      for (let r = 0; r < rows.length; r += 1) {
        const row = rows[r]!;
        const at = r * width + c;
        if (c >= row.length) {
          codes[at] = ABSENT;
          continue;
        }
        const cell = row[c]!;
        const map = d.map;
        if (map === null) {
          codes[at] = RAW;
          continue;
        }
        d.seen += 1;
        if (cell === previous && previousCode >= 0) {
          codes[at] = previousCode;
          continue;
        }
        let code = map.get(cell);
        if (code === undefined) {
          if (d.size < MAX_ENTRIES) {
            code = d.size;
            d.size += 1;
            map.set(cell, code);
            added.push(c, cell);
          } else code = RAW;
        }
        codes[at] = code;
        previous = cell;
        previousCode = code;
      }
      // A column that mostly holds new values gains nothing from its dictionary: drop it (the
      // decoder keeps the entries already sent, which later codes no longer use).
      if (d.map !== null && d.seen >= TRIAL_CELLS && d.size > d.seen * MAX_DISTINCT_SHARE) d.map = null;
    }
    // Strings go in row-major order, the order the decoder reads them in.
    for (let r = 0; r < rows.length; r += 1) {
      const row = rows[r]!;
      for (let c = 0; c < row.length; c += 1) if (codes[r * width + c] === RAW) strings.push(row[c]!);
    }
    return { count: rows.length, width, codes, strings, added };
  }
}

export class RowDecoder {
  private readonly dictionaries: string[][] = [];

  /** Takes in a batch's new dictionary entries (decode() does it; call it once per batch). */
  accept(batch: EncodedRows): void {
    const { added } = batch;
    for (let i = 0; i < added.length; i += 2) {
      const c = added[i] as number;
      (this.dictionaries[c] ??= []).push(added[i + 1] as string);
    }
  }

  /** A column's values by code (after accept()). */
  dictionary(column: number): readonly string[] {
    return this.dictionaries[column] ?? [];
  }

  /**
   * Row `r` of an accepted batch, whose first text cell is `strings[next]`; returns the row and
   * where the next row's text cells start.
   */
  row(batch: EncodedRows, r: number, next: number): { row: string[]; next: number } {
    const { codes, width, strings } = batch;
    let length = width;
    while (length > 0 && codes[r * width + length - 1] === ABSENT) length -= 1;
    const row = new Array<string>(length);
    for (let c = 0; c < length; c += 1) {
      const code = codes[r * width + c]!;
      row[c] = code >= 0 ? this.dictionaries[c]![code]! : strings[next++]!;
    }
    return { row, next };
  }

  decode(batch: EncodedRows): string[][] {
    const { codes, width, strings } = batch;
    this.accept(batch);
    const rows: string[][] = new Array<string[]>(batch.count);
    let next = 0;
    for (let r = 0; r < batch.count; r += 1) {
      let length = width;
      while (length > 0 && codes[r * width + length - 1] === ABSENT) length -= 1;
      const row = new Array<string>(length);
      for (let c = 0; c < length; c += 1) {
        const code = codes[r * width + c]!;
        row[c] = code >= 0 ? this.dictionaries[c]![code]! : strings[next++]!;
      }
      rows[r] = row;
    }
    return rows;
  }
}
