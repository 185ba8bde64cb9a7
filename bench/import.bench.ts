/**
 * npm run bench:import: the import pipeline's speed, against the sqlite3 shell's `.import` of the same
 * attendance file measured in the same run.
 *
 *   1. Generate (deterministically, seeded) a 1,000,000-row attendance CSV and a 50,000-respondent x
 *      40-item survey export (2,000,000 responses once reshaped to long form).
 *   2. Import each into a fresh project, in a child process of its own so its peak RSS is its own,
 *      through the same worker-thread path the app uses.
 *   3. Time `sqlite3 :memory-less file .import` of the attendance file.
 *
 * Built with Vite (bench/vite.config.ts) and run with plain node; timings belong here, never in tests.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Mapping } from '@shared/import-mapping';
import { openProject } from '../src/main/db/open-project';
import { runImportHosted } from '../src/main/import/host';
import { undoImport } from '../src/main/import/history';

const ATTENDANCE_ROWS = 1_000_000;
const YOUTH = 5_000;
const SESSIONS = ATTENDANCE_ROWS / 500;
const RESPONDENTS = 50_000;
const ITEMS = 40;
const LIKERT = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeLines(
  path: string,
  header: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buffer = '';
  for (let i = 0; i < count; i += 1) {
    buffer += `${line(i)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

const PROGRAMS = ['Maker Club', 'Technology & Design class', 'Summer STEM Camp'];
const SITES = ['Westcliffe Middle School', 'Florence Middle School', 'Cañon City Library'];

/** 500 distinct youth per session (stride 13 is coprime with 5,000), sessions on school days. */
async function generateAttendance(path: string): Promise<void> {
  const rng = mulberry32(20240901);
  const sessions = Array.from({ length: SESSIONS }, (_, s) => {
    const day = new Date(Date.UTC(2024, 8, 3) + Math.floor(s / 6) * 86_400_000);
    return {
      id: `S${String(s + 1).padStart(5, '0')}`,
      date: `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()}`,
      program: PROGRAMS[s % 3]!,
      site: SITES[Math.floor(s / 3) % 3]!,
      start: Math.floor(rng() * YOUTH),
    };
  });
  await writeLines(path, 'youth_id,session_id,date,program,site,minutes', ATTENDANCE_ROWS, (i) => {
    const s = sessions[Math.floor(i / 500)]!;
    const youth = (s.start + (i % 500) * 13) % YOUTH;
    const minutes = rng() < 0.1 ? '' : String(30 + Math.floor(rng() * 61));
    return `Y${String(youth + 1).padStart(5, '0')},${s.id},${s.date},${s.program},${s.site},${minutes}`;
  });
}

async function generateSurvey(path: string): Promise<void> {
  const rng = mulberry32(20250501);
  const header = ['ResponseId', 'student_id', ...Array.from({ length: ITEMS }, (_, i) => `Q${i + 1}`)].join(
    ',',
  );
  await writeLines(path, header, RESPONDENTS, (r) => {
    const cells = [`R_${(r + 1).toString(36).padStart(8, '0')}`, `Y${String(r + 1).padStart(6, '0')}`];
    for (let i = 0; i < ITEMS; i += 1) {
      const x = rng();
      cells.push(x < 0.03 ? '' : x < 0.05 ? 'Prefer not to say' : LIKERT[Math.floor(rng() * 5)]!);
    }
    return cells.join(',');
  });
}

function attendanceMapping(): Mapping {
  return Mapping.parse({
    kind: 'attendance',
    cohort: '2024-25',
    createMissing: true,
    settings: { dateOrder: 'mdy' },
    fields: {
      participant_key: 'youth_id',
      session_external_id: 'session_id',
      session_date: 'date',
      program: 'program',
      site: 'site',
      minutes_attended: 'minutes',
    },
  });
}

function surveyMapping(): Mapping {
  return Mapping.parse({
    kind: 'survey',
    cohort: '2024-25',
    wave: 'pre',
    createMissing: true,
    fields: { response_id: 'ResponseId', participant_key: 'student_id' },
    survey: {
      instrument: { code: 'bench', name: 'Bench survey', respondentKind: 'youth' },
      scales: [
        {
          code: 'agree5',
          name: 'Agreement (5 points)',
          min: 1,
          max: 5,
          options: [
            ...LIKERT.map((label, i) => ({ label, value: i + 1 })),
            { label: 'Prefer not to say', missing: 'prefer_not_to_say' },
          ],
        },
      ],
      items: Array.from({ length: ITEMS }, (_, i) => ({
        column: `Q${i + 1}`,
        code: `Q${i + 1}`,
        scale: 'agree5',
      })),
    },
  });
}

interface OneResult {
  kind: string;
  status: string;
  rows: number;
  written: number;
  seconds: number;
  /** CPU time of all the process's threads until the report (the machine is shared: wall time varies). */
  cpuSeconds: number;
  /** After the report: the worker's WAL checkpoint (off the user's clock). */
  checkpointSeconds: number;
  peakRssMb: number;
  /** Attendance: undoing the import afterwards (one transaction deleting its 1,000,000 rows). */
  undoSeconds?: number;
  progressEvents: number;
  maxProgressGapMs: number;
}

