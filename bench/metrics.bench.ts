/**
 * npm run bench:metrics: builds a large synthetic project (about 1,000,000 attendance rows and
 * 2,000,000 survey responses, bench/synthetic-project.ts) and the demo-sized one, then times the full
 * dashboard metric set for all cohorts and one filtered recomputation.
 *
 * Figures printed (medians of several runs where the cache allows):
 *   rebuild first compute after a data change: the stored base layers (metrics_layers) rebuilt from
 *           attendance and responses, then the full set
 *   cold    first compute in a new process (or after the in-memory cache is dropped), data unchanged:
 *           stored base layers read from the project file, everything else computed
 *   warm    the full set again with another split (base layers in memory, results not)
 *   filter  one filtered recomputation (a program and a cohort), base layers in memory
 * Targets (issue 5): demo full set < 100 ms; large full set < 1 s; filtered < 200 ms.
 *
 * Env: BENCH_SCALE=0.1 for a quick run; BENCH_KEEP=1 keeps the project files in .bench/; BENCH_REUSE=1
 * (with BENCH_KEEP=1) measures the kept ones again instead of building them; BENCH_DEMO_ONLY=1 skips the
 * large project.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
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

/** CPU milliseconds of this process per label (the machine is shared: wall time varies with load). */
const cpuOf = new Map<string, number[]>();
function time<T>(f: () => T, label?: string): [number, T] {
  const t = performance.now();
  const c = process.cpuUsage();
  const v = f();
  const used = process.cpuUsage(c);
  if (label) cpuOf.set(label, [...(cpuOf.get(label) ?? []), (used.user + used.system) / 1000]);
  return [performance.now() - t, v];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

function measure(
  label: string,
  project: Project,
  targets: { full: number; filtered: number },
  rebuilds: number,
) {
  const db = project.db;
  const full = () => computeMetrics(db, { filters: {}, by: ['cohort'] });
  const rebuild: number[] = [];
  for (let i = 0; i < rebuilds; i += 1) {
    db.prepare('DELETE FROM metrics_layers').run(); // what any write to attendance or responses does
    clearMetricsCache(db);
    rebuild.push(time(full, 'rebuild')[0]);
  }
  const cold: number[] = [];
  const warm: number[] = [];
  const filtered: number[] = [];
  for (let i = 0; i < 3; i += 1) {
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
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  const ok = (ms: number, target: number) => (ms < target ? 'met' : 'NOT met');
  console.log(`\n${label}`);
  console.log(`  full set after a data change (stored layers rebuilt)  ${f(median(rebuild))}`);
  console.log(
    `  full set, cold (stored layers read, data unchanged)   ${f(median(cold))}   target < ${targets.full} ms: ${ok(median(cold), targets.full)}`,
  );
  console.log(`  full set, base layers cached (another split)         ${f(median(warm))}`);
  console.log(
    `  filtered recomputation (CLUB, 2024-25, by site)      ${f(median(filtered))}   target < ${targets.filtered} ms: ${ok(median(filtered), targets.filtered)}`,
  );
  console.log(`  same call again (result cache)                       ${f(cachedMs)}`);
  const cpu = (k: string) => f(median(cpuOf.get(k) ?? []));
  console.log(
    `  CPU time (medians): rebuild ${cpu('rebuild')}, cold ${cpu('cold')}, another split ${cpu('warm')}, filtered ${cpu('filtered')}; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  cpuOf.clear();
}

function build(name: string, youthPerCohort: number, weeks: number) {
  const kept = join(dir, `${name}.trellis`);
  if (process.env.BENCH_REUSE && existsSync(kept)) {
    // A project kept by an earlier BENCH_KEEP=1 run (same scale): no need to build it again.
    console.log(`${name}: reusing ${kept}`);
    return openProject(kept);
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
  measure('demo-sized project (about the built-in demo partnership)', demo, { full: 100, filtered: 200 }, 3);
  demo.close();
}

if (process.env.BENCH_DEMO_ONLY) process.exit(0);
// 1,000,000 attendance rows and 2,000,000 responses at scale 1.
const large = build('large', Math.round(19_250 * scale), 24);
measure('large project', large, { full: 1000, filtered: 200 }, 1);
large.close();
if (!process.env.BENCH_KEEP)
  for (const n of ['demo-sized', 'large'])
    for (const s of ['', '-wal', '-shm'])
      if (existsSync(join(dir, `${n}.trellis${s}`))) rmSync(join(dir, `${n}.trellis${s}`));
