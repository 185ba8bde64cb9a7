import { bandOf, dosageBands, healthBand } from '@core/metrics/bands';
import { compareGroups } from '@core/metrics/groups';
import { maskRows, nullFigures } from '@core/metrics/suppression';
import { meanWithCi, proportion } from '@core/metrics/summaries';
import { pairedChange, STAT_REASON_MESSAGES, type StatReason } from '@core/stats';
import { MIN_SUPPRESSION_THRESHOLD, suppressTable } from '@core/privacy';
import type { GroupKey } from '@shared/metrics';
import { cached } from '../cache';
import { CellIndex } from '../cell-index';
import { type ConstructRef, type ScaleRef } from '../base/refs';
import { attendanceColumns } from '../base/attendance';
import {
  ITEM_MISSING,
  isMissingCode,
  itemAnswer,
  loadAnswerGrid,
  loadScores,
  type AnswerGrid,
  missingIndex,
  perAnswer,
} from '../base/surveys';
import { dimsFor, groupsFor, needsPartner, passes, WAVE_ORDER, type Ctx, type Unit } from '../context';
import type {
  ItemOut,
  MatchReportOut,
  PartnerHealthOut,
  PrePostByDosageOut,
  PrePostOut,
  ReliabilityOut,
  RetentionOut,
  ScaleOut,
} from '../rows';
import { partnerSittings, selectYouth, youthGroups, youthTable } from './survey-sittings';

const YOUTH_DIMS = (d: string) => d.length > 0;
const NO_WAVE = (d: string) => d !== 'wave';
const PARTNER_DIMS = (d: string) => d === 'cohort' || d === 'partner' || d === 'partner_type' || d === 'wave';

const waveRank = (w: string) => {
  const i = WAVE_ORDER.indexOf(w);
  return i < 0 ? WAVE_ORDER.length : i;
};

/**
 * The youth sittings that pass the filters: indices into youthTable(ctx) (./survey-sittings.ts), the
 * unit of every youth survey figure. The same for every split of one filter set.
 */
export function youthSittings(ctx: Ctx): ArrayLike<number> {
  const key = `youthSittings:${JSON.stringify(ctx.filters)}:${ctx.settings.minItemShare}:${needsPartner(ctx)}`;
  return cached(ctx.db, key, () => selectYouth(ctx));
}

const youthConstructs = (ctx: Ctx) =>
  ctx.refs.constructs.filter((c) => c.kind === 'youth' && c.items.length > 0);

/** The agree point of a construct: its top two categories, e.g. a score of 4 or more on 1-5. */
const agreePoint = (c: ConstructRef) => c.max - 1;

const byGroup =
  <T extends { group: GroupKey }>(dims: string[]) =>
  (a: T, b: T) =>
    compareGroups(dims, a.group, b.group);

/**
 * Table cells by a dense integer index (group id and what the table splits by, packed by the caller),
 * kept in order of creation: the order a Map keyed by group and cell would list them in.
 */
class Cells<T> {
  private readonly cells: (T | undefined)[];
  readonly list: T[] = [];
  constructor(size: number) {
    this.cells = new Array<T | undefined>(size);
  }
  /** The cell at i, if made (`cells.at(i) ?? cells.add(i, {...})` makes no closure per look-up). */
  at(i: number): T | undefined {
    return this.cells[i];
  }
  add(i: number, cell: T): T {
    this.cells[i] = cell;
    this.list.push(cell);
    return cell;
  }
}

/**
 * Values per table cell (dense integer index, as Cells), gathered in two walks over the same units
 * in the same order: the first counts them (`count`, which also lists the cells in order of first
 * use), the second stores them (`put`, or `put2` for pairs) into one array, cell after cell, so each
 * cell's values are a subarray in walk order and nothing is allocated per value.
 */
class Gather {
  private readonly counts: Int32Array;
  private readonly next: Int32Array;
  /** cells in order of first use */
  readonly order: number[] = [];
  private first = new Float64Array(0);
  private second = new Float64Array(0);
  constructor(size: number) {
    this.counts = new Int32Array(size);
    this.next = new Int32Array(size);
  }
  count(i: number): void {
    if (this.counts[i]!++ === 0) this.order.push(i);
  }
  /** After the counting walk: room for every value (and a second value per unit with `pairs`). */
  allocate(pairs = false): void {
    let at = 0;
    for (const i of this.order) {
      this.next[i] = at;
      at += this.counts[i]!;
    }
    this.first = new Float64Array(at);
    if (pairs) this.second = new Float64Array(at);
  }
  put(i: number, v: number): void {
    this.first[this.next[i]!++] = v;
  }
  put2(i: number, a: number, b: number): void {
    const at = this.next[i]!++;
    this.first[at] = a;
    this.second[at] = b;
  }
  /** A cell's values (after the second walk: `next` is then the end of each cell). */
  values(i: number): Float64Array {
    return this.first.subarray(this.next[i]! - this.counts[i]!, this.next[i]!);
  }
  seconds(i: number): Float64Array {
    return this.second.subarray(this.next[i]! - this.counts[i]!, this.next[i]!);
  }
}

// Scales ----------------------------------------------------------------------------------------------

