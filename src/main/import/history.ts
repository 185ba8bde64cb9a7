import { matchWaves } from '@core/csv';
import { toCsv } from '@core/export/csv';
import { TrellisError } from '@shared/errors';
import type { Wave } from '@shared/vocab';
import type { Db } from '../db/open-project';

export function listImports(db: Db) {
  return db
    .prepare(
      `SELECT i.id AS importId, i.file_name AS fileName, i.kind, i.format, i.encoding, i.rows_read AS rowsRead,
         i.rows_imported AS rowsImported, i.rows_skipped AS rowsSkipped, i.imported_at AS importedAt, i.sha256,
         (SELECT count(*) FROM import_issues x WHERE x.import_id = i.id) AS issueCount
       FROM imports i ORDER BY i.id DESC`,
    )
    .all() as {
    importId: number;
    fileName: string;
    kind: string;
    format: string;
    encoding: string;
    rowsRead: number;
    rowsImported: number;
    rowsSkipped: number;
    importedAt: string;
    sha256: string;
    issueCount: number;
  }[];
}

/**
 * Undo: delete the imports row; its facts go with it (ON DELETE CASCADE), entities it created stay
 * unlinked. Refused (nothing changes) when a later import's facts still use this import's facts.
 */
export function undoImport(db: Db, importId: number) {
  const row = db.prepare('SELECT file_name FROM imports WHERE id = ?').pluck().get(importId) as
    string | undefined;
  if (row === undefined) throw new TrellisError('not_found', `There is no import ${importId}.`);
  const before = db.prepare('SELECT total_changes()').pluck().get() as number;
  try {
    db.transaction(() => db.prepare('DELETE FROM imports WHERE id = ?').run(importId))();
  } catch (err) {
    if (/FOREIGN KEY/i.test((err as Error).message ?? ''))
      throw new TrellisError(
        'import_failed',
        `Import ${importId} (${row}) cannot be undone while a later import uses its rows (for example attendance at these sessions): undo the later import first. Nothing was changed.`,
      );
    throw err;
  }
  const after = db.prepare('SELECT total_changes()').pluck().get() as number;
  return { importId, fileName: row, removedRows: after - before };
}

/** An import's issues as CSV (formula prefixes neutralised: it opens in a spreadsheet). */
export function issuesCsv(db: Db, importId: number) {
  const file = db.prepare('SELECT file_name FROM imports WHERE id = ?').pluck().get(importId) as
    string | undefined;
  if (file === undefined) throw new TrellisError('not_found', `There is no import ${importId}.`);
  const rows = db
    .prepare(
      `SELECT row, column, column_name, severity, code, CASE is_skipped WHEN 1 THEN 'yes' ELSE 'no' END, message, value
       FROM import_issues WHERE import_id = ? ORDER BY coalesce(row, 0), coalesce(column, 0), id`,
    )
    .raw()
    .all(importId) as (string | number | null)[][];
  const csv = toCsv(
    ['row', 'column', 'column_name', 'severity', 'code', 'row_skipped', 'message', 'value'],
    rows,
    { bom: true },
  );
  return {
    fileName: `${file.replace(/\.[^.]+$/, '')} - import ${importId} issues.csv`,
    csv,
    rows: rows.length,
  };
}

