-- Ratchet workbook, schema version 6: operational capacity and stat
-- meetings (practices 5, 6 and 8).

-- What a team needs to reach its target; every status change is a dated row
-- of need_event (the first is the request).
CREATE TABLE capacity_need (
    id           INTEGER PRIMARY KEY,
    team_id      INTEGER NOT NULL REFERENCES team (id),
    category     TEXT NOT NULL,
    description  TEXT NOT NULL,
    amount       REAL,
    indicator_id INTEGER REFERENCES indicator (id),
    status       TEXT NOT NULL DEFAULT 'requested'
);
CREATE TABLE need_event (
    id      INTEGER PRIMARY KEY,
    need_id INTEGER NOT NULL REFERENCES capacity_need (id),
    status  TEXT NOT NULL,
    on_date INTEGER NOT NULL,
    note    TEXT NOT NULL DEFAULT '',
    at      TEXT NOT NULL
);
CREATE INDEX need_event_by_need ON need_event (need_id);

-- A stat meeting, the teams attending, and its agenda (built from the
-- workbook when the meeting was created, then edited).
CREATE TABLE meeting (
    id         INTEGER PRIMARY KEY,
    held_on    INTEGER NOT NULL,
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE meeting_team (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    team_id    INTEGER NOT NULL REFERENCES team (id),
    PRIMARY KEY (meeting_id, team_id)
);
CREATE TABLE agenda_item (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meeting (id),
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',
    team_id      INTEGER,
    indicator_id INTEGER,
    flag_id      INTEGER,
    win_id       INTEGER,
    need_id      INTEGER,
    follow_up_id INTEGER,
    notes        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_item_by_meeting ON agenda_item (meeting_id, position);
CREATE TABLE decision (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES agenda_item (id),
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A follow-up raised at a meeting, carried to later agendas until it is
-- resolved; resolved_meeting_id says at which meeting.
CREATE TABLE follow_up (
    id                  INTEGER PRIMARY KEY,
    meeting_id          INTEGER NOT NULL REFERENCES meeting (id),
    item_id             INTEGER REFERENCES agenda_item (id),
    text                TEXT NOT NULL,
    owner               TEXT NOT NULL,
    due                 INTEGER NOT NULL,
    team_id             INTEGER,
    indicator_id        INTEGER,
    flag_id             INTEGER,
    need_id             INTEGER,
    status              TEXT NOT NULL DEFAULT 'open',
    resolved_meeting_id INTEGER REFERENCES meeting (id),
    resolution          TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL
);