export function computeScales(ctx: Ctx, sittings: ArrayLike<number> = youthSittings(ctx)): ScaleOut[] {
  const dims = dimsFor(ctx, YOUTH_DIMS);
  const constructs = youthConstructs(ctx);
  const table = youthTable(ctx);
  const { score, width } = loadScores(ctx.db, ctx.settings.minItemShare);
  const { groups, lists, of } = youthGroups(ctx, dims);
  const nWaves = table.waves.length;
  // Scores per group, wave and construct (the cell index packs them), in the order of the sittings.
  const cells = new Gather(groups.length * nWaves * width);
  for (const pass of [0, 1]) {
    if (pass === 1) cells.allocate();
    for (let j = 0; j < sittings.length; j += 1) {
      const t = sittings[j]!;
      const w = table.wave[t]!;
      const at = table.row[t]! * width;
      const list = lists[of[t]!]!;
      for (let l = 0; l < list.length; l += 1) {
        const base = (list[l]! * nWaves + w) * width;
        for (let ci = 0; ci < constructs.length; ci += 1) {
          const c = constructs[ci]!;
          const s = score[at + c.index]!;
          if (Number.isNaN(s)) continue;
          if (pass === 0) cells.count(base + c.index);
          else cells.put(base + c.index, s);
        }
      }
    }
  }
  const rows = cells.order.map((i) => {
    const c = ctx.refs.constructs[i % width]!;
    const w = Math.floor(i / width) % nWaves;
    const scores = cells.values(i);
    const cell = { group: groups[Math.floor(i / width / nWaves)]!.group, c, wave: table.waves[w]! };
    const d = meanWithCi(scores);
    const point = agreePoint(c) - 1e-9;
    let agree = 0;
    for (let k = 0; k < scores.length; k += 1) if (scores[k]! >= point) agree += 1;
    const pa = proportion(agree, scores.length);
    return {
      group: cell.group,
      scale: cell.c.code,
      scaleName: cell.c.name,
      wave: cell.wave,
      mean: d.mean,
      sd: d.sd,
      ciLow: d.ciLow,
      ciHigh: d.ciHigh,
      percentAgree: pa.rate,
      percentAgreeCiLow: pa.ciLow,
      percentAgreeCiHigh: pa.ciHigh,
      n: d.n,
    };
  });
  const masks = maskRows(rows, {
    n: (r) => r.n,
    group: (r) => r.group,
    dims: dims.filter((d) => d !== 'wave'),
    set: (r) => `${r.scale}|${r.wave}`,
    threshold: ctx.threshold,
  });
  return rows
    .map((r, i): ScaleOut => {
      const m = masks[i]!;
      if (m.suppressed) return { ...nullFigures(r, []), suppressed: true, suppressionReason: m.reason };
      if (
        ctx.settings.topBottomCoding &&
        r.percentAgree !== null &&
        (r.percentAgree > 0.95 || r.percentAgree < 0.05)
      ) {
        const code = r.percentAgree > 0.95 ? 'top' : 'bottom';
        return {
          ...r,
          percentAgree: null,
          percentAgreeCiLow: null,
          percentAgreeCiHigh: null,
          percentAgreeCode: code,
          suppressed: false,
          suppressionReason: null,
        };
      }
      return { ...r, percentAgreeCode: null, suppressed: false, suppressionReason: null };
    })
    .sort(
      (a, b) =>
        byGroup<ScaleOut>(dims)(a, b) ||
        a.scale.localeCompare(b.scale) ||
        waveRank(a.wave) - waveRank(b.wave),
    );
}

// Reliability -----------------------------------------------------------------------------------------

