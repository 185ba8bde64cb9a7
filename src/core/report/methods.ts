import { EFFECT_SIZE_LABELS } from '../stats/effect-size-names';
import type { MetricsResult } from '@shared/metrics';
import type { ReportInputs, ScaleRule } from './inputs';
import { formatCell, WAVE_LABELS } from './metric-tables';

/**
 * The methods section, written from what Trellis actually did: which files, when they were
 * imported, how pre and post were matched and who was lost, how each scale is scored, how reliable
 * the scales were, which tests and effect sizes, and the suppression rule. Nothing here is a
 * template a user must fill in; every number comes from the project or the metrics.
 */

export interface MethodsBlock {
  heading: string;
  paragraphs: string[];
  /** Bulleted list under the paragraphs. */
  list?: string[];
  /** Paragraphs after the list. */
  after?: string[];
  table?: { columns: string[]; rows: string[][]; numeric?: boolean[] };
}

const KIND_LABELS: Record<string, string> = {
  roster: 'Youth roster',
  attendance: 'Attendance log',
  sessions: 'Session schedule',
  survey: 'Survey responses',
  youth_survey: 'Youth survey',
  partner_survey: 'Partner survey',
  partners: 'Partner list',
  mentors: 'Mentor list',
  contributions: 'Partner contributions',
  goals: 'Goals (action plan)',
  action_plan: 'Action plan',
  table: 'Table',
  commitments: 'Partner commitments',
};
const FORMAT_LABELS: Record<string, string> = {
  qualtrics: 'Qualtrics',
  qualtrics_legacy: 'Qualtrics (legacy)',
  surveymonkey: 'SurveyMonkey',
  google_forms: 'Google Forms',
  redcap: 'REDCap',
  plain_csv: 'CSV',
  plain: 'CSV',
};

export const kindLabel = (k: string) => KIND_LABELS[k] ?? sentenceCase(k.replace(/_/g, ' '));
export const formatLabel = (f: string) => FORMAT_LABELS[f] ?? f.replace(/_/g, ' ');
const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "March 12, 2026" (UTC, so the date does not move with the reader's time zone). */
export function longDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

/** 1 -> "1", 0.5 -> "0.5": scale endpoints as people write them. */
const plainNumber = (v: number) => String(Number(v.toFixed(2)));
const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = one === 'youth' ? 'youth' : `${one}s`) =>
  `${count(n)} ${n === 1 ? one : many}`;
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '–');

/** Words for the selection: "cohort 2024-25; all programs and sites". */
export function describeFilters(
  filters: ReportInputs['filters'],
  labels: ReportInputs['filterLabels'] = {},
): string {
  const parts: string[] = [];
  const named = (key: 'cohorts' | 'programs' | 'sites' | 'partners' | 'partnerTypes', one: string) => {
    const values = filters[key];
    if (!values?.length) return;
    const shown = values.map((v) => labels?.[key]?.[v] ?? v);
    parts.push(`${values.length === 1 ? one : `${one}s`} ${shown.join(', ')}`);
  };
  named('cohorts', 'cohort');
  named('programs', 'program');
  named('sites', 'site');
  named('partners', 'partner');
  named('partnerTypes', 'partner type');
  for (const [name, values] of Object.entries(filters.attributes ?? {}))
    if (values.length) parts.push(`${name} ${values.join(', ')}`);
  if (filters.dateFrom || filters.dateTo)
    parts.push(
      `${filters.dateFrom ? `from ${longDate(filters.dateFrom)}` : ''}${filters.dateFrom && filters.dateTo ? ' ' : ''}${filters.dateTo ? `to ${longDate(filters.dateTo)}` : ''}`,
    );
  return parts.length ? parts.join('; ') : 'all cohorts, programs and sites in the project';
}

