import { toCsv, type CsvCell } from '@core/export/csv';
import { contract } from '@shared/contract';
import { METRIC_SECTIONS, type GroupKey, type MetricFilters, type MetricsResult } from '@shared/metrics';
import { openProject } from '../../db/open-project';
import { computeMetrics } from '../../metrics/compute';
import type { CommandSpec, OptionValues } from '../commands';
import { UsageError } from '../io';
import { existingProjectPath } from '../project-arg';

const USAGE = `Usage: trellis metrics --project PATH [--by DIM[,DIM]] [--filter KEY=VALUE ...] [--section S[,S]] [--json | --csv]
  DIM:     cohort, program, site, partner, partner_type, wave, attribute:<name> (at most two)
  KEY:     cohort, program, site, partner, partner_type (codes as in the data, comma-separated for
           several), attribute:<name>, from, to (YYYY-MM-DD)
  S:       ${METRIC_SECTIONS.join(', ')} (default: all)
  PATH:    an existing project; demo (with no demo.trellis here) is the built-in demo partnership.
  Figures about fewer people than the project's threshold (default 10) are suppressed.
  --json prints the MetricsResult documented in docs/metrics.md; --csv one row per figure.`;

/** `--filter cohort=2023-24,2024-25 --filter attribute:grade=7` -> MetricFilters. */
export function parseFilters(raw: readonly string[]): MetricFilters {
  const f: MetricFilters = {};
  const list = (v: string) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  for (const item of raw) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--filter wants KEY=VALUE, got "${item}".`);
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key.startsWith('attribute:')) {
      f.attributes = { ...f.attributes, [key.slice('attribute:'.length)]: list(value) };
      continue;
    }
    switch (key) {
      case 'cohort':
        f.cohorts = [...(f.cohorts ?? []), ...list(value)];
        break;
      case 'program':
        f.programs = [...(f.programs ?? []), ...list(value)];
        break;
      case 'site':
        f.sites = [...(f.sites ?? []), ...list(value)];
        break;
      case 'partner':
        f.partners = [...(f.partners ?? []), ...list(value)];
        break;
      case 'partner_type':
        f.partnerTypes = [...(f.partnerTypes ?? []), ...list(value)];
        break;
      case 'from':
        f.dateFrom = value;
        break;
      case 'to':
        f.dateTo = value;
        break;
      default:
        throw new UsageError(
          `Unknown filter "${key}": use cohort, program, site, partner, partner_type, attribute:<name>, from or to.`,
        );
    }
  }
  return f;
}

const asList = (v: OptionValues[string]): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

export const metricsCommand: CommandSpec = {
  summary: 'Compute the evaluation metrics of a project (suppressed like the dashboards).',
  usage: USAGE,
  options: {
    project: { type: 'string' },
    by: { type: 'string' },
    filter: { type: 'string', multiple: true },
    section: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
  },
  async run({ values, io }) {
    if (values.json && values.csv) throw new UsageError('Choose one of --json and --csv.');
    const path = await existingProjectPath(values, 'metrics');
    const by = asList(values.by)
      .flatMap((b) => b.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    const sections = asList(values.section)
      .flatMap((b) => b.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    // The same validation as every other front door: the contract's input schema.
    const parsed = contract['metrics.compute'].input.safeParse({
      filters: parseFilters(asList(values.filter)),
      by,
      ...(sections.length ? { sections } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
    }
    const project = openProject(path);
    try {
      const result = computeMetrics(project.db, parsed.data);
      if (values.json) io.out(JSON.stringify(result));
      else if (values.csv) io.out(resultToCsv(result, parsed.data.sections));
      else io.out(resultToText(result, parsed.data.sections));
    } finally {
      project.close();
    }
  },
};

const ROW_SECTIONS = METRIC_SECTIONS.flatMap((s) =>
  s === 'dosage' ? ['dosage', 'dosageBands'] : [s],
) as (keyof MetricsResult)[];

const groupText = (g: GroupKey | undefined) =>
  g
    ? Object.entries(g)
        .map(([d, v]) => `${d}=${v.code}`)
        .join('; ')
    : '';

function cellOf(v: unknown): CsvCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v))
    return v
      .map(
        (x: Record<string, unknown>) =>
          `${String(x.label ?? x.reason)}:${x.count === null ? 'suppressed' : String(x.count)}`,
      )
      .join('|');
  return JSON.stringify(v);
}

function pickSections(result: MetricsResult, sections: readonly string[] | undefined) {
  const wanted = sections?.length
    ? new Set(sections.flatMap((s) => (s === 'dosage' ? ['dosage', 'dosageBands'] : [s])))
    : null;
  return ROW_SECTIONS.filter((s) => !wanted || wanted.has(s));
}

/** One CSV: a row per figure row, `section` and `group` first, then the union of the sections' fields. */
export function resultToCsv(result: MetricsResult, sections?: readonly string[]): string {
  const names = pickSections(result, sections);
  const columns: string[] = ['section', 'group'];
  const rows: Record<string, unknown>[] = [];
  for (const s of names) {
    for (const row of result[s] as unknown as Record<string, unknown>[]) {
      for (const k of Object.keys(row)) if (k !== 'group' && !columns.includes(k)) columns.push(k);
      rows.push({ ...row, section: s, group: groupText(row.group as GroupKey | undefined) });
    }
  }
  return toCsv(
    columns,
    rows.map((r) => columns.map((c) => cellOf(r[c]))),
  );
}

const fmt = (v: unknown, digits = 2) =>
  v === null || v === undefined
    ? '-'
    : typeof v === 'number'
      ? Number.isInteger(v)
        ? String(v)
        : v.toFixed(digits)
      : String(v);

/** A short human summary: the headline figures of each section, each with its n. */
export function resultToText(result: MetricsResult, sections?: readonly string[]): string {
  const out: string[] = [`Threshold: groups under ${result.threshold} people are suppressed.`];
  const names = new Set(pickSections(result, sections));
  const g = (r: { group?: GroupKey }) => groupText(r.group) || 'all';
  const why = (r: { suppressed: boolean; suppressionReason: string | null }) =>
    r.suppressed ? `  [suppressed: ${r.suppressionReason}]` : '';
  if (names.has('reach')) {
    out.push('', 'Reach');
    for (const r of result.reach)
      out.push(
        `  ${g(r)}: youth served ${fmt(r.youthServed)}, enrolled ${fmt(r.youthEnrolled)}, mentors ${r.mentorsEngaged}, partners ${r.partnersActive}, sessions ${r.sessionsOffered}${why(r)}`,
      );
  }
  if (names.has('dosage')) {
    out.push('', 'Dosage (per youth served)');
    for (const r of result.dosage)
      out.push(
        `  ${g(r)} (n ${fmt(r.n)}): contact hours mean ${fmt(r.contactHoursMean, 1)} (median ${fmt(r.contactHoursMedian, 1)}), attendance rate ${fmt(r.attendanceRateMean)}, regular attendees ${fmt(r.regularAttendees)}${why(r)}`,
      );
  }
  if (names.has('scales')) {
    out.push('', 'Scale means');
    for (const r of result.scales)
      out.push(
        `  ${g(r)} ${r.scale} ${r.wave} (n ${fmt(r.n)}): mean ${fmt(r.mean)} [${fmt(r.ciLow)}, ${fmt(r.ciHigh)}], agree ${fmt(r.percentAgree)}${why(r)}`,
      );
  }
  if (names.has('reliability')) {
    out.push('', "Cronbach's alpha");
    for (const r of result.reliability)
      out.push(`  ${r.scale} ${r.wave} (k ${r.k}, n ${fmt(r.nComplete)}): ${fmt(r.alpha)}${why(r)}`);
  }
  if (names.has('prePost')) {
    out.push('', 'Matched pre/post change');
    for (const r of result.prePost)
      out.push(
        `  ${g(r)} ${r.scale} ${r.design} (n ${fmt(r.nMatched)}): ${fmt(r.meanPre)} -> ${fmt(r.meanPost)}, diff ${fmt(r.meanDiff)} [${fmt(r.ciLow)}, ${fmt(r.ciHigh)}], t(${fmt(r.df)}) = ${fmt(r.t)}, p ${fmt(r.p, 4)}, ${r.effectSizeName} ${fmt(r.effectSizeName === 'd_z' ? r.dz : r.gav)}${why(r)}`,
      );
  }
  if (names.has('prePostByDosage')) {
    out.push('', 'Change by dosage band');
    for (const r of result.prePostByDosage)
      out.push(`  ${g(r)} ${r.scale} ${r.band} (n ${fmt(r.nMatched)}): diff ${fmt(r.meanDiff)}${why(r)}`);
  }
  if (names.has('partnerHealth')) {
    out.push('', 'Partnership health');
    for (const r of result.partnerHealth)
      out.push(`  ${g(r)} ${r.factor} (n ${fmt(r.n)}): ${fmt(r.mean)} ${r.band ?? ''}${why(r)}`);
  }
  if (names.has('goals')) {
    out.push('', 'Goals');
    for (const r of result.goals)
      out.push(
        `  ${r.cohort ?? ''} ${r.metricKey}: ${fmt(r.actual)} of ${fmt(r.target)} ${r.unit ?? ''} ${r.met === null ? '' : r.met ? '(met)' : '(not met)'}${why(r)}`,
      );
  }
  out.push('', 'Every section in full: --json (docs/metrics.md) or --csv.');
  return out.join('\n');
}
