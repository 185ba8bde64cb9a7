import {
  cellAt,
  dedupeKeys,
  tidyText,
  widthOf,
  type Column,
  type PlatformDetection,
  type PlatformRole,
} from './columns';
import { makeIssue, type Issue } from './issues';

// The first column of a Forms response sheet, in the languages most users have.
const TIMESTAMP_NAMES = new Set([
  'timestamp',
  'marca temporal',
  'zeitstempel',
  'horodateur',
  'carimbo de data/hora',
  'informazioni cronologiche',
  'tijdstempel',
]);
const GRID = /^(.*\S)\s*\[(.+)\]$/;
const SEPARATOR = ', ';

export function isGoogleForms(rows: readonly string[][]): boolean {
  return TIMESTAMP_NAMES.has((rows[0]?.[0] ?? '').trim().toLowerCase());
}

/**
 * Splits a Forms checkbox answer ("A, B, Other text") against the known options. Options may
 * themselves contain ", " so the longest known option at each position wins; a piece that is no
 * known option is returned in `unknown` (Forms' "Other" free text lands there).
 */
export function splitMultiSelect(
  cell: string,
  knownOptions: readonly string[],
): { options: string[]; unknown: string[] } {
  const options: string[] = [];
  const unknown: string[] = [];
  const sorted = [...new Set(knownOptions)].sort((a, b) => b.length - a.length);
  let p = 0;
  const text = cell.trim();
  while (p < text.length) {
    const match = sorted.find(
      (o) =>
        o !== '' &&
        text.startsWith(o, p) &&
        (p + o.length === text.length || text.startsWith(SEPARATOR, p + o.length)),
    );
    if (match) {
      options.push(match);
      p += match.length + SEPARATOR.length;
      continue;
    }
    const next = text.indexOf(SEPARATOR, p);
    const piece = next < 0 ? text.slice(p) : text.slice(p, next);
    if (piece.trim() !== '') unknown.push(piece.trim());
    p = next < 0 ? text.length : next + SEPARATOR.length;
  }
  return { options, unknown };
}

/**
 * Options of a checkbox column, from its answers: single answers first (they may contain ", "),
 * then the pieces of combined answers that no known option explains.
 */
export function inferMultiSelectOptions(cells: readonly string[]): string[] {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  const known = new Set(filled.filter((c) => !c.includes(SEPARATOR)));
  for (const cell of filled) for (const piece of splitMultiSelect(cell, [...known]).unknown) known.add(piece);
  return [...known];
}

/** A column whose combined answers are made of options also chosen alone is a checkbox column. */
function looksMultiSelect(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  const combined = filled.filter((c) => c.includes(SEPARATOR));
  if (combined.length === 0) return false;
  const singles = new Set(filled.filter((c) => !c.includes(SEPARATOR)));
  if (singles.size === 0) return false;
  const explained = combined.filter((c) => splitMultiSelect(c, [...singles]).options.length >= 1).length;
  return explained / combined.length >= 0.5;
}

function looksLikeFreeText(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length < 5) return filled.some((c) => c.length > 60);
  return new Set(filled).size / filled.length > 0.6;
}

export function describeGoogleForms(rows: readonly string[][]): PlatformDetection {
  const width = widthOf(rows.slice(0, 1));
  const data = rows.slice(1);
  const columns: Column[] = [];
  for (let i = 0; i < width; i += 1) {
    const label = tidyText(cellAt(rows[0], i));
    const grid = GRID.exec(label);
    const cells = data.map((r) => cellAt(r, i));
    let role: PlatformRole;
    if (i === 0) role = 'timestamp';
    else if (/^(email address|username|e-mail-adresse|dirección de correo electrónico)$/i.test(label))
      role = 'participant_id';
    else if (/^(score|punkte|puntuación)$/i.test(label)) role = 'metadata';
    else if (grid) role = 'item';
    else if (looksMultiSelect(cells)) role = 'multi_select';
    else if (looksLikeFreeText(cells)) role = 'text';
    else role = 'item';
    const column: Column = {
      index: i,
      key: label || `column_${i + 1}`,
      label,
      question: grid?.[1] ?? label,
      platformRole: role,
    };
    if (grid?.[2] !== undefined) column.subLabel = grid[2];
    columns.push(column);
  }
  const issues: Issue[] = dedupeKeys(columns);
  return { platform: 'google_forms', headerRowCount: 1, columns, dropRules: [], issues };
}

/** Splits every multi-select cell of a column, reporting pieces that are not known options. */
export function splitMultiSelectColumn(
  cells: readonly string[],
  knownOptions: readonly string[],
  column: number,
  firstRow: number,
): { answers: string[][]; issues: Issue[] } {
  const issues: Issue[] = [];
  const answers = cells.map((cell, i) => {
    const { options, unknown } = splitMultiSelect(cell, knownOptions);
    for (const value of unknown)
      issues.push(makeIssue('checkbox_option_unknown', { row: firstRow + i, column, detail: { value } }));
    return [...options, ...unknown];
  });
  return { answers, issues };
}
