-- The evaluation model: programs, people, partners, dosage, instruments, responses and goals.
-- Append-only: never edit this file once released; add 0003_... instead.
--
-- Two kinds of table, and the difference matters for undoing an import:
--   * Reference and entity tables (programs, cohorts, sites, activity_types, participants, partners,
--     contacts, mentors, instruments, response_scales, scale_options, constructs, items,
--     item_versions, respondents) hold things that many imports share. They remember the import that
--     first created them (import_id ... ON DELETE SET NULL) but survive its undo.
--   * Fact tables (participant_attributes, enrolments, partner_commitments, contributions, sessions,
--     session_mentors, attendance, administrations, responses, goals) hold what one file said. Each
--     row has import_id NOT NULL REFERENCES imports ON DELETE CASCADE and, where it came from a data
--     row, source_row (1-based data row in that file). Deleting the imports row undoes the file.
--     A fact that another import's facts still point at (a session with attendance from a later
--     file) blocks that delete: the foreign keys are NO ACTION, checked at the end of the statement,
--     so undo the dependent import first.
-- Closed vocabularies are CHECK lists that must equal the arrays in src/shared/vocab.ts (a test
-- compares them). No table or column is ever named after a user's CSV header: categories such as
-- gender or grade are rows of participant_attributes.
-- Dates are ISO 'YYYY-MM-DD' (CHECK d IS date(d)); timestamps ISO 8601 text.

-- Reference tables ---------------------------------------------------------------------------

CREATE TABLE cohorts (
  id        INTEGER PRIMARY KEY,
  code      TEXT    NOT NULL UNIQUE CHECK (code <> ''),   -- e.g. '2024-25'
  starts_on TEXT    NOT NULL CHECK (starts_on IS date(starts_on)),
  ends_on   TEXT    NOT NULL CHECK (ends_on IS date(ends_on)),
  import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  CHECK (ends_on >= starts_on)
) STRICT;

CREATE TABLE programs (
  id           INTEGER PRIMARY KEY,
  code         TEXT    NOT NULL UNIQUE CHECK (code <> ''),
  name         TEXT    NOT NULL CHECK (name <> ''),
  program_type TEXT    NOT NULL CHECK (program_type IN ('in_school_class', 'after_school_club', 'summer_camp', 'workshop', 'field_trip', 'internship', 'other')),
  description  TEXT,
  import_id    INTEGER REFERENCES imports (id) ON DELETE SET NULL
) STRICT;

CREATE TABLE sites (
  id        INTEGER PRIMARY KEY,
  code      TEXT    NOT NULL UNIQUE CHECK (code <> ''),
  name      TEXT    NOT NULL CHECK (name <> ''),
  town      TEXT,
  import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL
) STRICT;

-- Activity types are data (sensor lab, 3D printing, career talk ...), not a closed vocabulary.
CREATE TABLE activity_types (
  id        INTEGER PRIMARY KEY,
  code      TEXT    NOT NULL UNIQUE CHECK (code <> ''),
  name      TEXT    NOT NULL CHECK (name <> ''),
  import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL
) STRICT;

-- Youth ----------------------------------------------------------------------------------------

-- A participant is known only by a pseudonymous key (a district or program ID), never by name.
CREATE TABLE participants (
  id         INTEGER PRIMARY KEY,
  key        TEXT    NOT NULL UNIQUE CHECK (key <> ''),  -- canonical form, after the importer normalises case/zeros
  import_id  INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  source_row INTEGER
) STRICT;

