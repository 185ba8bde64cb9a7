import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open-project';

/**
 * Multi-row prepared inserts: `INSERT INTO t (a, b) VALUES (?, ?), (?, ?), ...` for `rowsPerStatement`
 * rows at a time (one statement for full batches, one per row for the tail). Far fewer statement
 * steps than row-by-row inserts; parameters stay bound, never spliced into SQL.
 */
export class BatchInsert {
  private readonly full: Statement;
  private readonly one: Statement;
  private values: unknown[] = [];
  /** Caller's tag per buffered row (the source row number), to find rows that conflicted. */
  private tags: number[] = [];

  constructor(
    db: Db,
    private readonly head: string,
    private readonly width: number,
    private readonly suffix = '',
    private readonly rowsPerStatement = 50,
    /**
     * Which tags did not go in, given the rowid range the inserted rows got (asked only when the
     * change count falls short, i.e. ON CONFLICT DO NOTHING skipped some).
     */
    private readonly findMissing?: (tags: number[], firstRowid: number, lastRowid: number) => number[],
    /** The row's SQL, when some columns are constants written into it: `width` `?` placeholders. */
    tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`,
  ) {
    this.full = db.prepare(
      `${head} ${Array.from({ length: rowsPerStatement }, () => tuple).join(', ')} ${suffix}`,
    );
    this.one = db.prepare(`${head} ${tuple} ${suffix}`);
  }

  /** Buffers one row; returns the tags of rows the flush found not inserted (ON CONFLICT DO NOTHING). */
  add(tag: number, ...row: unknown[]): number[] {
    for (let i = 0; i < row.length; i += 1) this.values.push(row[i]);
    this.tags.push(tag);
    return this.tags.length >= this.rowsPerStatement ? this.flush() : [];
  }

  get pending(): number {
    return this.tags.length;
  }

  /**
   * Writes what is buffered. Returns the tags of rows that were not inserted, worked out only when
   * the change count says some were not (the common case costs nothing).
   */
  flush(): number[] {
    if (this.tags.length === 0) return [];
    const tags = this.tags;
    const values = this.values;
    this.values = [];
    this.tags = [];
    if (tags.length === this.rowsPerStatement) {
      const info = this.full.run(values);
      if (info.changes === tags.length) return [];
      // The rows that went in have the consecutive rowids just below lastInsertRowid.
      const last = Number(info.lastInsertRowid);
      return this.findMissing
        ? this.findMissing(tags, last - info.changes + 1, last)
        : tags.slice(info.changes);
    }
    const missing: number[] = [];
    tags.forEach((tag, i) => {
      if (this.one.run(values.slice(i * this.width, (i + 1) * this.width)).changes === 0) missing.push(tag);
    });
    return missing;
  }
}
