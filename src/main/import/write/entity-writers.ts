import { createValueMapper, parseDateCell, parseNumberCell, splitList } from '@core/import/values';
import {
  isCommitmentStatus,
  isContributionKind,
  isContributionUnit,
  isGoalDirection,
  isPartnerType,
} from '@shared/vocab';
import type { ImportIssue } from '@shared/import-mapping';
import { importIssue } from '@core/import/issues';
import { AttendanceRows } from './attendance-rows';
import { bump, type KindWriter, type RowOutcome, type RowView, type WriteEnv } from './env';

/**
 * Writers for the small reference and fact files (roster, partners, action plan, mentors, sessions,
 * attendance, contributions, goals). Each validates a whole row before writing anything; rows that
 * write several tables run inside a savepoint so a failing statement leaves nothing of the row.
 */

type Helpers = ReturnType<typeof helpers>;

function helpers(env: WriteEnv) {
  const { mapping, settings, refs } = env;
  const create = mapping.createMissing;
  const mappers = new Map<string, (v: string) => string | undefined>();
  const mapped = (field: string, value: string): string | undefined => {
    let m = mappers.get(field);
    if (!m) {
      m = createValueMapper(mapping.valueMaps[field]);
      mappers.set(field, m);
    }
    return m(value);
  };
  return {
    create,
    date(v: RowView, field: string): string | null | undefined {
      const raw = v.opt(field);
      if (raw === null) return null;
      const d = parseDateCell(raw, settings.dateOrder);
      if (d === undefined) v.issue('bad_date', field);
      return d;
    },
    number(v: RowView, field: string, required: boolean): number | null | undefined {
      const raw = required ? v.need(field) : v.opt(field);
      if (raw === null) return null;
      const n = parseNumberCell(raw, settings.decimalSeparator);
      if (n === undefined) v.issue('bad_number', field);
      return n;
    },
    /** A closed-vocabulary value, through the field's value map. */
    vocab(v: RowView, field: string, guard: (x: unknown) => boolean, fallback?: string): string | undefined {
      const raw = v.opt(field);
      if (raw === null) {
        if (fallback !== undefined) return fallback;
        v.issue('missing_required', field);
        return undefined;
      }
      const value = mapped(field, raw) ?? raw;
      if (!guard(value)) {
        v.issue('bad_value', field);
        return undefined;
      }
      return value;
    },
    cohort(v: RowView, isoDate?: string | null): number | null | undefined {
      const raw = v.opt('cohort') ?? mapping.cohort ?? null;
      if (raw === null) return isoDate ? (refs.cohortForDate(isoDate) ?? null) : null;
      const id = refs.cohort(raw, create);
      if (id === undefined) v.issue('unknown_reference', v.has('cohort') ? 'cohort' : null, { value: raw });
      return id;
    },
    named(
      v: RowView,
      field: 'program' | 'site' | 'activity_type',
      table: 'programs' | 'sites' | 'activity_types',
    ) {
      const raw = v.opt(field) ?? (field === 'program' ? (mapping.program ?? null) : null);
      if (raw === null) return null;
      const id = refs.named(table, raw, create);
      if (id === undefined) v.issue('unknown_reference', v.has(field) ? field : null, { value: raw });
      return id;
    },
    partner(v: RowView, keyField: string, nameField: string, required: boolean): number | null | undefined {
      const key = v.opt(keyField);
      const name = v.opt(nameField);
      if (key === null && name === null) {
        if (required) v.issue('missing_required', v.has(keyField) ? keyField : nameField);
        return null;
      }
      const id = key !== null ? refs.partner('key', key) : refs.partner('name', name!);
      if (id === undefined) v.issue('unknown_reference', key !== null ? keyField : nameField);
      return id;
    },
    mapped,
  };
}

/** Runs a multi-statement row inside a savepoint: a failure undoes the row alone. */
function inSavepoint(env: WriteEnv, v: RowView, write: () => RowOutcome): RowOutcome {
  env.db.exec('SAVEPOINT row');
  try {
    const outcome = write();
    env.db.exec('RELEASE row');
    return outcome;
  } catch (err) {
    env.db.exec('ROLLBACK TO row');
    env.db.exec('RELEASE row');
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_CONSTRAINT')) throw err;
    v.issue('constraint_failed', null, {
      message: `The row breaks a rule of the data model (${(err as Error).message}).`,
    });
    return 'skipped';
  }
}

