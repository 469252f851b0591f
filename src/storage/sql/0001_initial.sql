-- Ratchet workbook, schema version 1.
-- Dates of periods and targets are INTEGER yyyymmdd; timestamps are TEXT RFC 3339 in UTC.

PRAGMA application_id = 1381253960; -- 0x52544348, "RTCH": marks the file as a Ratchet workbook

CREATE TABLE agency (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    name         TEXT NOT NULL DEFAULT '',
    leader_name  TEXT NOT NULL DEFAULT '',
    leader_title TEXT NOT NULL DEFAULT ''
);
INSERT INTO agency (id) VALUES (1);

CREATE TABLE mission_version (
    id        INTEGER PRIMARY KEY,
    statement TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    saved_at  TEXT NOT NULL
);

CREATE TABLE deficit (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '',
    harm        INTEGER NOT NULL DEFAULT 3 CHECK (harm BETWEEN 1 AND 5),
    size        INTEGER NOT NULL DEFAULT 3 CHECK (size BETWEEN 1 AND 5),
    feasibility INTEGER NOT NULL DEFAULT 3 CHECK (feasibility BETWEEN 1 AND 5),
    created_at  TEXT NOT NULL
);

CREATE TABLE team (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    contact     TEXT NOT NULL DEFAULT '',
    is_agency   INTEGER NOT NULL DEFAULT 0 CHECK (is_agency IN (0, 1)),
    archived_at TEXT,
    position    INTEGER NOT NULL DEFAULT 0
);
-- The whole agency, under which agency-wide indicators are recorded.
INSERT INTO team (id, name, is_agency) VALUES (0, '(whole agency)', 1);

CREATE TABLE indicator (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL UNIQUE COLLATE NOCASE,
    unit                 TEXT NOT NULL DEFAULT '',
    direction            TEXT NOT NULL CHECK (direction IN ('higher', 'lower', 'neutral')),
    frequency            TEXT NOT NULL CHECK (frequency IN ('week', 'month', 'quarter', 'year')),
    decimals             INTEGER NOT NULL DEFAULT 1 CHECK (decimals BETWEEN 0 AND 6),
    kind                 TEXT NOT NULL DEFAULT 'quantitative' CHECK (kind IN ('quantitative', 'yes_no')),
    scope                TEXT NOT NULL DEFAULT 'team' CHECK (scope IN ('team', 'agency')),
    is_amount            INTEGER NOT NULL DEFAULT 0 CHECK (is_amount IN (0, 1)),
    counter_indicator_id INTEGER REFERENCES indicator (id) ON DELETE SET NULL,
    description          TEXT NOT NULL DEFAULT ''
);

-- Targets are never rewritten once the framework is complete: a new target
-- supersedes the old one, which stays as history.
CREATE TABLE target (
    id             INTEGER PRIMARY KEY,
    indicator_id   INTEGER NOT NULL REFERENCES indicator (id),
    team_id        INTEGER REFERENCES team (id),
    baseline_value REAL NOT NULL,
    baseline_date  INTEGER NOT NULL,
    target_value   REAL NOT NULL,
    deadline       INTEGER NOT NULL CHECK (deadline > baseline_date),
    set_at         TEXT NOT NULL,
    superseded_at  TEXT,
    reason         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX target_indicator ON target (indicator_id, team_id);

CREATE TABLE framework (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    chosen_deficit_id INTEGER REFERENCES deficit (id) ON DELETE SET NULL,
    deficit_rationale TEXT NOT NULL DEFAULT '',
    target_id         INTEGER REFERENCES target (id),
    completed_at      TEXT
);
INSERT INTO framework (id) VALUES (1);

CREATE TABLE theory_step (
    id             INTEGER PRIMARY KEY,
    position       INTEGER NOT NULL,
    outcome        TEXT NOT NULL DEFAULT '',
    indicator_name TEXT NOT NULL DEFAULT '',
    assumption     TEXT NOT NULL DEFAULT '',
    evidence       TEXT NOT NULL DEFAULT ''
);

-- What the wizard holds that is not yet committed (JSON of domain::WizardDraft).
CREATE TABLE wizard_draft (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    draft TEXT NOT NULL
);

-- One value per team, indicator and period (period = its start date, yyyymmdd).
-- WITHOUT ROWID keeps a measurement to a few dozen bytes on disk.
CREATE TABLE measurement (
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    team_id      INTEGER NOT NULL REFERENCES team (id),
    period       INTEGER NOT NULL,
    value        REAL NOT NULL,
    note         TEXT,
    PRIMARY KEY (indicator_id, team_id, period)
) WITHOUT ROWID;

-- Every change of a stored value: NULL means "not reported".
CREATE TABLE value_change (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL,
    team_id      INTEGER NOT NULL,
    period       INTEGER NOT NULL,
    old_value    REAL,
    new_value    REAL,
    changed_at   TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT 'entry'
);
CREATE INDEX value_change_cell ON value_change (indicator_id, team_id, period);