/** Cronbach's alpha per scale and wave over the selection (youth scales and partner factors). */
export function computeReliability(
  ctx: Ctx,
  youth: ArrayLike<number> = youthSittings(ctx),
): ReliabilityOut[] {
  const grid = loadAnswerGrid(ctx.db);
  const { codes } = grid;
  const k = grid.items.length;
  const table = youthTable(ctx);
  const partners = partnerSittings(ctx);
  // The selected sittings' answer grid rows, in grid order (the order sums are taken in).
  const rows = new Int32Array(youth.length + partners.length);
  for (let j = 0; j < youth.length; j += 1) rows[j] = table.row[youth[j]!]!;
  partners.forEach((p, j) => (rows[youth.length + j] = p.row));
  rows.sort();
  // Each construct with its items' grid columns and, per item, the recoded value of each distinct
  // answer (NaN for a missing one: no row, a missing reason, out of the item's range). A construct
  // with an item not on its instrument has no complete case.
  const column = new Map(grid.items.map((id, j) => [id, j]));
  const withItems = new Set([...ctx.refs.itemById.values()].map((i) => i.instrumentId));
  const byInstrument = new Map<number, { c: ConstructRef; cols: number[]; value: Float64Array[] | null }[]>();
  for (const c of ctx.refs.constructs) {
    if (c.items.length === 0) continue;
    const cols = c.items.map((it) => (it.instrumentId === c.instrumentId ? (column.get(it.id) ?? -1) : -1));
    const value = cols.some((j) => j < 0)
      ? null
      : c.items.map((it, i) => {
          const scale = ctx.refs.scaleById.get(it.scaleId);
          return perAnswer(grid, cols[i]!, (raw) =>
            isMissingCode(itemAnswer(raw, scale?.min, scale?.max))
              ? Number.NaN
              : it.reverse
                ? c.min + c.max - raw
                : raw,
          );
        });
    const list = byInstrument.get(c.instrumentId) ?? [];
    list.push({ c, cols, value });
    byInstrument.set(c.instrumentId, list);
  }
  // One walk over the sittings, accumulating per scale and wave only what alpha needs from the
  // complete cases (sums and sums of squares of each recoded item and of the total): no row arrays.
  interface Acc {
    c: ConstructRef;
    wave: string;
    n: number;
    sum: Float64Array;
    sq: Float64Array;
    tSum: number;
    tSq: number;
    tMin: number;
    tMax: number;
  }
  const nConstructs = ctx.refs.constructs.length;
  const accs = new Cells<Acc>(Math.max(1, grid.waves.length) * nConstructs);
  // The constructs of each administration's instrument (none when its instrument has no items).
  const constructsOf = new Map<number, NonNullable<ReturnType<typeof byInstrument.get>>>();
  for (const adm of ctx.refs.administrationById.values()) {
    if (withItems.has(adm.instrumentId)) constructsOf.set(adm.id, byInstrument.get(adm.instrumentId) ?? []);
  }
  const xs = new Float64Array(Math.max(0, ...ctx.refs.constructs.map((c) => c.items.length)));
  let previous = -1;
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r]!;
    if (row === previous) continue;
    previous = row;
    const list = constructsOf.get(grid.administration[row]!);
    if (!list) continue;
    const w = grid.wave[row]!;
    for (let x = 0; x < list.length; x += 1) {
      const { c, cols, value } = list[x]!;
      const a =
        accs.at(w * nConstructs + c.index) ??
        accs.add(w * nConstructs + c.index, {
          c,
          wave: grid.waves[w]!,
          n: 0,
          sum: new Float64Array(cols.length),
          sq: new Float64Array(cols.length),
          tSum: 0,
          tSq: 0,
          tMin: Infinity,
          tMax: -Infinity,
        });
      if (!value) continue;
      let complete = true;
      for (let i = 0; i < cols.length; i += 1) {
        const x = value[i]![codes[row * k + cols[i]!]!]!;
        if (Number.isNaN(x)) {
          complete = false;
          break;
        }
        xs[i] = x;
      }
      if (!complete) continue;
      let total = 0;
      for (let i = 0; i < cols.length; i += 1) {
        const x = xs[i]!;
        a.sum[i]! += x;
        a.sq[i]! += x * x;
        total += x;
      }
      a.n += 1;
      a.tSum += total;
      a.tSq += total * total;
      a.tMin = Math.min(a.tMin, total);
      a.tMax = Math.max(a.tMax, total);
    }
  }
  const out: ReliabilityOut[] = [];
  for (const a of accs.list) {
    const k = a.c.items.length;
    const variance = (s: number, q: number) => Math.max(0, (q - (s * s) / a.n) / (a.n - 1));
    let alpha: number | null = null;
    let reason: StatReason | null = null;
    if (k < 2) reason = 'single_item';
    else if (a.n < 2) reason = 'too_few_complete_cases';
    else if (a.tMin === a.tMax) reason = 'zero_total_variance';
    else {
      let itemVariance = 0;
      for (let i = 0; i < k; i += 1) itemVariance += variance(a.sum[i]!, a.sq[i]!);
      alpha = (k / (k - 1)) * (1 - itemVariance / variance(a.tSum, a.tSq));
    }
    const suppressed = a.n < ctx.threshold;
    out.push({
      scale: a.c.code,
      scaleName: a.c.name,
      wave: a.wave,
      k,
      alpha: suppressed ? null : alpha,
      nComplete: suppressed ? null : a.n,
      reason: reason === null ? null : STAT_REASON_MESSAGES[reason],
      n: suppressed ? null : a.n,
      suppressed,
      suppressionReason: suppressed ? `n < ${ctx.threshold}` : null,
    });
  }
  return out.sort((a, b) => a.scale.localeCompare(b.scale) || waveRank(a.wave) - waveRank(b.wave));
}

// Item distributions ----------------------------------------------------------------------------------

/** Answers per distinct answer (code in the answer grid's column) of one item in one table cell. */
interface ItemCell {
  group: GroupKey;
  item: number;
  /** the item's grid column */
  col: number;
  scale: ScaleRef | undefined;
  wave: string;
  /** answers per code (items with few distinct answers: all but free numeric ones) */
  counts: Int32Array | null;
  /** answers per code (items with too many distinct answers for an array per cell) */
  countOf: Map<number, number> | null;
}

/** A cell's answers as the rows report them: per value (in range), per missing reason, and all. */
interface ItemTally {
  group: GroupKey;
  item: number;
  wave: string;
  values: Map<number, number>;
  missing: number[];
  n: number;
}

function tally(cell: ItemCell, grid: AnswerGrid): ItemTally {
  const from = grid.dictStart[cell.col]!;
  const values = new Map<number, number>();
  const missing = ITEM_MISSING.map(() => 0);
  let n = 0;
  const add = (code: number, count: number) => {
    if (count === 0) return;
    n += count;
    const v = itemAnswer(grid.dict[from + code]!, cell.scale?.min, cell.scale?.max);
    if (isMissingCode(v)) missing[missingIndex(v)]! += count;
    else values.set(v, (values.get(v) ?? 0) + count);
  };
  if (cell.counts) cell.counts.forEach((count, code) => add(code, count));
  else for (const [code, count] of cell.countOf ?? []) add(code, count);
  return { group: cell.group, item: cell.item, wave: cell.wave, values, missing, n };
}

/** Distinct answers of an item up to which a cell counts them in an array. */
const DENSE_CODES = 4096;

