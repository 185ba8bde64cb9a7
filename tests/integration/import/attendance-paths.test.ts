import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mapping } from '../../../src/shared/import-mapping';
import type { ImportReport } from '../../../src/shared/import-contract';
import { openProject, type Project } from '../../../src/main/db/open-project';
import { runImportHosted } from '../../../src/main/import/host';
import { useTempDir } from '../../helpers/temp';
import { buildCli } from './support/build-cli';

/**
 * The worker threads write attendance from dictionary codes (ids resolved once per distinct value,
 * src/main/import/write/entity-writers.ts); the calling thread writes it row by row. Both must give the
 * same project and the same report, problems included.
 */
function awkwardLog(rows: number): string {
  const lines = ['youth_id,session_id,date,program,present,minutes'];
  for (let i = 0; i < rows; i += 1) {
    const session = Math.floor(i / 300);
    const day = 1 + (session % 28);
    let youth = `Y${(i % 300) * 11 + (session % 11)}`;
    let sessionId = `S${session}`;
    let present = i % 17 === 0 ? 'no' : i % 5 === 0 ? 'P' : 'yes';
    let minutes = i % 9 === 0 ? '' : String(20 + (i % 50));
    // Problems and oddities, each at its own rhythm.
    if (i % 997 === 0) youth = ''; // missing ID
    if (i % 1499 === 0) youth = `  y${(i % 300) * 11 + (session % 11)} `; // spaced, lower case: same youth
    if (i % 1201 === 0) minutes = '-5'; // out of range
    if (i % 1301 === 0) minutes = 'abc'; // not a number
    if (i % 1409 === 0) minutes = '30.6';
    if (i % 1103 === 0) present = 'maybe'; // not a presence value
    if (i % 1601 === 0) sessionId = ''; // found by date and program
    if (i % 1709 === 0) youth = "'=Y1"; // a neutralised formula from Trellis's own export
    lines.push(`${youth},${sessionId},9/${day}/2024,Club,${present},${minutes}`);
    // A repeat of an earlier row (same youth, same session): a duplicate.
    if (i % 2003 === 1000) lines.push(lines[lines.length - 3]!);
  }
  return `${lines.join('\n')}\n`;
}

const mapping = Mapping.parse({
  kind: 'attendance',
  cohort: '2024-25',
  createMissing: true,
  settings: { dateOrder: 'mdy' },
  fields: {
    participant_key: 'youth_id',
    session_external_id: 'session_id',
    session_date: 'date',
    program: 'program',
    is_present: 'present',
    minutes_attended: 'minutes',
  },
});

function contents(p: Project) {
  const all = (sql: string) => p.db.prepare(sql).raw().all() as unknown[][];
  return {
    attendance: all(
      `SELECT s.external_id, s.session_date, pa.key, a.is_present, a.minutes_attended, a.source_row
       FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN participants pa ON pa.id = a.participant_id
       ORDER BY a.source_row`,
    ),
    participants: all('SELECT key, source_row FROM participants ORDER BY key'),
    sessions: all(
      'SELECT external_id, session_date, minutes_offered, source_row FROM sessions ORDER BY source_row',
    ),
    issues: all('SELECT row, column, code, is_skipped FROM import_issues ORDER BY row, column, code'),
  };
}

const summary = (r: ImportReport) => ({
  status: r.status,
  rowsRead: r.rowsRead,
  rowsImported: r.rowsImported,
  rowsSkipped: r.rowsSkipped,
  counts: r.counts,
  issueCount: r.issueCount,
  issues: r.issues.map((i) => [i.row, i.column, i.code]).sort(),
});

describe('attendance through the worker threads and on the calling thread', () => {
  const temp = useTempDir();
  let built: Awaited<ReturnType<typeof buildCli>>;
  const previousWorker = process.env.TRELLIS_IMPORT_WORKER;

  beforeAll(async () => {
    built = await buildCli();
  }, 120_000);
  afterAll(() => {
    if (previousWorker === undefined) delete process.env.TRELLIS_IMPORT_WORKER;
    else process.env.TRELLIS_IMPORT_WORKER = previousWorker;
  });

  it('give the same rows, participants, sessions, issues and report, problems included', async () => {
    process.env.TRELLIS_IMPORT_WORKER = built.worker;
    const dir = temp();
    const file = join(dir, 'attendance.csv');
    writeFileSync(file, awkwardLog(40_000));
    const results = [];
    for (const thread of ['inline', 'worker'] as const) {
      const p = openProject(join(dir, `${thread}.trellis`));
      try {
        const report = await runImportHosted(p, file, { mapping, policy: 'skip_invalid', thread });
        results.push({ report: summary(report), contents: contents(p) });
      } finally {
        p.close();
      }
    }
    const [inline, worker] = results;
    expect(worker).toEqual(inline);

    // And what both hold is right, not only the same.
    const { report, contents: c } = inline!;
    expect(report.status).toBe('imported');
    const codes = new Set(report.issues.map((i) => i[2]));
    for (const code of ['missing_participant_id', 'out_of_range', 'bad_number', 'bad_value', 'duplicate_row'])
      expect(codes).toContain(code);
    // Row numbers are 1-based records with the header as record 1: data row i is record i + 2 until
    // the first planted duplicate (after data row 1000). Data row 997 has no youth ID.
    expect(report.issues).toContainEqual([999, expect.any(Number), 'missing_participant_id']);
    const byRow = new Map(c.attendance.map((r) => [r[5] as number, r]));
    // Data row 9 (record 11): present, blank minutes -> NULL (the whole session).
    expect(byRow.get(11)).toEqual(['S0', '2024-09-01', expect.any(String), 1, null, 11]);
    // Data row 17 (record 19): absent -> no minutes.
    expect(byRow.get(19)?.slice(3, 5)).toEqual([0, null]);
    // IDs are stored trimmed; the restored formula is a youth of its own.
    expect(c.participants.some((r) => r[0] === '=Y1')).toBe(true);
    expect(c.participants.some((r) => /^\s|\s$/.test(r[0] as string))).toBe(false);
    // Every row that was read is either imported or skipped, none lost.
    expect(report.rowsImported + report.rowsSkipped).toBe(report.rowsRead);
    expect(c.attendance.length).toBe(report.rowsImported);
  }, 180_000);
});