/** Child mode: import one file into a fresh project and print the figures as JSON. */
async function runOne(kind: 'attendance' | 'survey', file: string, projectPath: string): Promise<void> {
  rmSync(projectPath, { force: true });
  const project = openProject(projectPath);
  const mapping = kind === 'attendance' ? attendanceMapping() : surveyMapping();
  let events = 0;
  let lastEvent = 0;
  let maxGap = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const report = await runImportHosted(project, file, {
    mapping,
    policy: 'refuse',
    thread: process.env.BENCH_INLINE ? 'inline' : 'worker',
    onProgress: () => {
      const now = performance.now();
      if (events > 0) maxGap = Math.max(maxGap, now - lastEvent);
      lastEvent = now;
      events += 1;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // The worker goes on to checkpoint the WAL into the project file after the report: time that too.
  await new Promise<void>((done) => process.once('beforeExit', () => done()));
  const checkpointSeconds = (performance.now() - started) / 1000 - seconds;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  let undoSeconds: number | undefined;
  if (kind === 'attendance' && report.importId !== null && !process.env.BENCH_NO_UNDO) {
    const undoStarted = performance.now();
    undoImport(project.db, report.importId);
    undoSeconds = (performance.now() - undoStarted) / 1000;
  }
  project.close();
  const result: OneResult = {
    checkpointSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    kind,
    status: report.status,
    rows: report.rowsImported,
    written: kind === 'survey' ? (report.counts.responses ?? 0) : (report.counts.attendance ?? 0),
    seconds,
    peakRssMb,
    undoSeconds,
    progressEvents: events,
    maxProgressGapMs: Math.round(maxGap),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function child(kind: string, file: string, project: string): OneResult {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [self, '--one', kind, file, project], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as OneResult;
}

function sqliteShell(file: string, dir: string): number | null {
  const db = join(dir, 'shell.db');
  rmSync(db, { force: true });
  const started = performance.now();
  const r = spawnSync('sqlite3', [db, '.mode csv', `.import ${file} attendance`], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === '--one') return runOne(args[0] as 'attendance' | 'survey', args[1]!, args[2]!);
  const dir = join(tmpdir(), 'trellis-bench');
  mkdirSync(dir, { recursive: true });
  const attendance = join(dir, 'attendance-1m.csv');
  const survey = join(dir, 'survey-50k-x-40.csv');
  console.log(`Generating ${attendance} and ${survey} (seeded)...`);
  await generateAttendance(attendance);
  await generateSurvey(survey);
  // `--generate`: only write the files (to profile one import with `--one KIND FILE PROJECT`).
  if (mode === '--generate') return;
  const mb = (f: string) => statSync(f).size / 1e6;
  if (spawnSync('sqlite3', ['-version']).error) {
    console.log('sqlite3 shell missing: trying apt-get install -y sqlite3');
    spawnSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'inherit' });
  }
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`load average before: ${load()} (${cpus().length} cores, shared)`);
  const shell = sqliteShell(attendance, dir);
  const a = child('attendance', attendance, join(dir, 'attendance.trellis'));
  const s = child('survey', survey, join(dir, 'survey.trellis'));
  const line = (label: string, r: OneResult, size: number) =>
    `${label.padEnd(11)} ${r.status}  ${r.rows.toLocaleString('en-US')} rows (${r.written.toLocaleString('en-US')} written) in ${r.seconds.toFixed(2)} s: ` +
    `${Math.round(r.rows / r.seconds).toLocaleString('en-US')} rows/s, ${(size / r.seconds).toFixed(1)} MB/s, ` +
    `CPU ${r.cpuSeconds.toFixed(1)} s (all threads), ` +
    `peak RSS ${Math.round(r.peakRssMb)} MB, progress every <= ${r.maxProgressGapMs} ms; ` +
    `then the WAL checkpoint, after the report: ${r.checkpointSeconds.toFixed(2)} s` +
    (r.undoSeconds !== undefined ? `; undoing the import: ${r.undoSeconds.toFixed(2)} s` : '');
  console.log(line('attendance', a, mb(attendance)));
  console.log(line('survey', s, mb(survey)));
  console.log(
    `  survey reshaped to long form: ${Math.round(s.written / s.seconds).toLocaleString('en-US')} responses/s`,
  );
  if (shell !== null) {
    console.log(
      `sqlite3 shell .import of the attendance file: ${shell.toFixed(2)} s (${Math.round(ATTENDANCE_ROWS / shell).toLocaleString('en-US')} rows/s); ` +
        `Trellis / shell = ${(a.seconds / shell).toFixed(2)}x (target <= 1.5x)`,
    );
  } else console.log('sqlite3 shell not available: no ratio');
  console.log(`load average after: ${load()}`);
  console.log(
    `targets: attendance <= 1.5x shell ${shell !== null && a.seconds / shell <= 1.5 ? 'MET' : 'NOT MET'}; ` +
      `survey < 10 s ${s.seconds < 10 ? 'MET' : 'NOT MET'}; peak RSS < 300 MB ${a.peakRssMb < 300 && s.peakRssMb < 300 ? 'MET' : 'NOT MET'}`,
  );
  if (!existsSync(attendance)) process.exitCode = 1;
}

await main();
