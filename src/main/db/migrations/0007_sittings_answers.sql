-- Survey answers split in two: one `sittings` row per respondent x administration x wave (what the
-- export's row said about the sitting: response id, time, file row) and narrow `answers` keyed
-- (sitting_id, item_id) in a WITHOUT ROWID table. An import writes both in key order (append-only),
-- so a 50,000 x 40 export maintains one small B-tree per answer instead of six wide ones.
--
-- answers.raw_text holds the cell only when it differs from what the codebook gives back: the label
-- of the item's scale option with that value (or missing reason), the first by position. NULL means
-- "the codebook's label" (or an empty cell when the codebook has none); '' means an empty cell where
-- the codebook has a label. The `responses` view restores the cell exactly, so every reader keeps
-- the long form it had: one row per respondent x item x wave.
--
-- The number of this file is not part of its meaning: nothing depends on it.

CREATE TABLE sittings (
  id                   INTEGER PRIMARY KEY,
  administration_id    INTEGER NOT NULL REFERENCES administrations (id) ON DELETE CASCADE,
  respondent_id        INTEGER NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
  wave                 TEXT    NOT NULL CHECK (wave IN ('pre', 'post', 'retrospective_pre', 'follow_up', 'annual')),
  platform_response_id TEXT,                               -- e.g. Qualtrics ResponseId 'R_1abc...'
  responded_at         TEXT,
  import_id            INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row           INTEGER NOT NULL
) STRICT;
-- A respondent sits a wave of an administration once. Also the order the metrics engine reads
-- answers in (respondent, wave, administration), and the way to a respondent's answers.
CREATE UNIQUE INDEX sittings_respondent ON sittings (respondent_id, wave, administration_id);
-- Undoing an import deletes its sittings (and, by cascade, their answers).
CREATE INDEX sittings_import ON sittings (import_id);
-- Deleting an administration (undo) finds its sittings.
CREATE INDEX sittings_administration ON sittings (administration_id);

CREATE TABLE answers (
  sitting_id     INTEGER NOT NULL REFERENCES sittings (id) ON DELETE CASCADE,
  item_id        INTEGER NOT NULL REFERENCES items (id),
  value          REAL,
  -- "IS NULL OR": SQLite evaluates a CHECK's IN list by building a small table for every row; most
  -- answers have no missing reason and skip it (about a third of the cost of inserting an answer).
  missing_reason TEXT    CHECK (missing_reason IS NULL OR missing_reason IN ('prefer_not_to_say', 'dont_know', 'not_applicable', 'skipped', 'missing_code')),
  raw_text       TEXT,
  PRIMARY KEY (sitting_id, item_id),
  CHECK ((value IS NULL) <> (missing_reason IS NULL))
) STRICT, WITHOUT ROWID;

-- Existing projects: one sitting per (administration, respondent, wave), with the fields of its first
-- response row; then every answer, its cell kept only when the codebook would not give it back.
INSERT INTO sittings (administration_id, respondent_id, wave, platform_response_id, responded_at, import_id, source_row)
SELECT administration_id, respondent_id, wave, platform_response_id, responded_at, import_id, source_row
FROM (
  SELECT administration_id, respondent_id, wave, min(id) AS first, platform_response_id, responded_at, import_id, source_row
  FROM responses GROUP BY administration_id, respondent_id, wave
)
ORDER BY first;

INSERT INTO answers (sitting_id, item_id, value, missing_reason, raw_text)
SELECT sitting_id, item_id, value, missing_reason,
       CASE WHEN raw_text IS label THEN NULL WHEN raw_text IS NULL THEN '' ELSE raw_text END
FROM (
  SELECT s.id AS sitting_id, r.item_id, r.value, r.missing_reason, r.raw_text,
         (SELECT o.label FROM items i JOIN scale_options o ON o.response_scale_id = i.response_scale_id
          WHERE i.id = r.item_id AND (o.value = r.value OR o.missing_reason = r.missing_reason)
          ORDER BY o.position LIMIT 1) AS label
  FROM responses r
  JOIN sittings s ON s.respondent_id = r.respondent_id AND s.wave = r.wave AND s.administration_id = r.administration_id
)
ORDER BY sitting_id, item_id;

-- The stored metrics layers were derived from the old table (DROP TABLE fires no trigger).
DELETE FROM metrics_layers;
DROP TABLE responses;

-- The long form every reader knows, read-only: raw_text restored from the codebook.
CREATE VIEW responses AS
SELECT s.administration_id, s.respondent_id, a.item_id, s.wave, a.value,
       nullif(coalesce(a.raw_text,
         (SELECT o.label FROM items i JOIN scale_options o ON o.response_scale_id = i.response_scale_id
          WHERE i.id = a.item_id AND (o.value = a.value OR o.missing_reason = a.missing_reason)
          ORDER BY o.position LIMIT 1)), '') AS raw_text,
       a.missing_reason, s.platform_response_id, s.responded_at, s.import_id, s.source_row, a.sitting_id
FROM sittings s JOIN answers a ON a.sitting_id = s.id;

-- Writing through the view, as code and tests written for the one-table form do: an insert goes into
-- the answer's sitting (created with the row's response id, time and file row when new), an update
-- of the answer changes the answer, a delete removes it. The import writes the tables directly.
CREATE TRIGGER responses_insert INSTEAD OF INSERT ON responses BEGIN
  INSERT INTO sittings (administration_id, respondent_id, wave, platform_response_id, responded_at, import_id, source_row)
  SELECT NEW.administration_id, NEW.respondent_id, NEW.wave, NEW.platform_response_id, NEW.responded_at, NEW.import_id, NEW.source_row
  WHERE NOT EXISTS (SELECT 1 FROM sittings WHERE respondent_id = NEW.respondent_id AND wave = NEW.wave
                    AND administration_id = NEW.administration_id);
  INSERT INTO answers (sitting_id, item_id, value, missing_reason, raw_text)
  SELECT s.id, NEW.item_id, NEW.value, NEW.missing_reason,
         CASE WHEN NEW.raw_text IS
           (SELECT o.label FROM items i JOIN scale_options o ON o.response_scale_id = i.response_scale_id
            WHERE i.id = NEW.item_id AND (o.value = NEW.value OR o.missing_reason = NEW.missing_reason)
            ORDER BY o.position LIMIT 1) THEN NULL
         WHEN NEW.raw_text IS NULL THEN '' ELSE NEW.raw_text END
  FROM sittings s
  WHERE s.respondent_id = NEW.respondent_id AND s.wave = NEW.wave AND s.administration_id = NEW.administration_id;
  DELETE FROM metrics_layers;
