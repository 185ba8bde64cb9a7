import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSyntheticProject } from '../../../bench/synthetic-project';
import { openProject, type Db } from '../../../src/main/db/open-project';
import { clearMetricsCache } from '../../../src/main/metrics/cache';
import { computeMetrics } from '../../../src/main/metrics/compute';
import type { MetricFilters, MetricsResult } from '../../../src/shared/metrics';
import { useTempDir } from '../../helpers/temp';
import { storedLayerKeys } from '../../helpers/metrics-layers';

/**
 * The base layers the engine keeps in the project file (metrics_layers, src/main/metrics/layers.ts):
 * a new connection starts from them and gets the same figures, they are dropped by any change to
 * attendance, sessions or responses, and the figures built on them agree with a plain recomputation
 * from the raw rows.
 */
const INPUTS: { filters: MetricFilters; by: string[] }[] = [
  { filters: {}, by: ['cohort'] },
  { filters: {}, by: ['program', 'wave'] },
  { filters: { programs: ['CLUB'], cohorts: ['2024-25'] }, by: ['site'] },
  { filters: { partnerTypes: ['business'] }, by: ['partner'] },
  { filters: { attributes: { grade: ['7'] }, dateFrom: '2023-10-01', dateTo: '2024-03-31' }, by: [] },
];
const fixed = () => new Date(0);
const all = (db: Db) => INPUTS.map((input) => computeMetrics(db, input, fixed));
const stored = storedLayerKeys;

/** Contact hours and youth served per cohort, and youth scale means per scale and wave, from raw rows. */
function plain(db: Db) {
  const hours = db
    .prepare(
      `SELECT c.code AS cohort, sum(coalesce(a.minutes_attended, s.minutes_offered)) / 60.0 AS hours,
              count(DISTINCT a.participant_id) AS served
       FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN cohorts c ON c.id = s.cohort_id
       WHERE a.is_present = 1 GROUP BY c.code ORDER BY c.code`,
    )
    .all() as { cohort: string; hours: number; served: number }[];
  const rows = db
    .prepare(
      `SELECT r.respondent_id AS respondent, r.administration_id AS adm, r.wave, k.code AS scale,
              k.min_items AS minItems, (SELECT count(*) FROM items x WHERE x.construct_id = k.id) AS nItems,
              CASE WHEN it.is_reverse_coded = 1 THEN rs.min_value + rs.max_value - r.value ELSE r.value END AS v
       FROM responses r JOIN items it ON it.id = r.item_id JOIN constructs k ON k.id = it.construct_id
       JOIN response_scales rs ON rs.id = it.response_scale_id JOIN respondents p ON p.id = r.respondent_id
       WHERE p.kind = 'youth' AND r.value BETWEEN rs.min_value AND rs.max_value`,
    )
    .all() as {
    respondent: number;
    adm: number;
    wave: string;
    scale: string;
    minItems: number;
    nItems: number;
    v: number;
  }[];
  const sittings = new Map<string, { scale: string; wave: string; need: number; values: number[] }>();
  for (const r of rows) {
    const k = `${r.respondent}|${r.adm}|${r.wave}|${r.scale}`;
    const s = sittings.get(k) ?? {
      scale: r.scale,
      wave: r.wave,
      need: Math.max(1, r.minItems, Math.ceil(0.5 * r.nItems)),
      values: [],
    };
    s.values.push(r.v);
    sittings.set(k, s);
  }
  const scores = new Map<string, number[]>();
  for (const s of sittings.values()) {
    if (s.values.length < s.need) continue;
    const k = `${s.scale}|${s.wave}`;
    scores.set(k, [...(scores.get(k) ?? []), s.values.reduce((a, b) => a + b, 0) / s.values.length]);
  }
  return { hours, scores };
}

