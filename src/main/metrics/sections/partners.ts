import { compareGroups } from '@core/metrics/groups';
import type { GroupKey } from '@shared/metrics';
import type { Db } from '../../db/open-project';
import { partnerTypeLabel } from '../../services/dimensions';
import { loadSessions } from '../base/refs';
import { partnerUnits, partnerUnitsByCohort } from '../base/attendance';
import { cached } from '../cache';
import { dimsFor, groupsFor, pairKey, passes, type Ctx, type Unit } from '../context';
import { popcount, unitFilter, unitsInCohorts } from '../unit-groups';
import type { ContributionOut } from '../rows';

interface ContributionRef {
  partner: number;
  kind: string;
  amount: number;
  unit: string;
  on: string | null;
  cohort: number | null;
}

function loadContributions(db: Db): ContributionRef[] {
  return cached(
    db,
    'contributions',
    () =>
      db
        .prepare(
          `SELECT partner_id AS partner, kind, amount, unit, contributed_on AS "on", cohort_id AS cohort FROM contributions`,
        )
        .all() as ContributionRef[],
  );
}

/** Contributions split by cohort, partner type and partner; the other dimensions do not apply. */
const CONTRIBUTION_DIMS = (d: string) => d === 'cohort' || d === 'partner_type' || d === 'partner';

interface Acc {
  group: GroupKey;
  partner: number | null;
  type: string;
  mentorHours: number;
  sessionsLed: number;
  sessionsLogged: number;
  equipmentItems: number;
  equipmentUsd: number;
  fundingUsd: number;
  inKindUsd: number;
  inKindHours: number;
  mentors: Set<number>;
  /** youth reached: a flag per participant id, one bit each (null until the first) */
  youth: Uint32Array | null;
}

/**
 * What each partner gave, per partner and per partner type (partnerKey null). Sums stay within one
 * unit. Youth reached = distinct youth who attended at least one session the partner led, a youth
 * figure: hidden below the threshold.
 */
