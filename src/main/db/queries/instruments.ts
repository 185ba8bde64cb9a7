import type { MissingReason, RespondentKind } from '@shared/vocab';
import type { Db } from '../open-project';
import type { Origin } from './imports';

// Instruments and their codebook: response scales with labelled options, constructs, items and the
// wording/placement of each item per cohort.

export interface Instrument {
  id: number;
  code: string;
  name: string;
  version: string;
  respondentKind: RespondentKind;
}
export interface ResponseScale {
  id: number;
  code: string;
  name: string;
  minValue: number;
  maxValue: number;
}
/** An option maps a label to a value, or to a typed missing reason: never both. */
export type ScaleOption = { responseScaleId: number; label: string; position: number } & (
  { value: number; missingReason: null } | { value: null; missingReason: MissingReason }
);
export interface Construct {
  id: number;
  instrumentId: number;
  code: string;
  name: string;
  minItems: number;
}
export interface Item {
  id: number;
  instrumentId: number;
  code: string;
  text: string;
  constructId: number | null;
  responseScaleId: number;
  isReverseCoded: boolean;
  position: number;
}
export interface ItemVersion {
  id: number;
  itemId: number;
  cohortId: number;
  text: string;
  platformId: string | null;
  platformColumn: string | null;
  isComparable: boolean;
}

type ItemRow = Omit<Item, 'isReverseCoded'> & { isReverseCoded: number };
type ItemVersionRow = Omit<ItemVersion, 'isComparable'> & { isComparable: number };
const toItem = (r: ItemRow): Item => ({ ...r, isReverseCoded: r.isReverseCoded === 1 });
const toItemVersion = (r: ItemVersionRow): ItemVersion => ({ ...r, isComparable: r.isComparable === 1 });

const instrumentCols = 'id, code, name, version, respondent_kind AS respondentKind';
const itemColsOf = (t: string) => `${t}.id, ${t}.instrument_id AS instrumentId, ${t}.code, ${t}.text,
  ${t}.construct_id AS constructId, ${t}.response_scale_id AS responseScaleId, ${t}.is_reverse_coded AS isReverseCoded,
  ${t}.position`;
const itemCols = itemColsOf('items');
const itemVersionCols = `id, item_id AS itemId, cohort_id AS cohortId, text, platform_id AS platformId,
  platform_column AS platformColumn, is_comparable AS isComparable`;

