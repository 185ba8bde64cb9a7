import { deserialize, serialize } from 'node:v8';
import type { Db } from '../db/open-project';

/**
 * Base layers kept in the project file (table metrics_layers, migration 0005): built once from the big
 * tables, then read back as one blob (v8 serialisation of typed arrays) by any later process. The
 * migration's triggers empty the table whenever attendance, sessions or responses change, so a stored
 * layer is always the one the current data gives; a key names the layer, its format version and any
 * other input it depends on.
 *
 * The store's own writes do not count as data changes for the in-memory cache (ownChanges).
 */
const own = new WeakMap<Db, number>();

/** Rows this connection wrote into metrics_layers (subtracted from total_changes() by the cache). */
export function ownChanges(db: Db): number {
  return own.get(db) ?? 0;
}

export function persisted<T, E>(
  db: Db,
  key: string,
  build: () => T,
  encode: (value: T) => E,
  decode: (stored: E) => T,
): T {
  const stored = db.prepare('SELECT data FROM metrics_layers WHERE key = ?').pluck().get(key) as
    Buffer | undefined;
  if (stored) return decode(deserialize(stored) as E); // written by this function under the same key
  const value = build();
  const changes = db.prepare('SELECT total_changes()').pluck();
  const before = changes.get() as number;
  try {
    db.prepare('INSERT OR REPLACE INTO metrics_layers (key, data) VALUES (?, ?)').run(
      key,
      serialize(encode(value)),
    );
  } catch {
    // A project that cannot be written now (read-only file, busy): the layer stays in memory only.
  }
  own.set(db, ownChanges(db) + ((changes.get() as number) - before));
  return value;
}
