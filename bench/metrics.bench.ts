/**
 * npm run bench:metrics: builds a large synthetic project (about 1,000,000 attendance rows and
 * 2,000,000 survey responses, bench/synthetic-project.ts) and the demo-sized one, then times the full
 * dashboard metric set for all cohorts and one filtered recomputation.
 *
 * Figures printed (wall time, with the process's CPU time and the GC pauses inside the call, since the
 * machine may be shared):
 *   first   the full set first thing in a new process: stored base layers read, and nothing compiled
 *           or optimised yet (what the first dashboard after opening a project costs)
 *   rebuild first compute after a data change: the stored base layers (metrics_layers) rebuilt from
 *           attendance and responses, then the full set
 *   cold    the full set after the in-memory cache is dropped, data unchanged (median of 5, after 2
 *           warm-up runs): stored base layers read from the project file, everything else computed;
 *           the figure the targets are about
 *   warm    the full set again with another split (base layers in memory, results not)
 *   filter  one filtered recomputation (a program and a cohort), base layers in memory
 * With BENCH_REUSE, opening the kept project is timed too (its quick_check is skipped when the file is
 * untouched since the last clean close).
 * Targets (issue 5): demo full set < 100 ms; large full set < 1 s; filtered < 200 ms.
 *
 * Env: BENCH_SCALE=0.1 for a quick run; BENCH_KEEP=1 keeps the project files in .bench/; BENCH_REUSE=1
 * (with BENCH_KEEP=1) measures the kept ones again instead of building them; BENCH_DEMO_ONLY=1 skips the
 * large project.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { openProject, type Project } from '../src/main/db/open-project';
import { clearMetricsCache } from '../src/main/metrics/cache';
import { computeMetrics } from '../src/main/metrics/compute';
import { buildSyntheticProject } from './synthetic-project';

const dir = resolve(process.cwd(), '.bench');
const scale = Number(process.env.BENCH_SCALE ?? '1');

function fresh(name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.trellis`);
  for (const s of ['', '-wal', '-shm', '-lock']) rmSync(`${path}${s}`, { force: true });
  return path;
}

/**
 * Per label: wall ms, CPU ms of this process (all threads: V8 collects garbage on helper threads too)
 * and the garbage collectors' pause time inside the call (main thread), so a figure taken on a busy
 * machine can still be compared (wall time varies 2-3x with load; CPU time much less).
 */
interface Run {
  wall: number;
  cpu: number;
  start: number;
  end: number;
}
const runsOf = new Map<string, Run[]>();
function time<T>(f: () => T, label?: string): [number, T] {
  const t = performance.now();
  const c = process.cpuUsage();
  const v = f();
  const used = process.cpuUsage(c);
  const end = performance.now();
  if (label) {
    const runs = runsOf.get(label) ?? [];
    runs.push({ wall: end - t, cpu: (used.user + used.system) / 1000, start: t, end });
    runsOf.set(label, runs);
  }
  return [end - t, v];
}
const gcPauses: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });
/** GC entries reach the observer asynchronously: wait for them before reading gcIn. */
const settle = () => new Promise((r) => setTimeout(r, 20));
const gcIn = (r: Run) =>
  gcPauses.reduce((a, g) => a + Math.max(0, Math.min(g.end, r.end) - Math.max(g.start, r.start)), 0);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
/** The run with the median wall time of a label. */
const medianRun = (label: string): Run | undefined => {
  const runs = [...(runsOf.get(label) ?? [])].sort((a, b) => a.wall - b.wall);
  return runs[runs.length >> 1];
};

