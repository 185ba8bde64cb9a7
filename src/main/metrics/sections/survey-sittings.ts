import { expandGroups, OVERALL, type GroupRef } from '@core/metrics/groups';
import { cached } from '../cache';
import { attributeValue } from '../base/refs';
import { attendanceColumns } from '../base/attendance';
import { loadAnswerGrid, loadScores } from '../base/surveys';
import { needsPartner, pairKey, passes, valuesOf, type Ctx, type Unit } from '../context';

/**
 * Youth survey sittings as columns (one typed array per field, one entry per sitting with scores, in
 * answer grid order), worked out once per data version: the filter-independent part of every youth
 * survey figure. A filter set picks from it a list of indices (youthSittings), and the sections walk
 * that list with integer group ids per sitting (youthGroups), so no object is made per sitting, pair
 * or group membership. What a sitting's youth is enrolled in (its unit) is worked out only when a
 * split or filter reads it (youthUnits).
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
  /** Dense id of (participant, cohort): the key of pre/post pairs, match counts and contact hours. */
  key: Int32Array;
  nKeys: number;
  /** The key of a youth in a cohort (ids), -1 for a youth with no sitting in that cohort. */
  keyOf: (participant: number, cohort: number) => number;
  /** Dense id of (participant, administration): the key of retrospective pairs. */
  keyA: Int32Array;
  nKeysA: number;
  /** cohort id -> indices of its sittings, in order */
  byCohort: Map<number, Int32Array>;
  /** every index, in order */
  all: Int32Array;
}

export function youthTable(ctx: Ctx): YouthTable {
  // Which grid rows are sittings with scores does not depend on the share of items (only which scores are null).
  return cached(ctx.db, 'youthTable', () => readYouthTable(ctx));
}

/** Non-negative integers by id (-1 for none): an array by id, or a map when the ids are sparse. */
class IdMap {
  private readonly byId: Int32Array | null;
  private readonly map = new Map<number, number>();
  constructor(maxId: number, count: number) {
    this.byId = maxId >= 0 && maxId <= 4 * count + 65536 ? new Int32Array(maxId + 1).fill(-1) : null;
  }
  get(id: number): number {
    if (this.byId) return id >= 0 && id < this.byId.length ? this.byId[id]! : -1;
    return this.map.get(id) ?? -1;
  }
  set(id: number, value: number): void {
    if (this.byId) this.byId[id] = value;
    else this.map.set(id, value);
  }
}

