/**
 * CPU profile of filtered recomputations only (base layers already in memory), as the dashboards ask
 * for them after a filter change: writes .bench/filtered.cpuprofile (open in Chrome DevTools).
 * PROFILE_MODE=cold profiles cold full sets by cohort instead (in-memory cache dropped before each).
 *   BENCH_ENTRY=bench/metrics-profile-filtered.ts npx vite build --config bench/metrics.vite.config.ts
 *   node .bench/metrics-profile-filtered.mjs [.bench/large.trellis]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { resolve } from 'node:path';
import { openProject } from '../src/main/db/open-project';
import { clearMetricsCache } from '../src/main/metrics/cache';
import { computeMetrics } from '../src/main/metrics/compute';

const project = openProject(resolve(process.argv[2] ?? '.bench/large.trellis'));
const db = project.db;
computeMetrics(db, { filters: {}, by: ['cohort'] });
const col = (sql: string) => db.prepare(sql).pluck().all() as string[];
const cohorts = col('SELECT code FROM cohorts ORDER BY starts_on');
const programs = col('SELECT code FROM programs ORDER BY id');
const session = new Session();
session.connect();
const post = (method: string, params?: object) =>
  new Promise<unknown>((ok, fail) =>
    session.post(method, params ?? {}, (err, res) => (err ? fail(err) : ok(res))),
  );
await post('Profiler.enable');
await post('Profiler.setSamplingInterval', { interval: 200 });
await post('Profiler.start');
const cpu = process.cpuUsage();
const start = performance.now();
let runs = 0;
const cold = process.env.PROFILE_MODE === 'cold';
if (cold)
  for (let i = 0; i < Number(process.env.PROFILE_RUNS ?? 5); i += 1) {
    clearMetricsCache(db);
    computeMetrics(db, { filters: {}, by: ['cohort'] });
    runs += 1;
  }
else
  for (const c of cohorts)
    for (const p of programs) {
      computeMetrics(db, { filters: { programs: [p], cohorts: [c] }, by: ['site'] });
      runs += 1;
    }
const used = process.cpuUsage(cpu);
console.log(
  `${runs} ${cold ? 'cold full sets' : 'filtered recomputations'}: ${((performance.now() - start) / runs).toFixed(0)} ms each, cpu ${((used.user + used.system) / 1000 / runs).toFixed(0)} ms each`,
);
const { profile } = (await post('Profiler.stop')) as { profile: unknown };
writeFileSync(resolve(`.bench/${cold ? 'cold' : 'filtered'}.cpuprofile`), JSON.stringify(profile));
project.close();
