import { makeIssue, type Issue } from './issues';

export const PLATFORMS = [
  'qualtrics',
  'qualtrics_legacy',
  'surveymonkey',
  'google_forms',
  'redcap',
  'plain',
] as const;
export type Platform = (typeof PLATFORMS)[number];
export const isPlatform = (v: unknown): v is Platform => (PLATFORMS as readonly unknown[]).includes(v);

/**
 * What a column is for, as far as the platform's conventions tell.
 * - response_id: one per submitted response (Qualtrics ResponseId, SurveyMonkey Respondent ID)
 * - participant_id: a person across waves (REDCap record id, Qualtrics ExternalReference)
 * - event / repeat_instance: REDCap longitudinal event and repeating-instrument instance
 * - checkbox_option: one column per option, filled or 0/1 (SurveyMonkey, REDCap `field___code`)
 * - multi_select: one cell holding several options joined with ", " (Google Forms checkboxes)
 * - empty: no header and no values (the legacy Qualtrics trailing comma)
 */
export const PLATFORM_ROLES = [
  'response_id',
  'participant_id',
  'timestamp',
  'status',
  'metadata',
  'event',
  'repeat_instrument',
  'repeat_instance',
  'item',
  'checkbox_option',
  'multi_select',
  'text',
  'empty',
] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export const isPlatformRole = (v: unknown): v is PlatformRole =>
  (PLATFORM_ROLES as readonly unknown[]).includes(v);

export interface Column {
  index: number;
  /** Stable across waves and survey edits where the platform allows (Qualtrics ImportId). Unique. */
  key: string;
  /** The short header as exported (export tag, field name, or the header text). */
  label: string;
  /** The question text; shared by the columns of a matrix or checkbox group. */
  question: string;
  /** Matrix row, checkbox option or "Selected Choice"-style qualifier, if any. */
  subLabel?: string;
  platformRole: PlatformRole;
}

/** A rule for rows to leave out by default (the user can keep them). */
export interface RowDropRule {
  reason: 'qualtrics_status';
  column: number;
  /** Values that keep a row; other recognised values drop it. */
  keep: readonly string[];
  /** Values known to mean "drop"; anything else unrecognised is kept and reported. */
  drop: readonly string[];
}

export interface PlatformDetection {
  platform: Platform;
  headerRowCount: number;
  columns: Column[];
  dropRules: RowDropRule[];
  issues: Issue[];
}

export function cellAt(row: readonly string[] | undefined, index: number): string {
  return row?.[index] ?? '';
}

export function widthOf(rows: readonly (readonly string[])[]): number {
  return rows.reduce((max, r) => Math.max(max, r.length), 0);
}

/** Makes keys unique by suffixing repeats (`Q1`, `Q1__2`), reporting each repeat. */
export function dedupeKeys(columns: Column[]): Issue[] {
  const seen = new Map<string, number>();
  const issues: Issue[] = [];
  for (const column of columns) {
    const count = (seen.get(column.key) ?? 0) + 1;
    seen.set(column.key, count);
    if (count > 1) {
      issues.push(makeIssue('duplicate_header', { column: column.index, detail: { key: column.key } }));
      column.key = `${column.key}__${count}`;
    }
  }
  return issues;
}

/** Trim, collapse runs of white space. */
export function tidyText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function columnValues(rows: readonly (readonly string[])[], index: number): string[] {
  return rows.map((r) => cellAt(r, index));
}
