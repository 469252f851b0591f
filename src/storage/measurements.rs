//! Measured values and their audit trail.

use rusqlite::{Connection, OptionalExtension, params};

use super::codec::{date_from_key, date_key, now, timestamp_from_text, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::{Cell, Frequency, IndicatorId, IndicatorKind, Period, TeamId, ValueChange};

/// A value to add where none exists yet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NewMeasurement {
    /// Where it goes.
    pub cell: Cell,
    /// The value.
    pub value: f64,
}

pub(super) fn current(conn: &Connection, cell: Cell) -> StorageResult<Option<f64>> {
    Ok(conn
        .query_row(
            "SELECT value FROM measurement WHERE indicator_id = ?1 AND team_id = ?2 AND period = ?3",
            params![cell.indicator.0, cell.team.0, date_key(cell.period_start)],
            |r| r.get(0),
        )
        .optional()?)
}

/// One team's values of an indicator, by period.
pub type TeamSeries = (TeamId, Vec<(chrono::NaiveDate, f64)>);

impl Workbook {
    /// The latest period each team has a value for, per indicator: what
    /// the home screen's overdue data is found from (one pass over the
    /// primary key, no value read).
    pub fn latest_periods(&self) -> StorageResult<Vec<(IndicatorId, TeamId, chrono::NaiveDate)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT indicator_id, team_id, MAX(period) FROM measurement GROUP BY indicator_id, team_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (indicator, team, period) = row?;
            out.push((IndicatorId(indicator), TeamId(team), date_from_key(period)?));
        }
        Ok(out)
    }
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
            super::settings::mark_data_changed(tx)?;
            Ok(n)
        })
    }

    /// The value in a cell (`None`: not reported).
    pub fn value(&self, cell: Cell) -> StorageResult<Option<f64>> {
        current(self.conn(), cell)
    }

    /// Sets, changes or clears (`None`) one value, writing an audit row with
    /// the old value, the new one, the time and `reason`. Returns `false` when
    /// the value was already that (nothing is written). A value in a locked
    /// period needs a reason.
    pub fn set_value(
        &mut self,
        cell: Cell,
        new: Option<f64>,
        reason: &str,
        source: &str,
    ) -> StorageResult<bool> {
        self.transact(|tx| {
            let lock = super::locks::locked_through(tx)?;
            set_one(
                tx,
                cell,
                new,
                reason,
                source,
                lock,
                &mut IndicatorCache::default(),
            )
        })
    }

    /// Sets several values at once (a pasted block): all are written, or, if
    /// any is refused, none. Returns how many changed.
    pub fn set_values(
        &mut self,
        changes: &[(Cell, Option<f64>)],
        reason: &str,
        source: &str,
    ) -> StorageResult<usize> {
        self.transact(|tx| {
            let lock = super::locks::locked_through(tx)?;
            let mut cache = IndicatorCache::default();
            let mut changed = 0;
            for (cell, new) in changes {
                if set_one(tx, *cell, *new, reason, source, lock, &mut cache)? {
                    changed += 1;
                }
            }
            Ok(changed)
        })
    }

    /// Every value of an indicator: (team, period start, value), by team then period.
    pub fn values_for_indicator(
        &self,
        indicator: IndicatorId,
    ) -> StorageResult<Vec<(TeamId, chrono::NaiveDate, f64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT team_id, period, value FROM measurement WHERE indicator_id = ?1 ORDER BY team_id, period",
        )?;
        let rows = stmt
            .query_map([indicator.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, f64>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(t, p, v)| Ok((TeamId(t), date_from_key(p)?, v)))
            .collect()
    }

    /// Every value of an indicator grouped by team, each team's values by
    /// period: what the checks and charts read, without a row per value in
    /// between (periods repeat across teams, so each is decoded once).
    pub fn series_for_indicator(&self, indicator: IndicatorId) -> StorageResult<Vec<TeamSeries>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT team_id, period, value FROM measurement WHERE indicator_id = ?1 ORDER BY team_id, period",
        )?;
        let mut rows = stmt.query([indicator.0])?;
        let mut out: Vec<TeamSeries> = Vec::new();
        let mut dates: rustc_hash::FxHashMap<i64, chrono::NaiveDate> =
            rustc_hash::FxHashMap::default();
        while let Some(row) = rows.next()? {
            let team = TeamId(row.get::<_, i64>(0)?);
            let key: i64 = row.get(1)?;
            let value: f64 = row.get(2)?;
            let date = match dates.get(&key) {
                Some(d) => *d,
                None => {
                    let d = date_from_key(key)?;
                    dates.insert(key, d);
                    d
                }
            };
            match out.last_mut() {
                Some((t, points)) if *t == team => points.push((date, value)),
                _ => {
                    let hint = out.last().map_or(64, |(_, p)| p.len());
                    let mut points = Vec::with_capacity(hint);
                    points.push((date, value));
                    out.push((team, points));
                }
            }
        }
        Ok(out)
    }

    /// Every value of a team on indicators of one frequency: (indicator, period start, value).
    pub fn values_for_team(
        &self,
        team: TeamId,
    ) -> StorageResult<Vec<(IndicatorId, chrono::NaiveDate, f64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT indicator_id, period, value FROM measurement WHERE team_id = ?1 ORDER BY indicator_id, period",
        )?;
        let rows = stmt
            .query_map([team.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, f64>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(i, p, v)| Ok((IndicatorId(i), date_from_key(p)?, v)))
            .collect()
    }

    /// Calls `f` for every stored value (with its note) of the chosen
    /// indicators (all when empty), ordered by indicator, team and period,
    /// without holding them all in memory.
    pub fn for_each_value(
        &self,
        indicators: &[IndicatorId],
        mut f: impl FnMut(StoredValue) -> StorageResult<()>,
    ) -> StorageResult<()> {
        let mut stmt = self.conn().prepare(
            "SELECT indicator_id, team_id, period, value, note FROM measurement ORDER BY indicator_id, team_id, period",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let indicator = IndicatorId(r.get(0)?);
            if !indicators.is_empty() && !indicators.contains(&indicator) {
                continue;
            }
            f(StoredValue {
                cell: Cell {
                    indicator,
                    team: TeamId(r.get(1)?),
                    period_start: date_from_key(r.get(2)?)?,
                },
                value: r.get(3)?,
                note: r.get(4)?,
            })?;
        }
        Ok(())
    }

    /// The note stored with a value, if any.
    pub fn value_note(&self, cell: Cell) -> StorageResult<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT note FROM measurement WHERE indicator_id = ?1 AND team_id = ?2 AND period = ?3",
                params![cell.indicator.0, cell.team.0, date_key(cell.period_start)],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
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

