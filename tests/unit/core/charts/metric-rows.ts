import { MetricsResult, type GroupKey } from '../../../../src/shared/metrics';

/**
 * Metric output built by hand to the METRICS CONTRACT (parsed with its zod schema, so a row that does
 * not match the contract fails here, not silently in a chart). Values are chosen so that a chart's
 * marks can be checked by eye: Maker Club 2023-24 reached 48 youth, the camp's 2024-25 group is
 * suppressed, and so on.
 */
export const g = (dims: Record<string, string>): GroupKey =>
  Object.fromEntries(Object.entries(dims).map(([k, v]) => [k, { code: v, label: LABELS[v] ?? v }]));
const LABELS: Record<string, string> = {
  CLUB: 'Maker Club',
  CAMP: 'Summer STEM Camp',
  CLASS: 'Technology & Design class',
  P01: 'Cañon City Library',
  P02: 'Peñasco Dark Sky Observatory',
};

const privacy = (n: number | null, suppressed = false, reason: string | null = null) => ({
  n: suppressed ? null : n,
  suppressed,
  suppressionReason: suppressed ? (reason ?? 'n < 10') : null,
});

export function emptyMetrics(over: Partial<MetricsResult> = {}): MetricsResult {
  return MetricsResult.parse({
    filters: {},
    by: [],
    threshold: 10,
    computedAt: '2026-12-01T00:00:00.000Z',
    reach: [],
    dosage: [],
    dosageBands: [],
    retention: [],
    scales: [],
    reliability: [],
    items: [],
    prePost: [],
    prePostByDosage: [],
    matchReport: [],
    partnerHealth: [],
    contributions: [],
    goals: [],
    ...over,
  });
}

export function reachRow(
  dims: Record<string, string>,
  youth: number | null,
  suppressed = false,
  reason?: string,
) {
  return {
    group: g(dims),
    youthServed: suppressed ? null : youth,
    youthEnrolled: suppressed ? null : youth === null ? null : youth + 4,
    mentorsEngaged: 6,
    partnersActive: 5,
    sessionsOffered: 30,
    ...privacy(youth, suppressed, reason),
  };
}

export function dosageRow(
  dims: Record<string, string>,
  n: number,
  meanHours: number | null,
  rate: number | null,
  suppressed = false,
) {
  const v = (x: number | null) => (suppressed ? null : x);
  return {
    group: g(dims),
    contactHoursTotal: v(meanHours === null ? null : meanHours * n),
    contactHoursMean: v(meanHours),
    contactHoursMedian: v(meanHours === null ? null : meanHours - 1),
    sessionsAttendedMean: v(12),
    attendanceRateMean: v(rate),
    intensityHoursPerWeekMean: v(1.4),
    durationWeeksMean: v(20),
    breadthMean: v(2.1),
    regularAttendees: v(Math.round(n / 3)),
    regularAttendeesShare: v(0.33),
    ...privacy(n, suppressed),
  };
}

export function scaleRow(
  dims: Record<string, string>,
  scale: string,
  wave: string,
  mean: number | null,
  n: number,
  suppressed = false,
) {
  const v = (x: number | null) => (suppressed ? null : x);
  return {
    group: g(dims),
    scale,
    scaleName: SCALE_NAMES[scale] ?? scale,
    wave,
    mean: v(mean),
    sd: v(0.8),
    ciLow: v(mean === null ? null : mean - 0.2),
    ciHigh: v(mean === null ? null : mean + 0.2),
    percentAgree: v(mean === null ? null : (mean - 1) / 4),
    percentAgreeCiLow: v(mean === null ? null : (mean - 1) / 4 - 0.08),
    percentAgreeCiHigh: v(mean === null ? null : (mean - 1) / 4 + 0.08),
    ...privacy(n, suppressed),
  };
}

export const SCALE_NAMES: Record<string, string> = {
  career_awareness: 'STEM career awareness',
  stem_interest: 'STEM interest',
  self_efficacy: 'STEM self-efficacy',
  belonging: 'Sense of belonging in STEM',
};

