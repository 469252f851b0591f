-- Ratchet workbook, schema version 5: integrity flags, reviews and
-- framework versions (practices 9 and 11).

-- A finding of an integrity check. Rule, indicator, team and key identify
-- it, so re-running the checks updates it instead of adding another. The
-- leader settles it (explained or confirmed); it reopens only when the
-- finding's fingerprint (its substance) changes. A flag the checks no
-- longer find is kept with active = 0.
CREATE TABLE flag (
    id           INTEGER PRIMARY KEY,
    rule         TEXT NOT NULL,
    indicator_id INTEGER REFERENCES indicator (id),
    team_id      INTEGER REFERENCES team (id),
    key          TEXT NOT NULL,
    severity     TEXT NOT NULL,
    title        TEXT NOT NULL,
    explanation  TEXT NOT NULL,
    evidence     TEXT NOT NULL DEFAULT '[]',
    fingerprint  TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    status       TEXT NOT NULL DEFAULT 'open',
    note         TEXT NOT NULL DEFAULT '',
    settled_at   TEXT,
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL
);
CREATE UNIQUE INDEX flag_identity ON flag (rule, IFNULL(indicator_id, -1), IFNULL(team_id, -1), key);
CREATE INDEX flag_by_indicator ON flag (indicator_id);

-- Every decision about a flag, and every reopening.
CREATE TABLE flag_event (
    id      INTEGER PRIMARY KEY,
    flag_id INTEGER NOT NULL REFERENCES flag (id),
    at      TEXT NOT NULL,
    status  TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX flag_event_by_flag ON flag_event (flag_id);

-- A review (practice 11): what was learned, and what changes, each with its reason.
CREATE TABLE review (
    id          INTEGER PRIMARY KEY,
    held_on     INTEGER NOT NULL,
    learned     TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE TABLE review_change (
    id        INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id),
    position  INTEGER NOT NULL,
    area      TEXT NOT NULL,
    change    TEXT NOT NULL,
    reason    TEXT NOT NULL
);

-- The framework as it stood, kept whenever it was completed or reviewed.
CREATE TABLE framework_version (
    id        INTEGER PRIMARY KEY,
    saved_at  TEXT NOT NULL,
    label     TEXT NOT NULL,
    framework TEXT NOT NULL
);
