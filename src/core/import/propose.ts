import type { ImportKind, Mapping, ScaleOptionSpec, ScaleSpec } from '@shared/import-mapping';
import type { Wave } from '@shared/vocab';
import {
  normaliseLabel,
  proposeCodebook,
  SCALES,
  type Column,
  type ColumnFormat,
  type Platform,
} from '../csv';
import { KIND_FIELDS } from './fields';

/**
 * The proposal: from what detection saw (columns, their value formats, sampled distinct values) to a
 * first mapping the user confirms or edits. Pure and table-tested; nothing here is final.
 */

export interface ColumnSample {
  column: Column;
  format: ColumnFormat;
  /** Distinct non-blank values with their counts, most frequent first. */
  values: { value: string; count: number }[];
  blankCount: number;
}

export type ColumnRoleName =
  | 'participant_id'
  | 'response_id'
  | 'cohort'
  | 'program'
  | 'site'
  | 'wave'
  | 'timestamp'
  | 'item'
  | 'attribute'
  | 'field'
  | 'ignore';

export interface ProposedColumn {
  key: string;
  role: ColumnRoleName;
  target: string | null;
}

export interface Proposal {
  kind: ImportKind;
  mapping: Mapping;
  columns: ProposedColumn[];
  codebooks: { scale: string; columns: string[]; unmatched: string[] }[];
  /** Items whose reverse flag is only a guess from the wording. */
  reverseSuggested: string[];
}

// Header synonyms for the model's fields (plain spreadsheets).
const SYNONYMS: Record<string, RegExp> = {
  participant_key:
    /^(youth|student|participant|person|learner|child|pupil)[ _-]?(id|key|code|number|no)$|^(id)$/i,
  session_external_id: /^session[ _-]?(id|key|code)$/i,
  external_id: /^session[ _-]?(id|key|code)$/i,
  session_date: /^(session[ _-]?)?date$/i,
  program: /^program(me)?([ _-]?(name|code))?$/i,
  site: /^(site|location|venue)([ _-]?(name|code))?$/i,
  activity_type: /^(activity|activity[ _-]?type|session[ _-]?type)$/i,
  cohort: /^(cohort|school[ _-]?year|year)$/i,
  minutes_attended: /^(minutes|minutes[ _-]?attended|mins)$/i,
  minutes_offered: /^(minutes[ _-]?offered|duration|length)$/i,
  is_present: /^(present|attended|attendance|status)$/i,
  enrolled_on: /^(enrolled|enrolled[ _-]?on|enrolment[ _-]?date|enrollment[ _-]?date|start[ _-]?date)$/i,
  exited_on: /^(exited|exited[ _-]?on|exit[ _-]?date|end[ _-]?date)$/i,
  partner_key: /^partner[ _-]?(id|key|code)$/i,
  partner_name: /^(partner|partner[ _-]?name|organi[sz]ation|lead[ _-]?partner)$/i,
  name: /^(name|full[ _-]?name|organi[sz]ation[ _-]?name)$/i,
  partner_type: /^(type|partner[ _-]?type|sector)$/i,
  town: /^(town|city)$/i,
  joined_on: /^(joined|joined[ _-]?on|since)$/i,
  left_on: /^(left|left[ _-]?on)$/i,
  contact_name: /^(contact|primary[ _-]?contact|contact[ _-]?name)$/i,
  contact_role_title: /^(contact[ _-]?title|contact[ _-]?role|role[ _-]?title)$/i,
  contact_email: /^(e-?mail|contact[ _-]?e-?mail|e-?mail[ _-]?address)$/i,
  mentor_key: /^mentor[ _-]?(id|key|code)$/i,
  mentor_keys: /^mentor[ _-]?(ids|keys|codes)$/i,
  expertise: /^(expertise|field|specialty)$/i,
  role: /^role$/i,
  commitment: /^commitment$/i,
  starts_on: /^(from|start|starts[ _-]?on|start[ _-]?date)$/i,
  ends_on: /^(to|end|ends[ _-]?on|end[ _-]?date)$/i,
  status: /^status$/i,
  kind: /^(kind|contribution[ _-]?type)$/i,
  amount: /^(amount|value|quantity)$/i,
  unit: /^units?$/i,
  contributed_on: /^(date|contributed[ _-]?on)$/i,
  description: /^(description|notes?)$/i,
  metric_key: /^(metric|metric[ _-]?key|indicator)$/i,
  target_value: /^(target|target[ _-]?value|goal)$/i,
  direction: /^direction$/i,
  owner_partner_key: /^owner([ _-]?partner)?[ _-]?(id|key)$/i,
  title: /^title$/i,
};

