import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open-project';

/** Rows a full statement inserts (5 bound values each: 500 parameters). */
const PER_STATEMENT = 100;
const WIDTH = 5;

/**
 * The attendance rows of one import, written 100 at a time into the table keyed (session_id,
 * participant_id) (migration 0006). A row whose youth already has attendance at that session (an
 * earlier row or import) is left out by ON CONFLICT DO NOTHING and reported back by its row number.
 *
 * The import writes attendance with the connection's foreign-key enforcement off (ImportSession): every
 * session and participant id comes from the import's own lookups, read or inserted in the same
 * transaction. checkReferences() confirms that with one query per parent table before the commit,
 * instead of three parent lookups for every row.
 */
export class AttendanceRows {
  private readonly full: Statement;
  private readonly one: Statement;
  private readonly stored: Statement;
  private readonly values: (number | null)[] = new Array<number | null>(PER_STATEMENT * WIDTH);
  private readonly oneValues: (number | null)[] = new Array<number | null>(WIDTH);
  private count = 0;
  private readonly sessions = new Set<number>();
  private readonly participants = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly importId: number,
  ) {
    const head =
      'INSERT INTO attendance (session_id, participant_id, is_present, minutes_attended, source_row, import_id) VALUES';
    // The import's id is the same for every row: written into the SQL, not bound a million times.
    const tuple = `(?, ?, ?, ?, ?, ${Math.trunc(importId)})`;
    this.full = db.prepare(
      `${head} ${Array.from({ length: PER_STATEMENT }, () => tuple).join(', ')} ON CONFLICT DO NOTHING`,
    );
    this.one = db.prepare(`${head} ${tuple} ON CONFLICT DO NOTHING`);
    this.stored = db.prepare(
      'SELECT import_id, source_row FROM attendance WHERE session_id = ? AND participant_id = ?',
    );
  }

  /**
   * Buffers one row; when that fills a statement, writes it and returns the row numbers that did not
   * go in (null when all did).
   */
  add(
    sessionId: number,
    participantId: number,
    isPresent: 0 | 1,
    minutes: number | null,
    row: number,
  ): number[] | null {
    const at = this.count * WIDTH;
    const v = this.values;
    v[at] = sessionId;
    v[at + 1] = participantId;
    v[at + 2] = isPresent;
    v[at + 3] = minutes;
    v[at + 4] = row;
    this.sessions.add(sessionId);
    this.participants.add(participantId);
    this.count += 1;
    if (this.count < PER_STATEMENT) return null;
    this.count = 0;
    const changes = this.full.run(v).changes;
    return changes === PER_STATEMENT ? null : this.leftOut(v, PER_STATEMENT);
  }

  /** Writes the buffered tail; returns the row numbers that did not go in. */
  flush(): number[] {
    const n = this.count;
    this.count = 0;
    const missing: number[] = [];
    const one = this.oneValues;
    for (let r = 0; r < n; r += 1) {
      for (let c = 0; c < WIDTH; c += 1) one[c] = this.values[r * WIDTH + c]!;
      if (this.one.run(one).changes === 0) missing.push(one[4]!);
    }
    return missing;
  }

  /** After a statement fell short: the rows whose key now holds another row (not this import's row). */
  private leftOut(v: (number | null)[], n: number): number[] {
    const missing: number[] = [];
    for (let r = 0; r < n; r += 1) {
      const at = r * WIDTH;
      const found = this.stored.get(v[at], v[at + 1]) as { import_id: number; source_row: number };
      if (found.import_id !== this.importId || found.source_row !== v[at + 4]) missing.push(v[at + 4]!);
    }
    return missing;
  }

  /** Every session and participant the rows point at exists (the check foreign keys would make). */
  checkReferences(): void {
    for (const [table, ids] of [
      ['sessions', this.sessions],
      ['participants', this.participants],
    ] as const) {
      if (ids.size === 0) continue;
      const found = this.db
        .prepare(`SELECT count(*) FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
        .pluck()
        .get(JSON.stringify([...ids])) as number;
      if (found !== ids.size)
        throw new Error(`attendance refers to ${ids.size - found} ${table} that do not exist`);
    }
  }
}
