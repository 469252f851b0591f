-- Ratchet workbook, schema version 4: wins and recognition.

-- A win: detected from a series (kind, team, indicator and key identify it,
-- so detection never records it twice) or entered by hand. Wins are never
-- deleted by detection: when later data no longer show one, holds = 0.
CREATE TABLE win (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    team_id      INTEGER REFERENCES team (id),
    indicator_id INTEGER REFERENCES indicator (id),
    people       TEXT NOT NULL DEFAULT '',
    achieved_on  INTEGER NOT NULL,
    key          TEXT NOT NULL,
    title        TEXT NOT NULL,
    explanation  TEXT NOT NULL,
    achievement  TEXT NOT NULL,
    evidence     TEXT NOT NULL DEFAULT '[]',
    holds        INTEGER NOT NULL DEFAULT 1,
    recorded_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX win_detected ON win (indicator_id, team_id, kind, key) WHERE kind <> 'manual';
CREATE INDEX win_by_date ON win (achieved_on);

-- A recognition given: the certificate's recipients and words as printed,
-- and the files written.
CREATE TABLE recognition (
    id          INTEGER PRIMARY KEY,
    win_id      INTEGER REFERENCES win (id),
    team_id     INTEGER REFERENCES team (id),
    recipients  TEXT NOT NULL,
    achievement TEXT NOT NULL,
    given_on    INTEGER NOT NULL,
    signer      TEXT NOT NULL,
    files       TEXT NOT NULL DEFAULT '[]',
    recorded_at TEXT NOT NULL
);
CREATE INDEX recognition_by_win ON recognition (win_id);

-- Files kept inside the workbook (the certificate logo).
CREATE TABLE asset (
    name      TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    mime      TEXT NOT NULL,
    bytes     BLOB NOT NULL,
    saved_at  TEXT NOT NULL
);
