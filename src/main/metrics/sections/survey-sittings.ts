import { expandGroups, OVERALL, type GroupRef } from '@core/metrics/groups';
import { cached } from '../cache';
import { attributeValue, type RespondentRef } from '../base/refs';
import { loadAttendance } from '../base/attendance';
import { loadAnswerGrid, loadScores } from '../base/surveys';
import { needsPartner, pairKey, passes, valuesOf, type Ctx, type Unit } from '../context';

/**
 * Youth survey sittings as columns (one typed array per field, one entry per sitting with scores, in
 * answer grid order), worked out once per data version: the filter-independent part of every youth
 * survey figure. A filter set picks from it a list of indices (youthSittings), and the sections walk
 * that list with integer group ids per sitting (youthGroups), so no object is made per sitting, pair
 * or group membership.
 */
export interface YouthTable {
  /** answer grid row (scores and answers of the sitting) */
  row: Int32Array;
  participant: Int32Array;
  cohort: Int32Array;
  administration: Int32Array;
  /** index into waves */
  wave: Uint8Array;
  waves: string[];
  /**
   * The sitting's unit, without its wave (units[unit]): cohort, programs, sites and partners of the
   * youth in the administration's cohort, one per youth, cohort and administration program.
   */
  unit: Int32Array;
  units: Unit[];
  /** Dense id of (participant, cohort): the key of pre/post pairs, match counts and contact hours. */
  key: Int32Array;
  /** pairKey(participant, cohort) -> key */
  keyOf: Map<number | string, number>;
  /** Dense id of (participant, administration): the key of retrospective pairs (nKeyA of them). */
  keyA: Int32Array;
  nKeyA: number;
  /** cohort id -> indices of its sittings, in order */
  byCohort: Map<number, Int32Array>;
  /** every index, in order */
  all: Int32Array;
}

const tableKey = (ctx: Ctx) => `${ctx.settings.minItemShare}:${needsPartner(ctx)}`;

export function youthTable(ctx: Ctx): YouthTable {
  return cached(ctx.db, `youthTable:${tableKey(ctx)}`, () => readYouthTable(ctx));
}

/** The lead partners of each youth's attendance per cohort (pairKey(participant, cohort)), for the partner split. */
function partnersOfYouth(ctx: Ctx): Map<number | string, number[]> {
  const partnersOf = new Map<number | string, number[]>();
  for (const c of loadAttendance(ctx.db, { byPartner: true })) {
    if (c.partner === null) continue;
    const k = pairKey(c.participant, c.cohort);
    const l = partnersOf.get(k);
    if (!l) partnersOf.set(k, [c.partner]);
    else if (!l.includes(c.partner)) l.push(c.partner);
  }
  return partnersOf;
}