/** Pre/post matching per instrument and cohort, on the participants the imports resolved. */
export function matchReport(
  db: Db,
  opts: { instrument?: string; cohort?: string; preWave: Wave; postWave: Wave },
) {
  const groups = db
    .prepare(
      `SELECT DISTINCT i.id AS instrumentId, i.code AS instrument, c.id AS cohortId, c.code AS cohort
       FROM administrations a JOIN instruments i ON i.id = a.instrument_id JOIN cohorts c ON c.id = a.cohort_id
       WHERE (? IS NULL OR i.code = ?) AND (? IS NULL OR c.code = ?) ORDER BY c.code, i.code`,
    )
    .all(opts.instrument ?? null, opts.instrument ?? null, opts.cohort ?? null, opts.cohort ?? null) as {
    instrumentId: number;
    instrument: string;
    cohortId: number;
    cohort: string;
  }[];
  const keysOf = db
    .prepare(
      `SELECT coalesce(p.key, rs.key) AS key FROM sittings s
       JOIN administrations a ON a.id = s.administration_id
       JOIN respondents rs ON rs.id = s.respondent_id
       LEFT JOIN participants p ON p.id = rs.participant_id
       WHERE a.instrument_id = ? AND a.cohort_id = ? AND s.wave = ?
         AND EXISTS (SELECT 1 FROM answers x WHERE x.sitting_id = s.id)
       ORDER BY key`,
    )
    .pluck();
  const out = [];
  for (const g of groups) {
    const pre = keysOf.all(g.instrumentId, g.cohortId, opts.preWave) as string[];
    const post = keysOf.all(g.instrumentId, g.cohortId, opts.postWave) as string[];
    if (pre.length === 0 && post.length === 0) continue;
    // IDs were already resolved to participants at import: compare the stored keys exactly.
    const m = matchWaves(pre, post, {
      trim: false,
      caseFold: false,
      stripSeparators: false,
      stripLeadingZeros: false,
    });
    out.push({
      instrument: g.instrument,
      cohort: g.cohort,
      preWave: opts.preWave,
      postWave: opts.postWave,
      preCount: new Set(pre).size,
      postCount: new Set(post).size,
      matched: m.matched.length,
      onlyPre: m.onlyPre.map((x) => x.key),
      onlyPost: m.onlyPost.map((x) => x.key),
      duplicatesPre: m.duplicatesPre.map((x) => x.key),
      duplicatesPost: m.duplicatesPost.map((x) => x.key),
      nearMisses: m.nearMisses.map((x) => ({ preKey: x.preKey, postKey: x.postKey, reason: x.reason })),
    });
  }
  return out;
}

/**
 * A near-miss confirmed by the user: the respondent whose ID was mistyped in the post wave becomes
 * the pre-wave respondent for this instrument and cohort (their answers move; nothing is deleted).
 * Refused when the pre-wave person already answered that wave.
 */
export function confirmMatch(
  db: Db,
  m: { instrument: string; cohort: string; preKey: string; postKey: string; postWave: Wave },
) {
  const respondentOf = db
    .prepare(
      `SELECT rs.id FROM respondents rs JOIN participants p ON p.id = rs.participant_id WHERE p.key = ? AND rs.kind = 'youth'`,
    )
    .pluck();
  const pre = respondentOf.get(m.preKey) as number | undefined;
  const post = respondentOf.get(m.postKey) as number | undefined;
  if (pre === undefined || post === undefined)
    throw new TrellisError(
      'not_found',
      `No youth respondent ${pre === undefined ? m.preKey : m.postKey} in this project.`,
    );
  const scope = `administration_id IN (SELECT a.id FROM administrations a JOIN instruments i ON i.id = a.instrument_id
                   JOIN cohorts c ON c.id = a.cohort_id WHERE i.code = ? AND c.code = ?)`;
  const already = db
    .prepare(`SELECT count(*) FROM sittings WHERE respondent_id = ? AND wave = ? AND ${scope}`)
    .pluck()
    .get(pre, m.postWave, m.instrument, m.cohort) as number;
  if (already > 0)
    throw new TrellisError(
      'bad_input',
      `${m.preKey} already answered the ${m.postWave} wave: ${m.postKey} cannot be the same person there.`,
    );
  // Only the post wave's answers to this instrument in this cohort move: the same person's other
  // waves, instruments and cohorts stay theirs.
  // The answers belong to sittings: moving the sittings moves every answer in them.
  const moved = db.transaction(() => {
    const where = `respondent_id = ? AND wave = ? AND ${scope}`;
    const changes = db
      .prepare(`SELECT count(*) FROM answers WHERE sitting_id IN (SELECT id FROM sittings WHERE ${where})`)
      .pluck()
      .get(post, m.postWave, m.instrument, m.cohort) as number;
    db.prepare(`UPDATE sittings SET respondent_id = ? WHERE ${where}`).run(
      pre,
      post,
      m.postWave,
      m.instrument,
      m.cohort,
    );
    if (changes === 0)
      throw new TrellisError(
        'not_found',
        `${m.postKey} has no ${m.postWave} answers to ${m.instrument} in cohort ${m.cohort}: nothing to match.`,
      );
    return changes;
  })();
  return { movedResponses: moved };
}
