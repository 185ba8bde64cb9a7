import type { Db } from '../open-project';

/** Where a fact came from: the import (file) and its 1-based data row. Required on every fact row. */
export interface Provenance {
  importId: number;
  sourceRow: number;
}

/** Optional provenance of a shared entity (participant, partner, item ...): who created it first. */
export interface Origin {
  importId?: number | null;
  sourceRow?: number | null;
}

export interface NewImport {
  fileName: string;
  fileSize: number;
  sha256: string;
  kind: string;
  format: string;
  encoding: string;
  settingsJson?: string;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped?: number;
  importedAt: string;
}

export interface ImportRow extends Required<NewImport> {
  id: number;
}

export function importQueries(db: Db) {
  const insert = db.prepare<
    [string, number, string, string, string, string, string, number, number, number, string]
  >(
    `INSERT INTO imports (file_name, file_size, sha256, kind, format, encoding, settings_json, rows_read, rows_imported,
       rows_skipped, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const get = db.prepare<[number], ImportRow>(
    `SELECT id, file_name AS fileName, file_size AS fileSize, sha256, kind, format, encoding, settings_json AS settingsJson,
       rows_read AS rowsRead, rows_imported AS rowsImported, rows_skipped AS rowsSkipped, imported_at AS importedAt
     FROM imports WHERE id = ?`,
  );
  const remove = db.prepare<[number]>('DELETE FROM imports WHERE id = ?');
  return {
    insertImport(i: NewImport): number {
      const r = insert.run(
        i.fileName,
        i.fileSize,
        i.sha256,
        i.kind,
        i.format,
        i.encoding,
        i.settingsJson ?? '{}',
        i.rowsRead,
        i.rowsImported,
        i.rowsSkipped ?? 0,
        i.importedAt,
      );
      return Number(r.lastInsertRowid);
    },
    getImport(id: number): ImportRow | undefined {
      return get.get(id);
    },
    /**
     * Undo an import: its facts go with it (ON DELETE CASCADE); entities it created stay with
     * import_id set to NULL. Throws a SQLite FOREIGN KEY error when another import's facts still
     * point at this import's facts (undo that import first). Returns the number of imports deleted.
     */
    deleteImport(id: number): number {
      return remove.run(id).changes;
    },
  };
}
export type ImportQueries = ReturnType<typeof importQueries>;
