import type { Db } from '../db/open-project';
import { ownChanges } from './layers';

/**
 * What the metrics engine remembers between calls, per open database. Everything is keyed on the
 * project's data version: `total_changes()` counts every row this connection inserted, updated or
 * deleted since it opened (Trellis is the project's only writer: openProject refuses a second one),
 * and `PRAGMA data_version` changes when any other connection commits. Any write therefore gives a
 * new version and a cold cache; a write that is rolled back only costs a needless recompute. The
 * engine's own writes of stored base layers (layers.ts) are not data changes and are left out.
 */
interface Entry {
  version: string;
  values: Map<string, unknown>;
}

const entries = new WeakMap<Db, Entry>();
/** Results per filter set are kept for the last few sets only (a dashboard flips between a handful). */
const MAX_RESULTS = 32;

const versionStatements = new WeakMap<Db, { get(): unknown }>();

export function dataVersion(db: Db): string {
  let stmt = versionStatements.get(db);
  if (!stmt) {
    stmt = db.prepare('SELECT total_changes(), (SELECT data_version FROM pragma_data_version)').raw();
    versionStatements.set(db, stmt);
  }
  const [changes, external] = stmt.get() as [number, number];
  return `${changes - ownChanges(db)}:${external}`;
}

/**
 * The entry pinned for the computation running now (pinned()): one computation reads the data
 * version once, not at every cached() call. A computation is synchronous and writes nothing but
 * stored base layers (not data changes), so the version cannot change while it runs.
 */
const pinnedEntries = new WeakMap<Db, Entry>();

/** Runs `f` with the data version read once for all of its cached() calls (nested calls share it). */
export function pinned<T>(db: Db, f: () => T): T {
  if (pinnedEntries.has(db)) return f();
  pinnedEntries.set(db, entryFor(db));
  try {
    return f();
  } finally {
    pinnedEntries.delete(db);
  }
}

function entryFor(db: Db): Entry {
  const pin = pinnedEntries.get(db);
  if (pin) return pin;
  const version = dataVersion(db);
  let e = entries.get(db);
  if (!e || e.version !== version) {
    e = { version, values: new Map() };
    entries.set(db, e);
  }
  return e;
}

/** The value for `key` under the current data version, built once. */
export function cached<T>(db: Db, key: string, build: () => T): T {
  const e = entryFor(db);
  if (e.values.has(key)) return e.values.get(key) as T; // stored by this function under the same key, so of type T
  const value = build();
  e.values.set(key, value);
  if (key.startsWith('result:')) {
    const results = [...e.values.keys()].filter((k) => k.startsWith('result:'));
    if (results.length > MAX_RESULTS) e.values.delete(results[0] as string);
  }
  return value;
}

/** Forget everything for this database (tests, and after a settings change in the same transaction). */
export function clearMetricsCache(db: Db): void {
  entries.delete(db);
  pinnedEntries.delete(db);
}
