import {
  cellAt,
  dedupeKeys,
  tidyText,
  widthOf,
  type Column,
  type Platform,
  type PlatformDetection,
  type PlatformRole,
  type RowDropRule,
} from './columns';
import { makeIssue, type Issue } from './issues';
import { describeGoogleForms, isGoogleForms } from './platform-google-forms';
import {
  describeQualtrics,
  describeQualtricsLegacy,
  isQualtrics,
  isQualtricsLegacy,
} from './platform-qualtrics';
import { describeRedcap, isRedcap } from './platform-redcap';
import { describeSurveyMonkey, isSurveyMonkey } from './platform-surveymonkey';

const ID_NAME =
  /^(participant|student|respondent|record|user|person|youth|subject|learner)?[ _-]?(id|code|number|no)$/i;
const TIME_NAME = /^(timestamp|date|start ?date|end ?date|submitted( at)?|submission date)$/i;

function describePlain(rows: readonly string[][]): PlatformDetection {
  const width = widthOf(rows.slice(0, 1));
  const columns: Column[] = [];
  for (let i = 0; i < width; i += 1) {
    const label = tidyText(cellAt(rows[0], i));
    const role: PlatformRole =
      ID_NAME.test(label) && label.length > 2
        ? 'participant_id'
        : TIME_NAME.test(label)
          ? 'timestamp'
          : 'item';
    columns.push({ index: i, key: label || `column_${i + 1}`, label, question: label, platformRole: role });
  }
  const issues = dedupeKeys(columns);
  return { platform: 'plain', headerRowCount: 1, columns, dropRules: [], issues };
}

const DESCRIBERS: Record<Platform, (rows: readonly string[][]) => PlatformDetection> = {
  qualtrics: describeQualtrics,
  qualtrics_legacy: describeQualtricsLegacy,
  surveymonkey: describeSurveyMonkey,
  google_forms: describeGoogleForms,
  redcap: describeRedcap,
  plain: describePlain,
};

/** Most specific first: Qualtrics' ImportId row beats everything, plain CSV is the fallback. */
function recognisePlatform(rows: readonly string[][]): Platform {
  if (isQualtrics(rows)) return 'qualtrics';
  if (isQualtricsLegacy(rows)) return 'qualtrics_legacy';
  if (isSurveyMonkey(rows)) return 'surveymonkey';
  if (isGoogleForms(rows)) return 'google_forms';
  if (isRedcap(rows)) return 'redcap';
  return 'plain';
}

/**
 * Recognises the platform from the first rows (after any preamble) and describes every column.
 * `rows` should hold the header rows and a sample of data rows (data helps tell checkbox columns
 * from matrix rows). `isWholeFile` lets it refuse a header-only file. `platform` forces a reading.
 */
export function detectPlatform(
  rows: readonly string[][],
  options: { isWholeFile?: boolean; platform?: Platform } = {},
): PlatformDetection & { dataRowCount: number } {
  const platform = options.platform ?? recognisePlatform(rows);
  const detection = DESCRIBERS[platform](rows);
  const dataRowCount = Math.max(0, rows.length - detection.headerRowCount);
  const issues: Issue[] = [...detection.issues];
  if (rows.length === 0) issues.push(makeIssue('file_empty'));
  else if (dataRowCount === 0 && options.isWholeFile) {
    issues.push(makeIssue('no_data_rows', { detail: { headerRows: detection.headerRowCount } }));
  }
  return { ...detection, issues, dataRowCount };
}

/** Why a data row is left out by default, or undefined to keep it (an unknown status is kept). */
export function proposeRowDrop(
  rules: readonly RowDropRule[],
  row: readonly string[],
): { drop: boolean; reason?: RowDropRule['reason']; value?: string; unknown?: boolean } {
  for (const rule of rules) {
    const value = (row[rule.column] ?? '').trim();
    if (rule.keep.includes(value)) continue;
    if (rule.drop.includes(value) || /^\d+$/.test(value)) return { drop: true, reason: rule.reason, value };
    return { drop: false, reason: rule.reason, value, unknown: true };
  }
  return { drop: false };
}

/** Applies the drop rules to a batch, returning the kept rows, the dropped row numbers and issues. */
export function applyRowDrops(
  rules: readonly RowDropRule[],
  rows: readonly string[][],
  firstRow: number,
): {
  kept: string[][];
  dropped: { row: number; reason: RowDropRule['reason']; value: string }[];
  issues: Issue[];
} {
  const kept: string[][] = [];
  const dropped: { row: number; reason: RowDropRule['reason']; value: string }[] = [];
  const issues: Issue[] = [];
  rows.forEach((row, i) => {
    const verdict = proposeRowDrop(rules, row);
    if (verdict.drop && verdict.reason)
      dropped.push({ row: firstRow + i, reason: verdict.reason, value: verdict.value ?? '' });
    else kept.push(row);
    if (verdict.unknown) {
      const column = rules[0]?.column;
      issues.push(
        makeIssue('qualtrics_status_unknown', {
          row: firstRow + i,
          ...(column === undefined ? {} : { column }),
          detail: { value: verdict.value ?? '' },
        }),
      );
    }
  });
  return { kept, dropped, issues };
}