function dataSources(inputs: ReportInputs): MethodsBlock {
  const imports = [...inputs.imports].sort((a, b) => a.importedAt.localeCompare(b.importedAt));
  const paragraphs: string[] = [];
  if (imports.length === 0) {
    paragraphs.push('No files have been imported into this project yet, so there is nothing to report.');
  } else {
    const first = longDate(imports[0]!.importedAt);
    const last = longDate(imports[imports.length - 1]!.importedAt);
    paragraphs.push(
      `The figures come from ${plural(imports.length, 'file')} imported into Trellis ` +
        (first === last ? `on ${first}` : `between ${first} and ${last}`) +
        `, listed below. They were computed on ${longDate(inputs.generatedAt)} for ${describeFilters(inputs.filters, inputs.filterLabels)}.`,
    );
    const skipped = imports.reduce((s, i) => s + i.rowsSkipped, 0);
    if (skipped > 0)
      paragraphs.push(
        `${plural(skipped, 'row was', 'rows were')} left out on import (for example survey previews and test responses, which Qualtrics marks in its Status column).`,
      );
  }
  return {
    heading: 'Data sources',
    paragraphs,
    table: imports.length
      ? {
          columns: ['File', 'Contents', 'Format', 'Rows imported', 'Rows left out', 'Imported on'],
          rows: imports.map((i) => [
            i.fileName,
            kindLabel(i.kind),
            formatLabel(i.format),
            count(i.rowsImported),
            count(i.rowsSkipped),
            longDate(i.importedAt),
          ]),
          numeric: [false, false, false, true, true, false],
        }
      : undefined,
  };
}

const whole = <R extends { group: Record<string, unknown> }>(rows: readonly R[]) =>
  rows.filter((r) => Object.keys(r.group).length === 0);

function matchingSentences(m: MetricsResult['matchReport'][number], threshold: number): string[] {
  if (m.suppressed)
    return [
      `The matching counts are suppressed because fewer than ${threshold} youth answered (${m.suppressionReason ?? `n < ${threshold}`}).`,
    ];
  const out: string[] = [];
  const { nPre, nPost, matched, onlyPre, onlyPost, duplicates } = m;
  if (nPre !== null && nPost !== null && matched !== null) {
    out.push(
      `${plural(nPre, 'youth')} answered the pre survey and ${count(nPost)} the post survey; ${count(matched)} answered both and were matched.`,
    );
  }
  if (onlyPre !== null && nPre !== null && nPre > 0)
    out.push(
      `${count(onlyPre)} answered only the pre survey: attrition of ${percent(onlyPre, nPre)} of those who started. Change is reported for matched youth only, so it describes those who stayed.`,
    );
  if (onlyPost !== null && onlyPost > 0)
    out.push(`${count(onlyPost)} answered only the post survey and are left out of the change figures.`);
  if (duplicates !== null && duplicates > 0)
    out.push(
      `${plural(duplicates, 'duplicate response')} (the same youth twice in one wave) ${duplicates === 1 ? 'was' : 'were'} found and not counted twice.`,
    );
  return out;
}

function participants(inputs: ReportInputs): MethodsBlock {
  const { metrics } = inputs;
  const paragraphs: string[] = [];
  const reach = whole(metrics.reach)[0];
  if (reach) {
    paragraphs.push(
      reach.suppressed || reach.youthServed === null
        ? `Fewer than ${metrics.threshold} youth are in this selection, so the counts of youth are suppressed.`
        : `${plural(reach.youthServed, 'youth')} attended at least one of ${plural(reach.sessionsOffered, 'session')}` +
            (reach.youthEnrolled !== null ? ` (${count(reach.youthEnrolled)} enrolled)` : '') +
            `; ${plural(reach.mentorsEngaged, 'mentor')} and ${plural(reach.partnersActive, 'partner organization')} took part.`,
    );
  }
  paragraphs.push(
    'Pre and post surveys were paired by participant ID after the IDs were normalised (case, spaces, leading zeros), never by row order.',
  );
  const matches = whole(metrics.matchReport);
  if (matches.length === 0) paragraphs.push('No pre/post survey pairs are in this selection.');
  for (const m of matches) paragraphs.push(matchingSentences(m, metrics.threshold).join(' '));
  return { heading: 'Participants, matching and attrition', paragraphs };
}