-- Attributes as data: participant x attribute name x value, optionally as of a cohort (grade changes
-- every year). Names such as 'grade', 'gender', 'race_ethnicity', 'frl', 'school' come from the
-- mapping, not from the schema.
CREATE TABLE participant_attributes (
  id             INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  name           TEXT    NOT NULL CHECK (name <> ''),
  value          TEXT    NOT NULL,
  cohort_id      INTEGER REFERENCES cohorts (id),
  import_id      INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row     INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX participant_attributes_unique ON participant_attributes (participant_id, name, coalesce(cohort_id, 0));
CREATE INDEX participant_attributes_name_value ON participant_attributes (name, value);
CREATE INDEX participant_attributes_import ON participant_attributes (import_id);

CREATE TABLE enrolments (
  id             INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  program_id     INTEGER NOT NULL REFERENCES programs (id),
  cohort_id      INTEGER NOT NULL REFERENCES cohorts (id),
  site_id        INTEGER REFERENCES sites (id),
  enrolled_on    TEXT    CHECK (enrolled_on IS date(enrolled_on)),
  exited_on      TEXT    CHECK (exited_on IS date(exited_on)),
  import_id      INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row     INTEGER NOT NULL,
  CHECK (exited_on IS NULL OR enrolled_on IS NULL OR exited_on >= enrolled_on)
) STRICT;
CREATE UNIQUE INDEX enrolments_unique ON enrolments (participant_id, program_id, cohort_id, coalesce(site_id, 0));
CREATE INDEX enrolments_cohort_program ON enrolments (cohort_id, program_id, site_id);
CREATE INDEX enrolments_import ON enrolments (import_id);

-- Partners -------------------------------------------------------------------------------------

CREATE TABLE partners (
  id           INTEGER PRIMARY KEY,
  key          TEXT    NOT NULL UNIQUE CHECK (key <> ''),
  name         TEXT    NOT NULL UNIQUE CHECK (name <> ''),
  partner_type TEXT    NOT NULL CHECK (partner_type IN ('school', 'out_of_school_provider', 'higher_education', 'business', 'government', 'nonprofit', 'funder')),
  town         TEXT,
  joined_on    TEXT    CHECK (joined_on IS date(joined_on)),
  left_on      TEXT    CHECK (left_on IS date(left_on)),
  import_id    INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  source_row   INTEGER
) STRICT;
CREATE INDEX partners_type ON partners (partner_type);

-- People at a partner organisation (adults; names and e-mails are allowed here).
CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL CHECK (name <> ''),
  role_title TEXT,
  email      TEXT    UNIQUE COLLATE NOCASE,
  import_id  INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  source_row INTEGER
) STRICT;
CREATE INDEX contacts_partner ON contacts (partner_id);

-- The action plan: each partner's role and what it committed to, from when to when.
CREATE TABLE partner_commitments (
  id         INTEGER PRIMARY KEY,
  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  role       TEXT    NOT NULL CHECK (role <> ''),
  commitment TEXT    NOT NULL CHECK (commitment <> ''),
  starts_on  TEXT    CHECK (starts_on IS date(starts_on)),
  ends_on    TEXT    CHECK (ends_on IS date(ends_on)),
  cohort_id  INTEGER REFERENCES cohorts (id),
  status     TEXT    NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'met', 'not_met', 'dropped')),
  import_id  INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row INTEGER NOT NULL,
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
) STRICT;
CREATE INDEX partner_commitments_partner ON partner_commitments (partner_id, cohort_id);
CREATE INDEX partner_commitments_import ON partner_commitments (import_id);

CREATE TABLE mentors (
  id         INTEGER PRIMARY KEY,
  key        TEXT    NOT NULL UNIQUE CHECK (key <> ''),
  name       TEXT    NOT NULL CHECK (name <> ''),
  partner_id INTEGER REFERENCES partners (id),
  expertise  TEXT,
  import_id  INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  source_row INTEGER
) STRICT;
CREATE INDEX mentors_partner ON mentors (partner_id);

CREATE TABLE contributions (
  id             INTEGER PRIMARY KEY,
  partner_id     INTEGER NOT NULL REFERENCES partners (id),
  kind           TEXT    NOT NULL CHECK (kind IN ('mentor_hours', 'sessions_led', 'equipment', 'funding', 'in_kind')),
  amount         REAL    NOT NULL CHECK (amount >= 0),
  unit           TEXT    NOT NULL CHECK (unit IN ('hours', 'sessions', 'usd', 'items')),
  contributed_on TEXT    CHECK (contributed_on IS date(contributed_on)),
  cohort_id      INTEGER REFERENCES cohorts (id),
  mentor_id      INTEGER REFERENCES mentors (id),
  description    TEXT,
  import_id      INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row     INTEGER NOT NULL
) STRICT;
CREATE INDEX contributions_cohort_kind ON contributions (cohort_id, kind, partner_id);
CREATE INDEX contributions_partner ON contributions (partner_id);
CREATE INDEX contributions_import ON contributions (import_id);

-- Dosage ---------------------------------------------------------------------------------------

