import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { buildSyntheticProject } from '../../../bench/synthetic-project';
import { openProject, type Db } from '../../../src/main/db/open-project';
import { clearMetricsCache } from '../../../src/main/metrics/cache';
import { computeMetrics } from '../../../src/main/metrics/compute';
import type { MetricFilters } from '../../../src/shared/metrics';
import { useTempDir } from '../../helpers/temp';
import { storedLayerKeys } from '../../helpers/metrics-layers';

/**
 * The survey answer layer kept in the project file (src/main/metrics/base/surveys.ts): a layer of an
 * older format left in a project file is never read as the new one, and answers with many distinct
 * values (a slider, a numeric item) take the wider code arrays and still give the raw rows' figures.
 */
const INPUTS: { filters: MetricFilters; by: string[] }[] = [
  { filters: {}, by: ['cohort'] },
  { filters: {}, by: ['program', 'wave'] },
  { filters: { programs: ['CLUB'], cohorts: ['2024-25'] }, by: ['site'] },
  { filters: { attributes: { grade: ['7'] }, dateFrom: '2023-10-01', dateTo: '2024-03-31' }, by: [] },
];
const fixed = () => new Date(0);
const all = (db: Db) => INPUTS.map((input) => computeMetrics(db, input, fixed));
const stored = storedLayerKeys;

