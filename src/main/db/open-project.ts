import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import Database from 'better-sqlite3';
import { TrellisError } from '@shared/errors';
import { migrations as allMigrations, type Migration } from './migrations';

export type Db = Database.Database;

/** Written into the SQLite header so a Trellis project is recognisable ("TRLS"). */
export const APPLICATION_ID = 0x54524c53;
export const PROJECT_EXTENSION = '.trellis';

export interface OpenProjectOptions {
  /** Create the file when it does not exist (default true). */
  create?: boolean;
  /**
   * Take the single-writer lock (default true). A worker thread of the process that already holds the
   * lock opens with `lock: false`.
   */
  lock?: boolean;
  /** For tests of migration handling. */
  migrations?: Migration[];
}

export interface Project {
  path: string;
  name: string;
  db: Db;
  /**
   * Whether this open ran PRAGMA quick_check and foreign_key_check. They are skipped only when the
   * file is exactly as Trellis left it after a check and a clean close (see cleanCloseFingerprint);
   * foreign_key_check also runs after a migration.
   */
  integrityChecked: boolean;
  close(): void;
}

/**
 * Open (or create) a project file: apply migrations in one transaction, enforce WAL with
 * synchronous=FULL, run quick_check and foreign_key_check (unless the file is untouched since Trellis
 * last checked it and closed it cleanly), and refuse a second writer.
 */
export function openProject(path: string, options: OpenProjectOptions = {}): Project {
  const { create = true, lock = true, migrations = allMigrations } = options;
  const isNew = !existsSync(path);
  if (isNew && !create) throw new TrellisError('project_not_found', `No project file at ${path}.`);
  if (isNew) mkdirSync(dirname(path), { recursive: true });

  // 1. The lock comes first, so two processes never migrate the same file at once.
  const writer = lock ? acquireWriterLock(path) : null;
  const releaseLock = () => writer?.release();
  let db: Db | undefined;
  let checked: boolean;
  try {
    // Taken (and forgotten) with the lock, before anything touches the file: a crash from here on
    // leaves no record of a clean close, so the next open checks the file.
    const lastClean = writer?.lastClean ?? null;
    const untouched = !isNew && lastClean !== null && lastClean === cleanCloseFingerprint(path);
    db = new Database(path, { timeout: 5000 });
    // 2. Is it ours? An empty file is new; a SQLite file of some other program is refused untouched.
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tableCount = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || tableCount > 0)) {
      throw new TrellisError(
        'not_a_project',
        `${basename(path)} is a SQLite file, but not a Trellis project.`,
      );
    }
    // 3. Integrity before anything writes. quick_check reads every page (about a second per 100 MB);
    //    a file that nothing has touched since this check passed and Trellis closed it cleanly is the
    //    file that passed, so it is not read again.
    checked = !untouched;
    if (checked) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok')
        throw new TrellisError(
          'project_corrupt',
          `${basename(path)} failed its integrity check: ${String(check)}`,
        );
    }
    // 4. Durability: WAL plus synchronous=FULL. better-sqlite3 re-opening a WAL file silently starts at
    //    NORMAL, so set it on every open and assert it took.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('synchronous=FULL did not take');
    if (db.pragma('journal_mode', { simple: true }) !== 'wal')
      throw new Error('journal_mode=WAL did not take');
    // 5. Migrations.
    const schemaBefore = db.pragma('user_version', { simple: true }) as number;
    migrate(db, migrations, basename(path));
    // The foreign-key scan reads every table that has one (a third of a second on the large bench
    // project): skipped, like quick_check, for a file untouched since a clean close (Trellis writes
    // with foreign_keys=ON, so only another program can have broken one), unless a migration ran.
    const migrated = (db.pragma('user_version', { simple: true }) as number) !== schemaBefore;
    if ((checked || migrated) && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
      throw new TrellisError('project_corrupt', `${basename(path)} has rows that break its foreign keys.`);
    }
  } catch (err) {
    db?.close();
    releaseLock();
    throw err instanceof Database.SqliteError
      ? new TrellisError(
          'project_corrupt',
          `${basename(path)} could not be opened as a project: ${err.message}`,
        )
      : err;
  }
  const opened = db;
  const identity = fileIdentity(path);
  return {
    path,
    name: basename(path).replace(/\.trellis$/, ''),
    db: opened,
    integrityChecked: checked,
    close() {
      if (opened.open) {
        opened.close();
        // Closed here, cleanly (the last connection checkpoints and deletes the WAL): remember the
        // file as it is now, so the next open can tell it is untouched. Not when the path now names
        // another file than the one opened (replaced underneath, e.g. by a sync client).
        if (identity !== null && identity === fileIdentity(path))
          writer?.saveCleanClose(cleanCloseFingerprint(path));
      }
      releaseLock();
    },
  };
}

