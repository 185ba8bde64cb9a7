/**
 * CPU time of the attendance side of the engine, step by step, cold (in-memory cache dropped, stored
 * layers read from the project file) and for the filtered recomputation; a few rounds, the first with
 * nothing compiled yet.
 *   BENCH_ENTRY=bench/metrics-attendance-profile.ts npx vite build --config bench/metrics.vite.config.ts
 *   node .bench/metrics-attendance-profile.mjs [.bench/large.trellis] [rounds]
 */
import { resolve } from 'node:path';
import { openProject } from '../src/main/db/open-project';
import { readSettings } from '../src/main/db/project-settings';
import { attendanceColumns, partnerUnits } from '../src/main/metrics/base/attendance';
import { loadPeople, loadRefs, loadSessions } from '../src/main/metrics/base/refs';
import { clearMetricsCache, pinned } from '../src/main/metrics/cache';
import { createCtx } from '../src/main/metrics/context';
import {
  attendanceGroups,
  computeAttendanceRetention,
  computeDosage,
  computeDosageBands,
  computeReach,
} from '../src/main/metrics/sections/attendance';
import { computeContributions } from '../src/main/metrics/sections/partners';
import type { MetricFilters } from '../src/shared/metrics';

const path = resolve(process.argv[2] ?? '.bench/large.trellis');
const rounds = Number(process.argv[3] ?? '3');
const project = openProject(path);
const db = project.db;
const settings = readSettings(db);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

function round(label: string, cold: boolean) {
  const steps: [string, number][] = [];
  const t = <T>(name: string, f: () => T): T => {
    const s = cpu();
    const v = f();
    steps.push([name, cpu() - s]);
    return v;
  };
  if (cold) clearMetricsCache(db);
  pinned(db, () => {
    if (cold) {
      t('refs', () => loadRefs(db));
      t('people', () => loadPeople(db));
      t('sessions', () => loadSessions(db));
      t('cells (merged)', () => attendanceColumns(db, { byPartner: false }));
      t('partner units (contributions)', () => partnerUnits(db));
    }
    const sets: [string, MetricFilters, string[]][] = cold
      ? [['full by cohort', {}, ['cohort']]]
      : [['CLUB 2024-25 by site', { programs: ['CLUB'], cohorts: ['2024-25'] }, ['site']]];
    if (cold)
      for (const c of loadRefs(db).cohorts) sets.push([`goal cohort ${c.code}`, { cohorts: [c.code] }, []]);
    for (const [name, filters, by] of sets) {
      const ctx = createCtx(db, settings, filters, by);
      const groups = t(`${name}: attendanceGroups`, () => attendanceGroups(ctx));
      if (name === 'full by cohort')
        t(`${name}: attendanceGroups again (no per-data-version work)`, () => attendanceGroups(ctx));
      t(`${name}: reach`, () => computeReach(ctx, groups));
      t(`${name}: dosage`, () => computeDosage(ctx, groups));
      t(`${name}: dosage bands`, () => computeDosageBands(ctx, groups));
      t(`${name}: retention (attendance)`, () => computeAttendanceRetention(ctx, groups));
      t(`${name}: contributions`, () => computeContributions(ctx));
    }
  });
  const total = steps.reduce((a, [, ms]) => a + ms, 0);
  console.log(`${label}: ${total.toFixed(0)} ms cpu`);
  for (const [name, ms] of steps) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
}

for (let i = 0; i < rounds; i += 1) {
  round(`round ${i + 1} cold`, true);
  round(`round ${i + 1} filtered`, false);
}
project.close();
