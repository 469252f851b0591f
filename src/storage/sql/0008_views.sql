-- Version 1 of the read-only views other tools read (a data platform,
-- DuckDB, SQLite's ATTACH): their names and columns never change; a change
-- would come as ratchet_v2_* beside them. Dates are ISO text (YYYY-MM-DD);
-- every row names its agency, so that several workbooks can be queried
-- together.

CREATE VIEW ratchet_v1_teams AS
SELECT (SELECT name FROM agency) AS agency,
       t.id AS team_id,
       t.name AS team,
       t.contact AS contact,
       t.is_agency AS is_whole_agency,
       t.archived_at IS NOT NULL AS archived
FROM team t;

CREATE VIEW ratchet_v1_indicators AS
SELECT (SELECT name FROM agency) AS agency,
       i.id AS indicator_id,
       i.name AS indicator,
       i.unit AS unit,
       i.direction AS direction,
       i.frequency AS frequency,
       i.decimals AS decimals,
       i.kind AS kind,
       i.scope AS scope,
       i.is_amount AS is_amount,
       i.description AS description
FROM indicator i;

CREATE VIEW ratchet_v1_values AS
SELECT (SELECT name FROM agency) AS agency,
       t.name AS team,
       i.name AS indicator,
       printf('%04d-%02d-%02d', m.period / 10000, (m.period / 100) % 100, m.period % 100) AS period_start,
       i.frequency AS frequency,
       m.value AS value,
       i.unit AS unit,
       m.note AS note
FROM measurement m
JOIN team t ON t.id = m.team_id
JOIN indicator i ON i.id = m.indicator_id;

CREATE VIEW ratchet_v1_targets AS
SELECT (SELECT name FROM agency) AS agency,
       t.name AS team,
       i.name AS indicator,
       g.baseline_value AS baseline_value,
       printf('%04d-%02d-%02d', g.baseline_date / 10000, (g.baseline_date / 100) % 100, g.baseline_date % 100) AS baseline_date,
       g.target_value AS target_value,
       printf('%04d-%02d-%02d', g.deadline / 10000, (g.deadline / 100) % 100, g.deadline % 100) AS deadline,
       g.superseded_at IS NULL AS current,
       g.set_at AS set_at,
       g.superseded_at AS superseded_at,
       g.reason AS reason
FROM target g
JOIN indicator i ON i.id = g.indicator_id
LEFT JOIN team t ON t.id = g.team_id;

CREATE VIEW ratchet_v1_flags AS
SELECT (SELECT name FROM agency) AS agency,
       t.name AS team,
       i.name AS indicator,
       f.rule AS rule,
       f.severity AS severity,
       f.title AS title,
       f.explanation AS explanation,
       f.status AS status,
       f.active AS active,
       printf('%04d-%02d-%02d', f.first_seen / 10000, (f.first_seen / 100) % 100, f.first_seen % 100) AS first_seen,
       printf('%04d-%02d-%02d', f.last_seen / 10000, (f.last_seen / 100) % 100, f.last_seen % 100) AS last_seen
FROM flag f
LEFT JOIN team t ON t.id = f.team_id
LEFT JOIN indicator i ON i.id = f.indicator_id;

CREATE VIEW ratchet_v1_wins AS
SELECT (SELECT name FROM agency) AS agency,
       t.name AS team,
       i.name AS indicator,
       w.kind AS kind,
       printf('%04d-%02d-%02d', w.achieved_on / 10000, (w.achieved_on / 100) % 100, w.achieved_on % 100) AS achieved_on,
       w.title AS title,
       w.explanation AS explanation,
       w.holds AS holds,
       (SELECT COUNT(*) FROM recognition r WHERE r.win_id = w.id) AS recognitions
FROM win w
LEFT JOIN team t ON t.id = w.team_id
LEFT JOIN indicator i ON i.id = w.indicator_id;
