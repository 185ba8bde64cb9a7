import { describe, expect, it } from 'vitest';
import { partnerQueries } from '../../../src/main/db/queries/partners';
import { seedSmallPartnership } from '../../helpers/model-seed';
import { useTempProject } from '../../helpers/temp-project';

describe('partners, contacts, commitments, mentors, contributions', () => {
  const project = useTempProject();

  it('reads partners and mentors with non-ASCII names back unchanged', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = partnerQueries(db);
    expect(q.getPartnerByName('Cañon City Library')).toEqual({
      id: s.library,
      key: 'P01',
      name: 'Cañon City Library',
      partnerType: 'out_of_school_provider',
      town: 'Cañon City',
      joinedOn: '2022-08-01',
      leftOn: null,
    });
    expect(q.getPartnerByKey('P01')?.id).toBe(s.library);
    expect(q.listPartners()).toHaveLength(1);
    expect(q.getMentorByKey('M01')).toEqual({
      id: s.zoe,
      key: 'M01',
      name: 'Zoë Martínez',
      partnerId: s.library,
      expertise: 'robotics',
    });
    expect(q.listMentors(s.library).map((m) => m.name)).toEqual(['Zoë Martínez']);
  });

  it('finds contacts by e-mail regardless of case', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = partnerQueries(db);
    const id = q.insertContact({
      partnerId: s.library,
      name: 'Renée Ortiz',
      roleTitle: 'Director',
      email: 'renee@ccl.example',
    });
    expect(q.getContactByEmail('Renee@CCL.example')?.id).toBe(id);
    expect(q.listContacts(s.library)).toHaveLength(1);
    expect(() =>
      q.insertContact({ partnerId: s.library, name: 'Someone', roleTitle: null, email: 'RENEE@ccl.example' }),
    ).toThrow(/UNIQUE/);
  });

  it('keeps the action plan: role, commitment, from, to', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = partnerQueries(db);
    const prov = { importId: s.imports.partnersImport, sourceRow: 2 };
    q.insertCommitment(
      {
        partnerId: s.library,
        role: 'Host site',
        commitment: 'Host the Maker Club weekly',
        startsOn: '2023-09-01',
        endsOn: '2024-05-31',
        cohortId: s.cohorts.c23,
        status: 'met',
      },
      prov,
    );
    expect(q.listCommitments(s.library)).toEqual([
      expect.objectContaining({
        role: 'Host site',
        status: 'met',
        startsOn: '2023-09-01',
        endsOn: '2024-05-31',
      }),
    ]);
    expect(() =>
      db
        .prepare(
          'INSERT INTO partner_commitments (partner_id, role, commitment, status, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(s.library, 'x', 'y', 'finished', prov.importId, 1),
    ).toThrow(/CHECK/);
  });

  it('totals contributions per partner, kind and unit, never across units', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = partnerQueries(db);
    const prov = { importId: s.imports.contributionsImport, sourceRow: 2 };
    const base = {
      partnerId: s.library,
      contributedOn: '2024-01-10',
      cohortId: s.cohorts.c23,
      mentorId: null,
      description: null,
    };
    q.insertContribution({ ...base, kind: 'mentor_hours', amount: 1.5, unit: 'hours' }, prov);
    q.insertContribution(
      { ...base, kind: 'equipment', amount: 2, unit: 'items', description: '3D printers' },
      prov,
    );
    q.insertContribution({ ...base, kind: 'equipment', amount: 1800, unit: 'usd' }, prov);
    expect(q.totalContributions(s.cohorts.c23)).toEqual([
      { partnerId: s.library, kind: 'equipment', unit: 'items', total: 2 },
      { partnerId: s.library, kind: 'equipment', unit: 'usd', total: 1800 },
      { partnerId: s.library, kind: 'mentor_hours', unit: 'hours', total: 4 },
    ]);
    expect(q.listContributions(s.library)).toHaveLength(4);
    const bad = db.prepare(
      'INSERT INTO contributions (partner_id, kind, amount, unit, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?)',
    );
    expect(() => bad.run(s.library, 'donation', 1, 'usd', prov.importId, 1)).toThrow(/CHECK/);
    expect(() => bad.run(s.library, 'funding', 1, 'dollars', prov.importId, 1)).toThrow(/CHECK/);
    expect(() => bad.run(s.library, 'funding', -5, 'usd', prov.importId, 1)).toThrow(/CHECK/);
  });
});
