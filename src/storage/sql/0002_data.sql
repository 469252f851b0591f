-- Ratchet workbook, schema version 2: the data side (period locks,
-- qualitative observations, import log, workbook settings).

-- Periods that ended on or before `locked_through` (yyyymmdd) are locked:
-- changing one of their values needs a reason. The newest row is in force.
CREATE TABLE period_lock (
    id             INTEGER PRIMARY KEY,
    locked_through INTEGER NOT NULL,
    set_at         TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT ''
);

-- Dated qualitative notes: site visits, complaints, field notes.
CREATE TABLE observation (
    id           INTEGER PRIMARY KEY,
    observed_on  INTEGER NOT NULL,
    team_id      INTEGER REFERENCES team (id),
    indicator_id INTEGER REFERENCES indicator (id),
    text         TEXT NOT NULL,
    tags         TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE INDEX observation_date ON observation (observed_on);

-- One row per confirmed import.
CREATE TABLE import_log (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    skipped     INTEGER NOT NULL
);

-- Workbook-wide settings, e.g. the month the fiscal year starts.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
