import { describe, expect, it } from 'vitest';
import { loadMigrations, migrations } from '../../../../src/main/db/migrations';

describe('migrations', () => {
  it('are numbered 1..n from their file names', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations[0]?.name).toBe('foundation');
  });

  it.each([
    [{ './migrations/0001_a.sql': 'x', './migrations/0003_c.sql': 'y' }, /without gaps/],
    [{ './migrations/0001_a.sql': 'x', './migrations/0001_b.sql': 'y' }, /without gaps/],
    [{ './migrations/init.sql': 'x' }, /NNNN_name\.sql/],
  ])('refuses a broken set %#', (files, message) => {
    expect(() => loadMigrations(files)).toThrow(message);
  });
});