/** Columns that identify a person: never proposed as attributes (youth data stays pseudonymous). */
const PERSONAL =
  /name|e-?mail|phone|telephone|address|\bdob\b|birth|zip|postcode|ssn|latitude|longitude|\bip\b/i;

/** Wording that usually marks a reverse-coded item (a suggestion the user confirms). */
export const NEGATIVE_WORDING =
  /\b(not|no|never|don't|do not|can't|cannot|isn't|aren't|boring|bored|hard for me|difficult for me|unrealistic|hate|dislike|worr(y|ied)|nervous|anxious|afraid|no idea|nothing|give up|gave up|giving up|outsiders?|left out|out of place|confus(ed|ing)|frustrat(ed|ing)|struggle|waste of time)\b/i;

/**
 * Whether an item's wording suggests reverse coding. Text in parentheses is left out: it usually
 * explains the answer scale ("(1 = not at all, 5 = very satisfied)"), not the statement.
 */
export function suggestsReverse(text: string): boolean {
  return NEGATIVE_WORDING.test(text.replace(/\([^)]*\)/g, ' '));
}

/** Guesses what a file holds from its platform and headers. */
export function guessKind(platform: Platform, columns: readonly Column[]): ImportKind {
  if (platform !== 'plain') return 'survey';
  const labels = columns.map((c) => c.label);
  const has = (field: string) => labels.some((l) => SYNONYMS[field]?.test(l.trim()));
  if (has('metric_key') && has('target_value')) return 'goals';
  if (has('commitment')) return 'commitments';
  if (has('amount') && (has('unit') || has('kind'))) return 'contributions';
  if (has('mentor_key') && has('name') && !has('session_date')) return 'mentors';
  if (has('partner_type') && has('name')) return 'partners';
  // A row per youth and session is attendance, even when it repeats the session's fields (minutes
  // offered, activity): a sessions file has no youth column.
  if (has('participant_key') && (has('session_date') || has('session_external_id'))) return 'attendance';
  if ((has('session_external_id') || has('session_date')) && has('minutes_offered')) return 'sessions';
  const rosterish = labels.filter((l) =>
    /grade|gender|school|program|site|cohort|enrol|race|ethnic|frl|lunch/i.test(l),
  );
  if (has('participant_key') && rosterish.length >= 2 && !labels.some((l) => /\?/.test(l))) return 'roster';
  return 'survey';
}

/** A code from free text: lower case, letters and digits joined by underscores. */
export function slug(text: string, max = 40): string {
  const s = normaliseLabel(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max)
    .replace(/_+$/, '');
  return s === '' ? 'x' : s;
}

/** A wave and cohort read from a file name such as "youth-survey-pre-2024-25.csv". */
export function guessFromFileName(fileName: string): { wave?: Wave; cohort?: string; instrument: string } {
  const base = fileName.replace(/\.[a-z0-9]+$/i, '');
  const lower = base.toLowerCase();
  const out: { wave?: Wave; cohort?: string; instrument: string } = { instrument: 'survey' };
  if (/\bretro/.test(lower)) out.wave = 'retrospective_pre';
  else if (/(^|[^a-z])(pre|baseline|before)([^a-z]|$)/.test(lower)) out.wave = 'pre';
  else if (/(^|[^a-z])(post|after|end)([^a-z]|$)/.test(lower)) out.wave = 'post';
  else if (/follow/.test(lower)) out.wave = 'follow_up';
  const year = /(20\d{2})[-_ ](\d{2})(?!\d)/.exec(lower);
  if (year) out.cohort = `${year[1]}-${year[2]}`;
  const inst = slug(
    base
      .replace(/\(responses\)|form responses \d*/gi, ' ')
      .replace(/(20\d{2})([-_ ]\d{2})?/g, ' ')
      .replace(/\b(pre|post|baseline|follow[ -]?up|retro\w*)\b/gi, ' '),
  );
  out.instrument = inst === 'x' ? 'survey' : inst;
  return out;
}

