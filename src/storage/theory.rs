//! The theory chain: ordered steps from target to mission.

use rusqlite::{Connection, OptionalExtension, params};

use super::{StorageError, StorageResult, Workbook};
use crate::domain::{TheoryStep, TheoryStepId};

pub(super) fn load_all(conn: &Connection) -> StorageResult<Vec<TheoryStep>> {
    let mut stmt = conn.prepare(
        "SELECT id, outcome, indicator_name, assumption, evidence FROM theory_step ORDER BY position, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(TheoryStep {
            id: TheoryStepId(r.get(0)?),
            outcome: r.get(1)?,
            measured_by: r.get(2)?,
            assumption: r.get(3)?,
            evidence: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Rewrites positions as 0, 1, 2 ... in the given order.
fn renumber(conn: &Connection, order: &[TheoryStepId]) -> StorageResult<()> {
    let mut stmt = conn.prepare("UPDATE theory_step SET position = ?2 WHERE id = ?1")?;
    for (position, id) in order.iter().enumerate() {
        stmt.execute(params![id.0, position as i64])?;
    }
    Ok(())
}

impl Workbook {
    /// The chain, from the target's side to the mission's.
    pub fn theory(&self) -> StorageResult<Vec<TheoryStep>> {
        load_all(self.conn())
    }

    /// Appends a step (an outcome nearer the mission) with the given text.
    pub fn add_theory_step(&mut self, step: &TheoryStep) -> StorageResult<TheoryStepId> {
        self.transact(|tx| {
            let next: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM theory_step",
                [],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO theory_step (position, outcome, indicator_name, assumption, evidence) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![next, step.outcome, step.measured_by, step.assumption, step.evidence],
            )?;
            Ok(TheoryStepId(tx.last_insert_rowid()))
        })
    }

    /// Inserts a step at `index` in the chain (0 = next to the target); an
    /// index past the end appends. Used to put back a removed step.
    pub fn insert_theory_step_at(
        &mut self,
        step: &TheoryStep,
        index: usize,
    ) -> StorageResult<TheoryStepId> {
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO theory_step (position, outcome, indicator_name, assumption, evidence) VALUES (-1, ?1, ?2, ?3, ?4)",
                params![step.outcome, step.measured_by, step.assumption, step.evidence],
            )?;
            let id = TheoryStepId(tx.last_insert_rowid());
            let mut order: Vec<TheoryStepId> =
                load_all(tx)?.into_iter().map(|s| s.id).filter(|s| *s != id).collect();
            order.insert(index.min(order.len()), id);
            renumber(tx, &order)?;
            Ok(id)
        })
    }

    /// Saves a step's text exactly as given.
    pub fn update_theory_step(&mut self, step: &TheoryStep) -> StorageResult<()> {
        self.transact(|tx| {
            let n = tx.execute(
                "UPDATE theory_step SET outcome = ?2, indicator_name = ?3, assumption = ?4, evidence = ?5 WHERE id = ?1",
                params![step.id.0, step.outcome, step.measured_by, step.assumption, step.evidence],
            )?;
            if n == 0 {
                return Err(StorageError::Missing("That step of the theory".into()));
            }
            Ok(())
        })
    }

    /// Removes a step; the others close up.
    pub fn remove_theory_step(&mut self, id: TheoryStepId) -> StorageResult<()> {
        self.transact(|tx| {
            tx.execute("DELETE FROM theory_step WHERE id = ?1", [id.0])?;
            let order: Vec<TheoryStepId> = load_all(tx)?.into_iter().map(|s| s.id).collect();
            renumber(tx, &order)
        })
    }

    /// Moves a step one place toward the target (`toward_target`) or toward
    /// the mission. Moving past either end changes nothing.
    pub fn move_theory_step(&mut self, id: TheoryStepId, toward_target: bool) -> StorageResult<()> {
        self.transact(|tx| {
            let mut order: Vec<TheoryStepId> = load_all(tx)?.into_iter().map(|s| s.id).collect();
            let Some(i) = order.iter().position(|s| *s == id) else {
                return Err(StorageError::Missing("That step of the theory".into()));
            };
            let j = if toward_target {
                i.checked_sub(1)
            } else {
                Some(i + 1)
            };
            if let Some(j) = j.filter(|j| *j < order.len()) {
                order.swap(i, j);
                renumber(tx, &order)?;
            }
            Ok(())
        })
    }

    /// The step with `id`, if it exists.
    pub fn theory_step(&self, id: TheoryStepId) -> StorageResult<Option<TheoryStep>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT outcome, indicator_name, assumption, evidence FROM theory_step WHERE id = ?1",
                [id.0],
                |r| {
                    Ok(TheoryStep {
                        id,
                        outcome: r.get(0)?,
                        measured_by: r.get(1)?,
                        assumption: r.get(2)?,
                        evidence: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }
}
