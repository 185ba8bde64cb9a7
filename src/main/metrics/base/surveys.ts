import { MISSING_REASONS } from '@shared/vocab';
import type { Db } from '../../db/open-project';
import { cached } from '../cache';
import { persisted } from '../layers';
import { loadRefs, type ConstructRef, type ItemRef } from './refs';

// 5. Survey sittings and scale scores -------------------------------------------------------------

/** One respondent's answers to one administration in one wave. */
export interface Sitting {
  /** The sitting's row in the answer grid: the same sitting in ItemAnswers has the same row. */
  row: number;
  respondent: number;
  administration: number;
  wave: string;
  /** Scale score per construct index (Refs.constructs), null when not scored. */
  scores: (number | null)[];
  /** Items answered (valid, in range) per construct index. */
  answered: number[];
}

/** Fewest answered items for a score: the construct's own minimum, and the project's share of its items (rounded up). */
export function requiredItems(c: ConstructRef, minItemShare: number): number {
  const byShare = Math.ceil(minItemShare * c.items.length - 1e-9);
  return Math.max(1, c.minItems, byShare);
}

/**
 * Every answer of every sitting, pivoted to one row per sitting (respondent, wave, administration) in
 * one SQL pass over responses (sittings in the order of their index sittings_respondent), so SQLite streams
 * the groups without sorting: a value, a code <= MISSING_BASE for a missing reason, NaN for no
 * response row. Scale scores (loadSittings) and the item answers of reliability and distributions
 * (loadItemAnswers) are both derived from it. Kept in the project file (layers.ts).
 */
interface AnswerGrid {
  /** Item ids in column order (ascending id). */
  items: number[];
  respondent: Int32Array;
  administration: Int32Array;
  waves: string[];
  /** index into waves */
  wave: Uint8Array;
  /** rows x items */
  values: Float64Array;
}

function loadAnswerGrid(db: Db): AnswerGrid {
  return cached(db, 'answerGrid', () => {
    const items = [...loadRefs(db).itemById.keys()].sort((a, b) => a - b);
    const empty: AnswerGrid = {
      items,
      respondent: new Int32Array(0),
      administration: new Int32Array(0),
      waves: [],
      wave: new Uint8Array(0),
      values: new Float64Array(0),
    };
    if (items.length === 0) return empty;
    return persisted(
      db,
      `answers:v1:${items.join(',')}`,
      () => readAnswerGrid(db, items),
      (g) => g,
      (g) => g,
    );
  });
}

function readAnswerGrid(db: Db, items: number[]): AnswerGrid {
  const code = (reason: string) =>
    MISSING_BASE - ITEM_MISSING.indexOf(reason as (typeof ITEM_MISSING)[number]);
  const reasonCase = `CASE r.missing_reason ${MISSING_REASONS.map((m) => `WHEN '${m}' THEN ${code(m)}`).join(' ')} END`;
  const cols = items.map(() => `max(CASE WHEN r.item_id = ? THEN coalesce(r.value, ${reasonCase}) END)`);
  const rows = db
    .prepare(
      `SELECT r.respondent_id, r.administration_id, r.wave, ${cols.join(', ')}
       FROM responses r
       GROUP BY r.respondent_id, r.wave, r.administration_id`,
    )
    .raw()
    .all(...items) as unknown[][];
  const n = rows.length;
  const k = items.length;
  const waves: string[] = [];
  const grid: AnswerGrid = {
    items,
    respondent: new Int32Array(n),
    administration: new Int32Array(n),
    waves,
    wave: new Uint8Array(n),
    values: new Float64Array(n * k),
  };
  rows.forEach((r, i) => {
    grid.respondent[i] = r[0] as number;
    grid.administration[i] = r[1] as number;
    let w = waves.indexOf(r[2] as string);
    if (w < 0) w = waves.push(r[2] as string) - 1;
    grid.wave[i] = w;
    for (let j = 0; j < k; j += 1) {
      const v = r[3 + j] as number | null;
      grid.values[i * k + j] = v === null ? Number.NaN : v;
    }
  });
  return grid;
}

/**
 * Scale score per respondent, wave and scale: the mean of answered items after reverse coding
 * ((min + max) - value), null unless enough items were answered. Values outside the item's range
 * count as missing. A sitting with no valid answer to any scale item has no score row. Sums run in
 * item id order with SQLite's sum() (Kahan-Babuska-Neumaier), as the SQL aggregate this replaced.
 */