describe('base layers kept in the project file', () => {
  const temp = useTempDir();

  it('give a new connection the same figures, agree with the raw rows, and go when the data changes', () => {
    const path = join(temp(), 'layers.trellis');
    let project = openProject(path);
    buildSyntheticProject(project.db, { youthPerCohort: 150, weeks: 10, seed: 11 });
    expect(stored(project.db)).toEqual([]);
    const first = all(project.db);
    const keys = stored(project.db);
    // Attendance as columns (v2; the distinct days per youth and cohort are a column of the merged cells).
    expect(keys.some((k) => k.startsWith('attendance-cells:v2'))).toBe(true);
    expect(keys.some((k) => k.startsWith('attendance-merged:v2'))).toBe(true);
    expect(keys.some((k) => k.startsWith('answer-grid:v3:'))).toBe(true);
    // Storing the layers is not a data change: the result cache still answers.
    expect(computeMetrics(project.db, INPUTS[0]!, fixed)).toBe(first[0]);
    project.close();

    // A new connection reads the stored layers and computes the same figures.
    project = openProject(path);
    const db = project.db;
    expect(stored(db)).toEqual(keys);
    const again = all(db);
    expect(again).toEqual(first);

    // The figures agree with a plain recomputation from the raw rows.
    const byCohort = first[0] as MetricsResult;
    const { hours, scores } = plain(db);
    for (const h of hours) {
      const dosage = byCohort.dosage.find((d) => d.group.cohort?.code === h.cohort)!;
      const reach = byCohort.reach.find((d) => d.group.cohort?.code === h.cohort)!;
      expect(dosage.contactHoursTotal).toBeCloseTo(h.hours, 9);
      expect(reach.youthServed).toBe(h.served);
    }
    const overall = computeMetrics(db, { filters: {}, by: ['wave'], sections: ['scales'] }, fixed);
    expect(overall.scales.length).toBe(scores.size);
    for (const row of overall.scales) {
      const s = scores.get(`${row.scale}|${row.group.wave!.code}`)!;
      expect(row.n).toBe(s.length);
      expect(row.mean).toBeCloseTo(s.reduce((a, b) => a + b, 0) / s.length, 12);
    }

    // Rebuilt from scratch (no stored layers, empty memory cache): the same figures.
    db.prepare('DELETE FROM metrics_layers').run();
    clearMetricsCache(db);
    expect(all(db)).toEqual(first);

    // New attendance empties the store; the next computation counts the new youth and stores afresh.
    const session1 = db.prepare('SELECT min(id) FROM sessions').pluck().get() as number;
    const imp = db.prepare('SELECT min(id) FROM imports').pluck().get() as number;
    const p = Number(db.prepare("INSERT INTO participants (key) VALUES ('NEW1')").run().lastInsertRowid);
    db.prepare(
      'INSERT INTO attendance (participant_id, session_id, is_present, import_id, source_row) VALUES (?, ?, 1, ?, 1)',
    ).run(p, session1, imp);
    expect(stored(db)).toEqual([]);
    const served = computeMetrics(db, { filters: {}, by: [], sections: ['reach'] }, fixed);
    expect(served.reach[0]!.youthServed).toBe(
      db.prepare('SELECT count(DISTINCT participant_id) FROM attendance WHERE is_present = 1').pluck().get(),
    );
    expect(stored(db).length).toBeGreaterThan(0);

    // Changed answers, and a deleted session, empty it too; figures follow the data.
    db.prepare('UPDATE responses SET value = 1 WHERE value = 5').run();
    expect(stored(db)).toEqual([]);
    const lower = computeMetrics(db, { filters: {}, by: ['wave'], sections: ['scales'] }, fixed);
    const now = plain(db).scores;
    for (const row of lower.scales) {
      const s = now.get(`${row.scale}|${row.group.wave!.code}`)!;
      expect(row.mean).toBeCloseTo(s.reduce((a, b) => a + b, 0) / s.length, 12);
    }
    all(db);
    expect(stored(db).length).toBeGreaterThan(0);
    db.prepare('DELETE FROM attendance WHERE session_id = ?').run(session1);
    db.prepare('DELETE FROM session_mentors WHERE session_id = ?').run(session1);
    db.prepare('DELETE FROM sessions WHERE id = ?').run(session1);
    expect(stored(db)).toEqual([]);
    project.close();
  }, 120_000);

  it('keep the attendance and answer layers when enrolments or attributes change, and the figures follow those changes', () => {
    const path = join(temp(), 'people.trellis');
    const project = openProject(path);
    const db = project.db;
    buildSyntheticProject(db, { youthPerCohort: 150, weeks: 10, seed: 5 });
    const dosage = () =>
      computeMetrics(db, { filters: {}, by: ['cohort'], sections: ['dosage', 'reach'] }, fixed);
    const grade7 = () =>
      computeMetrics(
        db,
        { filters: { attributes: { grade: ['7'] } }, by: [], sections: ['scales', 'reach'] },
        fixed,
      );
    const before = dosage();
    const before7 = grade7();
    const keys = stored(db);
    expect(keys).toContain('people:v1');
    const withoutPeople = keys.filter((k) => k !== 'people:v1');
    expect(withoutPeople.length).toBeGreaterThan(0);

    // Youth who left early were offered fewer sessions: their attendance rate goes up. The stored
    // layers of attendance and answers stay; the people layer (enrolments and attributes) goes, and
    // every figure built on enrolments is worked out again.
    const cohort = db.prepare('SELECT id, code, starts_on FROM cohorts ORDER BY starts_on').get() as {
      id: number;
      code: string;
      starts_on: string;
    };
    const exit = db
      .prepare(
        `SELECT min(s.session_date) FROM sessions s WHERE s.cohort_id = ? AND s.session_date > date(?, '+40 days')`,
      )
      .pluck()
      .get(cohort.id, cohort.starts_on) as string;
    db.prepare('UPDATE enrolments SET exited_on = ? WHERE cohort_id = ?').run(exit, cohort.id);
    expect(stored(db)).toEqual(withoutPeople);
    const after = dosage();
    expect(stored(db)).toEqual(keys);
    const rate = (r: MetricsResult) =>
      r.dosage.find((d) => d.group.cohort?.code === cohort.code)!.attendanceRateMean!;
    expect(rate(after)).toBeGreaterThan(rate(before));
    const other = (r: MetricsResult) => r.dosage.filter((d) => d.group.cohort?.code !== cohort.code);
    expect(other(after)).toEqual(other(before));

    // Every youth now in grade 7: the attribute filter selects everyone.
    db.prepare("UPDATE participant_attributes SET value = '7' WHERE name = 'grade'").run();
    expect(stored(db)).toEqual(withoutPeople);
    const after7 = grade7();
    const all = computeMetrics(db, { filters: {}, by: [], sections: ['scales', 'reach'] }, fixed);
    expect(after7.reach[0]!.youthServed).toBeGreaterThan(before7.reach[0]!.youthServed!);
    expect(after7.reach[0]!.youthServed).toBe(all.reach[0]!.youthServed);
    expect(after7.scales.map((r) => r.n)).toEqual(all.scales.map((r) => r.n));
    project.close();
  }, 120_000);
});
