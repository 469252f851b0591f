//! The indicator library.

use crate::domain::IndicatorSpec;
use rusqlite::{Connection, OptionalExtension, params};

use super::codec::code;
use super::teams::name_clash;
use super::{StorageError, StorageResult, Workbook};
use crate::domain::{Direction, Frequency, Indicator, IndicatorId, IndicatorKind, IndicatorScope};

const SELECT: &str = "SELECT id, name, unit, direction, frequency, decimals, kind, scope, is_amount, counter_indicator_id, description, on_track_within, at_risk_within FROM indicator";

/// A row as stored, before its codes are read.
struct Raw {
    id: i64,
    name: String,
    unit: String,
    direction: String,
    frequency: String,
    decimals: i64,
    kind: String,
    scope: String,
    is_amount: bool,
    counter: Option<i64>,
    description: String,
    on_track_within: f64,
    at_risk_within: f64,
}

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        name: r.get(1)?,
        unit: r.get(2)?,
        direction: r.get(3)?,
        frequency: r.get(4)?,
        decimals: r.get(5)?,
        kind: r.get(6)?,
        scope: r.get(7)?,
        is_amount: r.get(8)?,
        counter: r.get(9)?,
        description: r.get(10)?,
        on_track_within: r.get(11)?,
        at_risk_within: r.get(12)?,
    })
}

fn build(raw: Raw) -> StorageResult<Indicator> {
    Ok(Indicator {
        id: IndicatorId(raw.id),
        name: raw.name,
        unit: raw.unit,
        direction: code(&raw.direction, "direction", Direction::from_code)?,
        frequency: code(&raw.frequency, "frequency", Frequency::from_code)?,
        decimals: raw.decimals.clamp(0, 6) as u8,
        kind: code(&raw.kind, "indicator kind", IndicatorKind::from_code)?,
        scope: code(&raw.scope, "indicator scope", IndicatorScope::from_code)?,
        is_amount: raw.is_amount,
        counter_indicator: raw.counter.map(IndicatorId),
        description: raw.description,
        thresholds: crate::domain::StatusThresholds {
            on_track_within: raw.on_track_within,
            at_risk_within: raw.at_risk_within,
        },
    })
}

pub(super) fn load_all(conn: &Connection) -> StorageResult<Vec<Indicator>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY id"))?;
    let rows = stmt.query_map([], raw)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(build).collect()
}

pub(super) fn by_id(conn: &Connection, id: IndicatorId) -> StorageResult<Option<Indicator>> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id.0], raw)
        .optional()?
        .map(build)
        .transpose()
}

pub(super) fn by_name(conn: &Connection, name: &str) -> StorageResult<Option<Indicator>> {
    conn.query_row(&format!("{SELECT} WHERE name = ?1"), [name.trim()], raw)
        .optional()?
        .map(build)
        .transpose()
}

pub(super) fn insert(conn: &Connection, new: &IndicatorSpec) -> StorageResult<IndicatorId> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(StorageError::Rule("An indicator needs a name.".into()));
    }
    conn.execute(
        "INSERT INTO indicator (name, unit, direction, frequency, decimals, kind, scope, is_amount, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            name,
            new.unit.trim(),
            new.direction.code(),
            new.frequency.code(),
            i64::from(new.decimals.min(6)),
            new.kind.code(),
            new.scope.code(),
            new.is_amount,
            new.description
        ],
    )
    .map_err(|e| name_clash(e, "An indicator", name))?;
    Ok(IndicatorId(conn.last_insert_rowid()))
}

pub(super) fn has_measurements(conn: &Connection, id: IndicatorId) -> StorageResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM measurement WHERE indicator_id = ?1 LIMIT 1",
            [id.0],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

impl Workbook {
    /// Every indicator, oldest first.
    pub fn indicators(&self) -> StorageResult<Vec<Indicator>> {
        load_all(self.conn())
    }

    /// The indicator with this name (ignoring case), if any.
    pub fn indicator_by_name(&self, name: &str) -> StorageResult<Option<Indicator>> {
        by_name(self.conn(), name)
    }