function readYouthTable(ctx: Ctx): YouthTable {
  const { refs, people } = ctx;
  const grid = loadAnswerGrid(ctx.db);
  const { scored } = loadScores(ctx.db, ctx.settings.minItemShare);
  const partnersOf = needsPartner(ctx) ? partnersOfYouth(ctx) : new Map<number | string, number[]>();
  const rows = grid.respondent.length;
  const row = new Int32Array(rows);
  const participant = new Int32Array(rows);
  const cohort = new Int32Array(rows);
  const administration = new Int32Array(rows);
  const wave = new Uint8Array(rows);
  const unit = new Int32Array(rows);
  const key = new Int32Array(rows);
  const keyA = new Int32Array(rows);
  const units: Unit[] = [];
  // Administrations and cohorts by small index.
  const cohortIds = [...new Set([...refs.administrationById.values()].map((a) => a.cohortId))];
  const cohortIndex = new Map(cohortIds.map((c, i) => [c, i]));
  const admOf = new Map(
    [...refs.administrationById.values()].map((adm, index) => [
      adm.id,
      { adm, index, cohort: cohortIndex.get(adm.cohortId)! },
    ]),
  );
  // A youth's keys (one per cohort) and administration keys, as short lists per youth: youth are
  // numbered in order of first sitting, each key knows the next key of its youth.
  const youthOf = new Map<number, number>();
  const firstKey: number[] = [];
  const firstKeyA: number[] = [];
  const keyNext: number[] = [];
  const keyCohort: number[] = [];
  const keyUnit: number[] = [];
  const keyANext: number[] = [];
  const keyAAdm: number[] = [];
  /** pairKey(key, program) -> unit, for administrations of one program */
  const unitOfProgram = new Map<number | string, number>();
  const keyOf = new Map<number | string, number>();
  const cohortCount = new Int32Array(cohortIds.length);
  // Grid rows come by respondent: one look-up per respondent.
  let respondent = -1;
  let r: RespondentRef | undefined;
  let y = -1;
  let n = 0;
  for (let i = 0; i < rows; i += 1) {
    if (scored[i] === 0) continue;
    if (grid.respondent[i] !== respondent) {
      respondent = grid.respondent[i]!;
      r = refs.respondentById.get(respondent);
      if (r && r.kind === 'youth' && r.participantId !== null) {
        const known = youthOf.get(r.participantId);
        if (known === undefined) {
          youthOf.set(r.participantId, (y = firstKey.length));
          firstKey.push(-1);
          firstKeyA.push(-1);
        } else y = known;
      }
    }
    if (!r || r.kind !== 'youth' || r.participantId === null) continue;
    const a = admOf.get(grid.administration[i]!);
    if (!a) continue;
    const { adm } = a;
    const p = r.participantId;
    let k = firstKey[y]!;
    while (k >= 0 && keyCohort[k] !== a.cohort) k = keyNext[k]!;
    if (k < 0) {
      k = keyCohort.push(a.cohort) - 1;
      keyNext.push(firstKey[y]!);
      keyUnit.push(-1);
      firstKey[y] = k;
      keyOf.set(pairKey(p, adm.cohortId), k);
    }
    // What the youth's sittings in one cohort share (read-only lists), worked out once per program.
    let u = adm.programId === null ? keyUnit[k]! : (unitOfProgram.get(pairKey(k, adm.programId)) ?? -1);
    if (u < 0) {
      const pc = pairKey(p, adm.cohortId);
      const enrolments = people.enrolmentsOf.get(pc) ?? [];
      u =
        units.push({
          participant: p,
          cohort: adm.cohortId,
          programs: adm.programId !== null ? [adm.programId] : distinct(enrolments, (e) => e.program),
          sites: distinct(enrolments, (e) => e.site),
          partners: partnersOf.get(pc) ?? [],
          wave: undefined,
        }) - 1;
      if (adm.programId === null) keyUnit[k] = u;
      else unitOfProgram.set(pairKey(k, adm.programId), u);
    }
    let ka = firstKeyA[y]!;
    while (ka >= 0 && keyAAdm[ka] !== a.index) ka = keyANext[ka]!;
    if (ka < 0) {
      ka = keyAAdm.push(a.index) - 1;
      keyANext.push(firstKeyA[y]!);
      firstKeyA[y] = ka;
    }
    row[n] = i;
    participant[n] = p;
    cohort[n] = adm.cohortId;
    administration[n] = adm.id;
    wave[n] = grid.wave[i]!;
    unit[n] = u;
    key[n] = k;
    keyA[n] = ka;
    cohortCount[a.cohort]! += 1;
    n += 1;
  }
  const byCohort = new Map<number, Int32Array>();
  const lists = cohortIds.map((c, i) => {
    const l = new Int32Array(cohortCount[i]!);
    if (l.length > 0) byCohort.set(c, l);
    return l;
  });
  const fill = new Int32Array(cohortIds.length);
  for (let t = 0; t < n; t += 1) {
    const c = keyCohort[key[t]!]!;
    lists[c]![fill[c]!++] = t;
  }
  const all = new Int32Array(n);
  for (let t = 0; t < n; t += 1) all[t] = t;
  return {
    row: row.slice(0, n),
    participant: participant.slice(0, n),
    cohort: cohort.slice(0, n),
    administration: administration.slice(0, n),
    wave: wave.slice(0, n),
    waves: grid.waves,
    unit: unit.slice(0, n),
    units,
    key: key.slice(0, n),
    keyOf,
    keyA: keyA.slice(0, n),
    nKeyA: keyAAdm.length,
    byCohort,
    all,
  };
}