export function prePostRow(
  dims: Record<string, string>,
  scale: string,
  n: number,
  pre: number,
  post: number,
  opts: { suppressed?: boolean; reason?: string } = {},
) {
  const s = opts.suppressed ?? false;
  const v = (x: number | null) => (s ? null : x);
  const diff = post - pre;
  return {
    group: g(dims),
    scale,
    scaleName: SCALE_NAMES[scale] ?? scale,
    design: 'pre_post' as const,
    nMatched: v(n),
    meanPre: v(pre),
    meanPost: v(post),
    sdPre: v(0.7),
    sdPost: v(0.7),
    meanDiff: v(diff),
    sdDiff: v(0.6),
    ciLow: v(diff - 0.15),
    ciHigh: v(diff + 0.15),
    t: v(5.1),
    df: v(n - 1),
    p: v(0.001),
    dz: v(diff / 0.6),
    gav: v(diff / 0.7),
    wilcoxonP: v(0.002),
    effectSizeName: 'g_av',
    reason: null,
    ...privacy(n, s, opts.reason),
  };
}

export function itemRow(
  dims: Record<string, string>,
  item: string,
  wave: string,
  counts: [number, number, number, number, number] | null,
  missing: { reason: string; count: number }[] = [],
) {
  const labels = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
  const suppressed = counts === null;
  const n = counts ? counts.reduce((a, b) => a + b, 0) : null;
  return {
    group: g(dims),
    scale: 'career_awareness',
    item,
    itemText: ITEM_TEXT[item] ?? item,
    isReverseCoded: item === 'CA5',
    wave,
    categories: labels.map((label, i) => ({ label, value: i + 1, count: counts ? counts[i]! : null })),
    missing: missing.map((m) => ({ reason: m.reason, count: suppressed ? null : m.count })),
    percentAgree: counts && n ? (counts[3] + counts[4]) / n : null,
    ...privacy(n, suppressed),
  };
}
const ITEM_TEXT: Record<string, string> = {
  CA1: 'I know about jobs that use science, technology, engineering or math',
  CA2: 'I know someone who works in a STEM job',
  CA5: 'I have no idea what STEM workers do all day',
};

const COHORTS = ['2022-23', '2023-24', '2024-25'];
const PROGRAMS = ['CLASS', 'CLUB', 'CAMP'];
const SCALES = ['career_awareness', 'belonging'];

