import { existsSync, mkdirSync } from 'node:fs';
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
  close(): void;
}

/**
 * Open (or create) a project file: apply migrations in one transaction, enforce WAL with
 * synchronous=FULL, run quick_check, and refuse a second writer.
 */
export function openProject(path: string, options: OpenProjectOptions = {}): Project {
  const { create = true, lock = true, migrations = allMigrations } = options;
  const isNew = !existsSync(path);
  if (isNew && !create) throw new TrellisError('project_not_found', `No project file at ${path}.`);
  if (isNew) mkdirSync(dirname(path), { recursive: true });

  // 1. The lock comes first, so two processes never migrate the same file at once.
  const releaseLock = lock ? acquireWriterLock(path) : () => {};
  let db: Db | undefined;
  try {
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
    // 3. Integrity before anything writes.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new TrellisError(
        'project_corrupt',
        `${basename(path)} failed its integrity check: ${String(check)}`,
      );
    // 4. Durability: WAL plus synchronous=FULL. better-sqlite3 re-opening a WAL file silently starts at
    //    NORMAL, so set it on every open and assert it took.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('synchronous=FULL did not take');
    if (db.pragma('journal_mode', { simple: true }) !== 'wal')
      throw new Error('journal_mode=WAL did not take');
    // 5. Migrations.
    migrate(db, migrations, basename(path));
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) {
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
  return {
    path,
    name: basename(path).replace(/\.trellis$/, ''),
    db: opened,
    close() {
      if (opened.open) opened.close();
      releaseLock();
    },
  };
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

/**
 * The single-writer lock is a sidecar SQLite file held in EXCLUSIVE locking mode. The operating
 * system releases it when the process dies, so a crash never leaves a stale lock, and the project
 * file itself stays readable by R, Python or DB Browser while Trellis has it open.
 */
function acquireWriterLock(path: string): () => void {
  const lockDb = new Database(`${path}-lock`, { timeout: 0 });
  try {
    lockDb.pragma('locking_mode = EXCLUSIVE');
    lockDb.exec('CREATE TABLE IF NOT EXISTS lock (pid INTEGER); DELETE FROM lock;');
    lockDb.prepare('INSERT INTO lock (pid) VALUES (?)').run(process.pid);
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
  return () => {
    if (lockDb.open) lockDb.close();
  };
}