/** A REDCap event name's likely wave: enrolment/baseline is pre, final/exit is post. */
export function eventWave(event: string): Wave {
  const e = event.toLowerCase();
  if (/enrol|baseline|screen|intake|(^|_)pre/.test(e)) return 'pre';
  if (/final|exit|(^|_)post|(^|_)end/.test(e)) return 'post';
  return 'follow_up';
}

function questionText(c: Column): string {
  return c.subLabel ? `${c.question} - ${c.subLabel}` : c.question || c.label;
}

/** Builds a scale from a codebook proposal: every level of the matched scale, missing words kept typed. */
function scaleFromCodebook(
  code: string,
  proposal: ReturnType<typeof proposeCodebook>,
  numericRange: { min: number; max: number } | null,
): ScaleSpec {
  const options: ScaleOptionSpec[] = [];
  const seen = new Set<string>();
  const push = (o: ScaleOptionSpec) => {
    const k = normaliseLabel(o.label);
    if (seen.has(k)) return;
    seen.add(k);
    options.push(o);
  };
  const def = SCALES.find((s) => s.id === proposal.scaleId);
  if (def) {
    for (const e of proposal.entries) if (e.code !== null) push({ label: e.value, value: e.code });
    def.levels.forEach((spellings, i) => {
      const first = spellings[0] ?? '';
      push({ label: first.charAt(0).toUpperCase() + first.slice(1), value: i + 1 });
    });
  }
  for (const e of proposal.entries)
    if (e.missing && e.missing !== 'skipped') push({ label: e.value, missing: e.missing });
  const missingCodes = proposal.entries
    .filter((e) => e.missing === 'missing_code')
    .map((e) => Number(e.value.trim()));
  const min = def ? 1 : (numericRange?.min ?? 0);
  const max = def ? def.levels.length : (numericRange?.max ?? 1);
  const name = def
    ? `${def.family[0]!.toUpperCase()}${def.family.slice(1)} (${def.levels.length} points)`
    : `Numeric ${min}-${max}`;
  return {
    code,
    name,
    min,
    max: max > min ? max : min + 1,
    options: def ? options : options.filter((o) => 'missing' in o),
    missingCodes,
    blank: 'skipped',
  };
}

/**
 * Proposes a mapping. Survey files: ID, response id, timestamp and wave columns by role, Likert and
 * small-range numeric columns as items coded with a proposed scale, a few-valued rest as attributes,
 * open text ignored. Other kinds: each model field from the header that fits it.
 */
