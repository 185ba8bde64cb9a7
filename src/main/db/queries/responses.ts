import type { MissingReason, RespondentKind, Wave } from '@shared/vocab';
import type { Db } from '../open-project';
import type { Origin, Provenance } from './imports';

// Survey answers in long form: respondents, administrations (usually one export) and one `responses`
// row per respondent x item x wave. `responses` is a view over sittings + answers (migration `sittings_answers`)
// whose triggers take these inserts: each answer goes into its sitting, created when new.

export interface Respondent {
  id: number;
  key: string;
  kind: RespondentKind;
  participantId: number | null;
  partnerId: number | null;
  contactId: number | null;
}
export interface Administration {
  id: number;
  instrumentId: number;
  cohortId: number;
  programId: number | null;
  label: string;
  openedOn: string | null;
  closedOn: string | null;
}
/** A value, or a typed missing reason: never both (the table's CHECK says the same). */
export type Response = {
  administrationId: number;
  respondentId: number;
  itemId: number;
  wave: Wave;
  rawText: string | null;
  platformResponseId: string | null;
  respondedAt: string | null;
} & ({ value: number; missingReason: null } | { value: null; missingReason: MissingReason });

export interface MissingCount {
  itemId: number;
  missingReason: MissingReason;
  n: number;
}

const respondentCols =
  'id, key, kind, participant_id AS participantId, partner_id AS partnerId, contact_id AS contactId';
const responseCols = `administration_id AS administrationId, respondent_id AS respondentId, item_id AS itemId, wave,
  value, raw_text AS rawText, missing_reason AS missingReason, platform_response_id AS platformResponseId,
  responded_at AS respondedAt`;

export function responseQueries(db: Db) {
  const stmt = {
    insertRespondent: db.prepare<
      [string, string, number | null, number | null, number | null, number | null]
    >(
      'INSERT INTO respondents (key, kind, participant_id, partner_id, contact_id, import_id) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    respondentByKey: db.prepare<[string], Respondent>(
      `SELECT ${respondentCols} FROM respondents WHERE key = ?`,
    ),
    insertAdministration: db.prepare<
      [number, number, number | null, string, string | null, string | null, number]
    >(
      `INSERT INTO administrations (instrument_id, cohort_id, program_id, label, opened_on, closed_on, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    administrations: db.prepare<[number], Administration>(
      `SELECT id, instrument_id AS instrumentId, cohort_id AS cohortId, program_id AS programId, label,
         opened_on AS openedOn, closed_on AS closedOn
       FROM administrations WHERE cohort_id = ? ORDER BY opened_on, id`,
    ),
    insertResponse: db.prepare<
      [
        number,
        number,
        number,
        string,
        number | null,
        string | null,
        string | null,
        string | null,
        string | null,
        number,
        number,
      ]
    >(
      `INSERT INTO responses (administration_id, respondent_id, item_id, wave, value, raw_text, missing_reason,
         platform_response_id, responded_at, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    responses: db.prepare<[number], Response>(
      `SELECT ${responseCols} FROM responses WHERE administration_id = ? ORDER BY respondent_id, item_id, wave`,
    ),
    missing: db.prepare<[number], MissingCount>(
      `SELECT item_id AS itemId, missing_reason AS missingReason, count(*) AS n
       FROM responses WHERE administration_id = ? AND missing_reason IS NOT NULL
       GROUP BY item_id, missing_reason ORDER BY item_id, missing_reason`,
    ),
  };
  const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);
  return {
    insertRespondent: (r: Omit<Respondent, 'id'>, origin: Origin = {}): number =>
      id(
        stmt.insertRespondent.run(
          r.key,
          r.kind,
          r.participantId,
          r.partnerId,
          r.contactId,
          origin.importId ?? null,
        ),
      ),
    getRespondentByKey: (key: string): Respondent | undefined => stmt.respondentByKey.get(key),
    /** The respondent for a key, created with these fields when new. */
    ensureRespondent(r: Omit<Respondent, 'id'>, origin: Origin = {}): number {
      const found = stmt.respondentByKey.get(r.key);
      if (found) return found.id;
      return id(
        stmt.insertRespondent.run(
          r.key,
          r.kind,
          r.participantId,
          r.partnerId,
          r.contactId,
          origin.importId ?? null,
        ),
      );
    },
    /** An administration belongs to the import that brought its responses (undone with it). */
    insertAdministration: (a: Omit<Administration, 'id'>, importId: number): number =>
      id(
        stmt.insertAdministration.run(
          a.instrumentId,
          a.cohortId,
          a.programId,
          a.label,
          a.openedOn,
          a.closedOn,
          importId,
        ),
      ),
    listAdministrations: (cohortId: number): Administration[] => stmt.administrations.all(cohortId),
    insertResponse: (r: Response, prov: Provenance): number =>
      id(
        stmt.insertResponse.run(
          r.administrationId,
          r.respondentId,
          r.itemId,
          r.wave,
          r.value,
          r.rawText,
          r.missingReason,
          r.platformResponseId,
          r.respondedAt,
          prov.importId,
          prov.sourceRow,
        ),
      ),
    listResponses: (administrationId: number): Response[] => stmt.responses.all(administrationId),
    /** Missing answers per item and reason: counted, never averaged. */
    countMissing: (administrationId: number): MissingCount[] => stmt.missing.all(administrationId),
  };
}
export type ResponseQueries = ReturnType<typeof responseQueries>;