export function computeItems(ctx: Ctx, youth: ArrayLike<number> = youthSittings(ctx)): ItemOut[] {
  const dims = dimsFor(ctx, YOUTH_DIMS);
  const grid = loadAnswerGrid(ctx.db);
  const { codes, dictStart } = grid;
  const k = grid.items.length;
  const table = youthTable(ctx);
  const { groups, lists, of } = youthGroups(ctx, dims);
  // The selected sittings in answer grid order.
  const order = Int32Array.from(youth).sort();
  // Per instrument: its items in order (the order their cells are made in) with their grid columns.
  const column = new Map(grid.items.map((id, j) => [id, j]));
  const instruments = new Map<
    number,
    { index: number; items: { id: number; col: number; scored: boolean }[] }
  >();
  for (const item of ctx.refs.itemById.values()) {
    let ins = instruments.get(item.instrumentId);
    if (!ins) instruments.set(item.instrumentId, (ins = { index: instruments.size, items: [] }));
    // Every item is a column of the grid (its columns are the ids of Refs.itemById).
    ins.items.push({ id: item.id, col: column.get(item.id) as number, scored: item.constructId !== null });
  }
  type Instrument = NonNullable<ReturnType<typeof instruments.get>>;
  type Counts = Int32Array | Map<number, number> | null;
  const width = (col: number) => dictStart[col + 1]! - dictStart[col]!;
  // Answers per code of each item of a scale (null for another item): in an array over the item's
  // distinct answers, or a map for an item with too many of them.
  const newCounts = (ins: Instrument): Counts[] =>
    ins.items.map((item) =>
      !item.scored ? null : width(item.col) <= DENSE_CODES ? new Int32Array(width(item.col)) : new Map(),
    );
  // First the answers per list of groups (sittings with the same groups, wave and instrument count
  // together, once: not once per group), in order of first use.
  const nWaves = Math.max(1, grid.waves.length);
  const nIns = instruments.size;
  const byList = new Cells<{ l: number; w: number; ins: Instrument; counts: Counts[] }>(
    lists.length * nWaves * nIns,
  );
  for (let j = 0; j < order.length; j += 1) {
    const t = order[j]!;
    const row = table.row[t]!;
    const adm = ctx.refs.administrationById.get(table.administration[t]!);
    const ins = adm ? instruments.get(adm.instrumentId) : undefined;
    if (!ins) continue;
    const w = table.wave[t]!;
    const l = of[t]!;
    const at = (l * nWaves + w) * nIns + ins.index;
    const { counts } = byList.at(at) ?? byList.add(at, { l, w, ins, counts: newCounts(ins) });
    for (let i = 0; i < counts.length; i += 1) {
      const c = counts[i];
      if (!c) continue;
      const code = codes[row * k + ins.items[i]!.col]!;
      if (c instanceof Int32Array) c[code]! += 1;
      else c.set(code, (c.get(code) ?? 0) + 1);
    }
  }
  // Then one block of cells per group, wave and instrument (null for an item of no scale), made in
  // the order the walk over the sittings first reaches them: lists in order of first use, each list's
  // groups in order.
  const blocks = new Cells<(ItemCell | null)[]>(groups.length * nWaves * nIns);
  for (const { l, w, ins, counts } of byList.list) {
    for (const g of lists[l]!) {
      const at = (g * nWaves + w) * nIns + ins.index;
      const block =
        blocks.at(at) ??
        blocks.add(
          at,
          ins.items.map((item) =>
            !item.scored
              ? null
              : {
                  group: groups[g]!.group,
                  item: item.id,
                  col: item.col,
                  scale: ctx.refs.scaleById.get(ctx.refs.itemById.get(item.id)!.scaleId),
                  wave: table.waves[w]!,
                  counts: null,
                  countOf: null,
                },
          ),
        );
      counts.forEach((c, i) => {
        const cell = block[i];
        if (!c || !cell) return;
        if (c instanceof Int32Array) {
          if (!cell.counts) cell.counts = new Int32Array(c.length);
          for (let x = 0; x < c.length; x += 1) cell.counts[x]! += c[x]!;
        } else {
          cell.countOf ??= new Map();
          for (const [code, n] of c) cell.countOf.set(code, (cell.countOf.get(code) ?? 0) + n);
        }
      });
    }
  }
  const rows = blocks.list
    .flat()
    .filter((c): c is ItemCell => c !== null)
    .map((c) => tally(c, grid))
    .filter((c) => c.n > 0);

  const masks = maskRows(rows, {
    n: (r) => r.n,
    group: (r) => r.group,
    dims: dims.filter((d) => d !== 'wave'),
    set: (r) => `${r.item}|${r.wave}`,
    threshold: ctx.threshold,
  });
  return rows
    .map((cell, i): ItemOut => {
      const item = ctx.refs.itemById.get(cell.item)!;
      const scale = ctx.refs.scaleById.get(item.scaleId);
      const options = (scale?.options ?? []).filter((o) => o.value !== null);
      const top = new Set(
        options
          .map((o) => o.value as number)
          .sort((a, b) => b - a)
          .slice(0, 2),
      );
      const categories = options.map((o) => ({
        label: o.label,
        value: o.value as number,
        count: cell.values.get(o.value as number) ?? 0,
      }));
      // 'no_answer' (no response row) is reported as skipped.
      const missingCounts = new Map<string, number>();
      ITEM_MISSING.forEach((reason, j) => {
        const name = reason === 'no_answer' ? 'skipped' : reason;
        const c = cell.missing[j] ?? 0;
        if (c > 0) missingCounts.set(name, (missingCounts.get(name) ?? 0) + c);
      });
      const missing = [...missingCounts].map(([reason, count]) => ({ reason, count }));
      const valid = categories.reduce((a, c) => a + c.count, 0);
      const agree = categories.filter((c) => top.has(c.value)).reduce((a, c) => a + c.count, 0);
      const base = {
        group: cell.group,
        scale: ctx.refs.constructs.find((c) => c.id === item.constructId)?.code ?? '',
        item: item.code,
        itemText: item.text,
        isReverseCoded: item.reverse,
        wave: cell.wave,
        categories,
        missing,
        percentAgree: valid > 0 ? agree / valid : null,
        n: cell.n,
      };
      const m = masks[i]!;
      if (m.suppressed)
        return { ...nullFigures(base, ['value']), suppressed: true, suppressionReason: m.reason };
      // Counts inside the row: hidden below the threshold, with complements so that neither the row
      // total, the top-two total (percent agree) nor the rest can give a hidden count back.
      const cellsFlat = [
        ...categories.map((c) => ({ part: top.has(c.value) ? 'top' : 'rest', n: c.count })),
        ...missing.map((mm) => ({ part: 'missing', n: mm.count })),
      ];
      const masked = maskParts(cellsFlat, ctx.threshold, [[], ['part']]);
      const catOut = categories.map((c, j) => ({ ...c, count: masked[j] ? null : c.count }));
      const missOut = missing.map((mm, j) => ({
        ...mm,
        count: masked[categories.length + j] ? null : mm.count,
      }));
      // The top-two total is one of the published totals above, so percent agree gives no hidden count back.
      const pa =
        ctx.settings.topBottomCoding &&
        base.percentAgree !== null &&
        (base.percentAgree > 0.95 || base.percentAgree < 0.05);
      return {
        ...base,
        categories: catOut,
        missing: missOut,
        percentAgree: pa ? null : base.percentAgree,
        suppressed: false,
        suppressionReason: null,
      };
    })
    .sort(
      (a, b) =>
        byGroup<ItemOut>(dims)(a, b) ||
        a.scale.localeCompare(b.scale) ||
        a.item.localeCompare(b.item) ||
        waveRank(a.wave) - waveRank(b.wave),
    );
}