function readYouthTable(ctx: Ctx): YouthTable {
  const { refs } = ctx;
  const grid = loadAnswerGrid(ctx.db);
  const { scored } = loadScores(ctx.db, ctx.settings.minItemShare);
  const rows = grid.respondent.length;
  const row = new Int32Array(rows);
  const participant = new Int32Array(rows);
  const cohort = new Int32Array(rows);
  const administration = new Int32Array(rows);
  const wave = new Uint8Array(rows);
  const key = new Int32Array(rows);
  const keyA = new Int32Array(rows);
  // Administrations and cohorts by small index.
  const cohortIds = [...new Set([...refs.administrationById.values()].map((a) => a.cohortId))];
  const cohortIndex = new Map(cohortIds.map((c, i) => [c, i]));
  const admOf = new Map(
    [...refs.administrationById.values()].map((adm, index) => [
      adm.id,
      { adm, index, cohort: cohortIndex.get(adm.cohortId)! },
    ]),
  );
  // The youth of each youth respondent (one pass over the respondents, then an array look-up per sitting).
  let maxParticipant = -1;
  let maxRespondent = -1;
  for (const [id, r] of refs.respondentById) {
    if (r.kind !== 'youth' || r.participantId === null) continue;
    if (r.participantId > maxParticipant) maxParticipant = r.participantId;
    if (id > maxRespondent) maxRespondent = id;
  }
  const participantOf = new IdMap(maxRespondent, refs.respondentById.size);
  for (const [id, r] of refs.respondentById)
    if (r.kind === 'youth' && r.participantId !== null) participantOf.set(id, r.participantId);
  // A youth's keys (one per cohort) and administration keys, as short lists per youth: youth are
  // numbered in order of first sitting, each key knows the next key of its youth.
  const youth = new IdMap(maxParticipant, refs.respondentById.size);
  let nYouth = 0;
  const firstKey = new Int32Array(rows);
  const firstKeyA = new Int32Array(rows);
  const keyNext = new Int32Array(rows);
  const keyCohort = new Int32Array(rows);
  const keyANext = new Int32Array(rows);
  const keyAAdm = new Int32Array(rows);
  let nKeys = 0;
  let nKeysA = 0;
  const cohortCount = new Int32Array(cohortIds.length);
  // Grid rows come by respondent: one look-up per respondent.
  let respondent = -1;
  let p = -1;
  let y = -1;
  let n = 0;
  for (let i = 0; i < rows; i += 1) {
    if (scored[i] === 0) continue;
    if (grid.respondent[i] !== respondent) {
      respondent = grid.respondent[i]!;
      p = participantOf.get(respondent);
      if (p >= 0) {
        y = youth.get(p);
        if (y < 0) {
          youth.set(p, (y = nYouth++));
          firstKey[y] = -1;
          firstKeyA[y] = -1;
        }
      }
    }
    if (p < 0) continue;
    const a = admOf.get(grid.administration[i]!);
    if (!a) continue;
    let k = firstKey[y]!;
    while (k >= 0 && keyCohort[k] !== a.cohort) k = keyNext[k]!;
    if (k < 0) {
      k = nKeys++;
      keyCohort[k] = a.cohort;
      keyNext[k] = firstKey[y]!;
      firstKey[y] = k;
    }
    let ka = firstKeyA[y]!;
    while (ka >= 0 && keyAAdm[ka] !== a.index) ka = keyANext[ka]!;
    if (ka < 0) {
      ka = nKeysA++;
      keyAAdm[ka] = a.index;
      keyANext[ka] = firstKeyA[y]!;
      firstKeyA[y] = ka;
    }
    row[n] = i;
    participant[n] = p;
    cohort[n] = a.adm.cohortId;
    administration[n] = a.adm.id;
    wave[n] = grid.wave[i]!;
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
  const keyOf = (p: number, c: number) => {
    const ci = cohortIndex.get(c);
    const yi = youth.get(p);
    if (ci === undefined || yi < 0) return -1;
    let k = firstKey[yi]!;
    while (k >= 0 && keyCohort[k] !== ci) k = keyNext[k]!;
    return k;
  };
  return {
    row: row.slice(0, n),
    participant: participant.slice(0, n),
    cohort: cohort.slice(0, n),
    administration: administration.slice(0, n),
    wave: wave.slice(0, n),
    waves: grid.waves,
    key: key.slice(0, n),
    nKeys,
    keyOf,
    keyA: keyA.slice(0, n),
    nKeysA,
    byCohort,
    all,
  };
}

/**
 * The unit of each youth sitting, without its wave (units[unit[t]]): cohort, programs, sites and
 * partners of the youth in the administration's cohort; one per youth, cohort and administration
 * program, shared by its sittings. Per data version, built when a split or filter first reads it.
 */
export interface YouthUnits {
  unit: Int32Array;
  units: Unit[];
}

export function youthUnits(ctx: Ctx): YouthUnits {
  return cached(ctx.db, `youthUnits:${needsPartner(ctx)}`, () => readYouthUnits(ctx, youthTable(ctx)));
}

function readYouthUnits(ctx: Ctx, table: YouthTable): YouthUnits {
  const { refs, people } = ctx;
  const partnersOf = needsPartner(ctx) ? partnersOfYouth(ctx) : new Map<number | string, number[]>();
  const n = table.row.length;
  const unit = new Int32Array(n);
  const units: Unit[] = [];
  /** key -> its unit for administrations of every program (-1 before the first) */
  const ofKey = new Int32Array(table.nKeys).fill(-1);
  /** pairKey(key, program) -> unit, for administrations of one program */
  const ofProgram = new Map<number | string, number>();
  for (let t = 0; t < n; t += 1) {
    const adm = refs.administrationById.get(table.administration[t]!)!;
    const k = table.key[t]!;
    let u = adm.programId === null ? ofKey[k]! : (ofProgram.get(pairKey(k, adm.programId)) ?? -1);
    if (u < 0) {
      const p = table.participant[t]!;
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
      if (adm.programId === null) ofKey[k] = u;
      else ofProgram.set(pairKey(k, adm.programId), u);
    }
    unit[t] = u;
  }
  return { unit, units };
}

/** The lead partners of each youth's attendance per cohort (pairKey(participant, cohort)), for the partner split. */
function partnersOfYouth(ctx: Ctx): Map<number | string, number[]> {
  const partnersOf = new Map<number | string, number[]>();
  const c = attendanceColumns(ctx.db, { byPartner: true });
  for (let i = 0; i < c.length; i += 1) {
    const partner = c.partner[i]!;
    if (partner < 0) continue;
    const k = pairKey(c.participant[i]!, c.cohort[i]!);
    const l = partnersOf.get(k);
    if (!l) partnersOf.set(k, [partner]);
    else if (!l.includes(partner)) l.push(partner);
  }
  return partnersOf;
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
  const { unit, units } = filtered ? youthUnits(ctx) : { unit: new Int32Array(0), units: [] };
  const unitOk = new Uint8Array(units.length);
  const out: number[] = [];
  for (const l of lists) {
    for (let j = 0; j < l.length; j += 1) {
      const t = l[j]!;
      if (dated && !passOf(table.administration[t]!)) continue;
      if (filtered) {
        const u = unit[t]!;
        if (unitOk[u] === 0) unitOk[u] = passes(ctx, units[u]!) ? 1 : 2;
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
  return cached(ctx.db, `youthGroups:${needsPartner(ctx)}:${dims.join('\u0001')}`, () =>
    readYouthGroups(ctx, youthTable(ctx), dims),
  );
}

function readYouthGroups(ctx: Ctx, table: YouthTable, dims: readonly string[]): GroupIndex {
  const n = table.row.length;
  if (dims.length === 0) return { groups: [OVERALL], lists: [Int32Array.of(0)], of: new Int32Array(n) };
  const byWave = dims.includes('wave');
  const unitDims = dims.filter((d) => d !== 'wave');
  // Sittings by the values the split reads besides the wave: their cohort when that is all it reads
  // (no unit needed), else their unit's values.
  const classOf = new Int32Array(n);
  /** a sitting of each class, and its unit */
  const first: { t: number; unit: Unit | null }[] = [];
  if (unitDims.every((d) => d === 'cohort')) {
    const classes = new Map<number, number>();
    for (let t = 0; t < n; t += 1) {
      const c = table.cohort[t]!;
      let k = classes.get(c);
      if (k === undefined) {
        classes.set(c, (k = first.length));
        first.push({ t, unit: null });
      }
      classOf[t] = k;
    }
  } else {
    const { unit, units } = youthUnits(ctx);
    const classOfUnit = new Int32Array(units.length);
    const classes = new Map<string, number>();
    units.forEach((u, i) => {
      let sig = '';
      for (const d of unitDims) sig += `${signatureOf(ctx, u, d)}\u0001`;
      let c = classes.get(sig);
      if (c === undefined) {
        classes.set(sig, (c = first.length));
        first.push({ t: -1, unit: u });
      }
      classOfUnit[i] = c;
    });
    for (let t = 0; t < n; t += 1) classOf[t] = classOfUnit[unit[t]!]!;
  }
  const groups: GroupRef[] = [];
  const gid = new Map<string, number>();
  const lists: Int32Array[] = [];
  const nWaves = Math.max(1, table.waves.length);
  const listOf = new Int32Array(first.length * nWaves).fill(-1);
  const of = new Int32Array(n);
  for (let t = 0; t < n; t += 1) {
    const c = classOf[t]!;
    const w = byWave ? table.wave[t]! : 0;
    let l = listOf[c * nWaves + w]!;
    if (l < 0) {
      const f = first[c]!;
      const unit: Unit = f.unit
        ? { ...f.unit, wave: table.waves[w] }
        : {
            participant: table.participant[f.t]!,
            cohort: table.cohort[f.t]!,
            programs: [],
            sites: [],
            partners: [],
            wave: table.waves[w],
          };
      const refs = expandGroups(dims, (d) => valuesOf(ctx, unit, d));
      const ids = refs.map((g) => {
        let id = gid.get(g.key);
        if (id === undefined) {
          gid.set(g.key, (id = groups.length));
          groups.push(g);
        }
        return id;
      });
      l = listOf[c * nWaves + w] = lists.push(Int32Array.from(ids)) - 1;
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
