-- Foundation: project metadata and the provenance of every import.
-- Migrations are append-only: never edit a released file, add the next number instead.

CREATE TABLE project_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- One row per file import; every stored fact points back here (and to its source row).
CREATE TABLE imports (
  id            INTEGER PRIMARY KEY,
  file_name     TEXT    NOT NULL,
  file_size     INTEGER NOT NULL,
  sha256        TEXT    NOT NULL,
  kind          TEXT    NOT NULL,           -- what the file was imported as (e.g. 'table', 'survey', 'attendance')
  format        TEXT    NOT NULL,           -- detected platform/format, e.g. 'plain_csv', 'qualtrics'
  encoding      TEXT    NOT NULL,
  settings_json TEXT    NOT NULL DEFAULT '{}', -- detected + overridden settings and the mapping used
  rows_read     INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL,
  rows_skipped  INTEGER NOT NULL DEFAULT 0,
  imported_at   TEXT    NOT NULL            -- ISO 8601 UTC
) STRICT;
CREATE INDEX imports_sha256 ON imports (sha256);

-- Columns of a generic table import, by position; user headers are data, never identifiers.
CREATE TABLE import_columns (
  import_id    INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  column_index INTEGER NOT NULL,
  name         TEXT    NOT NULL,
  PRIMARY KEY (import_id, column_index)
) STRICT, WITHOUT ROWID;

-- Cells of a generic table import in long form (source row number kept for provenance).
CREATE TABLE import_cells (
  import_id    INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  row_number   INTEGER NOT NULL,           -- 1-based data row in the source file
  column_index INTEGER NOT NULL,
  value        TEXT    NOT NULL,
  PRIMARY KEY (import_id, column_index, row_number)
) STRICT, WITHOUT ROWID;