/** A plausible full metric set for a split, with one suppressed group where the split allows. */
export function fullMetrics(by: string[]): MetricsResult {
  const groups: Record<string, string>[] =
    by.length === 0
      ? [{}]
      : by[0] === 'cohort'
        ? COHORTS.map((cohort) => ({ cohort }))
        : by[0] === 'partner'
          ? [{ partner: 'P01' }, { partner: 'P02' }]
          : PROGRAMS.flatMap((program) => COHORTS.map((cohort) => ({ program, cohort })));
  const isHidden = (d: Record<string, string>) => d['program'] === 'CAMP' && d['cohort'] === '2022-23';
  const contribution = (key: string, name: string, type: string, hours: number, youth: number | null) => ({
    group: g({ partner: key }),
    partnerKey: key,
    partnerName: name,
    partnerType: type,
    mentorHours: hours,
    sessionsLed: 12,
    equipmentItems: 3,
    fundingUsd: 5000,
    inKindUsd: 1200,
    mentors: 4,
    youthReached: youth,
    youthReachedSuppressed: youth === null,
  });
  return emptyMetrics({
    by,
    reach: groups.map((d, i) => reachRow(d, 40 + i * 7, isHidden(d))),
    dosage: groups.map((d, i) => dosageRow(d, 40 + i * 7, 12 + i, 0.6 + i * 0.02, isHidden(d))),
    dosageBands: groups.flatMap((d) =>
      ['< 10 h', '10–30 h', '30–60 h', '60+ h'].map((band, bandIndex) => ({
        group: g(d),
        band,
        bandIndex,
        share: isHidden(d) ? null : [0.3, 0.4, 0.2, 0.1][bandIndex]!,
        ...privacy(40, isHidden(d)),
      })),
    ),
    retention: groups.map((d) => ({
      group: g(d),
      kind: 'within_cohort' as const,
      nBase: isHidden(d) ? null : 50,
      nRetained: isHidden(d) ? null : 35,
      rate: isHidden(d) ? null : 0.7,
      ciLow: isHidden(d) ? null : 0.56,
      ciHigh: isHidden(d) ? null : 0.81,
      ...privacy(50, isHidden(d)),
    })),
    scales: groups.flatMap((d) =>
      SCALES.flatMap((s) =>
        ['pre', 'post'].map((w) => scaleRow(d, s, w, w === 'pre' ? 3.1 : 3.5, 80, isHidden(d))),
      ),
    ),
    reliability: SCALES.flatMap((s) =>
      ['pre', 'post'].map((wave) => ({
        scale: s,
        scaleName: SCALE_NAMES[s]!,
        wave,
        k: 5,
        alpha: 0.82,
        nComplete: 150,
        reason: null,
        ...privacy(150),
      })),
    ),
    items: groups.flatMap((d) =>
      ['CA1', 'CA2', 'CA5'].flatMap((item) =>
        ['pre', 'post'].map((wave) =>
          itemRow(d, item, wave, isHidden(d) ? null : [5, 10, 20, 30, 15], [{ reason: 'skipped', count: 3 }]),
        ),
      ),
    ),
    prePost: groups.flatMap((d) =>
      SCALES.map((s) => prePostRow(d, s, 60, 3.1, 3.5, { suppressed: isHidden(d) })),
    ),
    prePostByDosage: SCALES.flatMap((s) =>
      ['< 10 h', '10–30 h', '30+ h'].map((band, bandIndex) => ({
        ...prePostRow({}, s, 30, 3.1, 3.2 + bandIndex * 0.2),
        band,
        bandIndex,
      })),
    ),
    matchReport: groups.map((d) => ({
      group: g(d),
      nPre: 100,
      nPost: 90,
      matched: 80,
      onlyPre: 20,
      onlyPost: 10,
      duplicates: 1,
      ...privacy(110, isHidden(d)),
    })),
    partnerHealth: (by[0] === 'cohort' ? COHORTS : ['']).flatMap((cohort, i) =>
      ['Communication', 'Sufficient resources'].map((name, j) => ({
        group: cohort ? g({ cohort }) : {},
        factor: name.toLowerCase(),
        factorName: name,
        mean: j === 0 ? 3.6 + i * 0.25 : 2.6,
        sd: 0.5,
        band:
          j === 0
            ? 3.6 + i * 0.25 >= 4
              ? ('strength' as const)
              : ('borderline' as const)
            : ('concern' as const),
        n: 14,
        suppressed: false,
        suppressionReason: null,
      })),
    ),
    contributions: [
      contribution('P01', 'Cañon City Library', 'out_of_school_provider', 120, 64),
      contribution('P02', 'Peñasco Dark Sky Observatory', 'nonprofit', 45.5, null),
    ],
    goals: [
      {
        goalId: 1,
        metricKey: 'youth_reached',
        description: 'Youth who attend at least one session',
        cohort: '2024-25',
        program: null,
        owner: 'Cañon City Library',
        target: 250,
        direction: 'at_least' as const,
        unit: 'youth',
        actual: 230,
        progress: 0.92,
        met: false,
        suppressed: false,
        suppressionReason: null,
      },
      {
        goalId: 2,
        metricKey: 'mean_contact_hours',
        description: 'Mean contact hours per youth',
        cohort: '2024-25',
        program: null,
        owner: null,
        target: 20,
        direction: 'at_least' as const,
        unit: 'hours',
        actual: 24.5,
        progress: 1.225,
        met: true,
        suppressed: false,
        suppressionReason: null,
      },
    ],
  });
}
