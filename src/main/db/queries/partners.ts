import type { CommitmentStatus, ContributionKind, ContributionUnit, PartnerType } from '@shared/vocab';
import type { Db } from '../open-project';
import type { Origin, Provenance } from './imports';

// Partners, their contacts, action-plan commitments, mentors and contributions.

export interface Partner {
  id: number;
  key: string;
  name: string;
  partnerType: PartnerType;
  town: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}
export interface Contact {
  id: number;
  partnerId: number;
  name: string;
  roleTitle: string | null;
  email: string | null;
}
export interface Commitment {
  id: number;
  partnerId: number;
  role: string;
  commitment: string;
  startsOn: string | null;
  endsOn: string | null;
  cohortId: number | null;
  status: CommitmentStatus;
}
export interface Mentor {
  id: number;
  key: string;
  name: string;
  partnerId: number | null;
  expertise: string | null;
}
export interface Contribution {
  id: number;
  partnerId: number;
  kind: ContributionKind;
  amount: number;
  unit: ContributionUnit;
  contributedOn: string | null;
  cohortId: number | null;
  mentorId: number | null;
  description: string | null;
}
export interface ContributionTotal {
  partnerId: number;
  kind: ContributionKind;
  unit: ContributionUnit;
  total: number;
}

const partnerCols =
  'id, key, name, partner_type AS partnerType, town, joined_on AS joinedOn, left_on AS leftOn';
const mentorCols = 'id, key, name, partner_id AS partnerId, expertise';

export function partnerQueries(db: Db) {
  const stmt = {
    insertPartner: db.prepare<
      [string, string, string, string | null, string | null, string | null, number | null, number | null]
    >(
      `INSERT INTO partners (key, name, partner_type, town, joined_on, left_on, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    partnerByKey: db.prepare<[string], Partner>(`SELECT ${partnerCols} FROM partners WHERE key = ?`),
    partnerByName: db.prepare<[string], Partner>(`SELECT ${partnerCols} FROM partners WHERE name = ?`),
    partners: db.prepare<[], Partner>(`SELECT ${partnerCols} FROM partners ORDER BY key`),
    insertContact: db.prepare<[number, string, string | null, string | null, number | null, number | null]>(
      'INSERT INTO contacts (partner_id, name, role_title, email, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    contactByEmail: db.prepare<[string], Contact>(
      'SELECT id, partner_id AS partnerId, name, role_title AS roleTitle, email FROM contacts WHERE email = ?',
    ),
    contacts: db.prepare<[number], Contact>(
      'SELECT id, partner_id AS partnerId, name, role_title AS roleTitle, email FROM contacts WHERE partner_id = ? ORDER BY id',
    ),
    insertCommitment: db.prepare<
      [number, string, string, string | null, string | null, number | null, string, number, number]
    >(
      `INSERT INTO partner_commitments (partner_id, role, commitment, starts_on, ends_on, cohort_id, status, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    commitments: db.prepare<[number], Commitment>(
      `SELECT id, partner_id AS partnerId, role, commitment, starts_on AS startsOn, ends_on AS endsOn, cohort_id AS cohortId,
         status
       FROM partner_commitments WHERE partner_id = ? ORDER BY starts_on, id`,
    ),
    insertMentor: db.prepare<[string, string, number | null, string | null, number | null, number | null]>(
      'INSERT INTO mentors (key, name, partner_id, expertise, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    mentorByKey: db.prepare<[string], Mentor>(`SELECT ${mentorCols} FROM mentors WHERE key = ?`),
    mentorsOf: db.prepare<[number], Mentor>(
      `SELECT ${mentorCols} FROM mentors WHERE partner_id = ? ORDER BY key`,
    ),
    insertContribution: db.prepare<
      [
        number,
        string,
        number,
        string,
        string | null,
        number | null,
        number | null,
        string | null,
        number,
        number,
      ]
    >(
      `INSERT INTO contributions (partner_id, kind, amount, unit, contributed_on, cohort_id, mentor_id, description, import_id,
         source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    contributions: db.prepare<[number], Contribution>(
      `SELECT id, partner_id AS partnerId, kind, amount, unit, contributed_on AS contributedOn, cohort_id AS cohortId,
         mentor_id AS mentorId, description
       FROM contributions WHERE partner_id = ? ORDER BY contributed_on, id`,
    ),
    totals: db.prepare<[number], ContributionTotal>(
      `SELECT partner_id AS partnerId, kind, unit, total(amount) AS total
       FROM contributions WHERE cohort_id = ? GROUP BY partner_id, kind, unit ORDER BY partner_id, kind, unit`,
    ),
  };
  const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);
  return {
    insertPartner: (p: Omit<Partner, 'id'>, origin: Origin = {}): number =>
      id(
        stmt.insertPartner.run(
          p.key,
          p.name,
          p.partnerType,
          p.town,
          p.joinedOn,
          p.leftOn,
          origin.importId ?? null,
          origin.sourceRow ?? null,
        ),
      ),
    getPartnerByKey: (key: string): Partner | undefined => stmt.partnerByKey.get(key),
    /** Exact match on the stored name (normalising spelling variants is the importer's job). */
    getPartnerByName: (name: string): Partner | undefined => stmt.partnerByName.get(name),
    listPartners: (): Partner[] => stmt.partners.all(),
    insertContact: (c: Omit<Contact, 'id'>, origin: Origin = {}): number =>
      id(
        stmt.insertContact.run(
          c.partnerId,
          c.name,
          c.roleTitle,
          c.email,
          origin.importId ?? null,
          origin.sourceRow ?? null,
        ),
      ),
    getContactByEmail: (email: string): Contact | undefined => stmt.contactByEmail.get(email),
    listContacts: (partnerId: number): Contact[] => stmt.contacts.all(partnerId),
    insertCommitment: (c: Omit<Commitment, 'id'>, prov: Provenance): number =>
      id(
        stmt.insertCommitment.run(
          c.partnerId,
          c.role,
          c.commitment,
          c.startsOn,
          c.endsOn,
          c.cohortId,
          c.status,
          prov.importId,
          prov.sourceRow,
        ),
      ),
    listCommitments: (partnerId: number): Commitment[] => stmt.commitments.all(partnerId),
    insertMentor: (m: Omit<Mentor, 'id'>, origin: Origin = {}): number =>
      id(
        stmt.insertMentor.run(
          m.key,
          m.name,
          m.partnerId,
          m.expertise,
          origin.importId ?? null,
          origin.sourceRow ?? null,
        ),
      ),
    getMentorByKey: (key: string): Mentor | undefined => stmt.mentorByKey.get(key),
    listMentors: (partnerId: number): Mentor[] => stmt.mentorsOf.all(partnerId),
    insertContribution: (c: Omit<Contribution, 'id'>, prov: Provenance): number =>
      id(
        stmt.insertContribution.run(
          c.partnerId,
          c.kind,
          c.amount,
          c.unit,
          c.contributedOn,
          c.cohortId,
          c.mentorId,
          c.description,
          prov.importId,
          prov.sourceRow,
        ),
      ),
    listContributions: (partnerId: number): Contribution[] => stmt.contributions.all(partnerId),
    /** Sum of contributions in a cohort per partner, kind and unit (never across units). */
    totalContributions: (cohortId: number): ContributionTotal[] => stmt.totals.all(cohortId),
  };
}
export type PartnerQueries = ReturnType<typeof partnerQueries>;
