import type { z } from 'zod';
import type { ColumnRole, PreviewColumn } from '@shared/import-contract';
import type { ImportKind, Mapping, ScaleOptionSpec, ScaleSpec } from '@shared/import-mapping';
import { KIND_FIELDS } from '@core/import/fields';

/**
 * The wizard's mapping edits as pure functions: the Mapping object (what import.run takes and a
 * template stores) is the single source of truth; each column's role is read back from it.
 */

export type Role = z.infer<typeof ColumnRole>;
export type Column = Pick<z.infer<typeof PreviewColumn>, 'key' | 'label' | 'question'>;

export interface Assignment {
  role: Role;
  /** Field name (role field), attribute name, item code; null for roles that need none. */
  target: string | null;
}

/** Roles that put a column in one fixed model field. */
const FIELD_OF_ROLE: Partial<Record<Role, string>> = {
  participant_id: 'participant_key',
  response_id: 'response_id',
  cohort: 'cohort',
  program: 'program',
  site: 'site',
  wave: 'wave',
  timestamp: 'responded_at',
};
const ROLE_OF_FIELD = Object.fromEntries(
  Object.entries(FIELD_OF_ROLE).map(([role, field]) => [field, role as Role]),
) as Record<string, Role>;

export const ROLE_LABELS: Record<Role, string> = {
  participant_id: 'Participant ID',
  response_id: 'Response ID',
  cohort: 'Cohort',
  program: 'Program',
  site: 'Site',
  wave: 'Wave',
  timestamp: 'Date answered',
  item: 'Survey item',
  attribute: 'Attribute',
  field: 'Other field',
  ignore: 'Ignore',
};

/** The roles that make sense for a kind of file. */
export function rolesFor(kind: ImportKind): Role[] {
  if (kind === 'survey')
    return [
      'participant_id',
      'response_id',
      'cohort',
      'program',
      'wave',
      'timestamp',
      'item',
      'attribute',
      'field',
      'ignore',
    ];
  const names = new Set(KIND_FIELDS[kind].fields.map((f) => f.name));
  const roles: Role[] = [];
  if (names.has('participant_key')) roles.push('participant_id');
  for (const r of ['cohort', 'program', 'site'] as const) if (names.has(r)) roles.push(r);
  if (kind === 'roster') roles.push('attribute');
  roles.push('field', 'ignore');
  return roles;
}

/** The fields a column with role 'field' may fill (those without a dedicated role). */
export function otherFieldsFor(kind: ImportKind): { name: string; description: string }[] {
  const dedicated = new Set(
    rolesFor(kind)
      .map((r) => FIELD_OF_ROLE[r])
      .filter(Boolean),
  );
  const fields = KIND_FIELDS[kind].fields.filter((f) => !dedicated.has(f.name));
  if (kind === 'survey' && !fields.some((f) => f.name === 'site'))
    fields.push({ name: 'site', description: 'Site code or name' });
  return fields;
}

const matches = (ref: string, c: Column) => ref === c.key || ref === c.label || ref === c.question;

/** What the mapping does with a column. */
export function assignmentOf(mapping: Mapping, column: Column): Assignment {
  for (const [field, ref] of Object.entries(mapping.fields)) {
    if (!matches(ref, column)) continue;
    if (field.startsWith('attribute:')) return { role: 'attribute', target: field.slice(10) };
    const role = ROLE_OF_FIELD[field];
    if (role && (field !== 'responded_at' || mapping.kind === 'survey')) return { role, target: field };
    return { role: 'field', target: field };
  }
  const item = mapping.survey?.items.find((i) => matches(i.column, column));
  if (item) return { role: 'item', target: item.code };
  const attr = mapping.survey?.attributes.find((a) => matches(a.column, column));
  if (attr) return { role: 'attribute', target: attr.name };
  return { role: 'ignore', target: null };
}

/** A name safe as an attribute or item code, from a column label. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'column'
  );
}

/** Removes every use of a column from the mapping. */
function withoutColumn(mapping: Mapping, column: Column): Mapping {
  const fields = Object.fromEntries(
    Object.entries(mapping.fields).filter(([, ref]) => !matches(ref, column)),
  );
  const survey = mapping.survey && {
    ...mapping.survey,
    items: mapping.survey.items.filter((i) => !matches(i.column, column)),
    attributes: mapping.survey.attributes.filter((a) => !matches(a.column, column)),
  };
  return { ...mapping, fields, ...(survey ? { survey } : {}) };
}

/** A default target for a role, so picking the role alone gives a valid mapping. */
export function defaultTarget(mapping: Mapping, column: Column, role: Role): string | null {
  if (FIELD_OF_ROLE[role]) return FIELD_OF_ROLE[role]!;
  if (role === 'item') {
    const taken = new Set(mapping.survey?.items.map((i) => i.code));
    let code = column.label.trim() || slug(column.key);
    for (let n = 2; taken.has(code); n++) code = `${column.label.trim() || slug(column.key)}_${n}`;
    return code;
  }
  if (role === 'attribute') return slug(column.label);
  if (role === 'field') return otherFieldsFor(mapping.kind)[0]?.name ?? null;
  return null;
}

/**
 * Gives a column a role (and target). A field taken by another column moves to this one (a field maps
 * one column); item columns get the first scale of the survey.
 */