CREATE TABLE sessions (
  id               INTEGER PRIMARY KEY,
  external_id      TEXT,                              -- the source's own session ID, if it has one
  session_date     TEXT    NOT NULL CHECK (session_date IS date(session_date)),
  program_id       INTEGER NOT NULL REFERENCES programs (id),
  cohort_id        INTEGER NOT NULL REFERENCES cohorts (id),
  site_id          INTEGER REFERENCES sites (id),
  activity_type_id INTEGER REFERENCES activity_types (id),
  minutes_offered  INTEGER NOT NULL CHECK (minutes_offered >= 0),
  partner_id       INTEGER REFERENCES partners (id),  -- the partner that led it, if any
  title            TEXT,
  import_id        INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row       INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_cohort_program ON sessions (cohort_id, program_id, session_date);
CREATE INDEX sessions_lookup ON sessions (program_id, site_id, session_date, activity_type_id);
CREATE INDEX sessions_partner ON sessions (partner_id);
CREATE INDEX sessions_external ON sessions (external_id);
CREATE INDEX sessions_import ON sessions (import_id);

CREATE TABLE session_mentors (
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  mentor_id  INTEGER NOT NULL REFERENCES mentors (id),
  minutes    INTEGER CHECK (minutes >= 0),            -- NULL: the whole session
  import_id  INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row INTEGER NOT NULL,
  PRIMARY KEY (session_id, mentor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX session_mentors_mentor ON session_mentors (mentor_id);
CREATE INDEX session_mentors_import ON session_mentors (import_id);

CREATE TABLE attendance (
  id               INTEGER PRIMARY KEY,
  participant_id   INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  session_id       INTEGER NOT NULL REFERENCES sessions (id),
  is_present       INTEGER NOT NULL CHECK (is_present IN (0, 1)),
  minutes_attended INTEGER CHECK (minutes_attended >= 0),  -- NULL when present: assume the whole session
  import_id        INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row       INTEGER NOT NULL,
  CHECK (is_present = 1 OR coalesce(minutes_attended, 0) = 0)
) STRICT;
CREATE UNIQUE INDEX attendance_unique ON attendance (participant_id, session_id);
CREATE INDEX attendance_session ON attendance (session_id);
CREATE INDEX attendance_import ON attendance (import_id);

-- Instruments ------------------------------------------------------------------------------------

CREATE TABLE instruments (
  id              INTEGER PRIMARY KEY,
  code            TEXT    NOT NULL CHECK (code <> ''),
  name            TEXT    NOT NULL CHECK (name <> ''),
  version         TEXT    NOT NULL DEFAULT '1',
  respondent_kind TEXT    NOT NULL CHECK (respondent_kind IN ('youth', 'partner')),
  import_id       INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  UNIQUE (code, version)
) STRICT;

-- A response scale: its numeric range (for reverse coding: (min + max) - x) and its options.
CREATE TABLE response_scales (
  id        INTEGER PRIMARY KEY,
  code      TEXT    NOT NULL UNIQUE CHECK (code <> ''),
  name      TEXT    NOT NULL CHECK (name <> ''),
  min_value REAL    NOT NULL,
  max_value REAL    NOT NULL,
  import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  CHECK (max_value > min_value)
) STRICT;

-- Label -> value, or label -> typed missing reason; exactly one of the two.
CREATE TABLE scale_options (
  response_scale_id INTEGER NOT NULL REFERENCES response_scales (id) ON DELETE CASCADE,
  label             TEXT    NOT NULL COLLATE NOCASE CHECK (label <> ''),
  value             REAL,
  missing_reason    TEXT    CHECK (missing_reason IN ('prefer_not_to_say', 'dont_know', 'not_applicable', 'skipped', 'missing_code')),
  position          INTEGER NOT NULL,
  PRIMARY KEY (response_scale_id, label),
  CHECK ((value IS NULL) <> (missing_reason IS NULL))
) STRICT, WITHOUT ROWID;

-- A construct (scale) of an instrument, scored as the mean of its answered items.
CREATE TABLE constructs (
  id            INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
  code          TEXT    NOT NULL CHECK (code <> ''),
  name          TEXT    NOT NULL CHECK (name <> ''),
  min_items     INTEGER NOT NULL DEFAULT 1 CHECK (min_items >= 1),  -- fewest answered items for a score
  import_id     INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  UNIQUE (instrument_id, code)
) STRICT;

CREATE TABLE items (
  id                INTEGER PRIMARY KEY,
  instrument_id     INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
  code              TEXT    NOT NULL CHECK (code <> ''),      -- stable code, e.g. 'INT1'
  text              TEXT    NOT NULL,
  construct_id      INTEGER REFERENCES constructs (id),
  response_scale_id INTEGER NOT NULL REFERENCES response_scales (id),
  is_reverse_coded  INTEGER NOT NULL DEFAULT 0 CHECK (is_reverse_coded IN (0, 1)),
  position          INTEGER NOT NULL DEFAULT 0,
  import_id         INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  UNIQUE (instrument_id, code)
) STRICT;
CREATE INDEX items_construct ON items (construct_id);

-- The wording an item had in one cohort's survey, and where the platform put it, so cohorts stay
-- comparable when a survey is edited. is_comparable = 0 marks a change big enough to break trends.
CREATE TABLE item_versions (
  id              INTEGER PRIMARY KEY,
  item_id         INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  cohort_id       INTEGER NOT NULL REFERENCES cohorts (id),
  text            TEXT    NOT NULL,
  platform_id     TEXT,                                  -- e.g. Qualtrics ImportId 'QID3_2'
  platform_column TEXT,                                  -- e.g. export tag 'Q3_2' or a Forms header
  is_comparable   INTEGER NOT NULL DEFAULT 1 CHECK (is_comparable IN (0, 1)),
  import_id       INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  UNIQUE (item_id, cohort_id)
) STRICT;

-- Responses ------------------------------------------------------------------------------------

-- Who answered: a participant (youth), or a partner organisation and optionally one of its contacts.
CREATE TABLE respondents (
  id             INTEGER PRIMARY KEY,
  key            TEXT    NOT NULL UNIQUE CHECK (key <> ''),  -- e.g. 'youth:Y0042', 'partner:P03:a@b.example'
  kind           TEXT    NOT NULL CHECK (kind IN ('youth', 'partner')),
  participant_id INTEGER REFERENCES participants (id) ON DELETE CASCADE,
  partner_id     INTEGER REFERENCES partners (id) ON DELETE CASCADE,
  contact_id     INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  import_id      INTEGER REFERENCES imports (id) ON DELETE SET NULL,
  CHECK ((kind = 'youth' AND participant_id IS NOT NULL AND partner_id IS NULL AND contact_id IS NULL)
      OR (kind = 'partner' AND participant_id IS NULL AND partner_id IS NOT NULL))
) STRICT;
CREATE INDEX respondents_participant ON respondents (participant_id);
CREATE INDEX respondents_partner ON respondents (partner_id);

-- One sitting of an instrument: usually one survey export for one cohort.
CREATE TABLE administrations (
  id            INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instruments (id),
  cohort_id     INTEGER NOT NULL REFERENCES cohorts (id),
  program_id    INTEGER REFERENCES programs (id),        -- NULL: all programs of the cohort
  label         TEXT    NOT NULL,
  opened_on     TEXT    CHECK (opened_on IS date(opened_on)),
  closed_on     TEXT    CHECK (closed_on IS date(closed_on)),
  import_id     INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX administrations_cohort ON administrations (cohort_id, instrument_id);
CREATE INDEX administrations_import ON administrations (import_id);

-- Long form: one row per respondent x item x wave within an administration. value is the option's
-- value as answered (before reverse coding, which scoring applies from items.is_reverse_coded);
-- exactly one of value and missing_reason is set; raw_text keeps what the file said.
CREATE TABLE responses (
  id                   INTEGER PRIMARY KEY,
  administration_id    INTEGER NOT NULL REFERENCES administrations (id) ON DELETE CASCADE,
  respondent_id        INTEGER NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
  item_id              INTEGER NOT NULL REFERENCES items (id),
  wave                 TEXT    NOT NULL CHECK (wave IN ('pre', 'post', 'retrospective_pre', 'follow_up', 'annual')),
  value                REAL,
  raw_text             TEXT,
  missing_reason       TEXT    CHECK (missing_reason IN ('prefer_not_to_say', 'dont_know', 'not_applicable', 'skipped', 'missing_code')),
  platform_response_id TEXT,                               -- e.g. Qualtrics ResponseId 'R_1abc...'
  responded_at         TEXT,
  import_id            INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row           INTEGER NOT NULL,
  CHECK ((value IS NULL) <> (missing_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX responses_unique ON responses (administration_id, respondent_id, item_id, wave);
CREATE INDEX responses_item_wave ON responses (item_id, wave);
CREATE INDEX responses_respondent ON responses (respondent_id, wave);
CREATE INDEX responses_platform ON responses (platform_response_id);
CREATE INDEX responses_import ON responses (import_id);

-- Goals ------------------------------------------------------------------------------------------

CREATE TABLE goals (
  id               INTEGER PRIMARY KEY,
  metric_key       TEXT    NOT NULL CHECK (metric_key <> ''),  -- names a metric definition, e.g. 'youth_reached'
  description      TEXT,
  target_value     REAL    NOT NULL,
  direction        TEXT    NOT NULL DEFAULT 'at_least' CHECK (direction IN ('at_least', 'at_most')),
  unit             TEXT,
  cohort_id        INTEGER REFERENCES cohorts (id),
  program_id       INTEGER REFERENCES programs (id),
  starts_on        TEXT    CHECK (starts_on IS date(starts_on)),
  ends_on          TEXT    CHECK (ends_on IS date(ends_on)),
  owner_partner_id INTEGER REFERENCES partners (id),
  import_id        INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  source_row       INTEGER NOT NULL
) STRICT;
CREATE INDEX goals_cohort_metric ON goals (cohort_id, metric_key);
CREATE INDEX goals_import ON goals (import_id);