/**
 * The project file's identity and state after a clean close: size, modification and change times
 * (nanoseconds) and inode, or null when a WAL file with frames is beside it (a crash, or another
 * connection still open). Any write by another program, a copy over it, a restore from a backup or a
 * sync client changes one of these (resetting the modification time still moves the change time).
 */
const fileIdentity = (path: string): string | null => {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.ino}:${s.dev}`;
  } catch {
    return null;
  }
};

export function cleanCloseFingerprint(path: string): string | null {
  try {
    const wal = `${path}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) return null;
    const s = statSync(path, { bigint: true });
    return [s.size, s.mtimeNs, s.ctimeNs, s.ino, s.dev].join(':');
  } catch {
    return null;
  }
}

export function migrate(db: Db, migrations: Migration[], label = 'project'): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    throw new TrellisError(
      'project_too_new',
      `${label} was written by a newer Trellis (schema ${current}; this version knows ${latest}). Update Trellis to open it.`,
    );
  }
  if (current === latest) return;
  // All pending migrations in one transaction: a failure leaves the file exactly as it was.
  db.transaction(() => {
    if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of migrations.slice(current)) db.exec(m.sql);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}

interface WriterLock {
  /** The fingerprint saved at the last clean close, if any (deleted from the sidecar on acquiring). */
  lastClean: string | null;
  saveCleanClose(fingerprint: string | null): void;
  release(): void;
}

/**
 * The single-writer lock is a sidecar SQLite file held in EXCLUSIVE locking mode. The operating
 * system releases it when the process dies, so a crash never leaves a stale lock, and the project
 * file itself stays readable by R, Python or DB Browser while Trellis has it open. The sidecar also
 * keeps the project file's fingerprint from the last clean close (table clean_close).
 */
function acquireWriterLock(path: string): WriterLock {
  const lockDb = new Database(`${path}-lock`, { timeout: 0 });
  let lastClean: string | null = null;
  try {
    lockDb.pragma('locking_mode = EXCLUSIVE');
    lockDb.exec(
      'CREATE TABLE IF NOT EXISTS lock (pid INTEGER); CREATE TABLE IF NOT EXISTS clean_close (fingerprint TEXT NOT NULL);',
    );
    // One write transaction (each one syncs the sidecar to disk): the pid, and the record of the last
    // clean close taken and forgotten, so a crash from here on leaves none.
    lockDb.transaction(() => {
      lastClean =
        (lockDb.prepare('SELECT fingerprint FROM clean_close').pluck().get() as string | undefined) ?? null;
      lockDb.exec('DELETE FROM lock; DELETE FROM clean_close;');
      lockDb.prepare('INSERT INTO lock (pid) VALUES (?)').run(process.pid);
    })();
  } catch (err) {
    lockDb.close();
    if (err instanceof Database.SqliteError && /BUSY|LOCKED/.test(err.code)) {
      throw new TrellisError(
        'project_locked',
        `${basename(path)} is already open in another Trellis window or process. Close it there first.`,
      );
    }
    throw err;
  }
  return {
    lastClean,
    saveCleanClose(fingerprint) {
      if (fingerprint === null || !lockDb.open) return;
      try {
        lockDb.prepare('INSERT INTO clean_close (fingerprint) VALUES (?)').run(fingerprint);
      } catch {
        // Not recorded: the next open checks the file, as after a crash.
      }
    },
    release() {
      if (lockDb.open) lockDb.close();
    },
  };
}
