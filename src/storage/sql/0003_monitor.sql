-- Ratchet workbook, schema version 3: monitoring settings.

-- Per indicator: how far behind its target path a team may be and still be
-- "on track", or "at risk" (shares of the planned change).
ALTER TABLE indicator ADD COLUMN on_track_within REAL NOT NULL DEFAULT 0.05;
ALTER TABLE indicator ADD COLUMN at_risk_within REAL NOT NULL DEFAULT 0.15;

-- Per series: XmR limits fixed from a baseline span, and/or recalculated
-- from a period on (a process change). Periods by start date (yyyymmdd).
CREATE TABLE xmr_setting (
    indicator_id  INTEGER NOT NULL REFERENCES indicator (id),
    team_id       INTEGER NOT NULL REFERENCES team (id),
    baseline_from INTEGER,
    baseline_to   INTEGER,
    recalc_from   INTEGER,
    PRIMARY KEY (indicator_id, team_id)
);
