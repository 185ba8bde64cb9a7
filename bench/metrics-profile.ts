/**
 * Where the time of one dashboard computation goes, on a project built by bench:metrics with
 * BENCH_KEEP=1 (default .bench/large.trellis): each base layer timed cold, then each section alone
 * with the base layers cached, for the full set by cohort and the filtered recomputation.
 *   BENCH_ENTRY=bench/metrics-profile.ts npx vite build --config bench/metrics.vite.config.ts
 *   node .bench/metrics-profile.mjs [.bench/large.trellis]
 */
import { resolve } from 'node:path';
import { METRIC_SECTIONS, type MetricFilters } from '../src/shared/metrics';
import { openProject } from '../src/main/db/open-project';
import { clearMetricsCache } from '../src/main/metrics/cache';
import { computeMetrics } from '../src/main/metrics/compute';

const path = resolve(process.argv[2] ?? '.bench/large.trellis');
const opening = process.cpuUsage();
const openedAt = performance.now();
const project = openProject(path);
const openCpu = process.cpuUsage(opening);
console.log(
  `${(performance.now() - openedAt).toFixed(0).padStart(7)} ms (cpu ${((openCpu.user + openCpu.system) / 1000).toFixed(0)} ms)  open (integrity check ${project.integrityChecked ? 'run' : 'skipped: untouched since a clean close'})`,
);
const db = project.db;
const t = (label: string, f: () => unknown) => {
  const s = performance.now();
  const c = process.cpuUsage();
  f();
  const cpu = process.cpuUsage(c);
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    `${(performance.now() - s).toFixed(0).padStart(7)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, heap ${heap.toFixed(0)} MB)  ${label}`,
  );
};
const runs: [string, { filters: MetricFilters; by: string[] }][] = [
  ['full by cohort', { filters: {}, by: ['cohort'] }],
  ['full by program', { filters: {}, by: ['program'] }],
  ['CLUB 2024-25 by site', { filters: { programs: ['CLUB'], cohorts: ['2024-25'] }, by: ['site'] }],
];
clearMetricsCache(db);
t('cold full set by cohort (everything; stored layers built if missing)', () =>
  computeMetrics(db, runs[0]![1]),
);
clearMetricsCache(db);
t('cold full set by cohort (stored layers read)', () => computeMetrics(db, runs[0]![1]));
clearMetricsCache(db);
// COLD_REPEAT=n: n more cold computations (JIT warm), to profile the steady state of one cold compute.
for (let i = 0; i < Number(process.env.COLD_REPEAT ?? 0); i += 1) {
  t(`cold full set by cohort, again (${i + 1})`, () => computeMetrics(db, runs[0]![1]));
  clearMetricsCache(db);
}
if (process.env.COLD_ONLY) {
  project.close();
  process.exit(0);
}
for (const [label, input] of runs) {
  for (const s of METRIC_SECTIONS) {
    t(`${label}: ${s}`, () => computeMetrics(db, { ...input, sections: [s] }));
  }
}
for (const [label, input] of runs)
  t(`${label}: all sections`, () =>
    computeMetrics(db, {
      ...input,
      by: [...input.by],
      filters: { ...input.filters },
      sections: [...METRIC_SECTIONS].reverse(),
    }),
  );
project.close();
