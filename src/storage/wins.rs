//! The wins log: detected and hand-entered wins, never recorded twice and
//! never deleted by detection.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};

use super::codec::{code, date_from_key, date_key, now, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::analysis::wins::DetectedWin;
use crate::domain::win::{Evidence, ManualWin, Win, WinId, WinKind};
use crate::domain::{IndicatorId, TeamId};

/// What a detection run changed in the log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WinsRecorded {
    /// New wins.
    pub added: usize,
    /// Wins the data no longer show (kept, marked).
    pub withdrawn: usize,
    /// Wins marked earlier that the data show again.
    pub restored: usize,
}

const SELECT: &str =
    "SELECT w.id, w.kind, w.team_id, w.indicator_id, w.people, w.achieved_on, w.title,
        w.explanation, w.achievement, w.evidence, w.holds,
        (SELECT COUNT(*) FROM recognition r WHERE r.win_id = w.id)
     FROM win w";

type WinRow = (
    i64,
    String,
    Option<i64>,
    Option<i64>,
    String,
    i64,
    String,
    String,
    String,
    String,
    bool,
    u32,
);

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<WinRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
    ))
}

fn to_win(row: WinRow) -> StorageResult<Win> {
    let (
        id,
        kind,
        team,
        indicator,
        people,
        on,
        title,
        explanation,
        achievement,
        evidence,
        holds,
        n,
    ) = row;
    let evidence: Vec<Evidence> = serde_json::from_str(&evidence).map_err(|e| {
        StorageError::Corrupt(format!("the evidence of win {id} is unreadable ({e})"))
    })?;
    Ok(Win {
        id: WinId(id),
        kind: code(&kind, "win kind", WinKind::from_code)?,
        team: team.map(TeamId),
        indicator: indicator.map(IndicatorId),
        people,
        achieved_on: date_from_key(on)?,
        title,
        explanation,
        achievement,
        evidence,
        holds,
        recognitions: n,
    })
}

fn load(conn: &Connection, filter: &str, args: &[i64]) -> StorageResult<Vec<Win>> {
    let sql = format!("{SELECT} {filter} ORDER BY w.achieved_on DESC, w.id DESC");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), read_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(to_win).collect()
}

fn evidence_json(e: &[Evidence]) -> StorageResult<String> {
    serde_json::to_string(e).map_err(|e| StorageError::Encoding {
        what: "evidence",
        why: e.to_string(),
    })
}

impl Workbook {
    /// Every win, newest first.
    pub fn wins(&self) -> StorageResult<Vec<Win>> {
        load(self.conn(), "", &[])
    }

    /// One win.
    pub fn win(&self, id: WinId) -> StorageResult<Option<Win>> {
        Ok(load(self.conn(), "WHERE w.id = ?1", &[id.0])?
            .into_iter()
            .next())
    }