/**
 * Which counts inside one shown row to hide: below the threshold, plus complements within each
 * published total (the row's n; with `part`, also the totals of each part). A count of 0 describes
 * nobody: it stays visible and is never chosen as a complement.
 */
function maskParts(cells: { part: string; n: number }[], threshold: number, totals: 'part'[][]): boolean[] {
  if (threshold <= 1) return cells.map(() => false);
  // Nothing below the threshold: nothing to hide, and no complement either (most rows).
  if (threshold >= MIN_SUPPRESSION_THRESHOLD && !cells.some((c) => c.n > 0 && c.n < threshold))
    return cells.map(() => false);
  return suppressTable(
    cells.map((c) => ({ ...c, n: c.n === 0 ? Number.MAX_SAFE_INTEGER : c.n })),
    { nField: 'n', threshold, labelFields: ['part'], totals },
  ).rows.map((r) => r.suppressed);
}

// Matched pre/post ------------------------------------------------------------------------------------

/**
 * Matched pairs of one scale and design, in the order their keys were first seen: pre and post scores,
 * and the post sitting (an index into youthTable: its groups are the pair's groups).
 */
export interface PairBlock {
  c: ConstructRef;
  design: 'pre_post' | 'retrospective';
  n: number;
  pre: Float64Array;
  post: Float64Array;
  sitting: Int32Array;
}

/** Pairs by participant ID within a cohort (pre/post) or within one administration (retrospective). */
export function matchPairs(ctx: Ctx, youth: ArrayLike<number>): PairBlock[] {
  const key = `pairs:${JSON.stringify(ctx.filters)}:${ctx.settings.minItemShare}:${needsPartner(ctx)}`;
  return cached(ctx.db, key, () => readPairs(ctx, youth));
}

function readPairs(ctx: Ctx, youth: ArrayLike<number>): PairBlock[] {
  const constructs = youthConstructs(ctx);
  const nc = constructs.length;
  const table = youthTable(ctx);
  const { score, answered, width } = loadScores(ctx.db, ctx.settings.minItemShare);
  const PRE = table.waves.indexOf('pre');
  const POST = table.waves.indexOf('post');
  const RETRO = table.waves.indexOf('retrospective_pre');
  // Per construct, the best sitting per youth and cohort (pre, post: table.key) and per youth and
  // administration (retrospective pre, post: table.keyA), -1 for none; and each construct's keys in
  // the order it first saw them (the order its pairs are listed in).
  const nKeys = table.nKeys;
  const nUnits = table.nKeysA;
  const best = {
    pre: new Int32Array(nKeys * nc).fill(-1),
    post: new Int32Array(nKeys * nc).fill(-1),
    retro: new Int32Array(nUnits * nc).fill(-1),
    postByAdm: new Int32Array(nUnits * nc).fill(-1),
  };
  const order = constructs.map(() => ({ pre: [] as number[], retro: [] as number[] }));
  /** The better of two sittings of one youth, wave and cohort: more items answered, then the later administration. */
  const better = (a: number, b: number, c: number) => {
    const x = answered[table.row[a]! * width + c]!;
    const y = answered[table.row[b]! * width + c]!;
    return x !== y ? (x > y ? a : b) : table.administration[a]! >= table.administration[b]! ? a : b;
  };
  /** Puts sitting t in a slot; true when the slot was empty. */
  const put = (slots: Int32Array, slot: number, t: number, c: number) => {
    const old = slots[slot]!;
    slots[slot] = old < 0 ? t : better(old, t, c);
    return old < 0;
  };
  for (let j = 0; j < youth.length; j += 1) {
    const t = youth[j]!;
    const w = table.wave[t]!;
    if (w !== PRE && w !== POST && w !== RETRO) continue;
    const at = table.row[t]! * width;
    const k = table.key[t]! * nc;
    const ka = table.keyA[t]! * nc;
    for (let i = 0; i < nc; i += 1) {
      const c = constructs[i]!.index;
      if (Number.isNaN(score[at + c]!)) continue;
      if (w === PRE) {
        if (put(best.pre, k + i, t, c)) order[i]!.pre.push(k + i);
      } else if (w === POST) {
        put(best.post, k + i, t, c);
        put(best.postByAdm, ka + i, t, c);
      } else if (put(best.retro, ka + i, t, c)) order[i]!.retro.push(ka + i);
    }
  }
  const block = (
    c: ConstructRef,
    design: PairBlock['design'],
    slots: number[],
    pre: Int32Array,
    post: Int32Array,
  ): PairBlock => {
    const out: PairBlock = {
      c,
      design,
      n: 0,
      pre: new Float64Array(slots.length),
      post: new Float64Array(slots.length),
      sitting: new Int32Array(slots.length),
    };
    for (let j = 0; j < slots.length; j += 1) {
      const slot = slots[j]!;
      const b = post[slot]!;
      if (b < 0) continue;
      const a = pre[slot]!;
      out.pre[out.n] = score[table.row[a]! * width + c.index]!;
      out.post[out.n] = score[table.row[b]! * width + c.index]!;
      out.sitting[out.n] = b;
      out.n += 1;
    }
    return out;
  };
  return constructs.flatMap((c, i) => [
    block(c, 'pre_post', order[i]!.pre, best.pre, best.post),
    block(c, 'retrospective', order[i]!.retro, best.retro, best.postByAdm),
  ]);
}

