import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import {
  createAnswerCoder,
  createValueMapper,
  parseTimestampCell,
  type CodedAnswer,
} from '@core/import/values';
import { isWave, type Wave } from '@shared/vocab';
import type { ScaleSpec, SurveySpec } from '@shared/import-mapping';
import { bump, type KindWriter, type WriteEnv } from './env';

/** Answers per INSERT statement (one parameter each in the usual sitting, four otherwise). */
const ITEMS_PER_STATEMENT = 100;

/** Per item: the codebook's label for each value and missing reason (the first option by position). */
interface ItemLabels {
  byValue: Map<number, string>;
  byMissing: Map<string, string>;
}

/**
 * What the project's codebook gives back for each item's answers, read from scale_options exactly as
 * the `responses` view reads it (the first option by position with that value or missing reason).
 */
export function canonicalLabels(db: WriteEnv['db'], itemIds: readonly number[]): Map<number, ItemLabels> {
  const options = db.prepare(
    `SELECT o.label, o.value, o.missing_reason AS missing FROM items i
     JOIN scale_options o ON o.response_scale_id = i.response_scale_id WHERE i.id = ? ORDER BY o.position`,
  );
  const out = new Map<number, ItemLabels>();
  for (const id of itemIds) {
    const labels: ItemLabels = { byValue: new Map(), byMissing: new Map() };
    for (const o of options.all(id) as { label: string; value: number | null; missing: string | null }[]) {
      if (o.value !== null && !labels.byValue.has(o.value)) labels.byValue.set(o.value, o.label);
      if (o.missing !== null && !labels.byMissing.has(o.missing)) labels.byMissing.set(o.missing, o.label);
    }
    out.set(id, labels);
  }
  return out;
}

/**
 * answers.raw_text for a cell: NULL when the codebook's label gives it back (or the cell is empty and
 * the codebook has no label), '' for an empty cell where the codebook has a label, else the cell.
 */
export function storedCell(
  raw: string,
  labels: ItemLabels | undefined,
  answer: { value: number | null; missing: string | null },
): string | null {
  const label =
    answer.value !== null
      ? labels?.byValue.get(answer.value)
      : answer.missing !== null
        ? labels?.byMissing.get(answer.missing)
        : undefined;
  return raw === (label ?? '') ? null : raw;
}

interface PreparedItem {
  index: number;
  itemId: number;
  code: (raw: string) => CodedAnswer;
  label: string;
}

