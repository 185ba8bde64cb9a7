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
    /** Which of the tags are not in the table (only asked when the change count falls short). */
    private readonly findMissing?: (tags: number[]) => number[],
  ) {
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    this.full = db.prepare(
      `${head} ${Array.from({ length: rowsPerStatement }, () => tuple).join(', ')} ${suffix}`,
    );
    this.one = db.prepare(`${head} ${tuple} ${suffix}`);
  }

  /** Buffers one row; returns the tags of rows the flush found not inserted (ON CONFLICT DO NOTHING). */
  add(tag: number, ...row: unknown[]): number[] {
    for (const v of row) this.values.push(v);
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
    let changes = 0;
    if (this.tags.length === this.rowsPerStatement) changes = this.full.run(this.values).changes;
    else {
      for (let i = 0; i < this.tags.length; i += 1)
        changes += this.one.run(this.values.slice(i * this.width, (i + 1) * this.width)).changes;
    }
    const tags = this.tags;
    this.values = [];
    this.tags = [];
    if (changes === tags.length) return [];
    return this.findMissing ? this.findMissing(tags) : tags.slice(changes);
  }
}
