-- Covering indexes for the metrics engine (src/main/metrics/base.ts). Each replaces an index that is
-- its prefix, so imports maintain no more indexes than before.
--
-- Scale scoring and item pivots read responses grouped by respondent, wave and administration: with
-- every column the query needs in the index, SQLite streams the groups in index order and never
-- touches the table or sorts.
DROP INDEX responses_respondent;
CREATE INDEX responses_sitting ON responses (respondent_id, wave, administration_id, item_id, value, missing_reason);

-- Dosage reads present attendance per session: the index answers it without reading table rows.
DROP INDEX attendance_session;
CREATE INDEX attendance_present ON attendance (session_id, is_present, participant_id, minutes_attended);