/** The distinct values of f over a list, in order of first appearance. */
function distinct<T, V>(list: readonly T[], f: (t: T) => V): V[] {
  if (list.length === 1) return [f(list[0]!)];
  return [...new Set(list.map(f))];
}

export function administrationInDates(ctx: Ctx, opened: string | null, closed: string | null): boolean {
  const { dateFrom, dateTo } = ctx.resolved;
  if (dateFrom && closed && closed < dateFrom) return false;
  if (dateTo && opened && opened > dateTo) return false;
  return true;
}

/** Whether the filters look at more than the cohort and dates of a sitting. */
const filtersUnits = (ctx: Ctx) => {
  const r = ctx.resolved;
  return (
    r.programs !== null ||
    r.sites !== null ||
    r.partners !== null ||
    r.partnerTypes !== null ||
    r.attributes.length > 0
  );
};

/**
 * The youth sittings that pass the filters, as indices into youthTable(ctx): in table order, or with
 * a cohort filter cohort by cohort in the filter's order (each cohort's sittings in table order).
 */
export function selectYouth(ctx: Ctx): Int32Array {
  const table = youthTable(ctx);
  const wanted = ctx.resolved.cohorts;
  const lists =
    wanted === null ? [table.all] : [...wanted].map((c) => table.byCohort.get(c) ?? new Int32Array(0));
  const dated = ctx.resolved.dateFrom !== undefined || ctx.resolved.dateTo !== undefined;
  const filtered = filtersUnits(ctx);
  if (!dated && !filtered) {
    if (lists.length === 1) return lists[0]!;
    const out = new Int32Array(lists.reduce((a, l) => a + l.length, 0));
    let at = 0;
    for (const l of lists) {
      out.set(l, at);
      at += l.length;
    }
    return out;
  }
  const admOk = new Map<number, boolean>();
  const passOf = (adm: number) => {
    let ok = admOk.get(adm);
    if (ok === undefined) {
      const a = ctx.refs.administrationById.get(adm);
      admOk.set(adm, (ok = a !== undefined && administrationInDates(ctx, a.openedOn, a.closedOn)));
    }
    return ok;
  };
  // Per unit: 0 not yet known, 1 passes, 2 does not.
  const unitOk = new Uint8Array(filtered ? table.units.length : 0);
  const out: number[] = [];
  for (const l of lists) {
    for (let j = 0; j < l.length; j += 1) {
      const t = l[j]!;
      if (dated && !passOf(table.administration[t]!)) continue;
      if (filtered) {
        const u = table.unit[t]!;
        if (unitOk[u] === 0) unitOk[u] = passes(ctx, table.units[u]!) ? 1 : 2;
        if (unitOk[u] === 2) continue;
      }
      out.push(t);
    }
  }
  return Int32Array.from(out);
}

/**
 * The groups of each youth sitting under a split by `dims` (expandGroups of valuesOf, as groupsFor
 * gives them): `of[t]` is the sitting's list in `lists`, each a list of group ids into `groups`. One
 * list per combination of the values the split reads (units with the same values share one), worked
 * out once per data version and split.
 */
export interface GroupIndex {
  groups: GroupRef[];
  lists: Int32Array[];
  of: Int32Array;
}

export function youthGroups(ctx: Ctx, dims: readonly string[]): GroupIndex {
  return cached(ctx.db, `youthGroups:${tableKey(ctx)}:${dims.join('\u0001')}`, () =>
    readYouthGroups(ctx, youthTable(ctx), dims),
  );
}

