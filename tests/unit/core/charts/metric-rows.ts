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
