import {
  cellAt,
  dedupeKeys,
  tidyText,
  widthOf,
  type Column,
  type PlatformDetection,
  type PlatformRole,
  type RowDropRule,
} from './columns';

// {"ImportId":"QID1"} (current) or {'ImportId': 'QID1'} (2016 "Insights" exports, a Python dict).
const IMPORT_ID = /^\s*\{\s*["']ImportId["']\s*:\s*["']([^"']*)["']/;
const CHOICE_ID = /["']choiceId["']\s*:\s*["']?([^"',}]*)["']?/;

/** Status values: 0 = IP Address (normal), 4 = Imported. Everything else is a preview, test or spam. */
const STATUS_KEEP = ['0', '4', 'IP Address', 'Imported'] as const;
const STATUS_DROP = [
  '1',
  '2',
  '8',
  '9',
  '12',
  '16',
  '17',
  'Survey Preview',
  'Survey Test',
  'Spam',
  'Preview Spam',
  'Imported Spam',
  'Offline',
  'Offline Survey Preview',
] as const;

// Built-in fields, by ImportId (current) or by label (legacy row 2 / current row 1).
const ROLE_BY_NAME: Record<string, PlatformRole> = {
  _recordid: 'response_id',
  responseid: 'response_id',
  startdate: 'timestamp',
  enddate: 'timestamp',
  recordeddate: 'timestamp',
  status: 'status',
  externaldatareference: 'participant_id',
  externalreference: 'participant_id',
  ipaddress: 'metadata',
  progress: 'metadata',
  duration: 'metadata',
  'duration (in seconds)': 'metadata',
  finished: 'metadata',
  recipientlastname: 'metadata',
  recipientfirstname: 'metadata',
  recipientemail: 'metadata',
  locationlatitude: 'metadata',
  locationlongitude: 'metadata',
  locationaccuracy: 'metadata',
  distributionchannel: 'metadata',
  userlanguage: 'metadata',
  responseset: 'metadata',
  name: 'metadata',
  emailaddress: 'metadata',
};

function roleOf(importId: string, label: string, hasValues: boolean): PlatformRole {
  const byName = ROLE_BY_NAME[importId.toLowerCase()] ?? ROLE_BY_NAME[label.toLowerCase()];
  if (byName) return byName;
  if (importId === '' && label === '' && !hasValues) return 'empty';
  if (/Topics$|Sentiment|ParentTopics/i.test(importId) || /Topics$/.test(label)) return 'metadata';
  if (/_TEXT$/i.test(importId) || /_TEXT$/i.test(label)) return 'text';
  if (/^QID/i.test(importId) || /^Q/i.test(label)) return 'item';
  return 'metadata'; // embedded data and other survey-flow fields
}

/** "Question text - Row label" -> question and sub-label, for matrix and "Selected Choice" columns. */
function splitQuestion(text: string, label: string): { question: string; subLabel?: string } {
  const at = text.lastIndexOf(' - ');
  if (at > 0 && /_(\d+|TEXT)$|_\d+_\d+$/i.test(label)) {
    return { question: text.slice(0, at).trim(), subLabel: text.slice(at + 3).trim() };
  }
  if (at > 0 && / - Selected Choice$/.test(text))
    return { question: text.slice(0, at).trim(), subLabel: 'Selected Choice' };
  return { question: text.trim() };
}

function statusRule(columns: readonly Column[]): RowDropRule[] {
  const status = columns.find((c) => c.platformRole === 'status');
  return status
    ? [{ reason: 'qualtrics_status', column: status.index, keep: STATUS_KEEP, drop: STATUS_DROP }]
    : [];
}

export function isQualtrics(rows: readonly string[][]): boolean {
  const third = rows[2];
  if (!third) return false;
  const filled = third.filter((c) => c.trim() !== '');
  return filled.length > 0 && filled.filter((c) => IMPORT_ID.test(c)).length / filled.length >= 0.5;
}

export function isQualtricsLegacy(rows: readonly string[][]): boolean {
  const [first, second] = rows;
  if (!first || !second) return false;
  return (
    first[0]?.trim() === 'V1' &&
    first[1]?.trim() === 'V2' &&
    second.some((c) => /^ResponseI[dD]$/.test(c.trim()))
  );
}

export function describeQualtrics(rows: readonly string[][]): PlatformDetection {
  const width = widthOf(rows.slice(0, 3));
  const data = rows.slice(3);
  const columns: Column[] = [];
  for (let i = 0; i < width; i += 1) {
    const label = cellAt(rows[0], i).trim();
    const text = tidyText(cellAt(rows[1], i));
    const meta = cellAt(rows[2], i);
    const importId = IMPORT_ID.exec(meta)?.[1] ?? '';
    const choice = CHOICE_ID.exec(meta)?.[1];
    const hasValues = data.some((r) => cellAt(r, i) !== '');
    const { question, subLabel } = splitQuestion(text, label);
    const key = importId ? (choice ? `${importId}:${choice}` : importId) : label || `column_${i + 1}`;
    const column: Column = {
      index: i,
      key,
      label,
      question,
      platformRole: roleOf(importId, label, hasValues),
    };
    if (subLabel !== undefined) column.subLabel = subLabel;
    columns.push(column);
  }
  const issues = dedupeKeys(columns);
  return { platform: 'qualtrics', headerRowCount: 3, columns, dropRules: statusRule(columns), issues };
}

export function describeQualtricsLegacy(rows: readonly string[][]): PlatformDetection {
  const width = widthOf(rows.slice(0, 2));
  const data = rows.slice(2);
  const columns: Column[] = [];
  for (let i = 0; i < width; i += 1) {
    const label = cellAt(rows[0], i).trim();
    const text = tidyText(cellAt(rows[1], i));
    const hasValues = data.some((r) => cellAt(r, i) !== '');
    // Legacy V1..V10 are built-in fields named in row 2; Qn columns carry question text in row 2.
    const builtIn = /^V\d+$/.test(label) ? text : '';
    const role = roleOf('', builtIn || label, hasValues);
    const { question, subLabel } = splitQuestion(text, label);
    const column: Column = { index: i, key: label || `column_${i + 1}`, label, question, platformRole: role };
    if (subLabel !== undefined) column.subLabel = subLabel;
    columns.push(column);
  }
  const issues = dedupeKeys(columns);
  return { platform: 'qualtrics_legacy', headerRowCount: 2, columns, dropRules: statusRule(columns), issues };
}