type PairStats = Omit<PrePostOut, 'group' | 'suppressed' | 'suppressionReason'>;

function pairStats(
  ctx: Ctx,
  c: ConstructRef,
  design: PairBlock['design'],
  pre: Float64Array,
  post: Float64Array,
): PairStats {
  const r = pairedChange(pre, post, { effectSizeName: ctx.settings.effectSize });
  return {
    scale: c.code,
    scaleName: c.name,
    design,
    nMatched: r.nMatched,
    meanPre: r.meanPre,
    meanPost: r.meanPost,
    sdPre: r.sdPre,
    sdPost: r.sdPost,
    meanDiff: r.meanDiff,
    sdDiff: r.sdDiff,
    ciLow: r.ciLow,
    ciHigh: r.ciHigh,
    t: r.t,
    df: r.df,
    p: r.p,
    dz: r.dz,
    gav: r.gav,
    wilcoxonP: r.wilcoxonP,
    effectSizeName: r.effectSizeName,
    reason: r.reason === null ? null : STAT_REASON_MESSAGES[r.reason],
    n: r.nMatched,
  };
}

interface PairCell {
  group: GroupKey;
  c: ConstructRef;
  design: PairBlock['design'];
  /** the band, for cells split by one */
  sub: number;
  pre: Float64Array;
  post: Float64Array;
}

/** Pre and post scores of the pairs per table cell (group, scale, design and `sub`), in pair order. */
function pairCells(
  ctx: Ctx,
  dims: string[],
  pairs: readonly PairBlock[],
  subs: number,
  subOf: (sitting: number) => number,
): PairCell[] {
  const { groups, lists, of } = youthGroups(ctx, dims);
  const size = ctx.refs.constructs.length * 2 * subs;
  const cells = new Gather(groups.length * size);
  for (const pass of [0, 1]) {
    if (pass === 1) cells.allocate(true);
    for (const b of pairs) {
      const k = (b.c.index * 2 + (b.design === 'pre_post' ? 0 : 1)) * subs;
      for (let p = 0; p < b.n; p += 1) {
        const t = b.sitting[p]!;
        const sub = subs === 1 ? 0 : subOf(t);
        const list = lists[of[t]!]!;
        for (let l = 0; l < list.length; l += 1) {
          const at = list[l]! * size + k + sub;
          if (pass === 0) cells.count(at);
          else cells.put2(at, b.pre[p]!, b.post[p]!);
        }
      }
    }
  }
  return cells.order.map((i) => {
    const kk = Math.floor((i % size) / subs);
    return {
      group: groups[Math.floor(i / size)]!.group,
      c: ctx.refs.constructs[kk >> 1]!,
      design: kk % 2 === 0 ? 'pre_post' : 'retrospective',
      sub: i % subs,
      pre: cells.values(i),
      post: cells.seconds(i),
    };
  });
}

export function computePrePost(
  ctx: Ctx,
  pairs: readonly PairBlock[] = matchPairs(ctx, youthSittings(ctx)),
): PrePostOut[] {
  const dims = dimsFor(ctx, NO_WAVE);
  const cells = pairCells(ctx, dims, pairs, 1, () => 0);
  const rows = cells.map((cell) => ({
    group: cell.group,
    ...pairStats(ctx, cell.c, cell.design, cell.pre, cell.post),
  }));
  const masks = maskRows(rows, {
    n: (r) => r.n,
    group: (r) => r.group,
    dims,
    set: (r) => `${r.scale}|${r.design}`,
    threshold: ctx.threshold,
  });
  return rows
    .map((r, i): PrePostOut => {
      const m = masks[i]!;
      return m.suppressed
        ? { ...nullFigures(r, []), reason: null, suppressed: true, suppressionReason: m.reason }
        : { ...r, suppressed: false, suppressionReason: null };
    })
    .sort(
      (a, b) =>
        byGroup<PrePostOut>(dims)(a, b) || a.scale.localeCompare(b.scale) || a.design.localeCompare(b.design),
    );
}

/**
 * Contact hours of each youth in each cohort within the filters (index: youthTable's key of the youth
 * and cohort): the sum of the youth's attendance cells, in their order.
 */
function hoursPerYouthCohort(ctx: Ctx): Float64Array {
  // The same for every split of one filter set, and whatever cohorts it selects (a key is one
  // cohort's, and only keys of the selected cohorts are read): one array for the full set and the
  // goals' cohorts.
  const f = ctx.filters;
  const key = JSON.stringify([f.dateFrom, f.dateTo, f.programs, f.sites, f.attributes]);
  return cached(ctx.db, `hoursPerYouthCohort:${key}`, () => readHours(ctx));
}

