import { describe, expect, it } from 'vitest';
import { buildSyntheticProject } from '../../../bench/synthetic-project';
import { runCli } from '../../../src/main/cli/run-cli';
import { updateSettings } from '../../../src/main/db/project-settings';
import { computeMetrics } from '../../../src/main/metrics/compute';
import { realCore } from '../../helpers/session';
import { useTempDir } from '../../helpers/temp';

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, '0');
  return { code, out: out.join(''), err: err.join('') };
}

describe('the metrics engine', () => {
  const temp = useTempDir();

  it('computes only the sections asked for, and recomputes after the data or settings change', async () => {
    const { session, dispatch } = realCore(temp());
    const db = session.project.db;
    buildSyntheticProject(db, { youthPerCohort: 60, weeks: 8 });
    const only = computeMetrics(db, { filters: {}, by: [], sections: ['reach'] });
    expect(only.reach).toHaveLength(1);
    for (const s of ['dosage', 'scales', 'prePost', 'goals', 'items'] as const) expect(only[s]).toEqual([]);

    const before = computeMetrics(db, { filters: {}, by: [] });
    expect(computeMetrics(db, { filters: {}, by: [] })).toBe(before); // cached per filter set
    const served = before.reach[0]!.youthServed!;
    // A new youth attends a session: the next compute sees it.
    const session1 = db.prepare('SELECT min(id) FROM sessions').pluck().get() as number;
    const imp = db.prepare('SELECT min(id) FROM imports').pluck().get() as number;
    const p = Number(db.prepare("INSERT INTO participants (key) VALUES ('NEW1')").run().lastInsertRowid);
    db.prepare(
      'INSERT INTO attendance (participant_id, session_id, is_present, import_id, source_row) VALUES (?, ?, 1, ?, 1)',
    ).run(p, session1, imp);
    const after = computeMetrics(db, { filters: {}, by: [] });
    expect(after).not.toBe(before);
    expect(after.reach[0]!.youthServed).toBe(served + 1);

    // A higher threshold from the settings applies at once.
    updateSettings(db, { suppressionThreshold: 100 });
    const strict = await dispatch('metrics.compute', { by: ['cohort'] });
    expect(strict.ok).toBe(true);
    if (strict.ok) {
      const r = strict.value as typeof after;
      expect(r.threshold).toBe(100);
      expect(r.reach.every((x) => x.suppressed)).toBe(true);
    }
    session.close();
  });

  it('filters youth by an attribute without hiding sessions, partner surveys or contributions', () => {
    const { session } = realCore(temp());
    const db = session.project.db;
    buildSyntheticProject(db, { youthPerCohort: 80, weeks: 8 });
    const all = computeMetrics(db, { filters: {}, by: [] });
    const girls = computeMetrics(db, { filters: { attributes: { gender: ['Female'] } }, by: [] });
    expect(girls.reach[0]!.youthServed!).toBeLessThan(all.reach[0]!.youthServed!);
    expect(girls.reach[0]!.youthServed!).toBeGreaterThan(all.reach[0]!.youthServed! / 4);
    expect(girls.reach[0]!.sessionsOffered).toBe(all.reach[0]!.sessionsOffered);
    expect(girls.partnerHealth).toEqual(all.partnerHealth);
    expect(girls.contributions.map((c) => c.mentorHours)).toEqual(
      all.contributions.map((c) => c.mentorHours),
    );
    session.close();
  });

  it('refuses unknown filter codes and dimensions with a clear message', async () => {
    const { session, dispatch } = realCore(temp());
    buildSyntheticProject(session.project.db, { youthPerCohort: 20, weeks: 4 });
    const bad = await dispatch('metrics.compute', { filters: { cohorts: ['2031-32'] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/Unknown cohort "2031-32".*2022-23/);
    const dim = await dispatch('metrics.compute', { by: ['colour'] });
    expect(dim).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const attr = await dispatch('metrics.compute', { filters: { attributes: { shoe: ['9'] } } });
    expect(attr).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const split = await dispatch('metrics.compute', { by: ['attribute:shoe'] });
    expect(split).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringMatching(/shoe.*gender, grade/) },
    });
    session.close();
  });

  it('answers on the command line: text, JSON, CSV, and one-line errors', async () => {
    const { session } = realCore(temp());
    buildSyntheticProject(session.project.db, { youthPerCohort: 60, weeks: 8 });
    const path = session.project.path;
    session.close();
    const text = await cli(['metrics', '--project', path, '--section', 'reach,prePost']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Reach\n {2}all: youth served \d+/);
    expect(text.out).toMatch(/career_awareness pre_post \(n \d+\)/);
    const json = await cli([
      'metrics',
      '--project',
      path,
      '--by',
      'cohort',
      '--filter',
      'program=CLUB',
      '--json',
    ]);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out);
    expect(r.by).toEqual(['cohort']);
    expect(r.filters).toEqual({ programs: ['CLUB'] });
    expect(r.reach.map((x: { group: { cohort: { code: string } } }) => x.group.cohort.code)).toEqual([
      '2022-23',
      '2023-24',
      '2024-25',
    ]);
    const csv = await cli(['metrics', '--project', path, '--section', 'dosage', '--csv']);
    expect(csv.out.split('\r\n')[0]).toMatch(/^section,group,contactHoursTotal,/);
    expect(await cli(['metrics', '--project', path, '--filter', 'cohort=1999'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/Unknown cohort "1999"/),
    });
    expect(await cli(['metrics', '--project', path, '--filter', 'colour=red'])).toMatchObject({ code: 2 });
    expect(await cli(['metrics', '--project', path, '--by', 'cohort,program,site'])).toMatchObject({
      code: 2,
    });
  });
});
