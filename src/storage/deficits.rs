//! Candidate deficits and the chosen one.

use rusqlite::{Connection, OptionalExtension, params};

use super::codec::{now, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::{Deficit, DeficitChoice, DeficitId, Score};

pub(super) fn load_all(conn: &Connection) -> StorageResult<Vec<Deficit>> {
    let mut stmt = conn.prepare(
        "SELECT id, title, description, evidence, harm, size, feasibility FROM deficit ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Deficit {
            id: DeficitId(r.get(0)?),
            title: r.get(1)?,
            description: r.get(2)?,
            evidence: r.get(3)?,
            harm: Score::clamped(r.get(4)?),
            size: Score::clamped(r.get(5)?),
            feasibility: Score::clamped(r.get(6)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn load_choice(conn: &Connection) -> StorageResult<DeficitChoice> {
    Ok(conn.query_row(
        "SELECT chosen_deficit_id, deficit_rationale FROM framework WHERE id = 1",
        [],
        |r| {
            Ok(DeficitChoice {
                chosen: r.get::<_, Option<i64>>(0)?.map(DeficitId),
                rationale: r.get(1)?,
            })
        },
    )?)
}

impl Workbook {
    /// Candidate deficits in the order they were added.
    pub fn deficits(&self) -> StorageResult<Vec<Deficit>> {
        load_all(self.conn())
    }

    /// Which deficit is chosen and why.
    pub fn deficit_choice(&self) -> StorageResult<DeficitChoice> {
        load_choice(self.conn())
    }

    /// Adds a candidate deficit (scores default to the middle, 3).
    pub fn add_deficit(&mut self, title: &str) -> StorageResult<DeficitId> {
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO deficit (title, created_at) VALUES (?1, ?2)",
                params![title, timestamp_text(now())],
            )?;
            Ok(DeficitId(tx.last_insert_rowid()))
        })
    }

    /// Saves every field of an existing deficit exactly as given.
    pub fn update_deficit(&mut self, d: &Deficit) -> StorageResult<()> {
        self.transact(|tx| {
            let n = tx.execute(
                "UPDATE deficit SET title = ?2, description = ?3, evidence = ?4, harm = ?5, size = ?6, feasibility = ?7 WHERE id = ?1",
                params![d.id.0, d.title, d.description, d.evidence, d.harm.get(), d.size.get(), d.feasibility.get()],
            )?;
            if n == 0 {
                return Err(StorageError::Missing(format!("Deficit \"{}\"", d.display_title())));
            }
            Ok(())
        })
    }

    /// Removes a candidate deficit; if it was the chosen one, the choice is cleared.
    pub fn remove_deficit(&mut self, id: DeficitId) -> StorageResult<()> {
        self.transact(|tx| {
            tx.execute("DELETE FROM deficit WHERE id = ?1", [id.0])?;
            Ok(())
        })
    }

    /// Puts back a removed deficit with all its fields (under a new id), and
    /// makes it the chosen one again if it was.
    pub fn restore_deficit(&mut self, d: &Deficit, chosen: bool) -> StorageResult<DeficitId> {
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO deficit (title, description, evidence, harm, size, feasibility, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![d.title, d.description, d.evidence, d.harm.get(), d.size.get(), d.feasibility.get(), timestamp_text(now())],
            )?;
            let id = DeficitId(tx.last_insert_rowid());
            if chosen {
                tx.execute("UPDATE framework SET chosen_deficit_id = ?1 WHERE id = 1", [id.0])?;
            }
            Ok(id)
        })
    }

    /// Marks `id` as the most consequential deficit (or clears the choice).
    pub fn choose_deficit(&mut self, id: Option<DeficitId>) -> StorageResult<()> {
        self.transact(|tx| {
            if let Some(id) = id {
                let exists = tx
                    .query_row("SELECT 1 FROM deficit WHERE id = ?1", [id.0], |_| Ok(()))
                    .optional()?
                    .is_some();
                if !exists {
                    return Err(StorageError::Missing("That deficit".into()));
                }
            }
            tx.execute(
                "UPDATE framework SET chosen_deficit_id = ?1 WHERE id = 1",
                [id.map(|i| i.0)],
            )?;
            Ok(())
        })
    }

    /// Saves why the chosen deficit matters most, exactly as typed.
    pub fn set_deficit_rationale(&mut self, rationale: &str) -> StorageResult<()> {
        self.transact(|tx| {
            tx.execute(
                "UPDATE framework SET deficit_rationale = ?1 WHERE id = 1",
                [rationale],
            )?;
            Ok(())
        })
    }
}