/** The one use of attendance on the survey side (contact hours per youth and cohort), from its columns. */
function readHours(ctx: Ctx): Float64Array {
  const { keyOf, nKeys } = youthTable(ctx);
  const out = new Float64Array(nKeys);
  const r = ctx.resolved;
  const variant = { byPartner: false, dateFrom: r.dateFrom, dateTo: r.dateTo };
  // One unit, refilled per cell, for the filters that look at more than the cohort.
  const check = r.programs !== null || r.sites !== null || r.attributes.length > 0;
  const programs = [0];
  const sites: (number | null)[] = [null];
  const unit: Unit = { participant: 0, cohort: 0, programs, sites, partners: [] };
  const c = attendanceColumns(ctx.db, variant);
  for (let j = 0; j < c.length; j += 1) {
    const k = keyOf(c.participant[j]!, c.cohort[j]!);
    if (k < 0) continue;
    if (check) {
      unit.participant = c.participant[j]!;
      unit.cohort = c.cohort[j]!;
      programs[0] = c.program[j]!;
      sites[0] = c.site[j]! < 0 ? null : c.site[j]!;
      if (!passes(ctx, unit, ['cohort', 'partner', 'partner_type'])) continue;
    }
    out[k]! += c.minutes[j]! / 60;
  }
  return out;
}

export function computePrePostByDosage(
  ctx: Ctx,
  pairs: readonly PairBlock[] = matchPairs(ctx, youthSittings(ctx)),
): PrePostByDosageOut[] {
  const dims = dimsFor(ctx, NO_WAVE);
  const edges = ctx.settings.dosageBandsHours;
  const bands = dosageBands(edges);
  const hours = hoursPerYouthCohort(ctx);
  const { key } = youthTable(ctx);
  const cells = pairCells(ctx, dims, pairs, bands.length, (t) => bandOf(hours[key[t]!]!, edges));
  const rows = cells.map((cell) => ({
    group: cell.group,
    band: bands[cell.sub]!.label,
    bandIndex: cell.sub,
    ...pairStats(ctx, cell.c, cell.design, cell.pre, cell.post),
  }));
  // Bands of one group add up to the group's matched n (published in prePost): suppress as a table
  // split by the band too.
  const maskDims = [...dims, 'band'].slice(-2);
  const outer = dims.length > 1 ? dims[0] : undefined;
  const masks = maskRows(
    rows.map((r): { n: number | null; group: GroupKey; set: string } => ({
      n: r.n,
      group: { ...r.group, band: { code: String(r.bandIndex), label: r.band } },
      set: `${r.scale}|${r.design}|${outer === undefined ? '' : (r.group[outer]?.code ?? '')}`,
    })),
    { n: (r) => r.n, group: (r) => r.group, dims: maskDims, set: (r) => r.set, threshold: ctx.threshold },
  );
  return rows
    .map((r, i): PrePostByDosageOut => {
      const m = masks[i]!;
      return m.suppressed
        ? { ...nullFigures(r, ['bandIndex']), reason: null, suppressed: true, suppressionReason: m.reason }
        : { ...r, suppressed: false, suppressionReason: null };
    })
    .sort(
      (a, b) =>
        byGroup<PrePostByDosageOut>(dims)(a, b) ||
        a.scale.localeCompare(b.scale) ||
        a.design.localeCompare(b.design) ||
        a.bandIndex - b.bandIndex,
    );
}

// Match report and survey retention -------------------------------------------------------------------

/** Youth and cohort keys with a pre and with a post sitting in one group (a youth in two cohorts is two people to match). */
interface MatchCell {
  group: GroupKey;
  nPre: number;
  nPost: number;
  matched: number;
  /** keys with more than one pre sitting, plus keys with more than one post sitting */
  duplicates: number;
}

/** Match cells per list of sittings and split: the match report and survey retention share one walk. */
const matchCellsMemo = new WeakMap<ArrayLike<number>, Map<string, MatchCell[]>>();
function matchCells(ctx: Ctx, youth: ArrayLike<number>, dims: string[]): MatchCell[] {
  let byDims = matchCellsMemo.get(youth);
  if (!byDims) matchCellsMemo.set(youth, (byDims = new Map()));
  const key = dims.join('\u0001');
  let cells = byDims.get(key);
  if (!cells) byDims.set(key, (cells = readMatchCells(ctx, youth, dims)));
  return cells;
}

function readMatchCells(ctx: Ctx, youth: ArrayLike<number>, dims: string[]): MatchCell[] {
  const table = youthTable(ctx);
  const { groups, lists, of } = youthGroups(ctx, dims);
  const PRE = table.waves.indexOf('pre');
  const POST = table.waves.indexOf('post');
  const nKeys = table.nKeys;
  // The pre and post sittings of each key (counting sort by key), and the groups in order of first use.
  const start = new Int32Array(nKeys + 1);
  const order: number[] = [];
  const seenList = new Uint8Array(lists.length);
  const seenGroup = new Uint8Array(groups.length);
  let total = 0;
  for (let j = 0; j < youth.length; j += 1) {
    const t = youth[j]!;
    const w = table.wave[t]!;
    if (w !== PRE && w !== POST) continue;
    start[table.key[t]! + 1]! += 1;
    total += 1;
    const l = of[t]!;
    if (seenList[l] === 1) continue;
    seenList[l] = 1;
    for (const g of lists[l]!) {
      if (seenGroup[g] === 1) continue;
      seenGroup[g] = 1;
      order.push(g);
    }
  }
  for (let k = 0; k < nKeys; k += 1) start[k + 1]! += start[k]!;
  const next = start.slice(0, nKeys);
  const members = new Int32Array(total);
  for (let j = 0; j < youth.length; j += 1) {
    const t = youth[j]!;
    const w = table.wave[t]!;
    if (w !== PRE && w !== POST) continue;
    members[next[table.key[t]!]!++] = t;
  }
  // Per key: its pre and post sittings per group, then what they add to each group's counts.
  const nPre = new Int32Array(groups.length);
  const nPost = new Int32Array(groups.length);
  const matched = new Int32Array(groups.length);
  const duplicates = new Int32Array(groups.length);
  const pre = new Int32Array(groups.length);
  const post = new Int32Array(groups.length);
  const stamp = new Int32Array(groups.length).fill(-1);
  const touched: number[] = [];
  for (let k = 0; k < nKeys; k += 1) {
    if (start[k] === start[k + 1]) continue;
    touched.length = 0;
    for (let m = start[k]!; m < start[k + 1]!; m += 1) {
      const t = members[m]!;
      const isPre = table.wave[t] === PRE;
      const list = lists[of[t]!]!;
      for (let l = 0; l < list.length; l += 1) {
        const g = list[l]!;
        if (stamp[g] !== k) {
          stamp[g] = k;
          pre[g] = 0;
          post[g] = 0;
          touched.push(g);
        }
        if (isPre) pre[g]! += 1;
        else post[g]! += 1;
      }
    }
    for (const g of touched) {
      if (pre[g]! > 0) nPre[g]! += 1;
      if (post[g]! > 0) nPost[g]! += 1;
      if (pre[g]! > 0 && post[g]! > 0) matched[g]! += 1;
      if (pre[g]! > 1) duplicates[g]! += 1;
      if (post[g]! > 1) duplicates[g]! += 1;
    }
  }
  return order.map((g) => ({
    group: groups[g]!.group,
    nPre: nPre[g]!,
    nPost: nPost[g]!,
    matched: matched[g]!,
    duplicates: duplicates[g]!,
  }));
}