/// One stored value with its note.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredValue {
    /// Where it is.
    pub cell: Cell,
    /// The value.
    pub value: f64,
    /// Its note (e.g. a footnote kept from an imported file).
    pub note: Option<String>,
}

/// Indicator facts needed per write, looked up once per transaction.
#[derive(Default)]
pub(super) struct IndicatorCache(
    std::collections::HashMap<IndicatorId, (Frequency, IndicatorKind, String)>,
);

impl IndicatorCache {
    pub(super) fn get(
        &mut self,
        conn: &Connection,
        id: IndicatorId,
    ) -> StorageResult<&(Frequency, IndicatorKind, String)> {
        match self.0.entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => Ok(e.into_mut()),
            std::collections::hash_map::Entry::Vacant(e) => {
                let ind = super::indicators::by_id(conn, id)?
                    .ok_or_else(|| StorageError::Missing("That indicator".into()))?;
                Ok(e.insert((ind.frequency, ind.kind, ind.name)))
            }
        }
    }
}

/// Checks that a value may go in a cell: a real period start, a finite
/// number (0 or 1 for yes/no), and a reason when the period is locked.
pub(super) fn check_cell(
    cell: Cell,
    new: Option<f64>,
    reason: &str,
    lock: Option<chrono::NaiveDate>,
    (frequency, kind, name): &(Frequency, IndicatorKind, String),
) -> StorageResult<()> {
    let period = Period {
        start: cell.period_start,
        frequency: *frequency,
    };
    if frequency.period_start(cell.period_start) != cell.period_start {
        return Err(StorageError::Rule(format!(
            "{} is not the start of a {} period of \"{name}\".",
            cell.period_start,
            frequency.noun()
        )));
    }
    if let Some(v) = new {
        if !v.is_finite() || v.abs() > crate::domain::number::MAX_MAGNITUDE {
            return Err(StorageError::Rule(
                "A value must be a finite number within ±1,000,000,000,000,000.".into(),
            ));
        }
        if *kind == IndicatorKind::YesNo && v != 0.0 && v != 1.0 {
            return Err(StorageError::Rule(format!(
                "\"{name}\" takes yes (1) or no (0), not {v}."
            )));
        }
    }
    if let Some(lock) = lock
        && period.end() <= lock
        && reason.trim().is_empty()
    {
        return Err(StorageError::LockedPeriod {
            period: period.label(),
            through: lock.format("%-d %b %Y").to_string(),
        });
    }
    Ok(())
}

/// Writes one value and its audit row inside a transaction.
fn set_one(
    tx: &Connection,
    cell: Cell,
    new: Option<f64>,
    reason: &str,
    source: &str,
    lock: Option<chrono::NaiveDate>,
    cache: &mut IndicatorCache,
) -> StorageResult<bool> {
    let facts = cache.get(tx, cell.indicator)?.clone();
    let old = current(tx, cell)?;
    if old == new {
        return Ok(false);
    }
    check_cell(cell, new, reason, lock, &facts)?;
    let key = params![cell.indicator.0, cell.team.0, date_key(cell.period_start)];
    match new {
        Some(v) => tx.execute(
            "INSERT INTO measurement (indicator_id, team_id, period, value) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (indicator_id, team_id, period) DO UPDATE SET value = excluded.value",
            params![
                cell.indicator.0,
                cell.team.0,
                date_key(cell.period_start),
                v
            ],
        )?,
        None => tx.execute(
            "DELETE FROM measurement WHERE indicator_id = ?1 AND team_id = ?2 AND period = ?3",
            key,
        )?,
    };
    audit(tx, cell, old, new, reason, source)?;
    super::settings::mark_data_changed(tx)?;
    Ok(true)
}

/// Appends one row to the audit trail.
pub(super) fn audit(
    tx: &Connection,
    cell: Cell,
    old: Option<f64>,
    new: Option<f64>,
    reason: &str,
    source: &str,
) -> StorageResult<()> {
    audit_at(tx, cell, old, new, reason, source, &timestamp_text(now()))
}

/// [`audit`] with the time of the change given (one for a whole import).
pub(super) fn audit_at(
    tx: &Connection,
    cell: Cell,
    old: Option<f64>,
    new: Option<f64>,
    reason: &str,
    source: &str,
    changed_at: &str,
) -> StorageResult<()> {
    tx.prepare_cached(
        "INSERT INTO value_change (indicator_id, team_id, period, old_value, new_value, changed_at, reason, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        cell.indicator.0,
        cell.team.0,
        date_key(cell.period_start),
        old,
        new,
        changed_at,
        reason.trim(),
        source
    ])?;
    Ok(())
}