export function proposeMapping(input: {
  kind: ImportKind;
  platform: Platform;
  samples: readonly ColumnSample[];
  fileName: string;
  cohort?: string;
  wave?: Wave;
}): Proposal {
  const { kind, platform, samples } = input;
  const fromName = guessFromFileName(input.fileName);
  const cohort = input.cohort ?? fromName.cohort;
  const wave = input.wave ?? fromName.wave;
  const columns: ProposedColumn[] = samples.map((s) => ({ key: s.column.key, role: 'ignore', target: null }));
  const fields: Record<string, string> = {};
  const setField = (i: number, field: string, role: ColumnRoleName = 'field') => {
    const c = columns[i]!;
    if (fields[field] !== undefined || c.role !== 'ignore') return;
    fields[field] = c.key;
    c.role = role;
    c.target = field;
  };

  if (kind !== 'survey') {
    for (const spec of KIND_FIELDS[kind].fields) {
      const re = SYNONYMS[spec.name];
      if (!re) continue;
      const i = samples.findIndex((s, j) => columns[j]!.role === 'ignore' && re.test(s.column.label.trim()));
      if (i >= 0) {
        const role: ColumnRoleName =
          spec.name === 'participant_key'
            ? 'participant_id'
            : spec.name === 'program' || spec.name === 'site' || spec.name === 'cohort'
              ? spec.name
              : 'field';
        setField(i, spec.name, role);
      }
    }
    if (kind === 'roster') {
      samples.forEach((s, i) => {
        if (columns[i]!.role !== 'ignore' || s.values.length === 0) return;
        const field = `attribute:${slug(s.column.label)}`;
        fields[field] = s.column.key;
        columns[i] = { key: s.column.key, role: 'attribute', target: slug(s.column.label) };
      });
    }
    const mapping: Mapping = baseMapping(kind, fields, cohort, undefined);
    return { kind, mapping, columns, codebooks: [], reverseSuggested: [] };
  }

  // Surveys. 1. Identity and time columns.
  const byRole = (role: string) => samples.findIndex((s) => s.column.platformRole === role);
  let responseIdx = byRole('response_id');
  if (responseIdx < 0)
    responseIdx = samples.findIndex((s) =>
      /^(response|submission|respondent)[ _-]?id$/i.test(s.column.label.trim()),
    );
  if (responseIdx >= 0) setField(responseIdx, 'response_id', 'response_id');
  const idCandidates = samples
    .map((s, i) => ({ s, i }))
    .filter(
      ({ s }) =>
        (SYNONYMS.participant_key!.test(s.column.label.trim()) ||
          s.column.platformRole === 'participant_id') &&
        s.values.length > 0,
    )
    .sort(
      (a, b) =>
        Number(SYNONYMS.participant_key!.test(b.s.column.label.trim())) -
        Number(SYNONYMS.participant_key!.test(a.s.column.label.trim())),
    );
  const partnerLike = samples.findIndex(
    (s) =>
      /organi[sz]ation|partner/i.test(s.column.label) &&
      s.values.length > 0 &&
      s.column.platformRole !== 'item',
  );
  const partnerNameIdx =
    partnerLike >= 0
      ? partnerLike
      : samples.findIndex((s) =>
          /organi[sz]ation do you represent|which (organi[sz]ation|partner)/i.test(s.column.label),
        );
  let respondentKind: 'youth' | 'partner' = 'youth';
  if (idCandidates[0]) setField(idCandidates[0].i, 'participant_key', 'participant_id');
  else if (partnerNameIdx >= 0) {
    respondentKind = 'partner';
    setField(partnerNameIdx, 'partner_name', 'field');
    const email = samples.findIndex((s) => /e-?mail/i.test(s.column.label));
    if (email >= 0) setField(email, 'contact_email', 'field');
    const role = samples.findIndex((s) => /\brole\b/i.test(s.column.label));
    if (role >= 0) setField(role, 'contact_role_title', 'field');
  }
  const timeIdx =
    ['EndDate', 'RecordedDate', 'V9', 'Timestamp', 'End Date']
      .map((l) => samples.findIndex((s) => s.column.label === l))
      .find((i) => i >= 0) ?? byRole('timestamp');
  if (timeIdx !== undefined && timeIdx >= 0) setField(timeIdx, 'responded_at', 'timestamp');
  const eventIdx = byRole('event');
  const valueMaps: Record<string, Record<string, string>> = {};
  if (eventIdx >= 0) {
    setField(eventIdx, 'wave', 'wave');
    valueMaps.wave = Object.fromEntries(
      samples[eventIdx]!.values.map(({ value }) => [value, eventWave(value)]),
    );
  }

  // 2. Items with codebooks, grouped into scales by the codebook they share.
  const scales: ScaleSpec[] = [];
  const scaleKeys = new Map<string, string>();
  const codebooks = new Map<string, { columns: string[]; unmatched: Set<string> }>();
  const items: NonNullable<Mapping['survey']>['items'] = [];
  const attributes: { column: string; name: string }[] = [];
  const reverseSuggested: string[] = [];
  const usedCodes = new Set<string>();
  samples.forEach((s, i) => {
    const c = columns[i]!;
    if (c.role !== 'ignore') return;
    const role = s.column.platformRole;
    if (!['item', 'checkbox_option', 'text', 'multi_select'].includes(role)) return;
    if (s.values.length === 0) return;
    const distinct = s.values.map((v) => v.value);
    const book = proposeCodebook(distinct);
    const numbers = book.entries.filter((e) => e.code !== null).map((e) => e.code!);
    const isLikert =
      book.scaleId !== null && book.unmatched.length <= Math.max(1, Math.floor(distinct.length / 4));
    const isSmallNumeric =
      book.family === 'numeric' &&
      numbers.length > 0 &&
      numbers.every(Number.isInteger) &&
      Math.max(...numbers) - Math.min(...numbers) <= 10 &&
      role !== 'text';
    if (isLikert || isSmallNumeric) {
      const range = isSmallNumeric ? { min: Math.min(1, ...numbers), max: Math.max(...numbers) } : null;
      // One scale per codebook (the agreement scale, a numeric range); the missing answers and
      // spellings seen in any of its columns are merged into it.
      const sig = book.scaleId ?? `num${range?.min}-${range?.max}`;
      let scaleCode = scaleKeys.get(sig);
      const proposedScale = scaleFromCodebook(
        book.scaleId ?? `numeric_${range?.min}_${range?.max}`,
        book,
        range,
      );
      if (!scaleCode) {
        scaleCode = proposedScale.code;
        scaleKeys.set(sig, scaleCode);
        scales.push(proposedScale);
      } else {
        const existing = scales.find((x) => x.code === scaleCode)!;
        const labels = new Set(existing.options.map((o) => normaliseLabel(o.label)));
        for (const o of proposedScale.options)
          if (!labels.has(normaliseLabel(o.label))) existing.options.push(o);
        for (const c of proposedScale.missingCodes)
          if (!existing.missingCodes.includes(c)) existing.missingCodes.push(c);
      }
      const group = codebooks.get(scaleCode) ?? { columns: [], unmatched: new Set<string>() };
      group.columns.push(s.column.key);
      for (const u of book.unmatched) group.unmatched.add(u);
      codebooks.set(scaleCode, group);
      const text = questionText(s.column);
      const short = /^[A-Za-z][\w.]{0,23}$/.test(s.column.label) ? s.column.label : null;
      let code =
        platform === 'qualtrics' || platform === 'qualtrics_legacy' || platform === 'redcap'
          ? s.column.label
          : (short ?? slug(s.column.subLabel ?? s.column.label, 24));
      if (usedCodes.has(code)) code = `${code}_${i + 1}`;
      usedCodes.add(code);
      const reverse = suggestsReverse(s.column.subLabel ?? text);
      if (reverse) reverseSuggested.push(code);
      items.push({
        column: s.column.key,
        code,
        text,
        scale: scaleCode,
        reverse,
        ...(reverse ? { reverseSuggested: true } : {}),
      });
      columns[i] = { key: s.column.key, role: 'item', target: code };
      return;
    }
    // 3. A few repeated values: an attribute (grade, school); long free text is left out.
    const longest = Math.max(...distinct.map((d) => d.length));
    if (PERSONAL.test(s.column.label) || s.format.kind === 'date') return; // never identifying details
    if (
      respondentKind === 'youth' &&
      distinct.length <= 12 &&
      longest <= 40 &&
      s.values.some((v) => v.count > 1)
    ) {
      const name = slug(s.column.label, 30);
      attributes.push({ column: s.column.key, name });
      columns[i] = { key: s.column.key, role: 'attribute', target: name };
    }
  });

  const mapping = baseMapping('survey', fields, cohort, wave);
  mapping.valueMaps = valueMaps;
  mapping.createMissing = true;
  mapping.survey = {
    instrument: {
      code: fromName.instrument,
      name: fromName.instrument.replace(/_/g, ' ').replace(/^./, (ch) => ch.toUpperCase()),
      version: '1',
      respondentKind,
    },
    scales,
    constructs: [],
    items,
    attributes,
  };
  return {
    kind,
    mapping,
    columns,
    codebooks: [...codebooks].map(([scale, g]) => ({
      scale,
      columns: g.columns,
      unmatched: [...g.unmatched],
    })),
    reverseSuggested,
  };
}

function baseMapping(
  kind: ImportKind,
  fields: Record<string, string>,
  cohort?: string,
  wave?: Wave,
): Mapping {
  const m: Mapping = {
    format: 'trellis-mapping',
    version: 1,
    kind,
    settings: {},
    fields,
    valueMaps: {},
    listSeparators: {},
    yearlyAttributes: ['grade'],
    idNormalisation: {},
    createMissing: kind === 'attendance' || kind === 'roster',
  };
  if (cohort) m.cohort = cohort;
  if (wave) m.wave = wave;
  return m;
}
