import type { ImportRecord, ScaleRule } from '@core/report/inputs';
import type { Db } from '../../db/open-project';

/** What the methods section needs from the project file besides the metrics: imports and the codebook. */

export function readImportRecords(db: Db): ImportRecord[] {
  return db
    .prepare(
      `SELECT file_name AS fileName, kind, format, rows_read AS rowsRead, rows_imported AS rowsImported,
         rows_skipped AS rowsSkipped, imported_at AS importedAt
       FROM imports ORDER BY imported_at, id`,
    )
    .all() as ImportRecord[];
}

interface ScaleItemRow {
  constructId: number;
  code: string;
  name: string;
  minItems: number;
  instrument: string;
  respondentKind: 'youth' | 'partner';
  itemCode: string | null;
  itemText: string | null;
  reverse: number | null;
  scaleName: string | null;
  min: number | null;
  max: number | null;
}

/** Every construct (scale) with its items in order, reverse-coded flags and response scale. */
export function readScaleRules(db: Db): ScaleRule[] {
  const rows = db
    .prepare(
      `SELECT c.id AS constructId, c.code, c.name, c.min_items AS minItems, ins.name AS instrument,
         ins.respondent_kind AS respondentKind, i.code AS itemCode, i.text AS itemText,
         i.is_reverse_coded AS reverse, rs.name AS scaleName, rs.min_value AS min, rs.max_value AS max
       FROM constructs c
       JOIN instruments ins ON ins.id = c.instrument_id
       LEFT JOIN items i ON i.construct_id = c.id
       LEFT JOIN response_scales rs ON rs.id = i.response_scale_id
       ORDER BY ins.respondent_kind DESC, ins.id, c.id, i.position, i.code`,
    )
    .all() as ScaleItemRow[];
  const rules = new Map<number, ScaleRule>();
  for (const r of rows) {
    let rule = rules.get(r.constructId);
    if (!rule) {
      rule = {
        code: r.code,
        name: r.name,
        instrument: r.instrument,
        respondentKind: r.respondentKind,
        items: [],
        minItems: r.minItems,
        responseScale:
          r.scaleName !== null && r.min !== null && r.max !== null
            ? { name: r.scaleName, min: r.min, max: r.max }
            : null,
      };
      rules.set(r.constructId, rule);
    }
    if (r.itemCode !== null)
      rule.items.push({ code: r.itemCode, text: r.itemText ?? '', reverse: r.reverse === 1 });
  }
  return [...rules.values()];
}