function readYouthGroups(ctx: Ctx, table: YouthTable, dims: readonly string[]): GroupIndex {
  const n = table.row.length;
  if (dims.length === 0) return { groups: [OVERALL], lists: [Int32Array.of(0)], of: new Int32Array(n) };
  const byWave = dims.includes('wave');
  const unitDims = dims.filter((d) => d !== 'wave');
  // Units by the values the split reads (besides the wave).
  const classOfUnit = new Int32Array(table.units.length);
  const classes = new Map<string, number>();
  const firstUnit: number[] = [];
  table.units.forEach((u, i) => {
    let sig = '';
    for (const d of unitDims) sig += `${signatureOf(ctx, u, d)}\u0001`;
    let c = classes.get(sig);
    if (c === undefined) {
      classes.set(sig, (c = classes.size));
      firstUnit.push(i);
    }
    classOfUnit[i] = c;
  });
  const groups: GroupRef[] = [];
  const gid = new Map<string, number>();
  const lists: Int32Array[] = [];
  const listOf = new Map<number, number>();
  const nWaves = Math.max(1, table.waves.length);
  const of = new Int32Array(n);
  for (let t = 0; t < n; t += 1) {
    const c = classOfUnit[table.unit[t]!]!;
    const w = byWave ? table.wave[t]! : 0;
    const lk = c * nWaves + w;
    let l = listOf.get(lk);
    if (l === undefined) {
      const unit: Unit = { ...table.units[firstUnit[c]!]!, wave: table.waves[w] };
      const refs = expandGroups(dims, (d) => valuesOf(ctx, unit, d));
      const ids = refs.map((g) => {
        let id = gid.get(g.key);
        if (id === undefined) {
          gid.set(g.key, (id = groups.length));
          groups.push(g);
        }
        return id;
      });
      l = lists.push(Int32Array.from(ids)) - 1;
      listOf.set(lk, l);
    }
    of[t] = l;
  }
  return { groups, lists, of };
}

/** What valuesOf(ctx, u, dim) depends on, as a string (dims other than the wave). */
function signatureOf(ctx: Ctx, u: Unit, dim: string): string {
  switch (dim) {
    case 'cohort':
      return String(u.cohort);
    case 'program':
      return u.programs.join(',');
    case 'site':
      return u.sites.join(',');
    case 'partner':
    case 'partner_type':
      return u.partners.join(',');
    default: {
      if (u.participant === null) return '\u0002';
      const v = attributeValue(ctx.people, u.participant, dim.slice('attribute:'.length), u.cohort);
      return v === null ? '\u0002' : `=${v}`;
    }
  }
}

// Partner sittings ------------------------------------------------------------------------------------

export interface PartnerSitting {
  /** answer grid row */
  row: number;
  unit: Unit;
}

/** Partner sittings that pass the filters (partner surveys are not about youth: program, site and attribute filters do not apply). */
export function partnerSittings(ctx: Ctx): PartnerSitting[] {
  const share = ctx.settings.minItemShare;
  // Every partner sitting with its unit, once per data version; a filter set only picks from them.
  const all = cached(ctx.db, `partnerSittings:${share}`, () => {
    const grid = loadAnswerGrid(ctx.db);
    const { scored } = loadScores(ctx.db, share);
    const out: (PartnerSitting & { openedOn: string | null; closedOn: string | null })[] = [];
    for (let i = 0; i < scored.length; i += 1) {
      if (scored[i] === 0) continue;
      const r = ctx.refs.respondentById.get(grid.respondent[i]!);
      if (!r || r.kind !== 'partner') continue;
      const adm = ctx.refs.administrationById.get(grid.administration[i]!);
      if (!adm) continue;
      const unit: Unit = {
        participant: null,
        cohort: adm.cohortId,
        programs: [],
        sites: [],
        partners: [r.partnerId],
        wave: grid.waves[grid.wave[i]!],
      };
      out.push({ row: i, unit, openedOn: adm.openedOn, closedOn: adm.closedOn });
    }
    return out;
  });
  return all.filter(
    (p) =>
      administrationInDates(ctx, p.openedOn, p.closedOn) &&
      passes(ctx, p.unit, ['program', 'site', 'attributes']),
  );
}
