/** Profiling aid: the full set on the demo-sized project, repeated (node --cpu-prof .bench/profile-demo.bench.mjs). */
import { rmSync } from 'node:fs';
import { openProject } from '../src/main/db/open-project';
import { clearMetricsCache } from '../src/main/metrics/cache';
import { computeMetrics } from '../src/main/metrics/compute';
import { buildSyntheticProject } from './synthetic-project';

const path = '.bench/profile-demo.trellis';
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
const p = openProject(path);
buildSyntheticProject(p.db, { youthPerCohort: 200, weeks: 30 });
const t0 = performance.now();
for (let i = 0; i < 10; i += 1) {
  clearMetricsCache(p.db);
  computeMetrics(p.db, { filters: {}, by: ['cohort'] });
}
console.log('cold x10', (performance.now() - t0).toFixed(0), 'ms');
const t1 = performance.now();
for (let i = 0; i < 10; i += 1)
  computeMetrics(p.db, {
    filters: {},
    by: [i % 2 ? 'program' : 'site'],
    sections: [
      'reach',
      'dosage',
      'scales',
      'prePost',
      'prePostByDosage',
      'items',
      'reliability',
      'partnerHealth',
      'contributions',
      'matchReport',
      'retention',
      `goals`,
    ] as never,
  });
console.log('warm x10', (performance.now() - t1).toFixed(0), 'ms');
p.close();
