-- Base layers of the metrics engine kept in the project file (src/main/metrics/layers.ts): the raw
-- aggregates of attendance and survey responses that take seconds to compute on a large project, so a
-- new process, or a recomputation after the in-memory cache was dropped, starts from them.
--
-- They are only ever derived from attendance, sessions and responses: any insert, update or delete
-- on those tables empties the store (the triggers below; once it is empty the WHEN clause is all a
-- row pays: under a microsecond, about 0.4 s per million rows imported). The next computation
-- rebuilds them.
CREATE TABLE metrics_layers (
  key  TEXT PRIMARY KEY,
  data BLOB NOT NULL
) STRICT;

CREATE TRIGGER metrics_layers_attendance_insert AFTER INSERT ON attendance
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_attendance_update AFTER UPDATE ON attendance
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_attendance_delete AFTER DELETE ON attendance
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_sessions_insert AFTER INSERT ON sessions
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_sessions_update AFTER UPDATE ON sessions
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_sessions_delete AFTER DELETE ON sessions
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_responses_insert AFTER INSERT ON responses
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_responses_update AFTER UPDATE ON responses
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_responses_delete AFTER DELETE ON responses
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
