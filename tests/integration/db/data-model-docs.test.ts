import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedSmallPartnership } from '../../helpers/model-seed';
import { useTempProject } from '../../helpers/temp-project';

const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/data-model.md'), 'utf8');
const queries = new Map(
  [...doc.matchAll(/```sql\n-- query: ([\w-]+)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]),
);

describe('docs/data-model.md', () => {
  const project = useTempProject();

  it('has the two example queries', () => {
    expect([...queries.keys()]).toEqual(['scale-mean-per-wave', 'contact-hours-per-cohort']);
  });

  it('scale mean per wave: reverse-codes, drops missing answers and respondents under min_items', () => {
    const { db } = project();
    seedSmallPartnership(db);
    expect(db.prepare(queries.get('scale-mean-per-wave') ?? '').all()).toEqual([
      { cohort: '2023-24', scale: 'interest', wave: 'pre', n: 2, mean_score: 2.67 },
      { cohort: '2023-24', scale: 'interest', wave: 'post', n: 2, mean_score: 4.25 },
    ]);
  });

  it('contact hours per cohort: present rows only, missing minutes count the whole session', () => {
    const { db } = project();
    seedSmallPartnership(db);
    expect(db.prepare(queries.get('contact-hours-per-cohort') ?? '').all()).toEqual([
      { cohort: '2022-23', youth: 1, contact_hours: 2, hours_per_youth: 2 },
      { cohort: '2023-24', youth: 2, contact_hours: 3, hours_per_youth: 1.5 },
    ]);
  });

  it('describes every table of the schema', () => {
    const { db } = project();
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('project_meta', 'import_columns', 'import_cells')",
      )
      .pluck()
      .all() as string[];
    // A table is described when it heads a row of one of the tables: | `name` | ... (any padding).
    const missing = tables.filter(
      (t) => !new RegExp(`^\\|\\s*\`${t}\`\\s*\\|`, 'm').test(doc) && t !== 'imports',
    );
    expect(missing).toEqual([]);
  });
});