function rosterWriter(env: WriteEnv, h: Helpers): KindWriter {
  const { db, importId, refs, counts, mapping } = env;
  const attributeFields = [...env.fieldIndex.keys()].filter((f) => f.startsWith('attribute:'));
  const yearly = new Set(mapping.yearlyAttributes);
  const insertAttr = db.prepare(
    `INSERT INTO participant_attributes (participant_id, name, value, cohort_id, import_id, source_row)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const attrValue = db
    .prepare(
      'SELECT value FROM participant_attributes WHERE participant_id = ? AND name = ? AND coalesce(cohort_id, 0) = ?',
    )
    .pluck();
  const insertEnrolment = db.prepare(
    `INSERT INTO enrolments (participant_id, program_id, cohort_id, site_id, enrolled_on, exited_on, import_id, source_row)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  return {
    writeRow(v) {
      const key = v.opt('participant_key');
      if (key === null || refs.normaliseId(key) === '') {
        v.issue('missing_participant_id', 'participant_key');
        return 'skipped';
      }
      const cohortId = h.cohort(v);
      const programId = h.named(v, 'program', 'programs');
      const siteId = h.named(v, 'site', 'sites');
      const enrolledOn = h.date(v, 'enrolled_on');
      const exitedOn = h.date(v, 'exited_on');
      if (v.hasError) return 'skipped';
      return inSavepoint(env, v, () => {
        const pid = refs.participant(key, true, v.rowNumber)!;
        let wrote = false;
        for (const field of attributeFields) {
          // Attribute values are kept exactly as written (only a blank cell means "no value").
          const value = v.get(field);
          if (value.trim() === '') continue;
          const name = field.slice('attribute:'.length);
          const cohort = yearly.has(name) ? (cohortId ?? null) : null;
          if (insertAttr.run(pid, name, value, cohort, importId, v.rowNumber).changes > 0) {
            bump(counts, 'participant_attributes');
            wrote = true;
          } else if (attrValue.get(pid, name, cohort ?? 0) !== value) v.issue('attribute_conflict', field);
        }
        if (programId != null && cohortId != null) {
          const r = insertEnrolment.run(
            pid,
            programId,
            cohortId,
            siteId ?? null,
            enrolledOn ?? null,
            exitedOn ?? null,
            importId,
            v.rowNumber,
          );
          if (r.changes > 0) {
            bump(counts, 'enrolments');
            wrote = true;
          }
        }
        return wrote ? 'written' : 'present';
      });
    },
    flush() {},
  };
}

function partnersWriter(env: WriteEnv, h: Helpers): KindWriter {
  const { db, importId, refs, counts } = env;
  const insertPartner = db.prepare(
    `INSERT INTO partners (key, name, partner_type, town, joined_on, left_on, import_id, source_row)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertContact = db.prepare(
    `INSERT INTO contacts (partner_id, name, role_title, email, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  return {
    writeRow(v) {
      const key = v.need('partner_key');
      const name = v.need('name');
      const type = h.vocab(v, 'partner_type', isPartnerType);
      const joined = h.date(v, 'joined_on');
      const left = h.date(v, 'left_on');
      if (v.hasError || key === null || name === null || type === undefined) return 'skipped';
      if (refs.partner('key', key) !== undefined) return 'present';
      return inSavepoint(env, v, () => {
        const id = Number(
          insertPartner.run(
            key,
            name,
            type,
            v.opt('town'),
            joined ?? null,
            left ?? null,
            importId,
            v.rowNumber,
          ).lastInsertRowid,
        );
        refs.rememberPartner(id, key, name);
        bump(counts, 'partners');
        const contact = v.opt('contact_name') ?? v.opt('contact_email');
        if (contact !== null) {
          const r = insertContact.run(
            id,
            contact,
            v.opt('contact_role_title'),
            v.opt('contact_email'),
            importId,
            v.rowNumber,
          );
          if (r.changes > 0) bump(counts, 'contacts');
        }
        return 'written';
      });
    },
    flush() {},
  };
}

function commitmentsWriter(env: WriteEnv, h: Helpers): KindWriter {
  const { db, importId, counts } = env;
  const insert = db.prepare(
    `INSERT INTO partner_commitments (partner_id, role, commitment, starts_on, ends_on, cohort_id, status, import_id, source_row)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    writeRow(v) {
      const partnerId = h.partner(v, 'partner_key', 'partner_name', true);
      const role = v.need('role');
      const commitment = v.need('commitment');
      const starts = h.date(v, 'starts_on');
      const ends = h.date(v, 'ends_on');
      const cohortId = h.cohort(v);
      const status = h.vocab(v, 'status', isCommitmentStatus, 'planned');
      if (v.hasError) return 'skipped';
      return inSavepoint(env, v, () => {
        insert.run(
          partnerId,
          role,
          commitment,
          starts ?? null,
          ends ?? null,
          cohortId ?? null,
          status,
          importId,
          v.rowNumber,
        );
        bump(counts, 'partner_commitments');
        return 'written';
      });
    },
    flush() {},
  };
}

function mentorsWriter(env: WriteEnv, h: Helpers): KindWriter {
  const { db, importId, refs, counts } = env;
  const insert = db.prepare(
    'INSERT INTO mentors (key, name, partner_id, expertise, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    writeRow(v) {
      const key = v.need('mentor_key');
      const name = v.need('name');
      const partnerId = h.partner(v, 'partner_key', 'partner_name', false);
      if (v.hasError || key === null || name === null) return 'skipped';
      if (refs.mentor(key) !== undefined) return 'present';
      return inSavepoint(env, v, () => {
        const id = Number(
          insert.run(key, name, partnerId ?? null, v.opt('expertise'), importId, v.rowNumber).lastInsertRowid,
        );
        refs.rememberMentor(id, key);
        bump(counts, 'mentors');
        return 'written';
      });
    },
    flush() {},
  };
}

function sessionsWriter(env: WriteEnv, h: Helpers): KindWriter {
  const { db, importId, refs, counts, mapping } = env;
  const insert = db.prepare(
    `INSERT INTO sessions (external_id, session_date, program_id, cohort_id, site_id, activity_type_id, minutes_offered,
       partner_id, title, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMentor = db.prepare(
    'INSERT INTO session_mentors (session_id, mentor_id, minutes, import_id, source_row) VALUES (?, ?, NULL, ?, ?) ON CONFLICT DO NOTHING',
  );
  const existing = new Set(
    (
      db.prepare('SELECT external_id FROM sessions WHERE external_id IS NOT NULL').pluck().all() as string[]
    ).map((s) => s.trim()),
  );
  return {
    writeRow(v) {
      const external = v.opt('external_id');
      const date = h.date(v, 'session_date');
      if (date === null) v.issue('missing_required', 'session_date');
      const cohortId = h.cohort(v, date);
      if (cohortId === null)
        v.issue('missing_required', 'cohort', {
          message: 'No cohort: map a cohort column, set one for the file, or add the school year.',
        });
      const programId = h.named(v, 'program', 'programs');
      if (programId === null) v.issue('missing_required', 'program');
      const siteId = h.named(v, 'site', 'sites');
      const activityId = h.named(v, 'activity_type', 'activity_types');
      const minutes = h.number(v, 'minutes_offered', true);
      if (typeof minutes === 'number' && (minutes < 0 || !Number.isInteger(minutes)))
        v.issue('bad_number', 'minutes_offered');
      const partnerId = h.partner(v, 'partner_key', 'partner_name', false);
      const mentorIds: number[] = [];
      for (const key of splitList(v.get('mentor_keys'), mapping.listSeparators.mentor_keys)) {
        const id = refs.mentor(key);
        if (id === undefined) v.issue('unknown_reference', 'mentor_keys', { value: key });
        else mentorIds.push(id);
      }
      if (v.hasError) return 'skipped';
      if (external !== null && existing.has(external)) return 'present';
      return inSavepoint(env, v, () => {
        const id = Number(
          insert.run(
            external,
            date,
            programId,
            cohortId,
            siteId ?? null,
            activityId ?? null,
            minutes,
            partnerId ?? null,
            v.opt('title'),
            importId,
            v.rowNumber,
          ).lastInsertRowid,
        );
        if (external !== null) existing.add(external);
        bump(counts, 'sessions');
        for (const m of mentorIds)
          if (insertMentor.run(id, m, importId, v.rowNumber).changes > 0) bump(counts, 'session_mentors');
        return 'written';
      });
    },
    flush() {},
  };
}

/**
 * Attendance: the one entity file that can be huge (a district's sign-in log). Sessions and people
 * are resolved from in-memory maps; attendance rows go out in multi-row inserts. A row whose youth
 * already has attendance at that session is caught by the unique index (ON CONFLICT DO NOTHING) and
 * reported as a duplicate.
 */
function attendanceWriter(env: WriteEnv, h: Helpers): KindWriter {
  const { db, importId, refs, counts, mapping } = env;
  const byExternal = new Map<string, number>();
  const byShape = new Map<string, number>();
  for (const s of db
    .prepare('SELECT id, external_id, program_id, site_id, session_date, activity_type_id FROM sessions')
    .iterate() as Iterable<{
    id: number;
    external_id: string | null;
    program_id: number;
    site_id: number | null;
    session_date: string;
    activity_type_id: number | null;
  }>) {
    if (s.external_id) byExternal.set(s.external_id.trim(), s.id);
    byShape.set(`${s.program_id}|${s.site_id ?? ''}|${s.session_date}|${s.activity_type_id ?? ''}`, s.id);
  }
  const insertSession = db.prepare(
    `INSERT INTO sessions (external_id, session_date, program_id, cohort_id, site_id, activity_type_id, minutes_offered,
       import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rows = new AttendanceRows(db, importId);
  let pendingConflicts: number[] = [];
  const dateCache = new Map<string, string | undefined>();
  const presence = (cell: string): boolean | undefined => {
    const raw = cell.trim().toLowerCase();
    const value = (h.mapped('is_present', raw) ?? raw).toLowerCase();
    if (['1', 'yes', 'y', 'true', 'present', 'p', 'x'].includes(value)) return true;
    if (['0', 'no', 'n', 'false', 'absent', 'a', ''].includes(value)) return false;
    return undefined;
  };

  // The coded fast path (rows from the parser thread): what a distinct cell value resolves to is
  // worked out once, by the same lookups writeRow makes, and kept per dictionary code. Only clean
  // outcomes are kept; anything else (a blank or unknown ID, a session found only by its date and
  // program, a value to restore or to report) sends the row to writeRow.
  const column = (field: string) => env.fieldIndex.get(field);
  const iKey = column('participant_key');
  const iExternal = column('session_external_id');
  const iPresent = column('is_present');
  const iMinutes = column('minutes_attended');
  const CACHED = 1 << 14;
  const pidByCode = new Int32Array(CACHED); // 0: not known yet
  const sessionByCode = new Int32Array(CACHED);
  const presentByCode = new Int8Array(CACHED); // 0: not known yet, 1: absent, 2: present
  const minutesByCode = new Float64Array(CACHED).fill(Number.NaN); // NaN: not known yet, -1: blank
  /** The cell's text when it can be taken as it is (not a neutralised formula), else null. */
  const text = (dictionary: (c: number) => readonly string[], c: number, code: number) => {
    const raw = dictionary(c)[code]!;
    return raw.charCodeAt(0) === 39 ? null : raw;
  };
  const writeCoded = (
    codes: Int32Array,
    at: number,
    rowNumber: number,
    dictionary: (c: number) => readonly string[],
  ): boolean => {
    if (iKey === undefined || iExternal === undefined) return false;
    const kc = codes[at + iKey]!;
    if (kc < 0 || kc >= CACHED) return false;
    let pid = pidByCode[kc]!;
    if (pid === 0) {
      const key = text(dictionary, iKey, kc)?.trim();
      if (!key) return false;
      const id = refs.participant(key, h.create, rowNumber);
      if (id === undefined) return false;
      pid = pidByCode[kc] = id;
    }
    const ec = codes[at + iExternal]!;
    if (ec < 0 || ec >= CACHED) return false;
    let sessionId = sessionByCode[ec]!;
    if (sessionId === 0) {
      const external = text(dictionary, iExternal, ec)?.trim();
      const id = external ? byExternal.get(external) : undefined;
      if (id === undefined) return false;
      sessionId = sessionByCode[ec] = id;
    }
    let present = 2;
    if (iPresent !== undefined) {
      const pc = codes[at + iPresent]!;
      if (pc < 0 || pc >= CACHED) return false;
      present = presentByCode[pc]!;
      if (present === 0) {
        const cell = text(dictionary, iPresent, pc);
        const p = cell === null ? undefined : presence(cell);
        if (p === undefined) return false;
        present = presentByCode[pc] = p ? 2 : 1;
      }
    }
    let minutes = -1;
    if (iMinutes !== undefined) {
      const mc = codes[at + iMinutes]!;
      if (mc < 0 || mc >= CACHED) return false;
      minutes = minutesByCode[mc]!;
      if (Number.isNaN(minutes)) {
        const cell = text(dictionary, iMinutes, mc)?.trim();
        if (cell === undefined) return false;
        if (cell === '') minutes = -1;
        else {
          const n = parseNumberCell(cell, env.settings.decimalSeparator);
          if (n === undefined || n < 0) return false;
          minutes = n;
        }
        minutesByCode[mc] = minutes;
      }
    }
    const isPresent = present === 2;
    const conflicts = rows.add(
      sessionId,
      pid,
      isPresent ? 1 : 0,
      isPresent && minutes >= 0 ? Math.round(minutes) : null,
      rowNumber,
    );
    if (conflicts !== null) pendingConflicts.push(...conflicts);
    bump(counts, 'attendance');
    return true;
  };
  return {
    writeCoded,
    writeRow(v) {
      const key = v.opt('participant_key');
      let pid: number | undefined;
      if (key === null) v.issue('missing_participant_id', 'participant_key');
      else {
        pid = refs.participant(key, h.create, v.rowNumber);
        if (pid === undefined)
          v.issue(
            refs.normaliseId(key) === '' ? 'missing_participant_id' : 'unknown_participant',
            'participant_key',
          );
      }
      // The session: by its ID, or by program, site, date and activity.
      let sessionId: number | undefined;
      const external = v.opt('session_external_id');
      if (external !== null) sessionId = byExternal.get(external);
      if (sessionId === undefined && (external === null || h.create)) {
        const rawDate = v.opt('session_date');
        let date: string | undefined;
        if (rawDate !== null) {
          if (!dateCache.has(rawDate)) dateCache.set(rawDate, parseDateCell(rawDate, env.settings.dateOrder));
          date = dateCache.get(rawDate);
          if (date === undefined) v.issue('bad_date', 'session_date');
        }
        const programId = h.named(v, 'program', 'programs');
        const siteId = h.named(v, 'site', 'sites');
        const activityId = h.named(v, 'activity_type', 'activity_types');
        if (date !== undefined && programId != null) {
          const shape = `${programId}|${siteId ?? ''}|${date}|${activityId ?? ''}`;
          // A row naming its session by ID gets that session; only rows without one match by shape.
          if (external === null) sessionId = byShape.get(shape);
          if (sessionId === undefined && h.create && !v.hasError) {
            const cohortId = h.cohort(v, date);
            const offered = h.number(
              v,
              v.has('minutes_offered') ? 'minutes_offered' : 'minutes_attended',
              false,
            );
            if (cohortId == null)
              v.issue('missing_required', 'cohort', {
                message: 'No cohort holds this date: set the cohort for the file.',
              });
            else if (!v.hasError) {
              sessionId = Number(
                insertSession.run(
                  external,
                  date,
                  programId,
                  cohortId,
                  siteId ?? null,
                  activityId ?? null,
                  Math.max(0, Math.round(offered ?? 0)),
                  importId,
                  v.rowNumber,
                ).lastInsertRowid,
              );
              bump(counts, 'sessions');
              byShape.set(shape, sessionId);
              if (external !== null) byExternal.set(external, sessionId);
            }
          }
        }
        if (sessionId === undefined && !v.hasError)
          v.issue('unknown_reference', external !== null ? 'session_external_id' : 'session_date', {
            message: 'No session matches this row (session ID, or program, site, date and activity).',
          });
      }
      let isPresent = true;
      if (v.has('is_present')) {
        const present = presence(v.get('is_present'));
        if (present === undefined) v.issue('bad_value', 'is_present');
        else isPresent = present;
      }
      const minutes = h.number(v, 'minutes_attended', false);
      if (typeof minutes === 'number' && minutes < 0) v.issue('out_of_range', 'minutes_attended');
      if (v.hasError || pid === undefined || sessionId === undefined) return 'skipped';
      const conflicts = rows.add(
        sessionId,
        pid,
        isPresent ? 1 : 0,
        isPresent && typeof minutes === 'number' ? Math.round(minutes) : null,
        v.rowNumber,
      );
      if (conflicts !== null) pendingConflicts.push(...conflicts);
      bump(counts, 'attendance');
      return 'written';
    },
    flush(onConflict) {
      const conflicts = [...pendingConflicts, ...rows.flush()];
      pendingConflicts = [];
      rows.checkReferences();
      for (const row of conflicts) {
        bump(counts, 'attendance', -1);
        onConflict(
          row,
          importIssue('duplicate_row', {
            row,
            message: 'This youth already has attendance at this session (an earlier row or import).',
          }),
        );
      }
      void mapping;
    },
  };
}

function contributionsWriter(env: WriteEnv, h: Helpers): KindWriter {
  const { db, importId, refs, counts } = env;
  const insert = db.prepare(
    `INSERT INTO contributions (partner_id, kind, amount, unit, contributed_on, cohort_id, mentor_id, description, import_id, source_row)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    writeRow(v) {
      const partnerId = h.partner(v, 'partner_key', 'partner_name', true);
      const kind = h.vocab(v, 'kind', isContributionKind);
      const amount = h.number(v, 'amount', true);
      if (typeof amount === 'number' && amount < 0) v.issue('out_of_range', 'amount');
      const unit = h.vocab(v, 'unit', isContributionUnit);
      const date = h.date(v, 'contributed_on');
      const cohortId = h.cohort(v, date);
      let mentorId: number | null = null;
      const mentorKey = v.opt('mentor_key');
      if (mentorKey !== null) {
        mentorId = refs.mentor(mentorKey) ?? null;
        if (mentorId === null) v.issue('unknown_reference', 'mentor_key');
      }
      if (v.hasError) return 'skipped';
      return inSavepoint(env, v, () => {
        insert.run(
          partnerId,
          kind,
          amount,
          unit,
          date ?? null,
          cohortId ?? null,
          mentorId,
          v.opt('description'),
          importId,
          v.rowNumber,
        );
        bump(counts, 'contributions');
        return 'written';
      });
    },
    flush() {},
  };
}

function goalsWriter(env: WriteEnv, h: Helpers): KindWriter {
  const { db, importId, counts } = env;
  const insert = db.prepare(
    `INSERT INTO goals (metric_key, description, target_value, direction, unit, cohort_id, program_id, starts_on, ends_on,
       owner_partner_id, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    writeRow(v) {
      const metric = v.need('metric_key');
      const target = h.number(v, 'target_value', true);
      const direction = h.vocab(v, 'direction', isGoalDirection, 'at_least');
      const cohortId = h.cohort(v);
      const programId = h.named(v, 'program', 'programs');
      const starts = h.date(v, 'starts_on');
      const ends = h.date(v, 'ends_on');
      const owner = h.partner(v, 'owner_partner_key', 'owner_partner_name', false);
      if (v.hasError) return 'skipped';
      return inSavepoint(env, v, () => {
        insert.run(
          metric,
          v.opt('description'),
          target,
          direction,
          v.opt('unit'),
          cohortId ?? null,
          programId ?? null,
          starts ?? null,
          ends ?? null,
          owner ?? null,
          importId,
          v.rowNumber,
        );
        bump(counts, 'goals');
        return 'written';
      });
    },
    flush() {},
  };
}

export function createEntityWriter(env: WriteEnv): KindWriter {
  const h = helpers(env);
  switch (env.mapping.kind) {
    case 'roster':
      return rosterWriter(env, h);
    case 'partners':
      return partnersWriter(env, h);
    case 'commitments':
      return commitmentsWriter(env, h);
    case 'mentors':
      return mentorsWriter(env, h);
    case 'sessions':
      return sessionsWriter(env, h);
    case 'attendance':
      return attendanceWriter(env, h);
    case 'contributions':
      return contributionsWriter(env, h);
    case 'goals':
      return goalsWriter(env, h);
    case 'survey':
      throw new Error('survey files have their own writer');
  }
}

export type { ImportIssue };