function scaleSentence(rule: ScaleRule, minItemShare: number): string {
  const k = rule.items.length;
  const reverse = rule.items.filter((i) => i.reverse).map((i) => i.code);
  // The metrics engine's rule (requiredItems in src/main/metrics/base/): the construct's minimum or
  // the share of its items, whichever is more; the epsilon keeps 0.6 x 5 at 3.
  const need = Math.max(1, rule.minItems, Math.ceil(minItemShare * k - 1e-9));
  const range = rule.responseScale
    ? `, answered on a ${plainNumber(rule.responseScale.min)}–${plainNumber(rule.responseScale.max)} scale (${rule.responseScale.name})`
    : '';
  const rev = rule.responseScale
    ? `reverse-coded as (${plainNumber(rule.responseScale.min)} + ${plainNumber(rule.responseScale.max)}) − answer`
    : 'reverse-coded';
  return (
    `${rule.name} (${rule.instrument}): ${plural(k, 'item')}${range}. ` +
    (reverse.length
      ? `${reverse.length === 1 ? 'Item' : 'Items'} ${reverse.join(', ')} ${reverse.length === 1 ? 'is' : 'are'} ${rev} before scoring and before alpha. `
      : 'No item is reverse-coded. ') +
    `A score needs at least ${plural(need, 'answered item')}.`
  );
}

function scoring(inputs: ReportInputs): MethodsBlock {
  const youth = inputs.scales.filter((s) => s.respondentKind === 'youth');
  const partner = inputs.scales.filter((s) => s.respondentKind === 'partner');
  const paragraphs = [
    "A scale score is the mean of a respondent's answered items, after reverse coding the negatively worded ones. " +
      '"Prefer not to say", "Don\'t know", "Not applicable" and numeric missing codes (such as -99) count as missing: they are counted separately and never averaged. ' +
      'Percent agree is the share of respondents whose score is in the top two response categories.',
  ];
  const list = youth.map((r) => scaleSentence(r, inputs.settings.minItemShare));
  list.push(...partner.map((r) => scaleSentence(r, inputs.settings.minItemShare)));
  if (list.length === 0) paragraphs.push('No survey scales are defined in this project.');
  const after = partner.length
    ? [
        'Partner factor means of 4.0 or more are read as a strength, 3.0–3.9 as borderline and under 3.0 as a concern (Wilder Collaboration Factors Inventory).',
      ]
    : [];
  return { heading: 'Scale scores', paragraphs, list, after };
}

function reliability(inputs: ReportInputs): MethodsBlock {
  const rows = inputs.metrics.reliability;
  const paragraphs = [
    "Internal consistency is Cronbach's alpha, computed on the same reverse-coded answers as the scores, from respondents who answered every item of the scale (complete cases).",
  ];
  const low = rows.filter((r) => !r.suppressed && r.alpha !== null && r.alpha < 0.7);
  if (low.length)
    paragraphs.push(
      `Alpha is below .70 for ${low.map((r) => `${r.scaleName} (${WAVE_LABELS[r.wave] ?? r.wave}, ${formatCell(r.alpha, 'number')})`).join(', ')}: those items agree with each other less than is usual for reporting, so read those scores with care.`,
    );
  if (rows.length === 0) paragraphs.push('No reliability could be computed for this selection.');
  return {
    heading: 'Reliability',
    paragraphs,
    table: rows.length
      ? {
          columns: ['Scale', 'Wave', 'Items', "Cronbach's alpha", 'Complete cases'],
          rows: rows.map((r) =>
            r.suppressed
              ? [
                  r.scaleName,
                  WAVE_LABELS[r.wave] ?? r.wave,
                  String(r.k),
                  `suppressed (${r.suppressionReason ?? `n < ${inputs.metrics.threshold}`})`,
                  '–',
                ]
              : [
                  r.scaleName,
                  WAVE_LABELS[r.wave] ?? r.wave,
                  String(r.k),
                  r.alpha === null
                    ? `– (${(r.reason ?? 'not computed').replace(/_/g, ' ')})`
                    : formatCell(r.alpha, 'number'),
                  formatCell(r.nComplete, 'count'),
                ],
          ),
          numeric: [false, false, true, true, true],
        }
      : undefined,
  };
}

