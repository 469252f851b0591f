//! Qualitative observations.

use rusqlite::{Connection, params};

use super::codec::{date_from_key, date_key, now, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::observation::{observation_problems, parse_tags};
use crate::domain::{IndicatorId, Observation, ObservationId, TeamId};

fn load_all(conn: &Connection) -> StorageResult<Vec<Observation>> {
    let mut stmt = conn.prepare(
        "SELECT id, observed_on, team_id, indicator_id, text, tags, source FROM observation ORDER BY observed_on DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, on, team, indicator, text, tags, source)| {
            Ok(Observation {
                id: ObservationId(id),
                observed_on: date_from_key(on)?,
                team: team.map(TeamId),
                indicator: indicator.map(IndicatorId),
                text,
                tags: parse_tags(&tags),
                source,
            })
        })
        .collect()
}

fn check(o: &Observation) -> StorageResult<()> {
    match observation_problems(o).into_iter().next() {
        Some(p) => Err(StorageError::Rule(p)),
        None => Ok(()),
    }
}

impl Workbook {
    /// Every observation, newest first.
    pub fn observations(&self) -> StorageResult<Vec<Observation>> {
        load_all(self.conn())
    }

    /// Records an observation.
    pub fn add_observation(&mut self, o: &Observation) -> StorageResult<ObservationId> {
        check(o)?;
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO observation (observed_on, team_id, indicator_id, text, tags, source, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    date_key(o.observed_on),
                    o.team.map(|t| t.0),
                    o.indicator.map(|i| i.0),
                    o.text,
                    o.tags.join(", "),
                    o.source.trim(),
                    timestamp_text(now())
                ],
            )?;
            Ok(ObservationId(tx.last_insert_rowid()))
        })
    }

    /// Saves an edited observation.
    pub fn update_observation(&mut self, o: &Observation) -> StorageResult<()> {
        check(o)?;
        self.transact(|tx| {
            let n = tx.execute(
                "UPDATE observation SET observed_on = ?2, team_id = ?3, indicator_id = ?4, text = ?5, tags = ?6, source = ?7 WHERE id = ?1",
                params![
                    o.id.0,
                    date_key(o.observed_on),
                    o.team.map(|t| t.0),
                    o.indicator.map(|i| i.0),
                    o.text,
                    o.tags.join(", "),
                    o.source.trim()
                ],
            )?;
            if n == 0 {
                return Err(StorageError::Missing("That observation".into()));
            }
            Ok(())
        })
    }

    /// Removes an observation.
    pub fn remove_observation(&mut self, id: ObservationId) -> StorageResult<()> {
        self.transact(|tx| {
            tx.execute("DELETE FROM observation WHERE id = ?1", [id.0])?;
            Ok(())
        })
    }
}
