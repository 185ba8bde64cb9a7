/**
 * Before/after check for engine refactors (not a benchmark): computes the metric set over a matrix of
 * filters and splits on the demo partnership and a seeded mid-size synthetic project, and writes the
 * results (without computedAt) to .bench/snapshot-<name>.json; with SNAPSHOT_COMPARE=1 it compares
 * against the files written before and prints every difference.
 *   BENCH_ENTRY=bench/metrics-snapshot.ts npx vite build --config bench/metrics.vite.config.ts
 *   node .bench/metrics-snapshot.mjs            (write)   SNAPSHOT_COMPARE=1 node ...   (compare)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { MetricFilters } from '../src/shared/metrics';
import type { Db } from '../src/main/db/open-project';
import { openProject } from '../src/main/db/open-project';
import { clearMetricsCache } from '../src/main/metrics/cache';
import { computeMetrics } from '../src/main/metrics/compute';
import { ensureDemoProject } from '../src/main/services/demo-project';
import { buildSyntheticProject } from './synthetic-project';

const dir = resolve(process.cwd(), '.bench');

export function combos(db: Db): { filters: MetricFilters; by: string[] }[] {
  const col = (sql: string) => db.prepare(sql).pluck().all() as string[];
  const cohorts = col('SELECT code FROM cohorts ORDER BY starts_on');
  const programs = col('SELECT code FROM programs ORDER BY id');
  const sites = col('SELECT code FROM sites ORDER BY id');
  const partners = col('SELECT key FROM partners ORDER BY id');
  const types = col('SELECT DISTINCT partner_type FROM partners ORDER BY 1');
  const attrs = col('SELECT DISTINCT name FROM participant_attributes ORDER BY 1');
  const attrValue = (name: string) =>
    col(`SELECT DISTINCT value FROM participant_attributes WHERE name = '${name}' ORDER BY 1`)[0]!;
  const splits: string[][] = [
    [],
    ['cohort'],
    ['program'],
    ['site'],
    ['partner'],
    ['partner_type'],
    ['wave'],
    ['cohort', 'program'],
    ['program', 'wave'],
    ['cohort', 'partner_type'],
    ...attrs.slice(0, 2).map((a) => [`attribute:${a}`]),
  ];
  const filterSets: MetricFilters[] = [
    {},
    { cohorts: [cohorts[1]!] },
    { programs: [programs[1]!], cohorts: [cohorts[2] ?? cohorts[0]!] },
    { sites: [sites[0]!] },
    { partners: [partners[4]!, partners[5]!] },
    { partnerTypes: [types.includes('business') ? 'business' : types[0]!] },
    { attributes: { [attrs[0]!]: [attrValue(attrs[0]!)] } },
    { dateFrom: `${cohorts[1]!.slice(0, 4)}-10-01`, dateTo: `${cohorts[1]!.slice(0, 4)}-12-31` },
    { programs: [programs[0]!], dateFrom: `${cohorts[0]!.slice(0, 4)}-11-15` },
  ];
  const out: { filters: MetricFilters; by: string[] }[] = [];
  for (const by of splits) out.push({ filters: {}, by });
  for (const filters of filterSets.slice(1)) {
    out.push({ filters, by: [] });
    out.push({ filters, by: ['cohort'] });
    out.push({ filters, by: ['site'] });
    out.push({ filters, by: ['partner'] });
  }
  return out;
}

function run(name: string, db: Db) {
  const file = join(dir, `snapshot-${name}.json`);
  const results = combos(db).map((c) => {
    clearMetricsCache(db);
    const r = computeMetrics(db, c, () => new Date(0));
    return { input: c, result: JSON.parse(JSON.stringify(r)) as unknown };
  });
  if (!process.env.SNAPSHOT_COMPARE) {
    writeFileSync(file, JSON.stringify(results));
    console.log(`${name}: wrote ${results.length} results`);
    return;
  }
  const before = JSON.parse(readFileSync(file, 'utf8')) as typeof results;
  let diffs = 0;
  results.forEach((r, i) => {
    const b = before[i]!;
    if (!isDeepStrictEqual(b.result, r.result)) {
      diffs += 1;
      const br = b.result as Record<string, unknown>;
      const ar = r.result as Record<string, unknown>;
      for (const k of Object.keys(br))
        if (!isDeepStrictEqual(br[k], ar[k]))
          console.log(`${name} ${JSON.stringify(r.input)} section ${k} differs`);
    }
  });
  console.log(`${name}: ${results.length} results compared, ${diffs} differ`);
}

async function main() {
  mkdirSync(dir, { recursive: true });
  const demoPath = join(dir, 'snap-demo.trellis');
  if (!existsSync(demoPath)) {
    const { project } = await ensureDemoProject(demoPath, resolve(process.cwd(), 'resources'));
    project.close();
  }
  const demo = openProject(demoPath);
  run('demo', demo.db);
  demo.close();
  const midPath = join(dir, 'snap-mid.trellis');
  if (!existsSync(midPath)) {
    const p = openProject(midPath);
    buildSyntheticProject(p.db, { youthPerCohort: 1500, weeks: 20, seed: 7 });
    p.close();
  }
  const mid = openProject(midPath);
  run('mid', mid.db);
  mid.close();
  if (process.env.SNAPSHOT_CLEAN) for (const p of [demoPath, midPath]) rmSync(p, { force: true });
}

void main();