/** Makes sure the instrument, its scales, constructs, items and this cohort's item wording exist. */
function ensureInstrument(env: WriteEnv, survey: SurveySpec, cohortId: number | null) {
  const { db, importId, counts } = env;
  const inst = survey.instrument;
  db.prepare(
    `INSERT INTO instruments (code, name, version, respondent_kind, import_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(inst.code, inst.name, inst.version, inst.respondentKind, importId);
  const instrumentId = db
    .prepare('SELECT id FROM instruments WHERE code = ? AND version = ?')
    .pluck()
    .get(inst.code, inst.version) as number;

  const scaleIds = new Map<string, number>();
  for (const scale of survey.scales) {
    const r = db
      .prepare(
        `INSERT INTO response_scales (code, name, min_value, max_value, import_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(scale.code, scale.name, scale.min, scale.max, importId);
    const id = db.prepare('SELECT id FROM response_scales WHERE code = ?').pluck().get(scale.code) as number;
    if (r.changes > 0) {
      bump(counts, 'response_scales');
      const opt = db.prepare(
        'INSERT INTO scale_options (response_scale_id, label, value, missing_reason, position) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      );
      scale.options.forEach((o, i) =>
        opt.run(id, o.label, 'value' in o ? o.value : null, 'missing' in o ? o.missing : null, i + 1),
      );
    }
    scaleIds.set(scale.code, id);
  }
  const constructIds = new Map<string, number>();
  for (const c of survey.constructs) {
    db.prepare(
      'INSERT INTO constructs (instrument_id, code, name, min_items, import_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(instrumentId, c.code, c.name, c.minItems, importId);
    constructIds.set(
      c.code,
      db
        .prepare('SELECT id FROM constructs WHERE instrument_id = ? AND code = ?')
        .pluck()
        .get(instrumentId, c.code) as number,
    );
  }
  const itemIds = new Map<string, number>();
  const insertItem = db.prepare(
    `INSERT INTO items (instrument_id, code, text, construct_id, response_scale_id, is_reverse_coded, position, import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO item_versions (item_id, cohort_id, text, platform_id, platform_column, import_id)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  survey.items.forEach((item, position) => {
    const scaleId = scaleIds.get(item.scale);
    if (scaleId === undefined) return; // reported by validateSurvey
    const constructId = item.construct ? (constructIds.get(item.construct) ?? null) : null;
    if (
      insertItem.run(
        instrumentId,
        item.code,
        item.text,
        constructId,
        scaleId,
        item.reverse ? 1 : 0,
        position + 1,
        importId,
      ).changes > 0
    )
      bump(counts, 'items');
    const itemId = db
      .prepare('SELECT id FROM items WHERE instrument_id = ? AND code = ?')
      .pluck()
      .get(instrumentId, item.code) as number;
    itemIds.set(item.code, itemId);
    if (cohortId !== null) {
      const index = env.resolveColumn(item.column);
      const label = index === undefined ? null : (env.columns[index]?.label ?? null);
      insertVersion.run(itemId, cohortId, item.text, item.column, label, importId);
    }
  });
  return { instrumentId, itemIds };
}

/** Problems with a survey mapping that stop the import before any row is read. */
export function validateSurvey(env: WriteEnv, survey: SurveySpec | undefined): string[] {
  if (!survey) return ['a survey mapping needs its instrument, scales and items (the "survey" part)'];
  const problems: string[] = [];
  const scales = new Set(survey.scales.map((s) => s.code));
  const constructs = new Set(survey.constructs.map((c) => c.code));
  const codes = new Set<string>();
  for (const item of survey.items) {
    if (!scales.has(item.scale))
      problems.push(`item ${item.code} uses scale "${item.scale}", which the mapping does not define`);
    if (item.construct && !constructs.has(item.construct))
      problems.push(
        `item ${item.code} belongs to construct "${item.construct}", which the mapping does not define`,
      );
    if (env.resolveColumn(item.column) === undefined)
      problems.push(`item ${item.code}: column "${item.column}" is not in the file`);
    if (codes.has(item.code)) problems.push(`item code ${item.code} is used twice`);
    codes.add(item.code);
  }
  if (survey.items.length === 0) problems.push('no column is mapped to a survey item');
  if (!env.mapping.wave && !env.fieldIndex.has('wave'))
    problems.push('the wave (pre, post ...) is neither set for the file nor mapped to a column');
  if (!env.mapping.cohort && !env.fieldIndex.has('cohort'))
    problems.push('the cohort is neither set for the file nor mapped to a column');
  if (
    survey.instrument.respondentKind === 'partner' &&
    !env.fieldIndex.has('partner_key') &&
    !env.fieldIndex.has('partner_name')
  )
    problems.push('a partner survey needs a partner_key or partner_name column');
  return problems;
}

/**
 * Surveys: one wide row per respondent becomes one `sittings` row and one `answers` row per item
 * (long form, read through the `responses` view), coded with the item's scale. A respondent answers
 * a wave of an instrument once per cohort: a second row (or a second import) for the same person is
 * a duplicate. A row whose platform response id is already in
 * the project (a newer export of the same survey) adds nothing.
 */
export function createSurveyWriter(env: WriteEnv): KindWriter {
  const { db, importId, refs, counts, mapping, settings } = env;
  const survey = mapping.survey!;
  const fixedCohort = mapping.cohort ? (refs.cohort(mapping.cohort, mapping.createMissing) ?? null) : null;
  const { instrumentId, itemIds } = ensureInstrument(env, survey, fixedCohort);
  const scales = new Map<string, ScaleSpec>(survey.scales.map((s) => [s.code, s]));
  const items: PreparedItem[] = survey.items.map((item) => {
    const index = env.resolveColumn(item.column)!;
    return {
      index,
      itemId: itemIds.get(item.code)!,
      code: createAnswerCoder(scales.get(item.scale)!, settings.decimalSeparator),
      label: env.columns[index]?.label ?? item.column,
    };
  });
  const attributes = survey.attributes
    .map((a) => ({ name: a.name, index: env.resolveColumn(a.column) }))
    .filter((a): a is { name: string; index: number } => a.index !== undefined);
  const yearly = new Set(mapping.yearlyAttributes);
  const waveMap = createValueMapper(mapping.valueMaps.wave);
  const isYouth = survey.instrument.respondentKind === 'youth';
  const anonymous = isYouth && !env.fieldIndex.has('participant_key');

  // What the project already holds for this instrument: response ids and who answered which wave.
  const knownResponseIds = new Set(
    db
      .prepare(
        `SELECT DISTINCT s.platform_response_id FROM sittings s JOIN administrations a ON a.id = s.administration_id
         WHERE a.instrument_id = ? AND s.platform_response_id IS NOT NULL`,
      )
      .pluck()
      .all(instrumentId) as string[],
  );
  const answered = new Set(
    (
      db
        .prepare(
          `SELECT DISTINCT s.respondent_id, s.wave, a.cohort_id FROM sittings s JOIN administrations a ON a.id = s.administration_id
           WHERE a.instrument_id = ?`,
        )
        .all(instrumentId) as { respondent_id: number; wave: string; cohort_id: number }[]
    ).map((r) => `${r.respondent_id}|${r.wave}|${r.cohort_id}`),
  );

  const administrations = new Map<number, number>();
  const administration = (cohortId: number): number => {
    let id = administrations.get(cohortId);
    if (id === undefined) {
      const program = mapping.program ? (refs.named('programs', mapping.program, false) ?? null) : null;
      id = Number(
        db
          .prepare(
            'INSERT INTO administrations (instrument_id, cohort_id, program_id, label, import_id) VALUES (?, ?, ?, ?, ?)',
          )
          .run(
            instrumentId,
            cohortId,
            program,
            `${survey.instrument.name} (${mapping.wave ?? 'survey'})`,
            importId,
          ).lastInsertRowid,
      );
      administrations.set(cohortId, id);
      bump(counts, 'administrations');
    }
    return id;
  };

  const respondentIds = new Map<string, number>();
  const ensureRespondent = db.prepare(
    `INSERT INTO respondents (key, kind, participant_id, partner_id, contact_id, import_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO NOTHING`,
  );
  const respondentByKey = db.prepare('SELECT id FROM respondents WHERE key = ?').pluck();
  const participantKey = db.prepare('SELECT key FROM participants WHERE id = ?').pluck();
  const keys = new Map<number, string>();
  const keyOf = (pid: number): string => {
    let key = keys.get(pid);
    if (key === undefined) {
      key = participantKey.get(pid) as string;
      keys.set(pid, key);
    }
    return key;
  };
  const contactByEmail = db.prepare('SELECT id FROM contacts WHERE email = ?').pluck();
  const insertContact = db.prepare(
    'INSERT INTO contacts (partner_id, name, role_title, email, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const partnerKey = db.prepare('SELECT key FROM partners WHERE id = ?').pluck();
  const respondent = (
    key: string,
    kind: 'youth' | 'partner',
    pid: number | null,
    partnerId: number | null,
    contactId: number | null,
  ): number => {
    let id = respondentIds.get(key);
    if (id === undefined) {
      const r = ensureRespondent.run(key, kind, pid, partnerId, contactId, importId);
      if (r.changes > 0) {
        bump(counts, 'respondents');
        id = Number(r.lastInsertRowid);
      } else id = respondentByKey.get(key) as number;
      respondentIds.set(key, id);
    }
    return id;
  };
  const insertAttr = db.prepare(
    `INSERT INTO participant_attributes (participant_id, name, value, cohort_id, import_id, source_row)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  // One sitting row per respondent, then its answers in one statement per ITEMS_PER_STATEMENT items,
  // in key order (sitting id, then item id ascending), the item ids written into the SQL as integers.
  // Binding a parameter costs about as much as SQLite's insert of the row, so the usual sitting binds
  // its id once and ONE parameter per answer: the value, or the missing reason (text), the cell being
  // what the codebook gives back (canonicalLabels). A sitting with any other cell (a numeric code for
  // a labelled option, different spelling or case ...) binds four per answer: id, value, reason, cell.
  const insertSitting = db.prepare(
    `INSERT INTO sittings (administration_id, respondent_id, wave, platform_response_id, responded_at, import_id, source_row)
     VALUES (?, ?, ?, ?, ?, ${Math.trunc(importId)}, ?)`,
  );
  const labelsById = canonicalLabels(
    db,
    items.map((it) => it.itemId),
  );
  const labels = items.map((it) => labelsById.get(it.itemId));
  const order = items.map((_, i) => i).sort((a, b) => items[a]!.itemId - items[b]!.itemId);
  const groups: {
    order: number[];
    usual: Statement;
    usualParams: unknown[];
    full: Statement;
    fullParams: unknown[];
  }[] = [];
  for (let from = 0; from < order.length; from += ITEMS_PER_STATEMENT) {
    const slice = order.slice(from, from + ITEMS_PER_STATEMENT);
    const ids = slice.map((i) => Math.trunc(items[i]!.itemId));
    groups.push({
      order: slice,
      usual: db.prepare(
        `INSERT INTO answers (sitting_id, item_id, value, missing_reason, raw_text)
         SELECT s.id, v.column1, CASE WHEN typeof(v.column2) = 'text' THEN NULL ELSE v.column2 END,
           CASE WHEN typeof(v.column2) = 'text' THEN v.column2 END, NULL
         FROM (SELECT ? AS id) AS s, (VALUES ${ids.map((id) => `(${id}, ?)`).join(', ')}) AS v`,
      ),
      usualParams: new Array<unknown>(1 + slice.length).fill(null),
      full: db.prepare(
        `INSERT INTO answers (sitting_id, item_id, value, missing_reason, raw_text)
         VALUES ${ids.map((id) => `(?, ${id}, ?, ?, ?)`).join(', ')}`,
      ),
      fullParams: new Array<unknown>(4 * slice.length).fill(null),
    });
  }
  const cells: (string | null)[] = new Array<string | null>(items.length).fill(null);
  const coded: CodedAnswer[] = new Array<CodedAnswer>(items.length);

  return {
    writeRow(v) {
      // 1. Cohort and wave.
      let cohortId = fixedCohort;
      const rawCohort = v.opt('cohort');
      if (rawCohort !== null) {
        cohortId = refs.cohort(rawCohort, mapping.createMissing) ?? null;
        if (cohortId === null) v.issue('unknown_reference', 'cohort');
      } else if (cohortId === null) v.issue('missing_required', 'cohort');
      let wave: Wave | undefined = mapping.wave;
      const rawWave = v.opt('wave');
      if (rawWave !== null) {
        const w = waveMap(rawWave) ?? rawWave;
        if (isWave(w)) wave = w;
        else
          v.issue('bad_value', 'wave', {
            message:
              'Not a wave (pre, post, retrospective_pre, follow_up, annual): map it in valueMaps.wave.',
          });
      }
      // 2. Response id: the platform's, or one made from the row's content (Google Forms has none).
      const responseId =
        v.opt('response_id') ?? `row:${createHash('sha1').update(v.row.join('\u001f')).digest('base64url')}`;
      if (knownResponseIds.has(responseId)) return 'present';
      // 3. Who answered.
      let respondentKey: string | null = null;
      let pid: number | null = null;
      let partnerId: number | null = null;
      let email: string | null = null;
      if (isYouth && anonymous) {
        // No ID column: each response is its own (unpairable) respondent.
        pid = refs.participant(`anon:${responseId}`, true, v.rowNumber) ?? null;
        respondentKey = `youth:anon:${responseId}`;
      } else if (isYouth) {
        const raw = v.opt('participant_key');
        pid = raw === null ? null : (refs.participant(raw, mapping.createMissing, v.rowNumber) ?? null);
        if (pid !== null) respondentKey = `youth:${keyOf(pid)}`;
        else if (raw === null || refs.normaliseId(raw) === '')
          v.issue('missing_participant_id', 'participant_key');
        else v.issue('unknown_participant', 'participant_key');
      } else {
        const key = v.opt('partner_key');
        const name = v.opt('partner_name');
        partnerId =
          (key !== null
            ? refs.partner('key', key)
            : name !== null
              ? refs.partner('name', name)
              : undefined) ?? null;
        if (partnerId === null)
          v.issue(
            key === null && name === null ? 'missing_required' : 'unknown_reference',
            key !== null ? 'partner_key' : 'partner_name',
          );
        else {
          email = v.opt('contact_email');
          respondentKey = `partner:${partnerKey.get(partnerId) as string}:${email?.toLowerCase() ?? `row${v.rowNumber}`}`;
        }
      }
      // 4. Answers.
      for (let i = 0; i < items.length; i += 1) {
        const item = items[i]!;
        const raw = v.row[item.index] ?? '';
        const answer = item.code(raw);
        coded[i] = answer;
        if (answer.value === null && answer.missing === null)
          v.issue('unknown_answer', null, {
            value: raw,
            message: `"${raw}" is not an answer of this item's scale (${item.label}).`,
          });
      }
      if (v.issues.length > 0) {
        for (const issue of v.issues) {
          if (issue.code !== 'unknown_answer' || issue.column !== undefined) continue;
          const item = items.find((it) => issue.message.endsWith(`(${it.label}).`));
          if (item) {
            issue.column = item.index + 1;
            issue.columnName = item.label;
          }
        }
      }
      const respondedAtRaw = v.opt('responded_at');
      const respondedAt =
        respondedAtRaw === null ? null : (parseTimestampCell(respondedAtRaw, settings.dateOrder) ?? null);
      if (respondedAtRaw !== null && respondedAt === null) v.issue('bad_date', 'responded_at');
      if (v.hasError || cohortId === null || wave === undefined || respondentKey === null) {
        if (wave === undefined && !v.hasError) v.issue('missing_required', 'wave');
        return 'skipped';
      }
      // 5. Write.
      let contactId: number | null = null;
      if (!isYouth && email !== null && partnerId !== null) {
        contactId = (contactByEmail.get(email) as number | undefined) ?? null;
        if (contactId === null) {
          contactId = Number(
            insertContact.run(partnerId, email, v.opt('contact_role_title'), email, importId, v.rowNumber)
              .lastInsertRowid,
          );
          bump(counts, 'contacts');
        }
      }
      const respondentId = respondent(
        respondentKey,
        isYouth ? 'youth' : 'partner',
        pid,
        partnerId,
        contactId,
      );
      const seen = `${respondentId}|${wave}|${cohortId}`;
      if (answered.has(seen)) {
        v.issue('duplicate_respondent', isYouth ? 'participant_key' : null);
        return 'skipped';
      }
      answered.add(seen);
      knownResponseIds.add(responseId);
      const adminId = administration(cohortId);
      const sittingId = insertSitting.run(
        adminId,
        respondentId,
        wave,
        responseId,
        respondedAt,
        v.rowNumber,
      ).lastInsertRowid;
      let usual = true;
      for (let i = 0; i < items.length; i += 1) {
        cells[i] = storedCell(v.row[items[i]!.index] ?? '', labels[i], coded[i]!);
        if (cells[i] !== null) usual = false;
      }
      for (const g of groups) {
        const slice = g.order;
        if (usual) {
          const params = g.usualParams;
          params[0] = sittingId;
          for (let k = 0; k < slice.length; k += 1) {
            const answer = coded[slice[k]!]!;
            params[1 + k] = answer.value ?? answer.missing;
          }
          g.usual.run(params);
        } else {
          const params = g.fullParams;
          for (let k = 0; k < slice.length; k += 1) {
            const i = slice[k]!;
            const answer = coded[i]!;
            params[4 * k] = sittingId;
            params[4 * k + 1] = answer.value;
            params[4 * k + 2] = answer.missing;
            params[4 * k + 3] = cells[i];
          }
          g.full.run(params);
        }
      }
      bump(counts, 'responses', items.length);
      if (pid !== null) {
        for (const a of attributes) {
          const value = v.row[a.index] ?? '';
          if (value.trim() === '') continue;
          if (
            insertAttr.run(pid, a.name, value, yearly.has(a.name) ? cohortId : null, importId, v.rowNumber)
              .changes > 0
          )
            bump(counts, 'participant_attributes');
        }
      }
      return 'written';
    },
    flush() {},
  };
}
