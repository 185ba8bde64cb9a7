/**
 * Numbered, append-only SQL migrations (src/main/db/migrations/NNNN_name.sql), bundled as text so the
 * built app and the CLI carry them without reading the source tree at run time.
 */
const files = import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true });

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(source: Record<string, unknown> = files): Migration[] {
  const list = Object.entries(source).map(([path, sql]) => {
    const m = /(\d{4})_([a-z0-9_-]+)\.sql$/.exec(path);
    if (!m || typeof sql !== 'string') throw new Error(`Migration file name must be NNNN_name.sql: ${path}`);
    return { version: Number(m[1]), name: m[2] ?? '', sql };
  });
  list.sort((a, b) => a.version - b.version);
  // Numbers must run 1, 2, 3 ... with no gap or repeat: a gap means a lost file.
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  return list;
}

export const migrations: Migration[] = loadMigrations();
export const latestVersion = migrations.length;
