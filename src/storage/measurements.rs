//! Measured values and their audit trail.

use rusqlite::{Connection, OptionalExtension, params};

use super::codec::{date_from_key, date_key, now, timestamp_from_text, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::{Cell, IndicatorId, TeamId, ValueChange};

/// A value to add where none exists yet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NewMeasurement {
    /// Where it goes.
    pub cell: Cell,
    /// The value.
    pub value: f64,
}

fn current(conn: &Connection, cell: Cell) -> StorageResult<Option<f64>> {
    Ok(conn
        .query_row(
            "SELECT value FROM measurement WHERE indicator_id = ?1 AND team_id = ?2 AND period = ?3",
            params![cell.indicator.0, cell.team.0, date_key(cell.period_start)],
            |r| r.get(0),
        )
        .optional()?)
}

impl Workbook {
    /// Adds values to empty cells, all in one transaction: if any cell
    /// already holds a value, or any value is not a finite number, nothing is
    /// written. Returns how many were added.
    pub fn insert_measurements(
        &mut self,
        rows: impl IntoIterator<Item = NewMeasurement>,
    ) -> StorageResult<usize> {
        self.transact(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO measurement (indicator_id, team_id, period, value) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut n = 0;
            for m in rows {
                if !m.value.is_finite() {
                    return Err(StorageError::Rule(format!(
                        "Value {} for {} is not a finite number.",
                        m.value, m.cell.period_start
                    )));
                }
                stmt.execute(params![
                    m.cell.indicator.0,
                    m.cell.team.0,
                    date_key(m.cell.period_start),
                    m.value
                ])?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// The value in a cell (`None`: not reported).
    pub fn value(&self, cell: Cell) -> StorageResult<Option<f64>> {
        current(self.conn(), cell)
    }

    /// Sets, changes or clears (`None`) one value, writing an audit row with
    /// the old value, the new one, the time and `reason`. Returns `false` when
    /// the value was already that (nothing is written).
    pub fn set_value(
        &mut self,
        cell: Cell,
        new: Option<f64>,
        reason: &str,
        source: &str,
    ) -> StorageResult<bool> {
        if new.is_some_and(|v| !v.is_finite()) {
            return Err(StorageError::Rule(
                "A value must be a finite number.".into(),
            ));
        }
        self.transact(|tx| {
            let old = current(tx, cell)?;
            if old == new {
                return Ok(false);
            }
            let key = params![cell.indicator.0, cell.team.0, date_key(cell.period_start)];
            match new {
                Some(v) => tx.execute(
                    "INSERT INTO measurement (indicator_id, team_id, period, value) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (indicator_id, team_id, period) DO UPDATE SET value = excluded.value",
                    params![cell.indicator.0, cell.team.0, date_key(cell.period_start), v],
                )?,
                None => tx.execute(
                    "DELETE FROM measurement WHERE indicator_id = ?1 AND team_id = ?2 AND period = ?3",
                    key,
                )?,
            };
            tx.execute(
                "INSERT INTO value_change (indicator_id, team_id, period, old_value, new_value, changed_at, reason, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    cell.indicator.0,
                    cell.team.0,
                    date_key(cell.period_start),
                    old,
                    new,
                    timestamp_text(now()),
                    reason.trim(),
                    source
                ],
            )?;
            Ok(true)
        })
    }

    /// Every recorded change of a cell, oldest first.
    pub fn value_history(&self, cell: Cell) -> StorageResult<Vec<ValueChange>> {
        let mut stmt = self.conn().prepare(
            "SELECT old_value, new_value, changed_at, reason, source FROM value_change
             WHERE indicator_id = ?1 AND team_id = ?2 AND period = ?3 ORDER BY id",
        )?;
        let rows = stmt
            .query_map(
                params![cell.indicator.0, cell.team.0, date_key(cell.period_start)],
                |r| {
                    Ok((
                        r.get::<_, Option<f64>>(0)?,
                        r.get::<_, Option<f64>>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(old, new, at, reason, source)| {
                Ok(ValueChange {
                    cell,
                    old_value: old,
                    new_value: new,
                    changed_at: timestamp_from_text(&at)?,
                    reason,
                    source,
                })
            })
            .collect()
    }

    /// Every value of one team on one indicator, oldest period first.
    pub fn series(
        &self,
        indicator: IndicatorId,
        team: TeamId,
    ) -> StorageResult<Vec<(chrono::NaiveDate, f64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT period, value FROM measurement WHERE indicator_id = ?1 AND team_id = ?2 ORDER BY period",
        )?;
        let rows = stmt
            .query_map(params![indicator.0, team.0], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(k, v)| Ok((date_from_key(k)?, v)))
            .collect()
    }
}
