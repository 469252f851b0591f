//! The framework target and its link to an indicator.

use rusqlite::{Connection, OptionalExtension, params};

use super::codec::{code, date_from_key, date_key, now, timestamp_text};
use super::indicators;
use super::{StorageError, StorageResult, Workbook};
use crate::domain::IndicatorSpec;
use crate::domain::{Direction, Frequency, IndicatorId, Target, TargetId};

pub(super) fn framework_target(conn: &Connection) -> StorageResult<Option<Target>> {
    let raw = conn
        .query_row(
            "SELECT i.name, i.unit, i.direction, i.frequency, t.baseline_value, t.baseline_date, t.target_value, t.deadline
             FROM framework f JOIN target t ON t.id = f.target_id JOIN indicator i ON i.id = t.indicator_id
             WHERE f.id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, f64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, f64>(6)?,
                    r.get::<_, i64>(7)?,
                ))
            },
        )
        .optional()?;
    let Some((name, unit, direction, frequency, baseline, baseline_date, target, deadline)) = raw
    else {
        return Ok(None);
    };
    Ok(Some(Target {
        indicator_name: name,
        unit,
        direction: code(&direction, "direction", Direction::from_code)?,
        frequency: code(&frequency, "frequency", Frequency::from_code)?,
        baseline_value: baseline,
        baseline_date: date_from_key(baseline_date)?,
        target_value: target,
        deadline: date_from_key(deadline)?,
    }))
}

/// The framework's target row and its indicator, if set.
fn current_ids(conn: &Connection) -> StorageResult<Option<(TargetId, IndicatorId)>> {
    Ok(conn
        .query_row(
            "SELECT t.id, t.indicator_id FROM framework f JOIN target t ON t.id = f.target_id WHERE f.id = 1",
            [],
            |r| Ok((TargetId(r.get(0)?), IndicatorId(r.get(1)?))),
        )
        .optional()?)
}

fn framework_completed(conn: &Connection) -> StorageResult<bool> {
    Ok(conn.query_row(
        "SELECT completed_at IS NOT NULL FROM framework WHERE id = 1",
        [],
        |r| r.get(0),
    )?)
}

/// Finds or makes the indicator the target measures, keeping its settings in
/// step with the target. An indicator that already has data keeps its frequency.
fn resolve_indicator(
    conn: &Connection,
    target: &Target,
    current: Option<IndicatorId>,
    completed: bool,
) -> StorageResult<IndicatorId> {
    let name = target.indicator_name.trim();
    let update = |id: IndicatorId| -> StorageResult<()> {
        if let Some(existing) = indicators::by_id(conn, id)?
            && existing.frequency != target.frequency
            && indicators::has_measurements(conn, id)?
        {
            return Err(StorageError::Rule(format!(
                "\"{}\" already has data reported {}; its reporting frequency cannot change to {}.",
                existing.name,
                existing.frequency.label().to_lowercase(),
                target.frequency.label().to_lowercase()
            )));
        }
        conn.execute(
            "UPDATE indicator SET name = ?2, unit = ?3, direction = ?4, frequency = ?5 WHERE id = ?1",
            params![id.0, name, target.unit.trim(), target.direction.code(), target.frequency.code()],
        )
        .map_err(|e| super::teams::name_clash(e, "An indicator", name))?;
        Ok(())
    };
    if let Some(existing) = indicators::by_name(conn, name)? {
        update(existing.id)?;
        return Ok(existing.id);
    }
    // A new name: while drafting, rename the target's own indicator if it has
    // no data yet rather than leaving an orphan behind.
    if let Some(id) = current
        && !completed
        && !indicators::has_measurements(conn, id)?
    {
        update(id)?;
        return Ok(id);
    }
    indicators::insert(
        conn,
        &IndicatorSpec::simple(name, &target.unit, target.direction, target.frequency),
    )
}

impl Workbook {
    /// The target in force, if one has been set.
    pub fn framework_target(&self) -> StorageResult<Option<Target>> {
        framework_target(self.conn())
    }

