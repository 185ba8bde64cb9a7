import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Mapping } from '../../../src/shared/import-mapping';
import { previewImport } from '../../../src/main/import/preview';
import { runImport } from '../../../src/main/import/run/run-import';
import {
  assignColumn,
  assignmentOf,
  mappingProblems,
  setMissingCodes,
  setReverse,
  setScaleOption,
  stillUnmatched,
} from '../../../src/renderer/src/features/import/mapping-edit';
import { progressFigures } from '../../../src/renderer/src/components/progress-figures';
import { useTempProject } from '../../helpers/temp-project';

const demoDir = resolve(import.meta.dirname, '..', '..', '..', 'resources', 'demo');
const demoPre = join(demoDir, 'youth-survey-pre-2024-25.csv');

/** The real proposal for the demo's Qualtrics pre survey, as the wizard receives it. */
async function proposal() {
  const p = await previewImport(null, demoPre);
  const column = (key: string) => {
    const c = p.columns.find((x) => x.key === key);
    if (!c) throw new Error(`no column ${key}`);
    return c;
  };
  return { preview: p, mapping: Mapping.parse(p.mapping), column };
}

describe('the wizard reads each column’s role back from the mapping', () => {
  it('agrees with the proposal’s role and target for every column of a Qualtrics export', async () => {
    const { preview, mapping } = await proposal();
    const roles = preview.columns.map((c) => ({ key: c.key, ...assignmentOf(mapping, c) }));
    expect(roles).toEqual(preview.columns.map((c) => ({ key: c.key, role: c.role, target: c.target })));
    expect(roles.filter((r) => r.role === 'item')).toHaveLength(22);
  });

  it.each(readdirSync(demoDir).filter((f) => f.endsWith('.csv')))(
    'agrees for the demo file %s',
    async (name) => {
      const p = await previewImport(null, join(demoDir, name));
      const mapping = Mapping.parse(p.mapping);
      expect(p.columns.map((c) => ({ key: c.key, ...assignmentOf(mapping, c) }))).toEqual(
        p.columns.map((c) => ({ key: c.key, role: c.role, target: c.target })),
      );
    },
  );
});

