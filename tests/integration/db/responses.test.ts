import { describe, expect, it } from 'vitest';
import { partnerQueries } from '../../../src/main/db/queries/partners';
import { responseQueries } from '../../../src/main/db/queries/responses';
import { seedSmallPartnership } from '../../helpers/model-seed';
import { useTempProject } from '../../helpers/temp-project';

describe('respondents, administrations, long-form responses', () => {
  const project = useTempProject();

  it('stores one row per respondent x item x wave with value or missing reason', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = responseQueries(db);
    const rows = q.listResponses(s.adm);
    expect(rows).toHaveLength(15);
    const y2 = q.getRespondentByKey('youth:Y2');
    expect(y2).toMatchObject({ kind: 'youth', participantId: s.youth.y2, partnerId: null });
    expect(
      rows
        .filter((r) => r.respondentId === y2?.id && r.wave === 'pre')
        .map((r) => [r.value, r.missingReason, r.rawText]),
    ).toEqual([
      [3, null, 'Neither agree nor disagree'],
      [null, 'prefer_not_to_say', 'Prefer not to say'],
      [3, null, 'Neither agree nor disagree'],
    ]);
    expect(q.countMissing(s.adm)).toEqual([
      { itemId: s.items[1], missingReason: 'prefer_not_to_say', n: 1 },
      { itemId: s.items[1], missingReason: 'skipped', n: 1 },
      { itemId: s.items[2], missingReason: 'skipped', n: 2 },
    ]);
    expect(q.listAdministrations(s.cohorts.c23)).toEqual([
      expect.objectContaining({ id: s.adm, label: 'Youth survey 2023-24', openedOn: '2023-09-05' }),
    ]);
  });

  it('refuses a second answer to the same item in the same wave, and a value with a missing reason', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = responseQueries(db);
    const respondentId = q.getRespondentByKey('youth:Y1')?.id ?? -1;
    const base = {
      administrationId: s.adm,
      respondentId,
      itemId: s.items[0] as number,
      rawText: null,
      platformResponseId: null,
      respondedAt: null,
    };
    const prov = { importId: s.imports.surveyImport, sourceRow: 99 };
    expect(() => q.insertResponse({ ...base, wave: 'pre', value: 5, missingReason: null }, prov)).toThrow(
      /UNIQUE/,
    );
    // A retrospective "before" answer in the same sitting is a different wave: allowed.
    q.insertResponse({ ...base, wave: 'retrospective_pre', value: 1, missingReason: null }, prov);
    const insert = db.prepare(
      `INSERT INTO responses (administration_id, respondent_id, item_id, wave, value, missing_reason, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    expect(() =>
      insert.run(s.adm, respondentId, s.items[0], 'follow_up', 4, 'dont_know', prov.importId, 1),
    ).toThrow(/CHECK/);
    expect(() => insert.run(s.adm, respondentId, s.items[0], 'midpoint', 4, null, prov.importId, 1)).toThrow(
      /CHECK/,
    );
  });

  it('lets a partner organisation (and optionally a contact) be a respondent, never a youth and a partner at once', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = responseQueries(db);
    const contact = partnerQueries(db).insertContact({
      partnerId: s.library,
      name: 'Ana',
      roleTitle: null,
      email: 'ana@ccl.example',
    });
    const id = q.ensureRespondent({
      key: 'partner:P01:ana@ccl.example',
      kind: 'partner',
      participantId: null,
      partnerId: s.library,
      contactId: contact,
    });
    expect(
      q.ensureRespondent({
        key: 'partner:P01:ana@ccl.example',
        kind: 'partner',
        participantId: null,
        partnerId: s.library,
        contactId: contact,
      }),
    ).toBe(id);
    expect(() =>
      q.insertRespondent({
        key: 'odd',
        kind: 'youth',
        participantId: s.youth.y1,
        partnerId: s.library,
        contactId: null,
      }),
    ).toThrow(/CHECK/);
    expect(() =>
      q.insertRespondent({
        key: 'odd2',
        kind: 'partner',
        participantId: null,
        partnerId: null,
        contactId: null,
      }),
    ).toThrow(/CHECK/);
  });
});
