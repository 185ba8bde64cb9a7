-- Base layers of the metrics engine kept in the project file (src/main/metrics/layers.ts): the raw
-- aggregates of attendance and survey responses that take seconds to compute on a large project, so a
-- new process, or a recomputation after the in-memory cache was dropped, starts from them.
--
-- They are only ever derived from attendance, sessions and responses: any insert, update or delete
-- on those tables empties the store (the triggers below; after the first row the DELETE finds
-- nothing, so a large import pays almost nothing for it). The next computation rebuilds them.
CREATE TABLE metrics_layers (
  key  TEXT PRIMARY KEY,
  data BLOB NOT NULL
) STRICT;

CREATE TRIGGER metrics_layers_attendance_insert AFTER INSERT ON attendance BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_attendance_update AFTER UPDATE ON attendance BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_attendance_delete AFTER DELETE ON attendance BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_sessions_insert AFTER INSERT ON sessions BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_sessions_update AFTER UPDATE ON sessions BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_sessions_delete AFTER DELETE ON sessions BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_responses_insert AFTER INSERT ON responses BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_responses_update AFTER UPDATE ON responses BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_responses_delete AFTER DELETE ON responses BEGIN DELETE FROM metrics_layers; END;
