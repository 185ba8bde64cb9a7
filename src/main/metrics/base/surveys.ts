import { MISSING_REASONS } from '@shared/vocab';
import type { Db } from '../../db/open-project';
import { cached } from '../cache';
import { persisted } from '../layers';
import { loadRefs, type ConstructRef } from './refs';

// 5. Survey answers, sittings and scale scores -----------------------------------------------------

/** Missing reasons as stored, plus 'out_of_range' and 'no_answer' for an item with no response row in a sitting. */
export const ITEM_MISSING = [...MISSING_REASONS, 'out_of_range', 'no_answer'] as const;
const MISSING_BASE = -1e9;
/** The code of a missing reason in answer values: <= MISSING_BASE, one per ITEM_MISSING entry. */
const missingCode = (reason: (typeof ITEM_MISSING)[number]) => MISSING_BASE - ITEM_MISSING.indexOf(reason);
export const NO_ANSWER = missingCode('no_answer');
export const OUT_OF_RANGE = missingCode('out_of_range');
export const missingIndex = (v: number) => Math.round(MISSING_BASE - v);
export const isMissingCode = (v: number) => v <= MISSING_BASE + 0.5;

/** Fewest answered items for a score: the construct's own minimum, and the project's share of its items (rounded up). */
export function requiredItems(c: ConstructRef, minItemShare: number): number {
  const byShare = Math.ceil(minItemShare * c.items.length - 1e-9);
  return Math.max(1, c.minItems, byShare);
}

/**
 * Every answer of every sitting, pivoted to one row per sitting (respondent, wave, administration) in
 * one SQL pass over responses (sittings in the order of their index sittings_respondent), so SQLite
 * streams the groups without sorting. Columnar: one typed array per field, and the answers as one
 * array of rows x items codes, each into its item's own list of distinct answers (a value, a code <=
 * MISSING_BASE for a missing reason, NaN for no response row): an item has a handful of distinct
 * answers, so a code takes one byte where the value took eight, and whatever is worked out per answer
 * (its recoded value, whether it counts) is worked out once per distinct answer. Scale scores
 * (loadScores), reliability and item distributions all read it. Kept in the project file (layers.ts)
 * under a key with its format version and the item ids.
 */
export interface AnswerGrid {
  /** Item ids in column order (ascending id). */
  items: number[];
  respondent: Int32Array;
  administration: Int32Array;
  waves: string[];
  /** index into waves */
  wave: Uint8Array;
  /** rows x items: the answer of row i to column j is dict[dictStart[j] + codes[i * items.length + j]] */
  codes: Uint8Array | Uint16Array | Uint32Array;
  /** each column's distinct answers, one column after the other */
  dict: Float64Array;
  /** where each column's answers start in dict (items.length + 1 entries) */
  dictStart: Int32Array;
}

/** The stored layer's key: its format version and the item ids (the grid's columns). */
export const answerGridKey = (items: readonly number[]) => `answer-grid:v3:${items.join(',')}`;

export function loadAnswerGrid(db: Db): AnswerGrid {
  return cached(db, 'answerGrid', () => {
    const items = [...loadRefs(db).itemById.keys()].sort((a, b) => a - b);
    if (items.length === 0) {
      return {
        items,
        respondent: new Int32Array(0),
        administration: new Int32Array(0),
        waves: [],
        wave: new Uint8Array(0),
        codes: new Uint8Array(0),
        dict: new Float64Array(0),
        dictStart: new Int32Array(1),
      };
    }
    return persisted(
      db,
      answerGridKey(items),
      () => readAnswerGrid(db, items),
      (g) => g,
      (g) => checkedGrid(g, items),
    );
  });
}

/**
 * A stored grid as read back, checked for the shape this code writes (typed arrays of matching
 * lengths): a damaged layer, or one of a format that kept its key, throws and is built again
 * (layers.ts) instead of giving wrong figures or failing later.
 */
