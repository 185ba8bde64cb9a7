import {
  cellAt,
  dedupeKeys,
  widthOf,
  type Column,
  type PlatformDetection,
  type PlatformRole,
} from './columns';

const CHECKBOX = /^(.+)___(.+)$/;
const FIELD = /^[a-z][a-z0-9_]*$/;

/**
 * REDCap raw exports: first column `record_id` (or another `*_id` record field), lower-case field
 * names, and at least one REDCap marker: `redcap_*` columns, `field___code` checkboxes or
 * `<instrument>_complete` status columns.
 */
export function isRedcap(rows: readonly string[][]): boolean {
  const header = (rows[0] ?? []).map((c) => c.trim());
  const first = header[0] ?? '';
  if (!(first === 'record_id' || /_id$/.test(first))) return false;
  if (!header.every((h) => FIELD.test(h))) return false;
  return header.some((h) => h.startsWith('redcap_') || CHECKBOX.test(h) || h.endsWith('_complete'));
}

function roleOf(name: string, index: number): PlatformRole {
  if (index === 0) return 'participant_id';
  if (name === 'redcap_event_name') return 'event';
  if (name === 'redcap_repeat_instrument') return 'repeat_instrument';
  if (name === 'redcap_repeat_instance') return 'repeat_instance';
  if (name.startsWith('redcap_')) return 'metadata'; // data access group, survey identifier
  if (name.endsWith('_timestamp')) return 'timestamp';
  if (name.endsWith('_complete')) return 'status';
  if (CHECKBOX.test(name)) return 'checkbox_option';
  return 'item';
}

export function describeRedcap(rows: readonly string[][]): PlatformDetection {
  const width = widthOf(rows.slice(0, 1));
  const columns: Column[] = [];
  for (let i = 0; i < width; i += 1) {
    const name = cellAt(rows[0], i).trim();
    const checkbox = CHECKBOX.exec(name);
    const column: Column = {
      index: i,
      key: name || `column_${i + 1}`,
      label: name,
      question: checkbox?.[1] ?? name,
      platformRole: roleOf(name, i),
    };
    if (checkbox?.[2] !== undefined) column.subLabel = checkbox[2];
    columns.push(column);
  }
  const issues = dedupeKeys(columns);
  return { platform: 'redcap', headerRowCount: 1, columns, dropRules: [], issues };
}