export function assignColumn(mapping: Mapping, column: Column, role: Role, target?: string | null): Mapping {
  let next = withoutColumn(mapping, column);
  const t = target ?? defaultTarget(next, column, role);
  if (role === 'ignore' || t === null) return next;
  if (role === 'item') {
    const survey = next.survey ?? emptySurvey();
    const scale = survey.scales[0]?.code ?? 'numeric-1-5';
    const scales = survey.scales.length ? survey.scales : [numericScale()];
    const items = [...survey.items.filter((i) => i.code !== t)];
    items.push({ column: column.key, code: t, text: column.question || column.label, scale, reverse: false });
    return { ...next, survey: { ...survey, scales, items } };
  }
  if (role === 'attribute' && next.kind === 'survey') {
    const survey = next.survey ?? emptySurvey();
    const attributes = survey.attributes.filter((a) => a.name !== t);
    attributes.push({ column: column.key, name: t });
    return { ...next, survey: { ...survey, attributes } };
  }
  const field = role === 'attribute' ? `attribute:${t}` : (FIELD_OF_ROLE[role] ?? t);
  next = { ...next, fields: { ...next.fields, [field]: column.key } };
  return next;
}

function emptySurvey(): NonNullable<Mapping['survey']> {
  return {
    instrument: { code: 'survey', name: 'Survey', version: '1', respondentKind: 'youth' },
    scales: [],
    constructs: [],
    items: [],
    attributes: [],
  };
}

function numericScale(): ScaleSpec {
  return {
    code: 'numeric-1-5',
    name: 'Numbers 1 to 5',
    min: 1,
    max: 5,
    options: [],
    missingCodes: [],
    blank: 'skipped',
  };
}

function editSurvey(
  mapping: Mapping,
  edit: (s: NonNullable<Mapping['survey']>) => NonNullable<Mapping['survey']>,
) {
  return mapping.survey ? { ...mapping, survey: edit(mapping.survey) } : mapping;
}

/** Marks or clears an item as reverse-coded (a confirmed choice: the suggestion flag goes). */
export function setReverse(mapping: Mapping, itemCode: string, reverse: boolean): Mapping {
  return editSurvey(mapping, (s) => ({
    ...s,
    items: s.items.map((i) => {
      if (i.code !== itemCode) return i;
      const { reverseSuggested: _, ...rest } = i;
      return { ...rest, reverse };
    }),
  }));
}

export function setItemScale(mapping: Mapping, itemCode: string, scale: string): Mapping {
  return editSurvey(mapping, (s) => ({
    ...s,
    items: s.items.map((i) => (i.code === itemCode ? { ...i, scale } : i)),
  }));
}

/** Replaces a scale's option at `index` (or appends when index is the length); keeps min/max in step. */
export function setScaleOption(
  mapping: Mapping,
  scaleCode: string,
  index: number,
  option: ScaleOptionSpec | null,
): Mapping {
  return editSurvey(mapping, (s) => ({
    ...s,
    scales: s.scales.map((sc) => {
      if (sc.code !== scaleCode) return sc;
      const options = [...sc.options];
      if (option === null) options.splice(index, 1);
      else options[index] = option;
      return withRange({ ...sc, options });
    }),
  }));
}

function withRange(sc: ScaleSpec): ScaleSpec {
  const values = sc.options.flatMap((o) => ('value' in o ? [o.value] : []));
  if (!values.length) return sc;
  return { ...sc, min: Math.min(...values), max: Math.max(...values) };
}

export function setMissingCodes(mapping: Mapping, scaleCode: string, text: string): Mapping {
  const codes = text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isFinite(n));
  return editSurvey(mapping, (s) => ({
    ...s,
    scales: s.scales.map((sc) => (sc.code === scaleCode ? { ...sc, missingCodes: codes } : sc)),
  }));
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The sampled values a scale does not code yet (labels compare ignoring case and spacing). */
export function stillUnmatched(scale: ScaleSpec, unmatched: readonly string[]): string[] {
  const labels = new Set(scale.options.map((o) => norm(o.label)));
  const codes = new Set(scale.missingCodes.map(String));
  return unmatched.filter((v) => !labels.has(norm(v)) && !codes.has(v.trim()));
}

/** What still stops an import before it runs (required fields, items without a scale ...). */
export function mappingProblems(mapping: Mapping): string[] {
  const problems: string[] = [];
  const spec = KIND_FIELDS[mapping.kind];
  for (const f of spec.fields)
    if (f.required && mapping.fields[f.name] === undefined)
      problems.push(`Choose the column that holds ${f.description.toLowerCase()} (${f.name}).`);
  for (const group of spec.oneOf ?? [])
    if (!group.some((g) => mapping.fields[g] !== undefined))
      problems.push(`Choose a column for one of: ${group.join(', ')}.`);
  if (mapping.kind === 'survey') {
    const items = mapping.survey?.items ?? [];
    if (!items.length) problems.push('Mark at least one column as a survey item.');
    const scales = new Set(mapping.survey?.scales.map((s) => s.code));
    for (const i of items)
      if (!scales.has(i.scale)) problems.push(`Item ${i.code} uses scale ${i.scale}, which is not defined.`);
    const codes = items.map((i) => i.code);
    for (const c of new Set(codes.filter((c, i) => codes.indexOf(c) !== i)))
      problems.push(`Two columns share the item code ${c}: give each its own.`);
    if (!mapping.wave && mapping.fields.wave === undefined)
      problems.push('Choose the wave (pre, post …) of this survey.');
  }
  // Without a cohort a roster adds people but no enrolments, and a survey cannot be paired pre/post.
  if (
    (mapping.kind === 'survey' || mapping.kind === 'roster') &&
    !mapping.cohort &&
    mapping.fields.cohort === undefined
  )
    problems.push('Choose the cohort these rows belong to, or a column that names it.');
  return problems;
}