describe('the stored survey answer layer', () => {
  const temp = useTempDir();

  it('ignores a layer of the older format and stores its own next to it', () => {
    const path = join(temp(), 'old-layer.trellis');
    let project = openProject(path);
    buildSyntheticProject(project.db, { youthPerCohort: 120, weeks: 6, seed: 3 });
    const first = all(project.db);
    // The project as an older Trellis left it: only the answer pivot of format 1 (one float per
    // answer), here with every answer a 5, so figures read from it would be plainly wrong.
    const items = project.db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
    const sittings = project.db.prepare('SELECT count(*) FROM sittings').pluck().get() as number;
    project.db.prepare('DELETE FROM metrics_layers').run();
    const v1 = {
      items,
      respondent: new Int32Array(sittings),
      administration: new Int32Array(sittings),
      waves: ['pre'],
      wave: new Uint8Array(sittings),
      values: new Float64Array(sittings * items.length).fill(5),
    };
    project.db
      .prepare('INSERT INTO metrics_layers (key, data) VALUES (?, ?)')
      .run(`answers:v1:${items.join(',')}`, serialize(v1));
    project.close();

    project = openProject(path);
    expect(all(project.db)).toEqual(first);
    const keys = stored(project.db);
    expect(keys.some((k) => k.startsWith(`answer-grid:v3:${items.join(',')}`))).toBe(true);
    project.close();

    // A later process reads the new layer and gets the same figures again.
    project = openProject(path);
    expect(all(project.db)).toEqual(first);
    expect(stored(project.db)).toEqual(keys);
    project.close();
  }, 120_000);

  it('builds again a stored layer under the current key that it cannot read (a damaged file)', () => {
    const path = join(temp(), 'damaged-layer.trellis');
    let project = openProject(path);
    buildSyntheticProject(project.db, { youthPerCohort: 120, weeks: 6, seed: 4 });
    const first = all(project.db);
    const keys = project.db.prepare('SELECT key FROM metrics_layers').pluck().all() as string[];
    const gridKey = keys.find((k) => k.startsWith('answer-grid:'));
    expect(gridKey).toBeDefined();
    // The same key, with a value of another shape (as a format change that kept its key would leave).
    project.db
      .prepare('UPDATE metrics_layers SET data = ? WHERE key = ?')
      .run(serialize({ items: [1], codes: 'not columns' }), gridKey);
    project.close();

    project = openProject(path);
    expect(all(project.db)).toEqual(first);
    // ...and the stored layer is the readable one again.
    const data = project.db.prepare('SELECT data FROM metrics_layers WHERE key = ?').pluck().get(gridKey);
    expect(Buffer.compare(data as Buffer, serialize({ items: [1], codes: 'not columns' }))).not.toBe(0);
    project.close();
  }, 120_000);

  it('gives the raw rows figures for answers with thousands of distinct values', () => {
    const path = join(temp(), 'slider.trellis');
    let project = openProject(path);
    let db = project.db;
    buildSyntheticProject(db, { youthPerCohort: 120, weeks: 6, seed: 9 });
    // Half the youth answers become fractions in the scale's range, distinct per sitting and item:
    // more distinct values than one byte, or an array per item cell, can count.
    db.prepare(
      `UPDATE answers SET value = 1 + ((sitting_id * 40 + item_id) % 9000) / 10000.0
       WHERE value IS NOT NULL AND sitting_id % 2 = 1
         AND item_id IN (SELECT i.id FROM items i JOIN instruments n ON n.id = i.instrument_id
                         WHERE n.respondent_kind = 'youth' AND i.construct_id IS NOT NULL)`,
    ).run();
    const distinct = db.prepare('SELECT count(DISTINCT value) FROM answers').pluck().get() as number;
    expect(distinct).toBeGreaterThan(4096);

    const check = (db: Db) => {
      const r = computeMetrics(db, { filters: {}, by: ['wave'], sections: ['scales', 'items'] }, fixed);
      // Scale means: the mean of the in-range answers (reverse coded) per youth sitting, from SQL.
      const means = db
        .prepare(
          `SELECT scale, wave, avg(score) AS mean, count(*) AS n FROM (
             SELECT k.code AS scale, s.wave, s.id,
                    avg(CASE WHEN it.is_reverse_coded = 1 THEN rs.min_value + rs.max_value - a.value ELSE a.value END) AS score,
                    count(*) AS answered, k.min_items AS minItems,
                    (SELECT count(*) FROM items x WHERE x.construct_id = k.id) AS nItems
             FROM answers a JOIN sittings s ON s.id = a.sitting_id JOIN items it ON it.id = a.item_id
             JOIN constructs k ON k.id = it.construct_id JOIN response_scales rs ON rs.id = it.response_scale_id
             JOIN respondents p ON p.id = s.respondent_id
             WHERE p.kind = 'youth' AND a.value BETWEEN rs.min_value AND rs.max_value
             GROUP BY k.id, s.id)
           WHERE answered >= max(1, minItems, (nItems + 1) / 2)
           GROUP BY scale, wave`,
        )
        .all() as { scale: string; wave: string; mean: number; n: number }[];
      expect(r.scales.length).toBe(means.length);
      for (const m of means) {
        const row = r.scales.find((s) => s.scale === m.scale && s.group.wave?.code === m.wave)!;
        expect(row.n).toBe(m.n);
        expect(row.mean).toBeCloseTo(m.mean, 10);
      }
      // Item distributions: answers per option value, from SQL (fractions count in no category).
      const counts = db
        .prepare(
          `SELECT it.code AS item, s.wave, a.value, count(*) AS n
           FROM answers a JOIN sittings s ON s.id = a.sitting_id JOIN items it ON it.id = a.item_id
           JOIN respondents p ON p.id = s.respondent_id
           WHERE p.kind = 'youth' AND it.construct_id IS NOT NULL AND a.value IN (1, 2, 3, 4, 5)
           GROUP BY it.code, s.wave, a.value`,
        )
        .all() as { item: string; wave: string; value: number; n: number }[];
      let shown = 0;
      for (const c of counts) {
        const row = r.items.find((i) => i.item === c.item && i.group.wave?.code === c.wave)!;
        const cat = row.categories.find((x) => x.value === c.value)!;
        if (cat.count === null) continue; // hidden: fewer than the threshold
        expect(cat.count).toBe(c.n);
        shown += 1;
      }
      // Most counts are shown (the rest are below the threshold, or their complements).
      expect(shown).toBeGreaterThan(counts.length / 4);
      return r;
    };
    const first = check(db);
    project.close();
    // Read back from the stored layer by a new connection: the same figures.
    project = openProject(path);
    db = project.db;
    expect(stored(db).some((k) => k.startsWith('answer-grid:v3:'))).toBe(true);
    expect(check(db)).toEqual(first);
    clearMetricsCache(db);
    project.close();
  }, 120_000);
});
