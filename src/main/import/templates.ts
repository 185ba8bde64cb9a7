import { Mapping, type ImportKind } from '@shared/import-mapping';
import type { Db } from '../db/open-project';

export interface StoredTemplate {
  name: string;
  kind: ImportKind;
  platform: string | null;
  columnKeys: string[];
  mapping: Mapping;
  updatedAt: string;
}

/** Saved mapping templates, newest first. A template whose JSON no longer parses is left out. */
export function listTemplates(db: Db): StoredTemplate[] {
  const rows = db
    .prepare(
      `SELECT name, kind, platform, mapping_json, column_keys_json, updated_at FROM import_templates
       ORDER BY updated_at DESC, id DESC`,
    )
    .all() as {
    name: string;
    kind: string;
    platform: string | null;
    mapping_json: string;
    column_keys_json: string;
    updated_at: string;
  }[];
  const out: StoredTemplate[] = [];
  for (const r of rows) {
    const parsed = Mapping.safeParse(JSON.parse(r.mapping_json));
    if (!parsed.success) continue;
    out.push({
      name: r.name,
      kind: parsed.data.kind,
      platform: r.platform,
      columnKeys: JSON.parse(r.column_keys_json) as string[], // written by saveTemplate as a string array
      mapping: parsed.data,
      updatedAt: r.updated_at,
    });
  }
  return out;
}

/** Saves (or replaces) a named template. */
export function saveTemplate(db: Db, name: string, mapping: Mapping, columnKeys: readonly string[]) {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO import_templates (name, kind, platform, mapping_json, column_keys_json, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, platform = excluded.platform,
       mapping_json = excluded.mapping_json, column_keys_json = excluded.column_keys_json, updated_at = excluded.updated_at`,
  ).run(
    name,
    mapping.kind,
    mapping.settings.platform ?? null,
    JSON.stringify(mapping),
    JSON.stringify(columnKeys),
    now,
    now,
  );
  return { name, updatedAt: now };
}
