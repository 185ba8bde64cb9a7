import {
  cellAt,
  dedupeKeys,
  tidyText,
  widthOf,
  type Column,
  type PlatformDetection,
  type PlatformRole,
} from './columns';

const RESPONSE = 'Response';
const OPEN_ENDED = 'Open-Ended Response';

const METADATA: Record<string, PlatformRole> = {
  'respondent id': 'response_id',
  respondentid: 'response_id',
  'collector id': 'metadata',
  collectorid: 'metadata',
  'start date': 'timestamp',
  startdate: 'timestamp',
  'end date': 'timestamp',
  enddate: 'timestamp',
  'ip address': 'metadata',
  'email address': 'metadata',
  'first name': 'metadata',
  'last name': 'metadata',
};

export function isSurveyMonkey(rows: readonly string[][]): boolean {
  const [first, second] = rows;
  if (!first || !second) return false;
  const markers = second.filter((c) => c.trim() === RESPONSE || c.trim() === OPEN_ENDED).length;
  if (markers === 0) return false;
  const firstName = (first[0] ?? '').trim().toLowerCase();
  const hasContinuation = first.some((c, i) => i > 0 && c.trim() === '' && (second[i] ?? '').trim() !== '');
  return METADATA[firstName] === 'response_id' || hasContinuation;
}

/**
 * Row 1: question text, blank for the continuation columns of the question to the left.
 * Row 2: `Response` (one answer), `Open-Ended Response` (text), or a label: a checkbox/option
 * column (cells hold the label or nothing) or a matrix row (cells hold the chosen scale label).
 */
export function describeSurveyMonkey(rows: readonly string[][]): PlatformDetection {
  const width = widthOf(rows.slice(0, 2));
  const data = rows.slice(2);
  const columns: Column[] = [];
  let question = '';
  for (let i = 0; i < width; i += 1) {
    const top = tidyText(cellAt(rows[0], i));
    const sub = tidyText(cellAt(rows[1], i));
    if (top !== '') question = top;
    const meta =
      METADATA[top.toLowerCase()] ?? (top.toLowerCase().startsWith('custom data') ? 'metadata' : undefined);
    let role: PlatformRole;
    if (meta && (sub === '' || sub === RESPONSE)) role = meta;
    else if (sub === OPEN_ENDED || /please specify/i.test(sub)) role = 'text';
    else if (sub === RESPONSE || sub === '') role = 'item';
    else {
      // An option column only ever holds its own label; a matrix row holds several scale labels.
      const values = new Set(data.map((r) => tidyText(cellAt(r, i))).filter((v) => v !== ''));
      const onlyOwnLabel = [...values].every((v) => v === sub);
      role = onlyOwnLabel ? 'checkbox_option' : 'item';
    }
    const hasSub = sub !== '' && sub !== RESPONSE && sub !== OPEN_ENDED;
    const column: Column = {
      index: i,
      key: hasSub ? `${question} [${sub}]` : question || `column_${i + 1}`,
      label: hasSub ? sub : question,
      question,
      platformRole: role,
    };
    if (hasSub) column.subLabel = sub;
    columns.push(column);
  }
  const issues = dedupeKeys(columns);
  return { platform: 'surveymonkey', headerRowCount: 2, columns, dropRules: [], issues };
}