function checkedGrid(g: AnswerGrid, items: readonly number[]): AnswerGrid {
  const rows = g?.respondent instanceof Int32Array ? g.respondent.length : -1;
  const ok =
    rows >= 0 &&
    Array.isArray(g.items) &&
    g.items.length === items.length &&
    g.administration instanceof Int32Array &&
    g.administration.length === rows &&
    g.wave instanceof Uint8Array &&
    g.wave.length === rows &&
    Array.isArray(g.waves) &&
    (g.codes instanceof Uint8Array || g.codes instanceof Uint16Array || g.codes instanceof Uint32Array) &&
    g.codes.length === rows * items.length &&
    g.dict instanceof Float64Array &&
    g.dictStart instanceof Int32Array &&
    g.dictStart.length === items.length + 1 &&
    g.dictStart[items.length] === g.dict.length;
  if (!ok) throw new Error('The stored answer layer does not have the shape of this format.');
  return g;
}

function readAnswerGrid(db: Db, items: number[]): AnswerGrid {
  const code = (reason: string) => missingCode(reason as (typeof ITEM_MISSING)[number]);
  const reasonCase = `CASE r.missing_reason ${MISSING_REASONS.map((m) => `WHEN '${m}' THEN ${code(m)}`).join(' ')} END`;
  const cols = items.map(() => `max(CASE WHEN r.item_id = ? THEN coalesce(r.value, ${reasonCase}) END)`);
  const stmt = db
    .prepare(
      `SELECT r.respondent_id, r.administration_id, r.wave, ${cols.join(', ')}
       FROM responses r
       GROUP BY r.respondent_id, r.wave, r.administration_id`,
    )
    .raw();
  const k = items.length;
  const respondent: number[] = [];
  const administration: number[] = [];
  const waves: string[] = [];
  const wave: number[] = [];
  // Codes grow in chunks of whole rows; a column's values get codes in order of first appearance.
  let codes = new Uint32Array(1024 * k);
  const dicts = items.map(() => [] as number[]);
  const codeOf = items.map(() => new Map<number, number>());
  let n = 0;
  for (const r of stmt.iterate(...items) as IterableIterator<unknown[]>) {
    respondent.push(r[0] as number);
    administration.push(r[1] as number);
    let w = waves.indexOf(r[2] as string);
    if (w < 0) w = waves.push(r[2] as string) - 1;
    wave.push(w);
    if ((n + 1) * k > codes.length) {
      const grown = new Uint32Array(codes.length * 2);
      grown.set(codes);
      codes = grown;
    }
    for (let j = 0; j < k; j += 1) {
      const x = r[3 + j] as number | null;
      const v = x === null ? Number.NaN : x;
      let c = codeOf[j]!.get(v); // NaN finds NaN (SameValueZero)
      if (c === undefined) {
        c = dicts[j]!.push(v) - 1;
        codeOf[j]!.set(v, c);
      }
      codes[n * k + j] = c;
    }
    n += 1;
  }
  const used = codes.subarray(0, n * k);
  const widest = Math.max(0, ...dicts.map((d) => d.length));
  const dictStart = new Int32Array(k + 1);
  dicts.forEach((d, j) => (dictStart[j + 1] = dictStart[j]! + d.length));
  return {
    items,
    respondent: Int32Array.from(respondent),
    administration: Int32Array.from(administration),
    waves,
    wave: Uint8Array.from(wave),
    codes:
      widest <= 2 ** 8 ? Uint8Array.from(used) : widest <= 2 ** 16 ? Uint16Array.from(used) : used.slice(),
    dict: Float64Array.from(dicts.flat()),
    dictStart,
  };
}

/** Something worked out per distinct answer of a column: f of each answer, at the answer's code. */
export function perAnswer(grid: AnswerGrid, col: number, f: (v: number) => number): Float64Array {
  const from = grid.dictStart[col]!;
  const out = new Float64Array(grid.dictStart[col + 1]! - from);
  for (let c = 0; c < out.length; c += 1) out[c] = f(grid.dict[from + c]!);
  return out;
}

