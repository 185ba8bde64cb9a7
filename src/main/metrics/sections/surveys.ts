import { bandOf, dosageBands, healthBand } from '@core/metrics/bands';
import { compareGroups, type GroupRef } from '@core/metrics/groups';
import { maskRows, nullFigures } from '@core/metrics/suppression';
import { meanWithCi, proportion } from '@core/metrics/summaries';
import { pairedChange, STAT_REASON_MESSAGES, type StatReason } from '@core/stats';
import { MIN_SUPPRESSION_THRESHOLD, suppressTable } from '@core/privacy';
import type { GroupKey } from '@shared/metrics';
import { cached } from '../cache';
import { CellIndex, Ids } from '../cell-index';
import { type ConstructRef } from '../base/refs';
import { loadAttendance } from '../base/attendance';
import {
  ITEM_MISSING,
  isMissingCode,
  loadItemAnswers,
  loadSittings,
  missingIndex,
  type Sitting,
} from '../base/surveys';
import {
  dimsFor,
  groupsFor,
  inCohorts,
  pairKey,
  needsPartner,
  passes,
  WAVE_ORDER,
  type Ctx,
  type Unit,
} from '../context';
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

const YOUTH_DIMS = (d: string) => d.length > 0;
const NO_WAVE = (d: string) => d !== 'wave';
const PARTNER_DIMS = (d: string) => d === 'cohort' || d === 'partner' || d === 'partner_type' || d === 'wave';

const waveRank = (w: string) => {
  const i = WAVE_ORDER.indexOf(w);
  return i < 0 ? WAVE_ORDER.length : i;
};

/** A youth's survey sitting with what it knows about its youth: the unit of every youth survey figure. */
export interface YouthSitting {
  sitting: Sitting;
  participant: number;
  unit: Unit;
  /** The same unit without its wave (pairs and match cells are not split by wave). */
  unitNoWave: Unit;
  openedOn: string | null;
  closedOn: string | null;
}

/** Youth sittings that pass the filters, each with its cohort, programs, sites (and partners when needed). */
export function youthSittings(ctx: Ctx): YouthSitting[] {
  // The same for every split of one filter set (only whether partners are needed changes it).
  const key = `youthSittings:${JSON.stringify(ctx.filters)}:${ctx.settings.minItemShare}:${needsPartner(ctx)}`;
  return cached(ctx.db, key, () => {
    const key = `allYouthSittings:${ctx.settings.minItemShare}:${needsPartner(ctx)}`;
    const all = inCohorts(
      ctx,
      key,
      cached(ctx.db, key, () => readYouthSittings(ctx)),
      (ys) => ys.unit.cohort,
    );
    return all.filter((ys) => administrationInDates(ctx, ys.openedOn, ys.closedOn) && passes(ctx, ys.unit));
  });
}

/**
 * Every youth sitting with its unit, whatever the filters (built once per data version): a filter set
 * only picks from this list.
 */
function readYouthSittings(ctx: Ctx): YouthSitting[] {
  const { refs, people } = ctx;
  const partnersOf = new Map<number | string, number[]>();
  if (needsPartner(ctx)) {
    for (const c of loadAttendance(ctx.db, { byPartner: true })) {
      if (c.partner === null) continue;
      const k = pairKey(c.participant, c.cohort);
      const l = partnersOf.get(k);
      if (!l) partnersOf.set(k, [c.partner]);
      else if (!l.includes(c.partner)) l.push(c.partner);
    }
  }
  const out: YouthSitting[] = [];
  const share = ctx.settings.minItemShare;
  const partsOf = new Map<number | string, Pick<Unit, 'programs' | 'sites' | 'partners'>>();
  for (const s of loadSittings(ctx.db, share)) {
    const r = refs.respondentById.get(s.respondent);
    if (!r || r.kind !== 'youth' || r.participantId === null) continue;
    const adm = refs.administrationById.get(s.administration);
    if (!adm) continue;
    // What the youth's sittings of one administration share (read-only lists), worked out once.
    const pk = pairKey(r.participantId, s.administration);
    let parts = partsOf.get(pk);
    if (!parts) {
      const enrolments = people.enrolmentsOf.get(pairKey(r.participantId, adm.cohortId)) ?? [];
      parts = {
        programs: adm.programId !== null ? [adm.programId] : [...new Set(enrolments.map((e) => e.program))],
        sites: [...new Set(enrolments.map((e) => e.site))],
        partners: partnersOf.get(pairKey(r.participantId, adm.cohortId)) ?? [],
      };
      partsOf.set(pk, parts);
    }
    const unitNoWave: Unit = {
      participant: r.participantId,
      cohort: adm.cohortId,
      programs: parts.programs,
      sites: parts.sites,
      partners: parts.partners,
      wave: undefined,
    };
    out.push({
      sitting: s,
      participant: r.participantId,
      unit: { ...unitNoWave, wave: s.wave },
      unitNoWave,
      openedOn: adm.openedOn,
      closedOn: adm.closedOn,
    });
  }
  return out;
}