    /// Adds an indicator; refuses an empty or duplicate name.
    pub fn add_indicator(&mut self, new: &IndicatorSpec) -> StorageResult<IndicatorId> {
        self.transact(|tx| insert(tx, new))
    }

    /// Pairs `indicator` with a counter-indicator that should not worsen while it improves.
    pub fn set_counter_indicator(
        &mut self,
        indicator: IndicatorId,
        counter: Option<IndicatorId>,
    ) -> StorageResult<()> {
        if counter == Some(indicator) {
            return Err(StorageError::Rule(
                "An indicator cannot be its own counter-indicator.".into(),
            ));
        }
        self.transact(|tx| {
            tx.execute(
                "UPDATE indicator SET counter_indicator_id = ?2 WHERE id = ?1",
                params![indicator.0, counter.map(|c| c.0)],
            )?;
            Ok(())
        })
    }
}

impl Workbook {
    /// The indicator with this id, if it exists.
    pub fn indicator(&self, id: IndicatorId) -> StorageResult<Option<Indicator>> {
        by_id(self.conn(), id)
    }

    /// Saves an indicator's settings. Its reporting frequency can change only
    /// while it has no data (otherwise stored periods would change meaning).
    pub fn update_indicator(&mut self, ind: &Indicator) -> StorageResult<()> {
        let name = ind.name.trim();
        if name.is_empty() {
            return Err(StorageError::Rule("An indicator needs a name.".into()));
        }
        if let Some(problem) = ind.thresholds.problems() {
            return Err(StorageError::Rule(problem));
        }
        if ind.counter_indicator == Some(ind.id) {
            return Err(StorageError::Rule(
                "An indicator cannot be its own counter-indicator.".into(),
            ));
        }
        self.transact(|tx| {
            let Some(existing) = by_id(tx, ind.id)? else {
                return Err(StorageError::Missing(format!("The indicator \"{name}\"")));
            };
            if existing.frequency != ind.frequency && has_measurements(tx, ind.id)? {
                return Err(StorageError::Rule(format!(
                    "\"{}\" already has data reported {}; its frequency cannot change. Create a new indicator instead.",
                    existing.name,
                    existing.frequency.label().to_lowercase()
                )));
            }
            tx.execute(
                "UPDATE indicator SET name = ?2, unit = ?3, direction = ?4, frequency = ?5, decimals = ?6, kind = ?7,
                 scope = ?8, is_amount = ?9, counter_indicator_id = ?10, description = ?11,
                 on_track_within = ?12, at_risk_within = ?13 WHERE id = ?1",
                params![
                    ind.id.0,
                    name,
                    ind.unit.trim(),
                    ind.direction.code(),
                    ind.frequency.code(),
                    i64::from(ind.decimals.min(6)),
                    ind.kind.code(),
                    ind.scope.code(),
                    ind.is_amount,
                    ind.counter_indicator.map(|c| c.0),
                    ind.description,
                    ind.thresholds.on_track_within,
                    ind.thresholds.at_risk_within
                ],
            )
            .map_err(|e| name_clash(e, "An indicator", name))?;
            super::settings::mark_data_changed(tx)?;
            Ok(())
        })
    }

    /// Removes an indicator that has no data and is not the framework's target.
    pub fn remove_indicator(&mut self, id: IndicatorId) -> StorageResult<()> {
        self.transact(|tx| {
            if has_measurements(tx, id)? {
                return Err(StorageError::Rule(
                    "This indicator has data; it cannot be removed (its history would be lost).".into(),
                ));
            }
            let is_target: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM target WHERE indicator_id = ?1)",
                [id.0],
                |r| r.get(0),
            )?;
            if is_target {
                return Err(StorageError::Rule(
                    "This indicator has a target; it cannot be removed while the target refers to it.".into(),
                ));
            }
            tx.execute("UPDATE observation SET indicator_id = NULL WHERE indicator_id = ?1", [id.0])?;
            tx.execute("DELETE FROM indicator WHERE id = ?1", [id.0])?;
            Ok(())
        })
    }

    /// Whether any value has been recorded for the indicator.
    pub fn indicator_has_data(&self, id: IndicatorId) -> StorageResult<bool> {
        has_measurements(self.conn(), id)
    }
}
