import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/main/db/open-project';
import { computeWithSettings } from '../../../src/main/metrics/compute';
import { DEFAULT_PROJECT_SETTINGS, type MetricsResult } from '../../../src/shared/metrics';
import { useTempProject } from '../../helpers/temp-project';

/**
 * Every statistic of the engine, computed end to end (SQL scoring, pairing by ID, dosage from the
 * attendance log) on the committed datasets in tests/fixtures/metrics, against the values numpy and
 * scipy give for the same raw data (make-reference.py, committed beside them), to 1e-6 relative error.
 * Edge cases are cohorts: n = 2, zero variance of the changes, all changes zero, ties, a one-item
 * scale, every answer of a scale missing, out-of-range codes (99) and partial sittings.
 *
 * The groups are tiny, so the engine is called with a threshold of 1 (no suppression): the project
 * settings can never go below 5, so this door exists for tests only (computeWithSettings).
 */
const DIR = resolve(import.meta.dirname, '../../fixtures/metrics');
const csv = (name: string) =>
  Papa.parse<Record<string, string>>(readFileSync(resolve(DIR, name), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
interface Reference {
  regularAttendeeDays: number;
  scales: Record<string, number | string | null>[];
  reliability: Record<string, number | string | null>[];
  prePost: Record<string, number | string | null>[];
  dosage: Record<string, number | string | null>[];
}
const reference = JSON.parse(readFileSync(resolve(DIR, 'reference.json'), 'utf8')) as Reference;

function load(db: Db) {
  const run = (sql: string, ...p: unknown[]) => Number(db.prepare(sql).run(...p).lastInsertRowid);
  const responses = csv('responses.csv');
  const attendance = csv('attendance.csv');
  const sessions = csv('sessions.csv');
  db.transaction(() => {
    const imp = run(
      `INSERT INTO imports (file_name, file_size, sha256, kind, format, encoding, rows_read, rows_imported, imported_at)
       VALUES ('fixture.csv', 1, ?, 'fixture', 'plain_csv', 'utf-8', 0, 0, '2025-01-01T00:00:00.000Z')`,
      'cd'.repeat(32),
    );
    const program = run(
      "INSERT INTO programs (code, name, program_type) VALUES ('P', 'Program', 'workshop')",
    );
    const site = run("INSERT INTO sites (code, name) VALUES ('S', 'Site')");
    const acts = new Map<string, number>();
    const act = (code: string) =>
      acts.get(code) ??
      (acts.set(code, run('INSERT INTO activity_types (code, name) VALUES (?, ?)', code, code)),
      acts.get(code)!);
    const inst = run("INSERT INTO instruments (code, name, respondent_kind) VALUES ('y', 'Youth', 'youth')");
    const scale = run(
      "INSERT INTO response_scales (code, name, min_value, max_value) VALUES ('a5', 'Agree', 1, 5)",
    );
    for (let v = 1; v <= 5; v += 1)
      run(
        'INSERT INTO scale_options (response_scale_id, label, value, position) VALUES (?, ?, ?, ?)',
        scale,
        `v${v}`,
        v,
        v,
      );
    const s6 = run(
      "INSERT INTO constructs (instrument_id, code, name, min_items) VALUES (?, 'S6', 'Six items', 3)",
      inst,
    );
    const one = run(
      "INSERT INTO constructs (instrument_id, code, name, min_items) VALUES (?, 'ONE', 'One item', 1)",
      inst,
    );
    const items = new Map<string, number>();
    ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'O1'].forEach((code, i) =>
      items.set(
        code,
        run(
          'INSERT INTO items (instrument_id, code, text, construct_id, response_scale_id, is_reverse_coded, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
          inst,
          code,
          code,
          code === 'O1' ? one : s6,
          scale,
          code === 'A3' || code === 'A6' ? 1 : 0,
          i,
        ),
      ),
    );
    const cohorts = new Map<string, number>();
    const people = new Map<string, number>();
    const respondents = new Map<string, number>();
    const adms = new Map<string, number>();
    const sessionIds = new Map<string, number>();
    const cohortOf = (code: string) => {
      let id = cohorts.get(code);
      if (id !== undefined) return id;
      id = run("INSERT INTO cohorts (code, starts_on, ends_on) VALUES (?, '2023-08-01', '2024-07-31')", code);
      cohorts.set(code, id);
      for (const s of sessions)
        sessionIds.set(
          `${code}:${s.date}`,
          run(
            'INSERT INTO sessions (session_date, program_id, cohort_id, site_id, activity_type_id, minutes_offered, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, 1)',
            s.date,
            program,
            id,
            site,
            act(s.activity!),
            Number(s.minutes_offered),
            imp,
          ),
        );
      for (const wave of ['pre', 'post'])
        adms.set(
          `${code}:${wave}`,
          run(
            'INSERT INTO administrations (instrument_id, cohort_id, label, import_id) VALUES (?, ?, ?, ?)',
            inst,
            id,
            `${code} ${wave}`,
            imp,
          ),
        );
      return id;
    };
    const person = (key: string, cohort: string) => {
      let id = people.get(key);
      if (id !== undefined) return id;
      id = run('INSERT INTO participants (key) VALUES (?)', key);
      people.set(key, id);
      run(
        'INSERT INTO enrolments (participant_id, program_id, cohort_id, site_id, import_id, source_row) VALUES (?, ?, ?, ?, ?, 1)',
        id,
        program,
        cohortOf(cohort),
        site,
        imp,
      );
      respondents.set(
        key,
        run("INSERT INTO respondents (key, kind, participant_id) VALUES (?, 'youth', ?)", `youth:${key}`, id),
      );
      return id;
    };
    for (const r of responses) {
      person(r.participant!, r.cohort!);
      const numeric = /^-?\d+(\.\d+)?$/.test(r.answer!);
      run(
        'INSERT INTO responses (administration_id, respondent_id, item_id, wave, value, missing_reason, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, 1)',
        adms.get(`${r.cohort}:${r.wave}`),
        respondents.get(r.participant!),
        items.get(r.item!),
        r.wave,
        numeric ? Number(r.answer) : null,
        numeric ? null : r.answer,
        imp,
      );
    }
    for (const a of attendance) {
      const p = person(a.participant!, a.cohort!);
      run(
        'INSERT INTO attendance (participant_id, session_id, is_present, minutes_attended, import_id, source_row) VALUES (?, ?, 1, ?, ?, 1)',
        p,
        sessionIds.get(`${a.cohort}:${a.date}`),
        a.minutes_attended === '' ? null : Number(a.minutes_attended),
        imp,
      );
    }
  })();
}

/** Equal to 1e-6 relative error (1e-12 absolute at zero); null only where the reference is null. */
function expectClose(actual: unknown, expected: number | string | null, what: string) {
  if (expected === null) return expect(actual, what).toBeNull();
  if (typeof expected === 'string') return expect(actual, what).toBe(expected);
  expect(typeof actual, `${what}: got ${String(actual)}, expected ${expected}`).toBe('number');
  const a = actual as number;
  const tol = expected === 0 ? 1e-12 : Math.abs(expected) * 1e-6;
  expect(Math.abs(a - expected), `${what}: ${a} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('metrics against numpy/scipy reference values (tests/fixtures/metrics)', () => {
  const open = useTempProject();
  let db: Db;
  let result: MetricsResult;
  const reliabilityOf = new Map<string, MetricsResult['reliability']>();
  const settings = {
    ...DEFAULT_PROJECT_SETTINGS,
    suppressionThreshold: 1,
    regularAttendeeDays: reference.regularAttendeeDays,
  };

  beforeAll(() => {
    db = open().db;
    load(db);
    result = computeWithSettings(db, settings, { filters: {}, by: ['cohort'] });
    // Reliability is per scale and wave over the selection: one cohort at a time. (The project closes
    // after the first test, so everything is computed here.)
    for (const cohort of new Set(reference.reliability.map((r) => r.cohort as string)))
      reliabilityOf.set(
        cohort,
        computeWithSettings(db, settings, {
          filters: { cohorts: [cohort] },
          by: [],
          sections: ['reliability'],
        }).reliability,
      );
  });

  it.each(reference.scales.map((r) => [`${r.cohort} ${r.scale} ${r.wave}`, r] as const))(
    'scale mean, SD, CI and percent agree: %s',
    (_, ref) => {
      const row = result.scales.find(
        (r) => r.group.cohort?.code === ref.cohort && r.scale === ref.scale && r.wave === ref.wave,
      );
      expect(row, 'row').toBeDefined();
      for (const k of [
        'n',
        'mean',
        'sd',
        'ciLow',
        'ciHigh',
        'percentAgree',
        'percentAgreeCiLow',
        'percentAgreeCiHigh',
      ] as const)
        expectClose(row![k], ref[k] ?? null, k);
    },
  );

  it('scores no one on a scale whose every answer is missing', () => {
    expect(result.scales.filter((r) => r.group.cohort?.code === 'allmissing' && r.scale === 'ONE')).toEqual(
      [],
    );
    expect(result.prePost.filter((r) => r.group.cohort?.code === 'allmissing' && r.scale === 'ONE')).toEqual(
      [],
    );
  });

  it.each(reference.prePost.map((r) => [`${r.cohort} ${r.scale}`, r] as const))(
    'matched pre/post change: %s',
    (_, ref) => {
      const row = result.prePost.find(
        (r) => r.group.cohort?.code === ref.cohort && r.scale === ref.scale && r.design === 'pre_post',
      );
      expect(row, 'row').toBeDefined();
      for (const k of [
        'nMatched',
        'meanPre',
        'meanPost',
        'meanDiff',
        'sdDiff',
        'ciLow',
        'ciHigh',
        't',
        'df',
        'p',
        'dz',
        'gav',
        'wilcoxonP',
      ] as const)
        expectClose(row![k], ref[k] ?? null, k);
      expect(row!.effectSizeName).toBe('g_av');
    },
  );

  it.each(reference.reliability.map((r) => [`${r.cohort} ${r.scale} ${r.wave}`, r] as const))(
    "Cronbach's alpha: %s",
    (_, ref) => {
      const row = reliabilityOf
        .get(ref.cohort as string)!
        .find((r) => r.scale === ref.scale && r.wave === ref.wave);
      expect(row, 'row').toBeDefined();
      expectClose(row!.alpha, ref.alpha ?? null, 'alpha');
      expectClose(row!.nComplete, ref.nComplete ?? null, 'nComplete');
      expectClose(row!.k, ref.k ?? null, 'k');
    },
  );

  it.each(reference.dosage.map((r) => [r.cohort as string, r] as const))('dosage: %s', (_, ref) => {
    const row = result.dosage.find((r) => r.group.cohort?.code === ref.cohort);
    expect(row, 'row').toBeDefined();
    for (const [k, v] of Object.entries(ref))
      if (k !== 'cohort') expectClose((row as Record<string, unknown>)[k], v, k);
  });
});