function administrationInDates(ctx: Ctx, opened: string | null, closed: string | null): boolean {
  const { dateFrom, dateTo } = ctx.resolved;
  if (dateFrom && closed && closed < dateFrom) return false;
  if (dateTo && opened && opened > dateTo) return false;
  return true;
}

const youthConstructs = (ctx: Ctx) =>
  ctx.refs.constructs.filter((c) => c.kind === 'youth' && c.items.length > 0);

/** The agree point of a construct: its top two categories, e.g. a score of 4 or more on 1-5. */
const agreePoint = (c: ConstructRef) => c.max - 1;

function groupsOf(ctx: Ctx, dims: string[], unit: Unit): GroupRef[] {
  return groupsFor(ctx, dims, unit);
}

const byGroup =
  <T extends { group: GroupKey }>(dims: string[]) =>
  (a: T, b: T) =>
    compareGroups(dims, a.group, b.group);

// Scales ----------------------------------------------------------------------------------------------

export function computeScales(ctx: Ctx, sittings = youthSittings(ctx)): ScaleOut[] {
  const dims = dimsFor(ctx, YOUTH_DIMS);
  const constructs = youthConstructs(ctx);
  const cells = new CellIndex<{ group: GroupKey; c: ConstructRef; wave: string; scores: number[] }>();
  const waves = new Ids();
  const n = ctx.refs.constructs.length;
  for (const ys of sittings) {
    const wave = ys.sitting.wave;
    const w = waves.of(wave) * n;
    for (const g of groupsOf(ctx, dims, ys.unit)) {
      for (const c of constructs) {
        const score = ys.sitting.scores[c.index];
        if (score === null || score === undefined) continue;
        const cell = cells.get(g.key, w + c.index, () => ({ group: g.group, c, wave, scores: [] }));
        cell.scores.push(score);
      }
    }
  }
  const rows = cells.list.map((cell) => {
    const d = meanWithCi(cell.scores);
    const agree = cell.scores.filter((s) => s >= agreePoint(cell.c) - 1e-9).length;
    const pa = proportion(agree, cell.scores.length);
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
export function computeReliability(ctx: Ctx, youth = youthSittings(ctx)): ReliabilityOut[] {
  const answers = loadItemAnswers(ctx.db);
  const { values } = answers;
  // The selected sittings' answers, in answer grid order (the order sums are taken in).
  const rows = Int32Array.from([
    ...youth.map((y) => y.sitting.row),
    ...partnerSittings(ctx).map((p) => p.sitting.row),
  ]).sort();
  // Each construct with the columns of its items in its instrument's answer rows.
  const byInstrument = new Map<number, { c: ConstructRef; cols: number[] }[]>();
  for (const c of ctx.refs.constructs) {
    if (c.items.length === 0) continue;
    const items = answers.itemsOf.get(c.instrumentId) ?? [];
    const list = byInstrument.get(c.instrumentId) ?? [];
    list.push({ c, cols: c.items.map((it) => items.findIndex((x) => x.id === it.id)) });
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
  const accs = new Map<number, Acc>();
  const waves = new Ids();
  const nConstructs = ctx.refs.constructs.length;
  let previous = -1;
  for (const row of rows) {
    const index = answers.indexOfRow[row] ?? -1;
    if (row === previous || index < 0) continue;
    previous = row;
    const s = answers.sittings[index]!;
    const instrument = ctx.refs.administrationById.get(s.administration)?.instrumentId;
    for (const { c, cols } of byInstrument.get(instrument ?? -1) ?? []) {
      let complete = true;
      for (const j of cols) {
        const v = j < 0 ? Number.NaN : (values[s.offset + j] as number);
        if (Number.isNaN(v) || isMissingCode(v)) {
          complete = false;
          break;
        }
      }
      const key = waves.of(s.wave) * nConstructs + c.index;
      let a = accs.get(key);
      if (!a) {
        a = {
          c,
          wave: s.wave,
          n: 0,
          sum: new Float64Array(cols.length),
          sq: new Float64Array(cols.length),
          tSum: 0,
          tSq: 0,
          tMin: Infinity,
          tMax: -Infinity,
        };
        accs.set(key, a);
      }
      if (!complete) continue;
      let total = 0;
      for (let i = 0; i < cols.length; i += 1) {
        const raw = values[s.offset + cols[i]!] as number;
        const x = c.items[i]!.reverse ? c.min + c.max - raw : raw;
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
  for (const a of accs.values()) {
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

export function computeItems(ctx: Ctx, youth = youthSittings(ctx)): ItemOut[] {
  const dims = dimsFor(ctx, YOUTH_DIMS);
  const answers = loadItemAnswers(ctx.db);
  const { values } = answers;
  // The selected sittings in answer grid order.
  const order = youth.map((_, i) => i).sort((a, b) => youth[a]!.sitting.row - youth[b]!.sitting.row);
  interface Cell {
    group: GroupKey;
    item: number;
    wave: string;
    /** Answers per value: integer values of the item's range in `counts` (from `lo`), others in `values`. */
    lo: number;
    counts: Int32Array;
    values: Map<number, number>;
    missing: number[];
    n: number;
  }
  // One block of cells per group, wave and instrument, indexed like the sitting's answers: the inner
  // loop over items builds no keys.
  const blocks = new CellIndex<(Cell | null)[]>();
  const waves = new Ids();
  const instruments = new Ids();
  for (const i of order) {
    const { sitting, unit } = youth[i]!;
    const index = answers.indexOfRow[sitting.row] ?? -1;
    if (index < 0) continue;
    const s = answers.sittings[index]!;
    const adm = ctx.refs.administrationById.get(s.administration);
    const items = adm ? (answers.itemsOf.get(adm.instrumentId) ?? []) : [];
    const bk = waves.of(s.wave) * 2 ** 20 + instruments.of(String(adm?.instrumentId ?? ''));
    for (const g of groupsOf(ctx, dims, unit)) {
      const block = blocks.get(g.key, bk, () =>
        items.map((item) => {
          if (item.constructId === null) return null;
          const scale = ctx.refs.scaleById.get(item.scaleId);
          const lo = scale && Number.isInteger(scale.min) ? scale.min : 0;
          const size = scale && Number.isInteger(scale.max) ? scale.max - lo + 1 : 0;
          return {
            group: g.group,
            item: item.id,
            wave: s.wave,
            lo,
            counts: new Int32Array(size > 0 && size <= 1000 ? size : 0),
            values: new Map<number, number>(),
            missing: ITEM_MISSING.map(() => 0),
            n: 0,
          };
        }),
      );
      for (let j = 0; j < block.length; j += 1) {
        const cell = block[j];
        if (!cell) continue;
        const v = values[s.offset + j] as number;
        cell.n += 1;
        if (isMissingCode(v)) cell.missing[missingIndex(v)]! += 1;
        else {
          const at = v - cell.lo;
          if (at >= 0 && at < cell.counts.length && Number.isInteger(at)) cell.counts[at]! += 1;
          else cell.values.set(v, (cell.values.get(v) ?? 0) + 1);
        }
      }
    }
  }
  const rows = blocks.list.flat().filter((c): c is Cell => c !== null && c.n > 0);
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
        count: countOf(cell, o.value as number),
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

/** Answers with this value in an item cell. */
function countOf(cell: { lo: number; counts: Int32Array; values: Map<number, number> }, v: number): number {
  const at = v - cell.lo;
  if (at >= 0 && at < cell.counts.length && Number.isInteger(at)) return cell.counts[at]!;
  return cell.values.get(v) ?? 0;
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

interface Pair {
  participant: number;
  cohort: number;
  construct: ConstructRef;
  design: 'pre_post' | 'retrospective';
  pre: number;
  post: number;
  /** The post sitting's unit: its groups are the pair's groups. */
  unit: Unit;
}

/** The better of two sittings of one youth, wave and cohort: more items answered, then the later administration. */
const better = (a: YouthSitting, b: YouthSitting, c: ConstructRef) => {
  const x = a.sitting.answered[c.index] ?? 0;
  const y = b.sitting.answered[c.index] ?? 0;
  return x !== y ? (x > y ? a : b) : a.sitting.administration >= b.sitting.administration ? a : b;
};

/** Pairs by participant ID within a cohort (pre/post) or within one administration (retrospective). */
export function matchPairs(ctx: Ctx, youth: YouthSitting[]): Pair[] {
  const key = `pairs:${JSON.stringify(ctx.filters)}:${ctx.settings.minItemShare}:${needsPartner(ctx)}`;
  return cached(ctx.db, key, () => readPairs(ctx, youth));
}

function readPairs(ctx: Ctx, youth: YouthSitting[]): Pair[] {
  const constructs = youthConstructs(ctx);
  // Per construct: the best sitting per youth and cohort (pre, post) and per youth and administration
  // (retrospective pre, post). One map entry per key holds every construct's best sitting, and each
  // construct keeps its keys in the order it first saw them (the order its pairs are listed in).
  interface Slot {
    key: number | string;
    best: (YouthSitting | undefined)[];
    /** The post slot of the same key (looked up once for all constructs); null for none. */
    other: Slot | null | undefined;
  }
  const maps = {
    pre: new Map<number | string, Slot>(),
    post: new Map<number | string, Slot>(),
    retro: new Map<number | string, Slot>(),
    postByAdm: new Map<number | string, Slot>(),
  };
  const order = constructs.map(() => ({
    pre: [] as Slot[],
    retro: [] as Slot[],
  }));
  const slotOf = (m: Map<number | string, Slot>, key: number | string) => {
    let slot = m.get(key);
    if (!slot)
      m.set(
        key,
        (slot = { key, best: new Array<YouthSitting | undefined>(constructs.length), other: undefined }),
      );
    return slot;
  };
  const put = (slot: Slot, i: number, ys: YouthSitting, c: ConstructRef) => {
    const old = slot.best[i];
    slot.best[i] = old ? better(old, ys, c) : ys;
    return old === undefined;
  };
  for (const ys of youth) {
    const w = ys.sitting.wave;
    if (w !== 'pre' && w !== 'post' && w !== 'retrospective_pre') continue;
    const k = pairKey(ys.participant, ys.unit.cohort);
    const ka = pairKey(ys.participant, ys.sitting.administration);
    let a: Slot | undefined;
    let b: Slot | undefined;
    for (let i = 0; i < constructs.length; i += 1) {
      const c = constructs[i]!;
      const score = ys.sitting.scores[c.index];
      if (score === null || score === undefined) continue;
      if (w === 'pre') {
        a ??= slotOf(maps.pre, k);
        if (put(a, i, ys, c)) order[i]!.pre.push(a);
      } else if (w === 'post') {
        a ??= slotOf(maps.post, k);
        b ??= slotOf(maps.postByAdm, ka);
        put(a, i, ys, c);
        put(b, i, ys, c);
      } else {
        a ??= slotOf(maps.retro, ka);
        if (put(a, i, ys, c)) order[i]!.retro.push(a);
      }
    }
  }
  const pairs: Pair[] = [];
  constructs.forEach((c, i) => {
    for (const slot of order[i]!.pre) {
      const a = slot.best[i]!;
      const b = (slot.other === undefined ? (slot.other = maps.post.get(slot.key) ?? null) : slot.other)
        ?.best[i];
      if (!b) continue;
      pairs.push({
        participant: a.participant,
        cohort: a.unit.cohort,
        construct: c,
        design: 'pre_post',
        pre: a.sitting.scores[c.index]!,
        post: b.sitting.scores[c.index]!,
        unit: b.unitNoWave,
      });
    }
    for (const slot of order[i]!.retro) {
      const a = slot.best[i]!;
      const b = (slot.other === undefined ? (slot.other = maps.postByAdm.get(slot.key) ?? null) : slot.other)
        ?.best[i];
      if (!b) continue;
      pairs.push({
        participant: a.participant,
        cohort: a.unit.cohort,
        construct: c,
        design: 'retrospective',
        pre: a.sitting.scores[c.index]!,
        post: b.sitting.scores[c.index]!,
        unit: b.unitNoWave,
      });
    }
  });
  return pairs;
}

type PairStats = Omit<PrePostOut, 'group' | 'suppressed' | 'suppressionReason'>;

function pairStats(
  ctx: Ctx,
  c: ConstructRef,
  design: Pair['design'],
  pre: number[],
  post: number[],
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

export function computePrePost(ctx: Ctx, pairs = matchPairs(ctx, youthSittings(ctx))): PrePostOut[] {
  const dims = dimsFor(ctx, NO_WAVE);
  const cells = new CellIndex<{
    group: GroupKey;
    c: ConstructRef;
    design: Pair['design'];
    pre: number[];
    post: number[];
  }>();
  for (const p of pairs) {
    const k = p.construct.index * 2 + (p.design === 'pre_post' ? 0 : 1);
    for (const g of groupsOf(ctx, dims, p.unit)) {
      const cell = cells.get(g.key, k, () => ({
        group: g.group,
        c: p.construct,
        design: p.design,
        pre: [],
        post: [],
      }));
      cell.pre.push(p.pre);
      cell.post.push(p.post);
    }
  }
  const rows = cells.list.map((cell) => ({
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

/** Contact hours of each youth in each cohort within the filters: pairKey(participant, cohort) -> hours. */
export function hoursPerYouthCohort(ctx: Ctx): Map<number | string, number> {
  // The same for every split of one filter set.
  return cached(ctx.db, `hoursPerYouthCohort:${JSON.stringify(ctx.filters)}`, () => readHours(ctx));
}

function readHours(ctx: Ctx): Map<number | string, number> {
  const out = new Map<number | string, number>();
  const variant = { byPartner: false, dateFrom: ctx.resolved.dateFrom, dateTo: ctx.resolved.dateTo };
  const cells = inCohorts(
    ctx,
    `attendance:${JSON.stringify(variant)}`,
    loadAttendance(ctx.db, variant),
    (c) => c.cohort,
  );
  for (const c of cells) {
    const unit: Unit = {
      participant: c.participant,
      cohort: c.cohort,
      programs: [c.program],
      sites: [c.site],
      partners: [],
    };
    if (!passes(ctx, unit, ['partner', 'partner_type'])) continue;
    const k = pairKey(c.participant, c.cohort);
    out.set(k, (out.get(k) ?? 0) + c.minutes / 60);
  }
  return out;
}

export function computePrePostByDosage(
  ctx: Ctx,
  pairs = matchPairs(ctx, youthSittings(ctx)),
): PrePostByDosageOut[] {
  const dims = dimsFor(ctx, NO_WAVE);
  const edges = ctx.settings.dosageBandsHours;
  const bands = dosageBands(edges);
  const hours = hoursPerYouthCohort(ctx);
  const cells = new CellIndex<{
    group: GroupKey;
    c: ConstructRef;
    design: Pair['design'];
    band: number;
    pre: number[];
    post: number[];
  }>();
  const nBands = bands.length;
  for (const p of pairs) {
    const band = bandOf(hours.get(pairKey(p.participant, p.cohort)) ?? 0, edges);
    const k = (p.construct.index * 2 + (p.design === 'pre_post' ? 0 : 1)) * nBands + band;
    for (const g of groupsOf(ctx, dims, p.unit)) {
      const cell = cells.get(g.key, k, () => ({
        group: g.group,
        c: p.construct,
        design: p.design,
        band,
        pre: [],
        post: [],
      }));
      cell.pre.push(p.pre);
      cell.post.push(p.post);
    }
  }
  const rows = cells.list.map((cell) => ({
    group: cell.group,
    band: bands[cell.band]!.label,
    bandIndex: cell.band,
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

interface MatchCell {
  group: GroupKey;
  pre: Map<number | string, number>;
  post: Map<number | string, number>;
}

/** Match cells per list of sittings and split: the match report and survey retention share one walk. */
const matchCellsMemo = new WeakMap<YouthSitting[], Map<string, MatchCell[]>>();
function matchCells(ctx: Ctx, youth: YouthSitting[], dims: string[]): MatchCell[] {
  let byDims = matchCellsMemo.get(youth);
  if (!byDims) matchCellsMemo.set(youth, (byDims = new Map()));
  const key = dims.join('\u0001');
  let cells = byDims.get(key);
  if (!cells) byDims.set(key, (cells = readMatchCells(ctx, youth, dims)));
  return cells;
}

function readMatchCells(ctx: Ctx, youth: YouthSitting[], dims: string[]): MatchCell[] {
  const cells = new Map<string, MatchCell>();
  for (const ys of youth) {
    const w = ys.sitting.wave;
    if (w !== 'pre' && w !== 'post') continue;
    for (const g of groupsOf(ctx, dims, ys.unitNoWave)) {
      let cell = cells.get(g.key);
      if (!cell) cells.set(g.key, (cell = { group: g.group, pre: new Map(), post: new Map() }));
      // Keyed by youth and cohort: the same youth in two cohorts is two people to match.
      const k = pairKey(ys.participant, ys.unit.cohort);
      const m = w === 'pre' ? cell.pre : cell.post;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
  }
  return [...cells.values()];
}

export function computeMatchReport(ctx: Ctx, youth = youthSittings(ctx)): MatchReportOut[] {
  const dims = dimsFor(ctx, NO_WAVE);
  const rows = matchCells(ctx, youth, dims).map((cell) => {
    let matched = 0;
    for (const k of cell.pre.keys()) if (cell.post.has(k)) matched += 1;
    const dup = [...cell.pre.values(), ...cell.post.values()].filter((x) => x > 1).length;
    const nPre = cell.pre.size;
    const nPost = cell.post.size;
    return {
      group: cell.group,
      nPre,
      nPost,
      matched,
      onlyPre: nPre - matched,
      onlyPost: nPost - matched,
      duplicates: dup,
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
  youth = youthSittings(ctx),
): Omit<RetentionOut, 'suppressed' | 'suppressionReason'>[] {
  const dims = dimsFor(ctx, NO_WAVE);
  return matchCells(ctx, youth, dims)
    .filter((c) => c.pre.size > 0)
    .map((cell) => {
      let matched = 0;
      for (const k of cell.pre.keys()) if (cell.post.has(k)) matched += 1;
      return {
        group: cell.group,
        kind: 'survey' as const,
        nBase: cell.pre.size,
        nRetained: matched,
        ...proportion(matched, cell.pre.size),
        n: cell.pre.size,
      };
    });
}

// Partnership health ------------------------------------------------------------------------------------

interface PartnerSitting {
  sitting: Sitting;
  unit: Unit;
}

export function partnerSittings(ctx: Ctx): PartnerSitting[] {
  const share = ctx.settings.minItemShare;
  // Every partner sitting with its unit, once per data version; a filter set only picks from them.
  const all = cached(ctx.db, `partnerSittings:${share}`, () => {
    const out: (PartnerSitting & { openedOn: string | null; closedOn: string | null })[] = [];
    for (const s of loadSittings(ctx.db, share)) {
      const r = ctx.refs.respondentById.get(s.respondent);
      if (!r || r.kind !== 'partner') continue;
      const adm = ctx.refs.administrationById.get(s.administration);
      if (!adm) continue;
      const unit: Unit = {
        participant: null,
        cohort: adm.cohortId,
        programs: [],
        sites: [],
        partners: [r.partnerId],
        wave: s.wave,
      };
      out.push({ sitting: s, unit, openedOn: adm.openedOn, closedOn: adm.closedOn });
    }
    return out;
  });
  // Partner surveys are not about youth: program, site and youth attribute filters do not apply.
  return all.filter(
    (p) =>
      administrationInDates(ctx, p.openedOn, p.closedOn) &&
      passes(ctx, p.unit, ['program', 'site', 'attributes']),
  );
}

export function computePartnerHealth(ctx: Ctx): PartnerHealthOut[] {
  const dims = dimsFor(ctx, PARTNER_DIMS);
  const constructs = ctx.refs.constructs.filter((c) => c.kind === 'partner' && c.items.length > 0);
  const cells = new CellIndex<{ group: GroupKey; c: ConstructRef; scores: number[] }>();
  for (const ps of partnerSittings(ctx)) {
    for (const g of groupsOf(ctx, dims, ps.unit)) {
      for (const c of constructs) {
        const s = ps.sitting.scores[c.index];
        if (s === null || s === undefined) continue;
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