/**
 * Scale scores of every sitting (answer grid row), for one minimum share of items answered: the mean
 * of answered items after reverse coding ((min + max) - value), NaN unless enough items were answered.
 * Values outside the item's range count as missing. A row with no valid answer to any scale item is
 * not a sitting with scores (`scored` 0). Sums run in item id order with SQLite's sum()
 * (Kahan-Babuska-Neumaier), as the SQL aggregate this replaced, so scores are the same to the last bit.
 */
export interface Scores {
  /** Constructs per row (Refs.constructs.length): score of row r and construct c at r * width + c.index. */
  width: number;
  /** rows x width, NaN for no score */
  score: Float64Array;
  /** rows x width: items answered (valid, in range) */
  answered: Uint16Array;
  /** 1 for a row with at least one valid answer to a scale item */
  scored: Uint8Array;
}

export function loadScores(db: Db, minItemShare: number): Scores {
  return cached(db, `scores:${minItemShare}`, () => {
    const refs = loadRefs(db);
    const grid = loadAnswerGrid(db);
    const width = refs.constructs.length;
    const k = grid.items.length;
    const rows = grid.respondent.length;
    const out: Scores = {
      width,
      score: new Float64Array(rows * width).fill(Number.NaN),
      answered: new Uint16Array(rows * width),
      scored: new Uint8Array(rows),
    };
    // Per construct: its items' columns (ascending id), and per item the recoded value of each of
    // its distinct answers, NaN for one outside the item's range (NaN for no row and missing codes
    // fail the range test too).
    const cs = refs.constructs
      .filter((c) => c.items.length > 0)
      .map((c) => {
        const own = [...c.items]
          .sort((a, b) => a.id - b.id)
          .map((it) => ({ it, col: grid.items.indexOf(it.id) }))
          .filter((x) => x.col >= 0);
        return {
          index: c.index,
          need: requiredItems(c, minItemShare),
          cols: own.map((x) => x.col),
          value: own.map(({ it, col }) => {
            const lo = refs.scaleById.get(it.scaleId)?.min ?? Number.NaN;
            const hi = refs.scaleById.get(it.scaleId)?.max ?? Number.NaN;
            return perAnswer(grid, col, (v) =>
              !(v >= lo && v <= hi) ? Number.NaN : it.reverse ? lo + hi - v : v,
            );
          }),
        };
      });
    const { codes } = grid;
    for (let i = 0; i < rows; i += 1) {
      for (let c = 0; c < cs.length; c += 1) {
        const x = cs[c]!;
        let sum = 0;
        let err = 0;
        let count = 0;
        for (let j = 0; j < x.cols.length; j += 1) {
          const r = x.value[j]![codes[i * k + x.cols[j]!]!]!;
          if (Number.isNaN(r)) continue;
          const t = sum + r;
          if (Math.abs(sum) > Math.abs(r)) err += sum - t + r;
          else err += r - t + sum;
          sum = t;
          count += 1;
        }
        if (count === 0) continue;
        out.scored[i] = 1;
        if (count >= x.need) out.score[i * width + x.index] = (sum + err) / count;
        out.answered[i * width + x.index] = count;
      }
    }
    return out;
  });
}

/**
 * An item's answer in a sitting as reliability and distributions read it: the value, or a missing
 * code (NO_ANSWER for no response row, OUT_OF_RANGE for a value outside the item's scale).
 */
export function itemAnswer(v: number, min: number | undefined, max: number | undefined): number {
  if (Number.isNaN(v)) return NO_ANSWER;
  if (isMissingCode(v)) return v;
  if (min !== undefined && max !== undefined && (v < min || v > max)) return OUT_OF_RANGE;
  return v;
}