export function computeContributions(ctx: Ctx): ContributionOut[] {
  const dims = dimsFor(ctx, CONTRIBUTION_DIMS).filter((d) => d !== 'partner');
  const { refs, resolved } = ctx;
  const accs = new Map<string, Acc>();
  const acc = (cohort: number | null, partner: number, f: (a: Acc) => void) => {
    const p = refs.partnerById.get(partner);
    if (!p) return;
    const unit: Unit = {
      participant: null,
      cohort: cohort ?? -1,
      programs: [],
      sites: [],
      partners: [partner],
    };
    if (resolved.cohorts && (cohort === null || !resolved.cohorts.has(cohort))) return;
    if (!passes(ctx, unit, ['cohort', 'program', 'site', 'attributes'])) return;
    // A contribution with no cohort has cohort -1 in its unit: no cohort value, "(not recorded)".
    const groups = groupsFor(ctx, dims, unit);
    for (const g of groups) {
      for (const [key, partnerId] of [
        [`${g.key}|p${partner}`, partner],
        [`${g.key}|t${p.type}`, null],
      ] as const) {
        let a = accs.get(key);
        if (!a) {
          a = {
            group: g.group,
            partner: partnerId,
            type: p.type,
            mentorHours: 0,
            sessionsLed: 0,
            sessionsLogged: 0,
            equipmentItems: 0,
            equipmentUsd: 0,
            fundingUsd: 0,
            inKindUsd: 0,
            inKindHours: 0,
            mentors: new Set(),
            youth: null,
          };
          accs.set(key, a);
        }
        f(a);
      }
    }
  };
  for (const c of loadContributions(ctx.db)) {
    if (resolved.dateFrom && c.on && c.on < resolved.dateFrom) continue;
    if (resolved.dateTo && c.on && c.on > resolved.dateTo) continue;
    acc(c.cohort, c.partner, (a) => {
      if (c.kind === 'mentor_hours' && c.unit === 'hours') a.mentorHours += c.amount;
      else if (c.kind === 'sessions_led' && c.unit === 'sessions') a.sessionsLed += c.amount;
      else if (c.kind === 'equipment' && c.unit === 'items') a.equipmentItems += c.amount;
      else if (c.kind === 'equipment' && c.unit === 'usd') a.equipmentUsd += c.amount;
      else if (c.kind === 'funding' && c.unit === 'usd') a.fundingUsd += c.amount;
      else if (c.kind === 'in_kind' && c.unit === 'usd') a.inKindUsd += c.amount;
      else if (c.kind === 'in_kind' && c.unit === 'hours') a.inKindHours += c.amount;
      // Anything else (mentor hours recorded in USD...) is in another unit and is not summed.
    });
  }
  const sessions = loadSessions(ctx.db);
  for (const s of sessions.list) {
    if (resolved.dateFrom && s.date < resolved.dateFrom) continue;
    if (resolved.dateTo && s.date > resolved.dateTo) continue;
    if (resolved.programs && !resolved.programs.has(s.program)) continue;
    if (resolved.sites && (s.site === null || !resolved.sites.has(s.site))) continue;
    if (s.partner !== null) acc(s.cohort, s.partner, (a) => (a.sessionsLogged += 1));
    for (const m of sessions.mentorsOf.get(s.id) ?? []) {
      const p = refs.mentorPartner.get(m);
      if (p !== null && p !== undefined) acc(s.cohort, p, (a) => a.mentors.add(m));
    }
  }
  // Youth per lead partner and cohort, as bits per participant id, in order of first appearance.
  const { dateFrom, dateTo } = resolved;
  const cells = partnerUnits(ctx.db, dateFrom, dateTo);
  const filter = unitFilter(ctx, cells, ['cohort']);
  let words = 1;
  for (const p of cells.participant) if (p >> 5 >= words) words = (p >> 5) + 1;
  const youthOf = new Map<number | string, { cohort: number; partner: number; youth: Uint32Array }>();
  for (const walk of unitsInCohorts(ctx, cells.length, () => partnerUnitsByCohort(ctx.db, dateFrom, dateTo)))
    for (const i of walk) {
      const partner = cells.partner[i]!;
      if (partner < 0 || (filter && !filter(i))) continue;
      const cohort = cells.cohort[i]!;
      const k = pairKey(partner, cohort);
      let e = youthOf.get(k);
      if (!e) youthOf.set(k, (e = { cohort, partner, youth: new Uint32Array(words) }));
      const p = cells.participant[i]!;
      e.youth[p >> 5]! |= 1 << (p & 31);
    }
  // One accumulation per cohort and partner (not per attendance cell), in order of first appearance.
  for (const { cohort, partner, youth } of youthOf.values())
    acc(cohort, partner, (a) => {
      const mine = (a.youth ??= new Uint32Array(words));
      for (let w = 0; w < words; w += 1) mine[w]! |= youth[w]!;
    });
  const rows = [...accs.values()].map((a): ContributionOut => {
    const p = a.partner === null ? null : refs.partnerById.get(a.partner);
    let reached = 0;
    if (a.youth) for (const w of a.youth) reached += popcount(w);
    const hidden = reached > 0 && reached < ctx.threshold;
    return {
      group: a.group,
      partnerKey: p ? p.code : null,
      partnerName: p ? p.label : partnerTypeLabel(a.type),
      partnerType: a.type,
      mentorHours: a.mentorHours,
      sessionsLed: a.sessionsLed,
      equipmentItems: a.equipmentItems,
      fundingUsd: a.fundingUsd,
      inKindUsd: a.inKindUsd,
      mentors: a.mentors.size,
      youthReached: hidden ? null : reached,
      youthReachedSuppressed: hidden,
      equipmentUsd: a.equipmentUsd,
      inKindHours: a.inKindHours,
      sessionsLogged: a.sessionsLogged,
    };
  });
  return rows.sort(
    (a, b) =>
      compareGroups(dims, a.group, b.group) ||
      a.partnerType.localeCompare(b.partnerType) ||
      (a.partnerKey === null ? -1 : b.partnerKey === null ? 1 : a.partnerName.localeCompare(b.partnerName)),
  );
}
