//! Capacity needs and their dated status changes.

use chrono::NaiveDate;
use rusqlite::params;

use super::codec::{code, date_from_key, date_key, now, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::capacity::{
    CapacityNeed, NeedCategory, NeedEvent, NeedId, NeedStatus, NewNeed, status_change_problem,
};
use crate::domain::{IndicatorId, TeamId};

impl Workbook {
    /// Records a need as requested on its date.
    pub fn add_need(&mut self, need: &NewNeed) -> StorageResult<NeedId> {
        if let Some(p) = need.problems().into_iter().next() {
            return Err(StorageError::Rule(p));
        }
        let team = need
            .team
            .ok_or_else(|| StorageError::Rule("Say which team needs it.".into()))?;
        let on = need
            .requested_on
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO capacity_need (team_id, category, description, amount, indicator_id, status, amount_unit) VALUES (?1, ?2, ?3, ?4, ?5, 'requested', ?6)",
                params![team.0, need.category.code(), need.description.trim(), need.amount, need.serves.map(|i| i.0), need.amount_unit.trim()],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO need_event (need_id, status, on_date, note, at) VALUES (?1, 'requested', ?2, '', ?3)",
                params![id, date_key(on), timestamp_text(now())],
            )?;
            Ok(NeedId(id))
        })
    }

    /// Moves a need on (requested → approved → delivered, or declined with a
    /// reason), dated `on`; a date before its last change is refused.
    pub fn set_need_status(
        &mut self,
        id: NeedId,
        to: NeedStatus,
        note: &str,
        on: NaiveDate,
    ) -> StorageResult<()> {
        let need = self
            .needs()?
            .into_iter()
            .find(|n| n.id == id)
            .ok_or_else(|| StorageError::Missing(format!("need {id}")))?;
        if let Some(p) = status_change_problem(need.status, to, note) {
            return Err(StorageError::Rule(p));
        }
        if let Some(last) = need.history.last()
            && on < last.on
        {
            return Err(StorageError::Rule(format!(
                "The date cannot be before the need's last change ({}).",
                last.on
            )));
        }
        self.transact(|tx| {
            tx.execute(
                "UPDATE capacity_need SET status = ?2 WHERE id = ?1",
                params![id.0, to.code()],
            )?;
            tx.execute(
                "INSERT INTO need_event (need_id, status, on_date, note, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, to.code(), date_key(on), note.trim(), timestamp_text(now())],
            )?;
            Ok(())
        })
    }

    /// Every need with its history, newest request first.
    pub fn needs(&self) -> StorageResult<Vec<CapacityNeed>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, team_id, category, description, amount, indicator_id, status, amount_unit FROM capacity_need ORDER BY id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<f64>>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut events = self.conn().prepare(
            "SELECT status, on_date, note FROM need_event WHERE need_id = ?1 ORDER BY on_date, id",
        )?;
        rows.into_iter()
            .map(
                |(id, team, category, description, amount, ind, status, amount_unit)| {
                    let history = events
                        .query_map([id], |r| {
                            Ok((
                                r.get::<_, String>(0)?,
                                r.get::<_, i64>(1)?,
                                r.get::<_, String>(2)?,
                            ))
                        })?
                        .collect::<Result<Vec<_>, _>>()?
                        .into_iter()
                        .map(|(s, on, note)| {
                            Ok(NeedEvent {
                                status: code(&s, "need status", NeedStatus::from_code)?,
                                on: date_from_key(on)?,
                                note,
                            })
                        })
                        .collect::<StorageResult<Vec<_>>>()?;
                    Ok(CapacityNeed {
                        id: NeedId(id),
                        team: TeamId(team),
                        category: code(&category, "need category", NeedCategory::from_code)?,
                        description,
                        amount,
                        amount_unit,
                        serves: ind.map(IndicatorId),
                        status: code(&status, "need status", NeedStatus::from_code)?,
                        history,
                    })
                },
            )
            .collect()
    }
}