export function computeMatchReport(
  ctx: Ctx,
  youth: ArrayLike<number> = youthSittings(ctx),
): MatchReportOut[] {
  const dims = dimsFor(ctx, NO_WAVE);
  const rows = matchCells(ctx, youth, dims).map((cell) => {
    const { nPre, nPost, matched } = cell;
    return {
      group: cell.group,
      nPre,
      nPost,
      matched,
      onlyPre: nPre - matched,
      onlyPost: nPost - matched,
      duplicates: cell.duplicates,
      n: nPre + nPost - matched,
    };
  });
  const masks = maskRows(rows, { n: (r) => r.n, group: (r) => r.group, dims, threshold: ctx.threshold });
  return rows
    .map((r, i): MatchReportOut => {
      const m = masks[i]!;
      if (m.suppressed) return { ...nullFigures(r, []), suppressed: true, suppressionReason: m.reason };
      // matched + onlyPre + onlyPost = n: a count below the threshold is hidden with a complement.
      const parts = [r.matched, r.onlyPre, r.onlyPost];
      const hidden = maskParts(
        parts.map((n) => ({ part: '', n })),
        ctx.threshold,
        [[]],
      );
      const any = hidden.some(Boolean);
      return {
        ...r,
        matched: hidden[0] ? null : r.matched,
        onlyPre: hidden[1] ? null : r.onlyPre,
        onlyPost: hidden[2] ? null : r.onlyPost,
        // nPre = matched + onlyPre and nPost = matched + onlyPost would give hidden parts back.
        nPre: any ? null : r.nPre,
        nPost: any ? null : r.nPost,
        duplicates: r.duplicates > 0 && r.duplicates < ctx.threshold ? null : r.duplicates,
        suppressed: false,
        suppressionReason: null,
      };
    })
    .sort(byGroup<MatchReportOut>(dims));
}

/** Survey retention: of the youth who answered the pre survey, the share who answered the post too. */
export function surveyRetentionRows(
  ctx: Ctx,
  youth: ArrayLike<number> = youthSittings(ctx),
): Omit<RetentionOut, 'suppressed' | 'suppressionReason'>[] {
  const dims = dimsFor(ctx, NO_WAVE);
  return matchCells(ctx, youth, dims)
    .filter((c) => c.nPre > 0)
    .map((cell) => ({
      group: cell.group,
      kind: 'survey' as const,
      nBase: cell.nPre,
      nRetained: cell.matched,
      ...proportion(cell.matched, cell.nPre),
      n: cell.nPre,
    }));
}

// Partnership health ------------------------------------------------------------------------------------

export function computePartnerHealth(ctx: Ctx): PartnerHealthOut[] {
  const dims = dimsFor(ctx, PARTNER_DIMS);
  const constructs = ctx.refs.constructs.filter((c) => c.kind === 'partner' && c.items.length > 0);
  const { score, width } = loadScores(ctx.db, ctx.settings.minItemShare);
  const cells = new CellIndex<{ group: GroupKey; c: ConstructRef; scores: number[] }>();
  for (const ps of partnerSittings(ctx)) {
    for (const g of groupsFor(ctx, dims, ps.unit)) {
      for (const c of constructs) {
        const s = score[ps.row * width + c.index]!;
        if (Number.isNaN(s)) continue;
        cells.get(g.key, c.index, () => ({ group: g.group, c, scores: [] })).scores.push(s);
      }
    }
  }
  const rows = cells.list.map((cell) => {
    const d = meanWithCi(cell.scores);
    return {
      group: cell.group,
      factor: cell.c.code,
      factorName: cell.c.name,
      mean: d.mean,
      sd: d.sd,
      band: d.mean === null ? null : healthBand(d.mean, cell.c.min, cell.c.max),
      ciLow: d.ciLow,
      ciHigh: d.ciHigh,
      n: d.n,
    };
  });
  const masks = maskRows(rows, {
    n: (r) => r.n,
    group: (r) => r.group,
    dims,
    set: (r) => r.factor,
    threshold: ctx.threshold,
  });
  return rows
    .map((r, i): PartnerHealthOut => {
      const m = masks[i]!;
      return m.suppressed
        ? { ...nullFigures(r, []), band: null, suppressed: true, suppressionReason: m.reason }
        : { ...r, suppressed: false, suppressionReason: null };
    })
    .sort((a, b) => byGroup<PartnerHealthOut>(dims)(a, b) || a.factor.localeCompare(b.factor));
}