    /// Records what detection found in `series` (each (indicator, team)
    /// re-examined): new wins are added, known ones left as they are; a
    /// detected win of these series that the data no longer show is marked,
    /// never deleted. One transaction.
    pub fn record_detected_wins(
        &mut self,
        series: &[(IndicatorId, TeamId)],
        found: &[(IndicatorId, DetectedWin)],
    ) -> StorageResult<WinsRecorded> {
        let scope: HashSet<(i64, i64)> = series.iter().map(|(i, t)| (i.0, t.0)).collect();
        let found_keys: HashSet<(i64, i64, &str, &str)> = found
            .iter()
            .map(|(i, w)| (i.0, w.team.0, w.kind.code(), w.key.as_str()))
            .collect();
        let stamp = timestamp_text(now());
        self.transact(|tx| {
            let mut existing: HashMap<(i64, i64, String, String), (i64, bool)> = HashMap::new();
            {
                // A few series (after an edit): read just those; many: one pass.
                let few = series.len() <= 64;
                let sql = if few {
                    "SELECT id, indicator_id, team_id, kind, key, holds FROM win
                     WHERE kind <> 'manual' AND indicator_id = ?1 AND team_id = ?2"
                } else {
                    "SELECT id, indicator_id, team_id, kind, key, holds FROM win WHERE kind <> 'manual'"
                };
                let mut stmt = tx.prepare(sql)?;
                let read = |r: &rusqlite::Row<'_>| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, bool>(5)?,
                    ))
                };
                let mut keep = |row: (i64, i64, i64, String, String, bool)| {
                    let (id, ind, team, kind, key, holds) = row;
                    if scope.contains(&(ind, team)) {
                        existing.insert((ind, team, kind, key), (id, holds));
                    }
                };
                if few {
                    for (ind, team) in &scope {
                        for row in stmt.query_map(params![ind, team], read)? {
                            keep(row?);
                        }
                    }
                } else {
                    for row in stmt.query_map([], read)? {
                        keep(row?);
                    }
                }
            }
            let mut out = WinsRecorded::default();
            {
                let mut insert = tx.prepare(
                    "INSERT INTO win (kind, team_id, indicator_id, achieved_on, key, title, explanation, achievement, evidence, holds, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)",
                )?;
                for (ind, w) in found {
                    let k = (ind.0, w.team.0, w.kind.code().to_owned(), w.key.clone());
                    if existing.contains_key(&k) {
                        continue;
                    }
                    insert.execute(params![
                        w.kind.code(),
                        w.team.0,
                        ind.0,
                        date_key(w.achieved_on),
                        w.key,
                        w.title,
                        w.explanation,
                        w.achievement,
                        evidence_json(&w.evidence)?,
                        stamp
                    ])?;
                    out.added += 1;
                }
            }
            let mut set_holds = tx.prepare("UPDATE win SET holds = ?2 WHERE id = ?1")?;
            for ((ind, team, kind, key), (id, holds)) in &existing {
                let shown = found_keys.contains(&(*ind, *team, kind.as_str(), key.as_str()));
                if shown != *holds {
                    set_holds.execute(params![id, shown])?;
                    if shown {
                        out.restored += 1;
                    } else {
                        out.withdrawn += 1;
                    }
                }
            }
            Ok(out)
        })
    }

    /// Records a win typed in by hand.
    pub fn add_manual_win(&mut self, w: &ManualWin) -> StorageResult<WinId> {
        if let Some(p) = w.problems().into_iter().next() {
            return Err(StorageError::Rule(p));
        }
        let Some(on) = w.achieved_on else {
            return Err(StorageError::Rule("Give the date it was achieved.".into()));
        };
        let description = w.description.trim();
        let title: String = description
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(80)
            .collect();
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO win (kind, team_id, indicator_id, people, achieved_on, key, title, explanation, achievement, evidence, holds, recorded_at)
                 VALUES ('manual', ?1, NULL, ?2, ?3, '', ?4, ?5, ?6, '[]', 1, ?7)",
                params![
                    w.team.map(|t| t.0),
                    w.people.trim(),
                    date_key(on),
                    title,
                    description,
                    description,
                    timestamp_text(now())
                ],
            )?;
            Ok(WinId(tx.last_insert_rowid()))
        })
    }

    /// Removes a win entered by hand that has not been recognised.
    pub fn remove_manual_win(&mut self, id: WinId) -> StorageResult<()> {
        let Some(w) = self.win(id)? else {
            return Err(StorageError::Missing(format!("win {id}")));
        };
        if w.kind != WinKind::Manual {
            return Err(StorageError::Rule(
                "Only wins entered by hand can be removed; detected wins stay in the log.".into(),
            ));
        }
        if w.recognitions > 0 {
            return Err(StorageError::Rule(
                "This win has been recognised, so it stays in the log.".into(),
            ));
        }
        self.transact(|tx| {
            tx.execute("DELETE FROM win WHERE id = ?1", [id.0])?;
            Ok(())
        })
    }

    /// How many wins the log holds.
    pub fn win_count(&self) -> StorageResult<u64> {
        let n: i64 = self
            .conn()
            .query_row("SELECT COUNT(*) FROM win", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
