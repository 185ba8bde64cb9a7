-- The import pipeline: the issues each import kept (skipped rows, warnings) and named mapping templates.
-- Append-only: never edit this file once released; add 0004_... instead.

-- Problems found while importing a file, kept with the import so the report can be downloaded later.
-- row is the 1-based record number in the file (header rows included), column is 1-based.
CREATE TABLE import_issues (
  id          INTEGER PRIMARY KEY,
  import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  severity    TEXT    NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  code        TEXT    NOT NULL CHECK (code <> ''),
  message     TEXT    NOT NULL,
  row         INTEGER,
  column      INTEGER,
  column_name TEXT,
  value       TEXT,
  is_skipped  INTEGER NOT NULL DEFAULT 0 CHECK (is_skipped IN (0, 1))  -- the row was left out
) STRICT;
CREATE INDEX import_issues_import ON import_issues (import_id, row);

-- A confirmed mapping saved under a name and offered again for the next wave or cohort.
-- mapping_json follows docs/mapping-format.md; column_keys_json lists the columns of the file it was
-- made for, to warn when a later export's columns differ.
CREATE TABLE import_templates (
  id               INTEGER PRIMARY KEY,
  name             TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
  kind             TEXT    NOT NULL CHECK (kind <> ''),
  platform         TEXT,
  mapping_json     TEXT    NOT NULL CHECK (json_valid(mapping_json)),
  column_keys_json TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(column_keys_json)),
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL
) STRICT;
