import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openProject } from '../../../src/main/db/open-project';
import { latestVersion, migrations } from '../../../src/main/db/migrations';
import { TrellisError } from '../../../src/shared/errors';
import { useTempDir } from '../../helpers/temp';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof TrellisError ? err.code : `not a TrellisError: ${String(err)}`;
  }
  return 'no error';
};

describe('openProject', () => {
  const temp = useTempDir();

  it('creates a project file with every migration applied, WAL and synchronous=FULL', () => {
    const path = join(temp(), 'p.trellis');
    const p = openProject(path);
    expect(p.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(p.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(p.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(p.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(p.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(p.name).toBe('p');
    p.close();
  });

  it('keeps synchronous=FULL when re-opening an existing WAL file (better-sqlite3 would drop to NORMAL)', () => {
    const path = join(temp(), 'p.trellis');
    openProject(path).close();
    const raw = new Database(path);
    expect(raw.pragma('synchronous', { simple: true })).not.toBe(2); // the hazard is real
    raw.close();
    const p = openProject(path);
    expect(p.db.pragma('synchronous', { simple: true })).toBe(2);
    p.close();
  });

  it('refuses a second writer while the first has it open, and allows it after close', () => {
    const path = join(temp(), 'p.trellis');
    const first = openProject(path);
    expect(codeOf(() => openProject(path))).toBe('project_locked');
    first.close();
    const second = openProject(path);
    second.close();
  });

  it('refuses a file written by a newer Trellis, without touching it', () => {
    const path = join(temp(), 'p.trellis');
    openProject(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestVersion + 5}`);
    raw.close();
    expect(codeOf(() => openProject(path))).toBe('project_too_new');
  });

  it('refuses a SQLite file that is not a Trellis project, and a file that is not SQLite at all', () => {
    const dir = temp();
    const other = join(dir, 'other.sqlite');
    const raw = new Database(other);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect(codeOf(() => openProject(other))).toBe('not_a_project');
    const text = join(dir, 'notes.trellis');
    writeFileSync(text, 'youth_id,score\n1,2\n'.repeat(500));
    expect(codeOf(() => openProject(text))).toBe('project_corrupt');
  });

  it('does not create a missing file when create is false', () => {
    expect(codeOf(() => openProject(join(temp(), 'missing.trellis'), { create: false }))).toBe(
      'project_not_found',
    );
  });

  it('applies pending migrations in one transaction: a failing one leaves the file as it was', () => {
    const path = join(temp(), 'p.trellis');
    openProject(path).close();
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE ok_so_far (x); SELECT * FROM no_such_table;',
      },
    ];
    expect(() => openProject(path, { migrations: broken })).toThrow();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'ok_so_far'").pluck().get()).toBe(0);
    raw.close();
    // and the lock was released despite the failure
    openProject(path).close();
  });
});