END;
CREATE TRIGGER responses_update INSTEAD OF UPDATE OF value, missing_reason, raw_text ON responses BEGIN
  UPDATE answers SET value = NEW.value, missing_reason = NEW.missing_reason,
    raw_text = CASE WHEN NEW.raw_text IS
           (SELECT o.label FROM items i JOIN scale_options o ON o.response_scale_id = i.response_scale_id
            WHERE i.id = OLD.item_id AND (o.value = NEW.value OR o.missing_reason = NEW.missing_reason)
            ORDER BY o.position LIMIT 1) THEN NULL
         WHEN NEW.raw_text IS NULL THEN '' ELSE NEW.raw_text END
  WHERE sitting_id = OLD.sitting_id AND item_id = OLD.item_id;
END;
CREATE TRIGGER responses_delete INSTEAD OF DELETE ON responses BEGIN
  DELETE FROM answers WHERE sitting_id = OLD.sitting_id AND item_id = OLD.item_id;
END;

-- The metrics layers are derived from sittings and answers (0005's triggers on responses went with the
-- table): any change empties them, as before. The import inserts answers only with their new sitting,
-- whose insert marks the layers stale, so the 2,000,000 answers of a large export pay no trigger; an
-- answer added to an existing sitting goes through the view, whose trigger below empties them.
CREATE TRIGGER metrics_layers_sittings_insert AFTER INSERT ON sittings
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_sittings_update AFTER UPDATE ON sittings
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_sittings_delete AFTER DELETE ON sittings
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_answers_update AFTER UPDATE ON answers
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
CREATE TRIGGER metrics_layers_answers_delete AFTER DELETE ON answers
  WHEN EXISTS (SELECT 1 FROM metrics_layers) BEGIN DELETE FROM metrics_layers; END;