describe('mapping edits', () => {
  it('moves the participant ID to another column (a field maps one column)', async () => {
    const { mapping, column } = await proposal();
    const next = assignColumn(mapping, column('externalDataReference'), 'participant_id');
    expect(next.fields.participant_key).toBe('externalDataReference');
    expect(assignmentOf(next, column('youth_id'))).toEqual({ role: 'ignore', target: null });
    expect(Mapping.safeParse(next).success).toBe(true);
    // the original mapping is untouched
    expect(mapping.fields.participant_key).toBe('youth_id');
  });

  it('ignores an item, turns an attribute into an item on the first scale, and stays a valid Mapping', async () => {
    const { mapping, column } = await proposal();
    let next = assignColumn(mapping, column('QID1_1'), 'ignore');
    expect(next.survey!.items.map((i) => i.column)).not.toContain('QID1_1');
    next = assignColumn(next, column('QID9'), 'item', 'CONSENT');
    const added = next.survey!.items.find((i) => i.code === 'CONSENT')!;
    expect(added).toMatchObject({ column: 'QID9', scale: 'agreement-5', reverse: false });
    expect(next.survey!.attributes.map((a) => a.column)).not.toContain('QID9');
    expect(assignmentOf(next, column('QID9'))).toEqual({ role: 'item', target: 'CONSENT' });
    expect(next.survey!.items).toHaveLength(22);
    expect(Mapping.safeParse(next).success).toBe(true);
  });

  it('gives a new item a code no other item has', async () => {
    const { mapping, column } = await proposal();
    const next = assignColumn(mapping, column('QID6_TEXT'), 'item');
    const codes = next.survey!.items.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('confirms or clears a reverse-coded item (the suggestion flag goes)', async () => {
    const { mapping } = await proposal();
    const suggested = mapping.survey!.items.find((i) => i.reverseSuggested)!;
    const cleared = setReverse(mapping, suggested.code, false);
    const item = cleared.survey!.items.find((i) => i.code === suggested.code)!;
    expect(item.reverse).toBe(false);
    expect(item.reverseSuggested).toBeUndefined();
  });

  it('codes an unmatched answer: it leaves the flagged list, the range follows the values', async () => {
    const { mapping } = await proposal();
    const scale = mapping.survey!.scales[0]!;
    const unmatched = ['Totally agree', 'n/a', '-99'];
    expect(stillUnmatched(scale, unmatched)).toEqual(unmatched);
    let next = setScaleOption(mapping, scale.code, scale.options.length, {
      label: 'Totally agree',
      value: 6,
    });
    next = setScaleOption(next, scale.code, next.survey!.scales[0]!.options.length, {
      label: 'n/a',
      missing: 'not_applicable',
    });
    next = setMissingCodes(next, scale.code, '-99, 99');
    const edited = next.survey!.scales[0]!;
    expect(edited.max).toBe(6);
    expect(edited.missingCodes).toEqual([-99, 99]);
    expect(stillUnmatched(edited, [' totally  AGREE ', 'N/A', '-99', 'Maybe'])).toEqual(['Maybe']);
    // removing an option
    const removed = setScaleOption(next, scale.code, 0, null).survey!.scales[0]!;
    expect(removed.options.map((o) => o.label)).not.toContain('Strongly disagree');
    expect(removed.min).toBe(2);
  });

  it('says what still stops an import', async () => {
    const { mapping } = await proposal();
    expect(mappingProblems(mapping)).toEqual([]);
    const { wave: _, ...noWave } = mapping;
    expect(mappingProblems(noWave as Mapping).join(' ')).toMatch(/wave/);
    const noItems = { ...mapping, survey: { ...mapping.survey!, items: [] } };
    expect(mappingProblems(noItems).join(' ')).toMatch(/at least one column as a survey item/);
    const roster = Mapping.parse({ kind: 'roster', cohort: '2024-25' });
    expect(mappingProblems(roster).join(' ')).toMatch(/participant_key/);
  });
});

describe('an edited mapping goes through the real import (dry run)', () => {
  const project = useTempProject();
  it('one item fewer: the responses are the rows imported times 21 items', async () => {
    const { mapping, column } = await proposal();
    const p = project();
    const full = await runImport(p.db, demoPre, { mapping, policy: 'skip_invalid', dryRun: true });
    const edited = assignColumn(mapping, column('QID1_1'), 'ignore');
    const report = await runImport(p.db, demoPre, { mapping: edited, policy: 'skip_invalid', dryRun: true });
    expect(report.status).toBe('dry_run');
    expect(report.rowsImported).toBe(full.rowsImported);
    expect(full.counts.responses).toBe(full.rowsImported * 22);
    expect(report.counts.responses).toBe(report.rowsImported * 21);
    // nothing was written
    expect(p.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
  });
});

describe('progress in words', () => {
  it('reads rows, percent of bytes and rate from an import.run event', () => {
    expect(
      progressFigures({
        phase: 'Importing',
        done: 12345,
        total: null,
        unit: 'rows',
        rate: 50000,
        message: '12,345 rows, 1.2 of 4.8 MB (25%)',
      }),
    ).toEqual({ percent: 25, text: '12,345 rows · 25% · 50,000 rows/s' });
  });
  it('computes the percent of a read with a known size', () => {
    expect(progressFigures({ phase: 'Reading', done: 2e6, total: 8e6, unit: 'bytes', rate: null })).toEqual({
      percent: 25,
      text: '2.0 MB of 8.0 MB · 25%',
    });
  });
  it('shows the starting message before any row', () => {
    expect(
      progressFigures({
        phase: 'Importing',
        done: 0,
        total: null,
        unit: 'rows',
        rate: null,
        message: 'Starting…',
      }),
    ).toEqual({ percent: null, text: 'Starting…' });
  });
});
