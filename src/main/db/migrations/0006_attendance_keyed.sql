-- Attendance becomes a WITHOUT ROWID table keyed (session_id, participant_id): one B-tree holds the
-- rows, in the order sign-in logs come (session by session), and is also the uniqueness rule and the
-- covering index that dosage reads per session. It replaces the rowid table plus three indexes
-- (attendance_unique, attendance_present, attendance_import): a row now costs two B-trees, not four.
--
--   * attendance_participant (participant_id, and the key's session_id with it) serves per-youth
--     reads and the ON DELETE CASCADE from participants (without it, each deleted participant would
--     scan the table).
--   * No index on import_id: undoing an import deletes its rows in one scan of the table (one imports
--     row is deleted, so the cascade looks for its rows once). Deleting a session still finds its
--     attendance by the key's first column.
--
-- Column names and meanings are unchanged; only the surrogate `id` goes (nothing referred to it).
-- Existing rows are copied over as they are. The metrics_layers triggers on attendance (0005) go with
-- the old table and are created again, unchanged.
ALTER TABLE attendance RENAME TO attendance_rowid;

CREATE TABLE attendance (
  session_id       INTEGER NOT NULL REFERENCES sessions (id),
  participant_id   INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  is_present       INTEGER NOT NULL CHECK (is_present IN (0, 1)),
  minutes_attended INTEGER CHECK (minutes_attended >= 0),  -- NULL when present: assume the whole session
  import_id        INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row       INTEGER NOT NULL,
  CHECK (is_present = 1 OR coalesce(minutes_attended, 0) = 0),
  PRIMARY KEY (session_id, participant_id)
) STRICT, WITHOUT ROWID;

INSERT INTO attendance (session_id, participant_id, is_present, minutes_attended, import_id, source_row)
  SELECT session_id, participant_id, is_present, minutes_attended, import_id, source_row
  FROM attendance_rowid ORDER BY session_id, participant_id;

DROP TABLE attendance_rowid;
CREATE INDEX attendance_participant ON attendance (participant_id);

CREATE TRIGGER metrics_layers_attendance_insert AFTER INSERT ON attendance
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_attendance_update AFTER UPDATE ON attendance
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_attendance_delete AFTER DELETE ON attendance
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
-- Stored layers (aggregates) stay valid: the copy changed no figure.