    /// Sets the framework's target, linked to the indicator of that name
    /// (created if missing). While the framework is still being built the
    /// target is edited in place; once it is complete, a changed target
    /// supersedes the old one, which stays in the history with its dates.
    pub fn save_framework_target(&mut self, target: &Target) -> StorageResult<TargetId> {
        self.transact(|tx| {
            let completed = framework_completed(tx)?;
            let current = current_ids(tx)?;
            if current.is_some() && framework_target(tx)?.as_ref() == Some(target) {
                return Ok(current.map(|c| c.0).unwrap_or(TargetId(0)));
            }
            let indicator = resolve_indicator(tx, target, current.map(|c| c.1), completed)?;
            super::settings::mark_data_changed(tx)?;
            match current {
                Some((id, _)) if !completed => {
                    tx.execute(
                        "UPDATE target SET indicator_id = ?1, baseline_value = ?2, baseline_date = ?3, target_value = ?4, deadline = ?5 WHERE id = ?6",
                        params![
                            indicator.0,
                            target.baseline_value,
                            date_key(target.baseline_date),
                            target.target_value,
                            date_key(target.deadline),
                            id.0
                        ],
                    )?;
                    Ok(id)
                }
                _ => {
                    let stamp = timestamp_text(now());
                    if let Some((old, _)) = current {
                        tx.execute(
                            "UPDATE target SET superseded_at = ?2 WHERE id = ?1",
                            params![old.0, stamp],
                        )?;
                    }
                    tx.execute(
                        "INSERT INTO target (indicator_id, baseline_value, baseline_date, target_value, deadline, set_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            indicator.0,
                            target.baseline_value,
                            date_key(target.baseline_date),
                            target.target_value,
                            date_key(target.deadline),
                            stamp
                        ],
                    )?;
                    let id = TargetId(tx.last_insert_rowid());
                    tx.execute("UPDATE framework SET target_id = ?1 WHERE id = 1", [id.0])?;
                    Ok(id)
                }
            }
        })
    }

    /// How many targets the framework has had (the one in force and those it superseded).
    pub fn target_history_len(&self) -> StorageResult<usize> {
        let n: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM target WHERE team_id IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

impl Workbook {
    /// The indicator the framework's target is set on.
    pub fn framework_indicator(&self) -> StorageResult<Option<IndicatorId>> {
        Ok(current_ids(self.conn())?.map(|(_, ind)| ind))
    }

    /// Every target ever set on an indicator (agency-wide and per team,
    /// current and superseded), oldest first.
    pub fn target_records(
        &self,
        indicator: IndicatorId,
    ) -> StorageResult<Vec<crate::domain::TargetRecord>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, team_id, baseline_value, baseline_date, target_value, deadline, superseded_at IS NULL
             FROM target WHERE indicator_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([indicator.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, f64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, f64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, bool>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, team, b, bd, t, dl, current)| {
                Ok(crate::domain::TargetRecord {
                    id: TargetId(id),
                    team: team.map(crate::domain::TeamId),
                    values: crate::domain::TargetValues {
                        baseline_value: b,
                        baseline_date: date_from_key(bd)?,
                        target_value: t,
                        deadline: date_from_key(dl)?,
                    },
                    current,
                })
            })
            .collect()
    }

    /// Sets the target of `indicator` for one team (or, with `team: None`,
    /// for every team without its own). The previous one stays in the history.
    /// The framework's own target is changed in the wizard, not here.
    pub fn set_indicator_target(
        &mut self,
        indicator: IndicatorId,
        team: Option<crate::domain::TeamId>,
        values: &crate::domain::TargetValues,
    ) -> StorageResult<TargetId> {
        if values.deadline <= values.baseline_date {
            return Err(StorageError::Rule(
                "The deadline must be after the baseline date.".into(),
            ));
        }
        if !values.baseline_value.is_finite() || !values.target_value.is_finite() {
            return Err(StorageError::Rule(
                "Baseline and target must be numbers.".into(),
            ));
        }
        self.transact(|tx| {
            if team.is_none() && current_ids(tx)?.is_some_and(|(_, ind)| ind == indicator) {
                return Err(StorageError::Rule(
                    "This is the framework's target indicator: change its agency-wide target in the framework wizard (step 3).".into(),
                ));
            }
            let stamp = timestamp_text(now());
            tx.execute(
                "UPDATE target SET superseded_at = ?3 WHERE indicator_id = ?1 AND team_id IS ?2 AND superseded_at IS NULL",
                params![indicator.0, team.map(|t| t.0), stamp],
            )?;
            tx.execute(
                "INSERT INTO target (indicator_id, team_id, baseline_value, baseline_date, target_value, deadline, set_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    indicator.0,
                    team.map(|t| t.0),
                    values.baseline_value,
                    date_key(values.baseline_date),
                    values.target_value,
                    date_key(values.deadline),
                    stamp
                ],
            )?;
            super::settings::mark_data_changed(tx)?;
            Ok(TargetId(tx.last_insert_rowid()))
        })
    }

    /// Withdraws the current target of `indicator` for `team` (kept in the history).
    pub fn clear_indicator_target(
        &mut self,
        indicator: IndicatorId,
        team: Option<crate::domain::TeamId>,
    ) -> StorageResult<()> {
        self.transact(|tx| {
            if team.is_none() && current_ids(tx)?.is_some_and(|(_, ind)| ind == indicator) {
                return Err(StorageError::Rule(
                    "The framework's target cannot be withdrawn here; change it in the framework wizard.".into(),
                ));
            }
            tx.execute(
                "UPDATE target SET superseded_at = ?3 WHERE indicator_id = ?1 AND team_id IS ?2 AND superseded_at IS NULL",
                params![indicator.0, team.map(|t| t.0), timestamp_text(now())],
            )?;
            super::settings::mark_data_changed(tx)?;
            Ok(())
        })
    }
}
