/**
 * CPU time of each survey step of one dashboard computation (src/main/metrics/base/surveys.ts,
 * sections/survey-sittings.ts, sections/surveys.ts), on a project kept by bench:metrics (default
 * .bench/large.trellis): cold (in-memory cache dropped, stored layers read) for the full set by cohort,
 * then the filtered recomputation (CLUB, 2024-25, by site) after the full set by cohort and by program. Reference
 * data and people are loaded first and not counted. Prints the least and the median of RUNS (default 5).
 *   BENCH_ENTRY=bench/metrics-surveys-profile.ts npx vite build --config bench/metrics.vite.config.ts
 *   node .bench/metrics-surveys-profile.mjs [.bench/large.trellis]
 */
import { resolve } from 'node:path';
import type { MetricFilters } from '../src/shared/metrics';
import { openProject } from '../src/main/db/open-project';
import { readSettings } from '../src/main/db/project-settings';
import { clearMetricsCache, pinned } from '../src/main/metrics/cache';
import { createCtx } from '../src/main/metrics/context';
import { loadAnswerGrid, loadScores } from '../src/main/metrics/base/surveys';
import { loadPeople, loadRefs } from '../src/main/metrics/base/refs';
import { attendanceColumns } from '../src/main/metrics/base/attendance';
import { youthGroups, youthTable } from '../src/main/metrics/sections/survey-sittings';
import {
  computeItems,
  computeMatchReport,
  computePartnerHealth,
  computePrePost,
  computePrePostByDosage,
  computeReliability,
  computeScales,
  matchPairs,
  surveyRetentionRows,
  youthSittings,
} from '../src/main/metrics/sections/surveys';

const project = openProject(resolve(process.argv[2] ?? '.bench/large.trellis'));
const db = project.db;
const settings = readSettings(db);
const runs = Number(process.env.RUNS ?? 5);

function steps(filters: MetricFilters, by: string[], cold: boolean): Map<string, number> {
  const times = new Map<string, number>();
  const t = <T>(label: string, f: () => T): T => {
    const c = process.cpuUsage();
    const v = f();
    const u = process.cpuUsage(c);
    times.set(label, (u.user + u.system) / 1000);
    return v;
  };
  if (cold) clearMetricsCache(db);
  pinned(db, () => {
    loadRefs(db);
    loadPeople(db);
    if (cold) attendanceColumns(db, { byPartner: false });
    const ctx = createCtx(db, settings, filters, by);
    const start = process.cpuUsage();
    t('answer grid (stored layer read)', () => loadAnswerGrid(db));
    t('scale scores', () => loadScores(db, settings.minItemShare));
    t('youth table', () => youthTable(ctx));
    t('groups', () => youthGroups(ctx, by));
    const youth = t('youthSittings (selection)', () => youthSittings(ctx));
    t('scales', () => computeScales(ctx, youth));
    t('reliability', () => computeReliability(ctx, youth));
    t('items', () => computeItems(ctx, youth));
    const pairs = t('matchPairs', () => matchPairs(ctx, youth));
    t('prePost', () => computePrePost(ctx, pairs));
    t('prePostByDosage', () => computePrePostByDosage(ctx, pairs));
    t('matchReport', () => computeMatchReport(ctx, youth));
    t('survey retention', () => surveyRetentionRows(ctx, youth));
    t('partnerHealth', () => computePartnerHealth(ctx));
    const u = process.cpuUsage(start);
    times.set('total', (u.user + u.system) / 1000);
  });
  return times;
}

function report(label: string, f: () => Map<string, number>) {
  const all = Array.from({ length: runs }, f);
  console.log(label);
  for (const k of all[0]!.keys()) {
    const v = all.map((m) => m.get(k)!).sort((a, b) => a - b);
    console.log(`${v[0]!.toFixed(1).padStart(9)} ${v[v.length >> 1]!.toFixed(1).padStart(9)} ms  ${k}`);
  }
}

report('cold, full set by cohort (cpu ms: min, median)', () => steps({}, ['cohort'], true));
report('filtered, CLUB 2024-25 by site, base layers in memory (cpu ms: min, median)', () => {
  // As bench:metrics: the full set by cohort, then by program, then the filtered set.
  clearMetricsCache(db);
  steps({}, ['cohort'], false);
  steps({}, ['program'], false);
  return steps({ programs: ['CLUB'], cohorts: ['2024-25'] }, ['site'], false);
});
project.close();
