import type { Output } from '@shared/contract';
import { TrellisError } from '@shared/errors';
import type { Db } from '../db/open-project';
import { suppressTable } from '@core/privacy';
import { suppressionThreshold } from '../db/project-settings';

export function listTables(db: Db): Output<'table.list'> {
  const imports = db
    .prepare(
      `SELECT id, file_name, rows_imported, imported_at FROM imports WHERE kind = 'table' ORDER BY id DESC`,
    )
    .all() as { id: number; file_name: string; rows_imported: number; imported_at: string }[];
  const cols = db
    .prepare('SELECT name FROM import_columns WHERE import_id = ? ORDER BY column_index')
    .pluck();
  return imports.map((i) => ({
    importId: i.id,
    fileName: i.file_name,
    rowCount: i.rows_imported,
    importedAt: i.imported_at,
    columns: cols.all(i.id) as string[],
  }));
}

/**
 * Rows per value of one column. A group smaller than the project's threshold never leaves the Node
 * side as a number: it is returned as suppressed with its count nulled.
 */
export function countTableBy(db: Db, importId: number, column: number): Output<'table.countBy'> {
  const name = db
    .prepare('SELECT name FROM import_columns WHERE import_id = ? AND column_index = ?')
    .pluck()
    .get(importId, column) as string | undefined;
  if (name === undefined)
    throw new TrellisError('not_found', `Import ${importId} has no column ${column + 1}.`);
  const total = db.prepare('SELECT rows_imported FROM imports WHERE id = ?').pluck().get(importId) as number;
  const counted = db
    .prepare(
      `SELECT value, count(*) AS n FROM import_cells WHERE import_id = ? AND column_index = ?
       GROUP BY value ORDER BY n DESC, value`,
    )
    .all(importId, column) as { value: string; n: number }[];
  const blank = total - counted.reduce((s, g) => s + g.n, 0);
  const groups = blank > 0 ? [...counted, { value: '(blank)', n: blank }] : counted;
  // The import's row count is shown beside the chart, so one hidden group would be recoverable by
  // subtraction: complementary suppression hides a second one.
  const table = suppressTable(groups, {
    nField: 'n',
    labelFields: ['value'],
    threshold: suppressionThreshold(db),
  });
  return {
    column: name,
    threshold: table.threshold,
    groups: table.rows.map((r) =>
      r.suppressed
        ? {
            value: r.values.value,
            count: null,
            suppressed: true,
            reason:
              r.reasonCode === 'below_threshold'
                ? r.reason
                : 'hidden so a smaller group cannot be worked out from the total',
          }
        : { value: r.values.value, count: r.values.n, suppressed: false, reason: null },
    ),
  };
}
