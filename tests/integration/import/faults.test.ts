import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Mapping } from '../../../src/shared/import-mapping';
import { openProject, type Project } from '../../../src/main/db/open-project';
import { runImportHosted } from '../../../src/main/import/host';
import { runImport } from '../../../src/main/import/run/run-import';
import { useTempDir } from '../../helpers/temp';
import { buildCli } from './support/build-cli';

/** A deterministic attendance log: `rows` rows, 500 youth per session. */
function attendanceCsv(rows: number): string {
  const lines = ['youth_id,session_id,date,program,minutes'];
  for (let i = 0; i < rows; i += 1) {
    const session = Math.floor(i / 500);
    const day = 1 + (session % 28);
    lines.push(`Y${(i % 500) * 7 + (session % 7)},S${session},9/${day}/2024,Club,${30 + (i % 60)}`);
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
    minutes_attended: 'minutes',
  },
});

const count = (p: Project, table: string) =>
  p.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function expectUntouched(p: Project): void {
  expect(p.db.pragma('quick_check', { simple: true })).toBe('ok');
  for (const table of ['imports', 'attendance', 'sessions', 'participants', 'programs', 'import_issues'])
    expect({ table, rows: count(p, table) }).toEqual({ table, rows: 0 });
}

describe('an import commits whole or not at all', () => {
  const temp = useTempDir();
  let built: Awaited<ReturnType<typeof buildCli>>;
  const previousWorker = process.env.TRELLIS_IMPORT_WORKER;

  beforeAll(async () => {
    built = await buildCli();
  }, 120_000);
  afterAll(() => {
    rmSync(built.dir, { recursive: true, force: true });
    if (previousWorker === undefined) delete process.env.TRELLIS_IMPORT_WORKER;
    else process.env.TRELLIS_IMPORT_WORKER = previousWorker;
  });

  it('a CLI import SIGKILLed mid-file (uncommitted pages already in the WAL) leaves a sound project with no row of it', async () => {
    const dir = temp();
    const file = join(dir, 'attendance.csv');
    writeFileSync(file, attendanceCsv(600_000));
    const projectPath = join(dir, 'p.trellis');
    openProject(projectPath).close();
    const child = spawn(
      process.execPath,
      [built.cli, 'import', file, '--project', projectPath, '--cohort', '2024-25'],
      {
        stdio: 'ignore',
      },
    );
    const wal = `${projectPath}-wal`;
    let walAtKill = 0;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    // Kill once the transaction has spilled pages to the WAL: the file is half-written, uncommitted.
    const poll = setInterval(() => {
      const size = existsSync(wal) ? statSync(wal).size : 0;
      if (size > 4 * 1024 * 1024 && walAtKill === 0) {
        walAtKill = size;
        child.kill('SIGKILL');
      }
    }, 20);
    const { signal } = await exited;
    clearInterval(poll);
    expect(signal).toBe('SIGKILL');
    expect(walAtKill).toBeGreaterThan(4 * 1024 * 1024);
    const p = openProject(projectPath);
    try {
      expectUntouched(p);
    } finally {
      p.close();
    }
  }, 120_000);

  it('a full disk (max_page_count) rolls back with a clear disk_full error, and the project still works', async () => {
    const dir = temp();
    const file = join(dir, 'attendance.csv');
    writeFileSync(file, attendanceCsv(30_000));
    const p = openProject(join(dir, 'p.trellis'));
    try {
      const pages = p.db.pragma('page_count', { simple: true }) as number;
      p.db.pragma(`max_page_count = ${pages + 40}`);
      await expect(runImport(p.db, file, { mapping, policy: 'refuse' })).rejects.toMatchObject({
        code: 'disk_full',
        message: expect.stringMatching(/disk is full.*nothing was imported/i),
      });
      expect(p.db.inTransaction).toBe(false);
      expectUntouched(p);
      p.db.pragma('max_page_count = 1073741823');
      expect((await runImport(p.db, file, { mapping, policy: 'refuse' })).rowsImported).toBe(30_000);
    } finally {
      p.close();
    }
  });

  it('a large load (indexes rebuilt at the end) still finds a duplicate row, against the file and an earlier import', async () => {
    const dir = temp();
    const text = attendanceCsv(120_000);
    const lines = text.trimEnd().split('\n');
    const file = join(dir, 'attendance.csv');
    // Row 50,001 of the file repeats row 2 (same youth, same session).
    writeFileSync(file, [...lines.slice(0, 50_001), lines[1], ...lines.slice(50_001)].join('\n') + '\n');
    const p = openProject(join(dir, 'p.trellis'));
    const indexes = () =>
      p.db
        .prepare(
          "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name = 'attendance' ORDER BY name",
        )
        .all();
    try {
      const before = indexes();
      expect(before.length).toBeGreaterThan(0);
      // Stored metrics layers, which any change to attendance must empty (their triggers are set
      // aside during a large load and run once at its end).
      p.db.prepare("INSERT INTO metrics_layers (key, data) VALUES ('layer', x'00')").run();
      const refused = await runImport(p.db, file, { mapping, policy: 'refuse' });
      expect(refused).toMatchObject({ status: 'refused', rowsSkipped: 1 });
      expect(p.db.prepare('SELECT count(*) FROM metrics_layers').pluck().get()).toBe(1);
      expect(refused.issues).toContainEqual(expect.objectContaining({ code: 'duplicate_row', row: 50_002 }));
      expectUntouched(p);
      const report = await runImport(p.db, file, { mapping, policy: 'skip_invalid' });
      expect(report).toMatchObject({
        status: 'imported',
        rowsImported: 120_000,
        rowsSkipped: 1,
        counts: { attendance: 120_000 },
      });
      // The indexes and triggers dropped for the load are all back, and the triggers did their work.
      expect(indexes()).toEqual(before);
      expect(before.filter((x) => (x as { type: string }).type === 'trigger').length).toBe(3);
      expect(p.db.prepare('SELECT count(*) FROM metrics_layers').pluck().get()).toBe(0);
      expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      p.close();
    }
  }, 60_000);

  it('a worker file that cannot load: the import runs on the calling thread instead', async () => {
    const dir = temp();
    const broken = join(dir, 'import-worker.js');
    writeFileSync(broken, "import 'a-package-that-does-not-exist';\n");
    process.env.TRELLIS_IMPORT_WORKER = broken;
    const file = join(dir, 'attendance.csv');
    writeFileSync(file, attendanceCsv(1_000));
    const p = openProject(join(dir, 'p.trellis'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const report = await runImportHosted(p, file, { mapping, policy: 'refuse' });
      expect(report).toMatchObject({ status: 'imported', rowsImported: 1_000 });
      expect(error).toHaveBeenCalledWith(expect.stringContaining('import worker did not start'));
    } finally {
      error.mockRestore();
      p.close();
    }
  });

  it('cancel rolls back (in this thread)', async () => {
    const dir = temp();
    const file = join(dir, 'attendance.csv');
    writeFileSync(file, attendanceCsv(100_000));
    const p = openProject(join(dir, 'p.trellis'));
    try {
      const stop = new AbortController();
      await expect(
        runImport(p.db, file, {
          mapping,
          policy: 'refuse',
          signal: stop.signal,
          onProgress: (x) => x.rows > 10_000 && stop.abort(),
        }),
      ).rejects.toMatchObject({ code: 'cancelled' });
      expectUntouched(p);
    } finally {
      p.close();
    }
  });

  it('in the worker threads: progress (rows, bytes, percent, rate) while rows flow, and cancel rolls back', async () => {
    const ROWS = 600_000;
    process.env.TRELLIS_IMPORT_WORKER = built.worker;
    const dir = temp();
    const file = join(dir, 'attendance.csv');
    // Large enough, and cancelled at the first report of rows read, that the import is still reading
    // when the cancel arrives even on a quiet machine (200,000 rows once finished before a cancel at
    // 50,000: the worker threads read and write about 400,000 rows a second).
    writeFileSync(file, attendanceCsv(ROWS));
    const p = openProject(join(dir, 'p.trellis'));
    try {
      const stop = new AbortController();
      const seen: { rows: number; bytes: number; percent: number; rate: number }[] = [];
      await expect(
        runImportHosted(p, file, {
          mapping,
          policy: 'refuse',
          thread: 'worker',
          signal: stop.signal,
          onProgress: (x) => {
            seen.push(x);
            if (x.rows > 0) stop.abort();
          },
        }),
      ).rejects.toMatchObject({ code: 'cancelled' });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.at(-1)).toMatchObject({
        rows: expect.any(Number),
        bytes: expect.any(Number),
        percent: expect.any(Number),
      });
      expect(seen.at(-1)!.rate).toBeGreaterThan(0);
      expect(seen.at(-1)!.percent).toBeLessThan(100);
      expectUntouched(p);
      // The same file then imports whole through the workers; once every row is read, progress says
      // the import is finishing (saving, no longer cancellable) before the report arrives.
      const whole: { finishing?: boolean; rows: number }[] = [];
      const report = await runImportHosted(p, file, {
        mapping,
        policy: 'refuse',
        thread: 'worker',
        onProgress: (x) => whole.push(x),
      });
      expect(whole.some((x) => !x.finishing)).toBe(true);
      expect(whole.at(-1)).toMatchObject({ finishing: true, rows: ROWS });
      expect(report).toMatchObject({
        status: 'imported',
        rowsImported: ROWS,
        counts: { attendance: ROWS },
      });
      expect(count(p, 'attendance')).toBe(ROWS);
    } finally {
      p.close();
    }
  }, 60_000);
});