async function measure(
  label: string,
  project: Project,
  targets: { full: number; filtered: number },
  rebuilds: number,
) {
  const db = project.db;
  const full = () => computeMetrics(db, { filters: {}, by: ['cohort'] });
  // First in this process: nothing compiled yet (what the first dashboard after opening costs).
  const stored = (db.prepare('SELECT count(*) FROM metrics_layers').pluck().get() as number) > 0;
  clearMetricsCache(db);
  time(full, 'first');
  const rebuild: number[] = [];
  for (let i = 0; i < rebuilds; i += 1) {
    db.prepare('DELETE FROM metrics_layers').run(); // what any write to attendance or responses does
    clearMetricsCache(db);
    rebuild.push(time(full, 'rebuild')[0]);
  }
  // Warm-up (the code compiled and optimised, as after a few dashboards), then the measured runs.
  for (let i = 0; i < 2; i += 1) {
    clearMetricsCache(db);
    full();
  }
  const cold: number[] = [];
  const warm: number[] = [];
  const filtered: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    clearMetricsCache(db);
    cold.push(time(full, 'cold')[0]);
    warm.push(time(() => computeMetrics(db, { filters: {}, by: ['program'] }), 'warm')[0]);
    filtered.push(
      time(
        () => computeMetrics(db, { filters: { programs: ['CLUB'], cohorts: ['2024-25'] }, by: ['site'] }),
        'filtered',
      )[0],
    );
    // A repeated identical call is answered from the result cache.
  }
  const [cachedMs] = time(full);
  await settle();
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  const ok = (ms: number, target: number) => (ms < target ? 'met' : 'NOT met');
  const detail = (k: string) => {
    const r = medianRun(k);
    const cpu = median((runsOf.get(k) ?? []).map((x) => x.cpu));
    return r ? `CPU ${f(cpu)}, GC pauses ${f(gcIn(r))}` : '';
  };
  const first = runsOf.get('first')![0]!;
  console.log(`\n${label}`);
  console.log(
    `  full set, first in a new process (${stored ? 'stored layers read' : 'no stored layers: built'})   ${f(first.wall)}   (CPU ${f(first.cpu)}, GC pauses ${f(gcIn(first))})`,
  );
  console.log(
    `  full set after a data change (stored layers rebuilt)  ${f(median(rebuild))}   (${detail('rebuild')})`,
  );
  console.log(
    `  full set, cold (stored layers read, data unchanged)   ${f(median(cold))}   target < ${targets.full} ms: ${ok(median(cold), targets.full)}   (${detail('cold')})`,
  );
  console.log(
    `  full set, base layers cached (another split)         ${f(median(warm))}   (${detail('warm')})`,
  );
  console.log(
    `  filtered recomputation (CLUB, 2024-25, by site)      ${f(median(filtered))}   target < ${targets.filtered} ms: ${ok(median(filtered), targets.filtered)}   (${detail('filtered')})`,
  );
  console.log(`  same call again (result cache)                       ${f(cachedMs)}`);
  console.log(
    `  medians of 5 (cold, another split, filtered) after 2 warm-up runs; heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  runsOf.clear();
  gcPauses.length = 0;
}

function build(name: string, youthPerCohort: number, weeks: number) {
  const kept = join(dir, `${name}.trellis`);
  if (process.env.BENCH_REUSE && existsSync(kept)) {
    // A project kept by an earlier BENCH_KEEP=1 run (same scale): no need to build it again.
    const [ms, project] = time(() => openProject(kept), 'open');
    console.log(
      `${name}: reusing ${kept}; opened in ${ms.toFixed(0)} ms (CPU ${(runsOf.get('open')?.[0]?.cpu ?? NaN).toFixed(0)} ms), ` +
        `integrity check ${project.integrityChecked ? 'run' : 'skipped (untouched since a clean close)'}`,
    );
    runsOf.delete('open');
    return project;
  }
  const path = fresh(name);
  const project = openProject(path);
  const [ms, counts] = time(() => buildSyntheticProject(project.db, { youthPerCohort, weeks }));
  console.log(
    `${name}: ${counts.participants.toLocaleString()} youth, ${counts.sessions.toLocaleString()} sessions, ` +
      `${counts.attendance.toLocaleString()} attendance rows, ${counts.responses.toLocaleString()} survey responses (built in ${(ms / 1000).toFixed(1)} s)`,
  );
  return project;
}

if (!process.env.BENCH_LARGE_ONLY) {
  const demo = build('demo-sized', 200, 30);
  await measure(
    'demo-sized project (about the built-in demo partnership)',
    demo,
    { full: 100, filtered: 200 },
    3,
  );
  demo.close();
}

if (process.env.BENCH_DEMO_ONLY) process.exit(0);
// 1,000,000 attendance rows and 2,000,000 responses at scale 1.
const large = build('large', Math.round(19_250 * scale), 24);
await measure('large project', large, { full: 1000, filtered: 200 }, 1);
large.close();
if (!process.env.BENCH_KEEP)
  for (const n of ['demo-sized', 'large'])
    for (const s of ['', '-wal', '-shm'])
      if (existsSync(join(dir, `${n}.trellis${s}`))) rmSync(join(dir, `${n}.trellis${s}`));