function tests(inputs: ReportInputs): MethodsBlock {
  const { settings } = inputs;
  const bands = settings.dosageBandsHours;
  const bandWords = [
    `under ${bands[0]} h`,
    ...bands.slice(1).map((b, i) => `${bands[i]}–${b} h`),
    `${bands[bands.length - 1]} h or more`,
  ];
  return {
    heading: 'Tests and effect sizes',
    paragraphs: [
      "Change from pre to post is the mean of each matched youth's change (post − pre). It is tested with a paired t test (two-sided) with its 95% confidence interval, and checked with a Wilcoxon signed-rank test (normal approximation with continuity correction), which does not assume the changes are normally distributed. p values are not adjusted for multiple comparisons.",
      `The headline effect size is ${EFFECT_SIZE_LABELS[settings.effectSize]}. ${settings.effectSize === 'd_z' ? '' : 'Cohen\'s d_z (mean change / SD of the changes) is given alongside in the tables, because tools that just say "Cohen\'s d" may mean either. '}Effect sizes are always named, never just "d".`,
      'Rates (retention, percent agree) carry Wilson 95% intervals.',
      `Contact hours are the minutes attended divided by 60; a youth marked present without minutes is counted for the whole session. Attendance rate is sessions attended over sessions offered while enrolled. Dosage bands: ${bandWords.join(', ')}. A regular attendee attended on at least ${plural(settings.regularAttendeeDays, 'day')}.`,
    ],
  };
}

function suppression(inputs: ReportInputs): MethodsBlock {
  const { settings, metrics } = inputs;
  const t = settings.suppressionThreshold;
  const hidden = countSuppressed(metrics);
  return {
    heading: 'Privacy: small groups are suppressed',
    paragraphs: [
      `Any figure about fewer than ${t} youth is suppressed: its numbers are withheld everywhere (charts, tables, this report and its files) and it is marked "suppressed (n < ${t})", never shown as zero. ` +
        'Where a total is shown, one more group is withheld when needed so that a hidden figure cannot be worked out by subtraction (complementary suppression). ' +
        (settings.topBottomCoding
          ? 'Percentages above 95% or below 5% are shown as "> 95%" or "< 5%". '
          : '') +
        'Counts of adults (mentors, partner staff) and of sessions are not suppressed.',
      hidden > 0
        ? `In the figures computed for this selection, ${plural(hidden, 'group is', 'groups are')} suppressed.`
        : 'No group in this selection is small enough to be suppressed.',
    ],
  };
}

/** Suppressed rows across the metric sections of the result. */
export function countSuppressed(m: MetricsResult): number {
  const sections = [
    m.reach,
    m.dosage,
    m.dosageBands,
    m.retention,
    m.scales,
    m.reliability,
    m.items,
    m.prePost,
    m.prePostByDosage,
    m.matchReport,
    m.partnerHealth,
    m.goals,
  ] as readonly (readonly { suppressed: boolean }[])[];
  return (
    sections.reduce((s, rows) => s + rows.filter((r) => r.suppressed).length, 0) +
    m.contributions.filter((r) => r.youthReachedSuppressed).length
  );
}

export function writeMethods(inputs: ReportInputs): MethodsBlock[] {
  return [
    dataSources(inputs),
    participants(inputs),
    scoring(inputs),
    reliability(inputs),
    tests(inputs),
    suppression(inputs),
  ];
}