export function loadSittings(db: Db, minItemShare: number): Sitting[] {
  return cached(db, `sittings:${minItemShare}`, () => {
    const refs = loadRefs(db);
    const grid = loadAnswerGrid(db);
    const n = refs.constructs.length;
    const k = grid.items.length;
    // Per construct: its items' columns (ascending id), recoding and valid range.
    const cs = refs.constructs
      .filter((c) => c.items.length > 0)
      .map((c) => {
        const own = [...c.items].sort((a, b) => a.id - b.id);
        return {
          c,
          need: requiredItems(c, minItemShare),
          cols: own.map((it) => grid.items.indexOf(it.id)),
          lo: own.map((it) => refs.scaleById.get(it.scaleId)?.min ?? Number.NaN),
          hi: own.map((it) => refs.scaleById.get(it.scaleId)?.max ?? Number.NaN),
          rev: own.map((it) => it.reverse),
        };
      });
    const out: Sitting[] = [];
    if (cs.length === 0) return out;
    const rows = grid.respondent.length;
    for (let i = 0; i < rows; i += 1) {
      let scores: (number | null)[] | null = null;
      let answered: number[] | null = null;
      for (const x of cs) {
        let sum = 0;
        let err = 0;
        let count = 0;
        for (let j = 0; j < x.cols.length; j += 1) {
          const col = x.cols[j]!;
          if (col < 0) continue;
          const v = grid.values[i * k + col]!;
          // NaN (no row) and missing codes fail the range test.
          if (!(v >= x.lo[j]! && v <= x.hi[j]!)) continue;
          const r = x.rev[j] ? x.lo[j]! + x.hi[j]! - v : v;
          const t = sum + r;
          if (Math.abs(sum) > Math.abs(r)) err += sum - t + r;
          else err += r - t + sum;
          sum = t;
          count += 1;
        }
        if (count === 0) continue;
        if (!scores || !answered) {
          scores = new Array<number | null>(n).fill(null);
          answered = new Array<number>(n).fill(0);
        }
        scores[x.c.index] = count >= x.need ? (sum + err) / count : null;
        answered[x.c.index] = count;
      }
      if (!scores || !answered) continue;
      out.push({
        row: i,
        respondent: grid.respondent[i]!,
        administration: grid.administration[i]!,
        wave: grid.waves[grid.wave[i]!]!,
        scores,
        answered,
      });
    }
    return out;
  });
}

// 6. Item answers (reliability, distributions) ------------------------------------------------------

/** Missing reasons as stored, plus 'out_of_range' and 'no_answer' for an item with no response row in a sitting. */
export const ITEM_MISSING = [...MISSING_REASONS, 'out_of_range', 'no_answer'] as const;
const MISSING_BASE = -1e9;

/** One sitting's raw answers to every item of its instrument, in Refs item order per instrument. */
export interface ItemSitting {
  /** The sitting's row in the answer grid (Sitting.row). */
  row: number;
  respondent: number;
  administration: number;
  wave: string;
  /**
   * Where its answers start in ItemAnswers.values: instrument items in order from there; a value,
   * or a code <= MISSING_BASE for a missing reason.
   */
  offset: number;
}
export interface ItemAnswers {
  /** instrument id -> its items, in the order of each sitting's answers */
  itemsOf: Map<number, ItemRef[]>;
  sittings: ItemSitting[];
  /** Every sitting's answers, one after the other (one array, not one per sitting). */
  values: Float64Array;
  /** Answer grid row (Sitting.row) -> index in sittings, -1 for none. */
  indexOfRow: Int32Array;
}

export const missingIndex = (v: number) => Math.round(MISSING_BASE - v);
export const isMissingCode = (v: number) => v <= MISSING_BASE + 0.5;

/** Every item answer of every sitting whose administration's instrument has items (from the answer grid). */
export function loadItemAnswers(db: Db): ItemAnswers {
  return cached(db, 'items', () => {
    const refs = loadRefs(db);
    const itemsOf = new Map<number, ItemRef[]>();
    for (const i of refs.itemById.values()) {
      const l = itemsOf.get(i.instrumentId);
      if (l) l.push(i);
      else itemsOf.set(i.instrumentId, [i]);
    }
    const code = (reason: string) =>
      MISSING_BASE - ITEM_MISSING.indexOf(reason as (typeof ITEM_MISSING)[number]);
    const sittings: ItemSitting[] = [];
    const grid = loadAnswerGrid(db);
    const k = grid.items.length;
    if (k === 0) return { itemsOf, sittings, values: new Float64Array(0), indexOfRow: new Int32Array(0) };
    const column = new Map(grid.items.map((id, j) => [id, j]));
    // Per instrument: each item's grid column and valid range.
    const layout = new Map(
      [...itemsOf].map(([instrument, items]) => [
        instrument,
        items.map((item) => {
          const scale = refs.scaleById.get(item.scaleId);
          return { col: column.get(item.id) as number, scale };
        }),
      ]),
    );
    const noAnswer = code('no_answer');
    const outOfRange = code('out_of_range');
    const layoutOf = (i: number) => {
      const adm = refs.administrationById.get(grid.administration[i]!);
      return adm ? layout.get(adm.instrumentId) : undefined;
    };
    let size = 0;
    for (let i = 0; i < grid.respondent.length; i += 1) size += layoutOf(i)?.length ?? 0;
    const values = new Float64Array(size);
    const indexOfRow = new Int32Array(grid.respondent.length).fill(-1);
    let offset = 0;
    for (let i = 0; i < grid.respondent.length; i += 1) {
      const cols = layoutOf(i);
      if (!cols) continue;
      for (let j = 0; j < cols.length; j += 1) {
        const { col, scale } = cols[j]!;
        const v = grid.values[i * k + col]!;
        if (Number.isNaN(v)) values[offset + j] = noAnswer;
        else if (isMissingCode(v)) values[offset + j] = v;
        else if (scale && (v < scale.min || v > scale.max)) values[offset + j] = outOfRange;
        else values[offset + j] = v;
      }
      indexOfRow[i] = sittings.length;
      sittings.push({
        row: i,
        respondent: grid.respondent[i]!,
        administration: grid.administration[i]!,
        wave: grid.waves[grid.wave[i]!]!,
        offset,
      });
      offset += cols.length;
    }
    return { itemsOf, sittings, values, indexOfRow };
  });
}
