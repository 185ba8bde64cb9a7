import { closeSync, openSync, readSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
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

  /**
   * quick_check reads the whole file (about a second on a 130 MB project), so it is skipped when the
   * file is byte for byte the one Trellis checked and then closed cleanly; any other history (a crash,
   * another program writing, the file replaced, even with its modification time put back) checks it.
   */
  describe('integrity check on open', () => {
    /** A project whose participants table spans many pages; returns the table's root page number. */
    function withRows(path: string): number {
      const p = openProject(path);
      const insert = p.db.prepare('INSERT INTO participants (key) VALUES (?)');
      p.db.transaction(() => {
        for (let i = 0; i < 3000; i += 1) insert.run(`YOUTH-${String(i).padStart(6, '0')}-${'x'.repeat(40)}`);
      })();
      const root = p.db
        .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'participants'")
        .pluck()
        .get() as number;
      p.close();
      return root;
    }

    /** Overwrites the b-tree page header of page `page` in place (same size), as a faulty copy would. */
    function damagePage(path: string, page: number): void {
      const pageSize = 4096;
      const fd = openSync(path, 'r+');
      const header = Buffer.alloc(1);
      readSync(fd, header, 0, 1, (page - 1) * pageSize);
      expect([0x02, 0x05, 0x0a, 0x0d]).toContain(header[0]); // a b-tree page
      writeSync(fd, Buffer.from([0x63, 0x63, 0x63, 0x63]), 0, 4, (page - 1) * pageSize);
      closeSync(fd);
    }

    it('is skipped for a file untouched since a clean close, and run after a write by another program', () => {
      const path = join(temp(), 'p.trellis');
      withRows(path);
      const again = openProject(path);
      expect(again.integrityChecked).toBe(false);
      again.close();
      // Another program writes (SQLite itself, so the file stays sound): checked, and opens.
      const raw = new Database(path);
      raw.prepare("INSERT INTO participants (key) VALUES ('FROM-R')").run();
      raw.close();
      const afterRaw = openProject(path);
      expect(afterRaw.integrityChecked).toBe(true);
      afterRaw.close();
      const clean = openProject(path);
      expect(clean.integrityChecked).toBe(false);
      clean.close();
    });

    it('refuses a file damaged after a clean close, even with its size and modification time kept', () => {
      const path = join(temp(), 'p.trellis');
      const root = withRows(path);
      const before = statSync(path);
      damagePage(path, root);
      utimesSync(path, before.atime, before.mtime);
      expect(statSync(path).size).toBe(before.size);
      expect(Math.round(statSync(path).mtimeMs)).toBe(Math.round(before.mtimeMs));
      expect(() => openProject(path)).toThrow(/failed its integrity check/);
      // and it stays refused
      expect(codeOf(() => openProject(path))).toBe('project_corrupt');
    });

    it('refuses a file where another program broke a foreign key after a clean close', () => {
      const path = join(temp(), 'p.trellis');
      withRows(path);
      // R or DB Browser connect with foreign keys off (SQLite's default): a site of an import that is not there.
      const raw = new Database(path);
      raw.pragma('foreign_keys = OFF'); // better-sqlite3 turns them on; SQLite itself does not
      raw.prepare("INSERT INTO sites (code, name, import_id) VALUES ('S1', 'Site one', 424242)").run();
      raw.close();
      expect(() => openProject(path)).toThrow(/break its foreign keys/);
    });

    it('checks a file that was not closed cleanly (the connection closed outside Trellis, as in a crash)', () => {
      const path = join(temp(), 'p.trellis');
      withRows(path);
      const p = openProject(path);
      expect(p.integrityChecked).toBe(false);
      p.db.close(); // not through close(): no clean close is recorded
      p.close();
      const next = openProject(path);
      expect(next.integrityChecked).toBe(true);
      next.close();
    });

    it('checks a file whose WAL was left behind by a process that died with the project open', () => {
      const path = join(temp(), 'p.trellis');
      withRows(path);
      const p = openProject(path);
      // A second connection keeps the WAL from being checkpointed away when Trellis closes.
      const reader = new Database(path);
      reader.prepare('SELECT count(*) FROM participants').get();
      p.db.prepare("INSERT INTO participants (key) VALUES ('LATE')").run();
      p.close();
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      reader.close();
      const next = openProject(path);
      expect(next.integrityChecked).toBe(true);
      next.close();
    });
  });
});
