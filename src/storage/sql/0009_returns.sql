-- Data returns: requests for each team's numbers, and what came back.

CREATE TABLE return_request (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    as_of INTEGER NOT NULL,          -- date key of the day whose period is the latest asked
    periods_before INTEGER NOT NULL CHECK (periods_before >= 0),
    due INTEGER,                     -- date key, or NULL
    folder TEXT NOT NULL
);

CREATE TABLE return_team (
    request_id INTEGER NOT NULL REFERENCES return_request(id) ON DELETE CASCADE,
    team_id INTEGER NOT NULL REFERENCES team(id),
    file_name TEXT NOT NULL,
    cells INTEGER NOT NULL CHECK (cells >= 0),
    collected_at TEXT,
    collected_by TEXT,
    filled INTEGER,
    PRIMARY KEY (request_id, team_id)
) WITHOUT ROWID;

-- The key return files are signed with: the files name this workbook, and
-- only it can tell a genuine return from an edited or misdirected one.
INSERT OR IGNORE INTO setting (key, value) VALUES ('return_key', lower(hex(randomblob(16))));