export function instrumentQueries(db: Db) {
  const stmt = {
    insertInstrument: db.prepare<[string, string, string, string, number | null]>(
      'INSERT INTO instruments (code, name, version, respondent_kind, import_id) VALUES (?, ?, ?, ?, ?)',
    ),
    instrument: db.prepare<[string, string], Instrument>(
      `SELECT ${instrumentCols} FROM instruments WHERE code = ? AND version = ?`,
    ),
    insertScale: db.prepare<[string, string, number, number, number | null]>(
      'INSERT INTO response_scales (code, name, min_value, max_value, import_id) VALUES (?, ?, ?, ?, ?)',
    ),
    scale: db.prepare<[string], ResponseScale>(
      'SELECT id, code, name, min_value AS minValue, max_value AS maxValue FROM response_scales WHERE code = ?',
    ),
    insertOption: db.prepare<[number, string, number | null, string | null, number]>(
      'INSERT INTO scale_options (response_scale_id, label, value, missing_reason, position) VALUES (?, ?, ?, ?, ?)',
    ),
    options: db.prepare<[number], ScaleOption>(
      `SELECT response_scale_id AS responseScaleId, label, value, missing_reason AS missingReason, position
       FROM scale_options WHERE response_scale_id = ? ORDER BY position`,
    ),
    // The label column is COLLATE NOCASE, so 'strongly agree' finds 'Strongly agree'.
    option: db.prepare<[number, string], ScaleOption>(
      `SELECT response_scale_id AS responseScaleId, label, value, missing_reason AS missingReason, position
       FROM scale_options WHERE response_scale_id = ? AND label = ?`,
    ),
    insertConstruct: db.prepare<[number, string, string, number, number | null]>(
      'INSERT INTO constructs (instrument_id, code, name, min_items, import_id) VALUES (?, ?, ?, ?, ?)',
    ),
    constructs: db.prepare<[number], Construct>(
      `SELECT id, instrument_id AS instrumentId, code, name, min_items AS minItems
       FROM constructs WHERE instrument_id = ? ORDER BY id`,
    ),
    insertItem: db.prepare<[number, string, string, number | null, number, number, number, number | null]>(
      `INSERT INTO items (instrument_id, code, text, construct_id, response_scale_id, is_reverse_coded, position, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    item: db.prepare<[number, string], ItemRow>(
      `SELECT ${itemCols} FROM items WHERE instrument_id = ? AND code = ?`,
    ),
    items: db.prepare<[number], ItemRow>(
      `SELECT ${itemCols} FROM items WHERE instrument_id = ? ORDER BY position, code`,
    ),
    insertVersion: db.prepare<[number, number, string, string | null, string | null, number, number | null]>(
      `INSERT INTO item_versions (item_id, cohort_id, text, platform_id, platform_column, is_comparable, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    versions: db.prepare<[number], ItemVersionRow>(
      `SELECT ${itemVersionCols} FROM item_versions WHERE item_id = ? ORDER BY cohort_id`,
    ),
    byPlatformId: db.prepare<[number, number, string], ItemRow>(
      `SELECT ${itemColsOf('i')} FROM items i
       JOIN item_versions v ON v.item_id = i.id
       WHERE i.instrument_id = ? AND v.cohort_id = ? AND v.platform_id = ?`,
    ),
  };
  const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);
  return {
    insertInstrument: (i: Omit<Instrument, 'id'>, origin: Origin = {}): number =>
      id(stmt.insertInstrument.run(i.code, i.name, i.version, i.respondentKind, origin.importId ?? null)),
    getInstrument: (code: string, version = '1'): Instrument | undefined =>
      stmt.instrument.get(code, version),
    insertResponseScale: (s: Omit<ResponseScale, 'id'>, origin: Origin = {}): number =>
      id(stmt.insertScale.run(s.code, s.name, s.minValue, s.maxValue, origin.importId ?? null)),
    getResponseScale: (code: string): ResponseScale | undefined => stmt.scale.get(code),
    insertScaleOption: (o: ScaleOption): void => {
      stmt.insertOption.run(o.responseScaleId, o.label, o.value, o.missingReason, o.position);
    },
    listScaleOptions: (responseScaleId: number): ScaleOption[] => stmt.options.all(responseScaleId),
    /** Case-insensitive label lookup; undefined for a label the scale does not know. */
    findScaleOption: (responseScaleId: number, label: string): ScaleOption | undefined =>
      stmt.option.get(responseScaleId, label),
    insertConstruct: (c: Omit<Construct, 'id'>, origin: Origin = {}): number =>
      id(stmt.insertConstruct.run(c.instrumentId, c.code, c.name, c.minItems, origin.importId ?? null)),
    listConstructs: (instrumentId: number): Construct[] => stmt.constructs.all(instrumentId),
    insertItem: (i: Omit<Item, 'id'>, origin: Origin = {}): number =>
      id(
        stmt.insertItem.run(
          i.instrumentId,
          i.code,
          i.text,
          i.constructId,
          i.responseScaleId,
          i.isReverseCoded ? 1 : 0,
          i.position,
          origin.importId ?? null,
        ),
      ),
    getItem(instrumentId: number, code: string): Item | undefined {
      const r = stmt.item.get(instrumentId, code);
      return r && toItem(r);
    },
    listItems: (instrumentId: number): Item[] => stmt.items.all(instrumentId).map(toItem),
    insertItemVersion: (v: Omit<ItemVersion, 'id'>, origin: Origin = {}): number =>
      id(
        stmt.insertVersion.run(
          v.itemId,
          v.cohortId,
          v.text,
          v.platformId,
          v.platformColumn,
          v.isComparable ? 1 : 0,
          origin.importId ?? null,
        ),
      ),
    listItemVersions: (itemId: number): ItemVersion[] => stmt.versions.all(itemId).map(toItemVersion),
    /** The item a platform column ID (e.g. Qualtrics ImportId 'QID3_2') held in a cohort's survey. */
    findItemByPlatformId(instrumentId: number, cohortId: number, platformId: string): Item | undefined {
      const r = stmt.byPlatformId.get(instrumentId, cohortId, platformId);
      return r && toItem(r);
    },
  };
}
export type InstrumentQueries = ReturnType<typeof instrumentQueries>;
