-- The people layer of the metrics engine (enrolments and participant attributes as columns, keys
-- 'people:...', src/main/metrics/base/refs.ts) is kept in metrics_layers too (migration 0005), so a
-- new process does not read every enrolment and attribute row again. It depends on those two tables
-- only: any insert, update or delete on them drops the people layer and nothing else (the attendance
-- and answer layers stay). A delete cascading from participants fires these triggers as well.
CREATE TRIGGER metrics_layers_enrolments_insert AFTER INSERT ON enrolments
  WHEN EXISTS (SELECT 1 FROM metrics_layers WHERE key >= 'people:' AND key < 'people;')
  BEGIN DELETE FROM metrics_layers WHERE key >= 'people:' AND key < 'people;'; END;
CREATE TRIGGER metrics_layers_enrolments_update AFTER UPDATE ON enrolments
  WHEN EXISTS (SELECT 1 FROM metrics_layers WHERE key >= 'people:' AND key < 'people;')
  BEGIN DELETE FROM metrics_layers WHERE key >= 'people:' AND key < 'people;'; END;
CREATE TRIGGER metrics_layers_enrolments_delete AFTER DELETE ON enrolments
  WHEN EXISTS (SELECT 1 FROM metrics_layers WHERE key >= 'people:' AND key < 'people;')
  BEGIN DELETE FROM metrics_layers WHERE key >= 'people:' AND key < 'people;'; END;
CREATE TRIGGER metrics_layers_attributes_insert AFTER INSERT ON participant_attributes
  WHEN EXISTS (SELECT 1 FROM metrics_layers WHERE key >= 'people:' AND key < 'people;')
  BEGIN DELETE FROM metrics_layers WHERE key >= 'people:' AND key < 'people;'; END;
CREATE TRIGGER metrics_layers_attributes_update AFTER UPDATE ON participant_attributes
  WHEN EXISTS (SELECT 1 FROM metrics_layers WHERE key >= 'people:' AND key < 'people;')
  BEGIN DELETE FROM metrics_layers WHERE key >= 'people:' AND key < 'people;'; END;
CREATE TRIGGER metrics_layers_attributes_delete AFTER DELETE ON participant_attributes
  WHEN EXISTS (SELECT 1 FROM metrics_layers WHERE key >= 'people:' AND key < 'people;')
  BEGIN DELETE FROM metrics_layers WHERE key >= 'people:' AND key < 'people;'; END;
