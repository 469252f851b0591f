//! The framework as a whole: loading every part at once, and completion.

use rusqlite::params;

use super::codec::{now, timestamp_from_text, timestamp_text};
use super::{StorageError, StorageResult, Workbook, agency, deficits, mission, targets, theory};
use crate::domain::Framework;

impl Workbook {
    /// Mission, deficits, choice, target and theory in one read.
    pub fn framework(&self) -> StorageResult<Framework> {
        let conn = self.conn();
        let completed: Option<String> =
            conn.query_row("SELECT completed_at FROM framework WHERE id = 1", [], |r| {
                r.get(0)
            })?;
        Ok(Framework {
            agency: agency::load(conn)?,
            mission: mission::current(conn)?,
            deficits: deficits::load_all(conn)?,
            choice: deficits::load_choice(conn)?,
            target: targets::framework_target(conn)?,
            theory: theory::load_all(conn)?,
            completed_at: completed.as_deref().map(timestamp_from_text).transpose()?,
        })
    }

    /// Marks the framework complete, refusing while any part is unfinished.
    pub fn complete_framework(&mut self) -> StorageResult<()> {
        let status = self.framework()?.status();
        let missing: Vec<&str> = [
            (status.mission, "the mission"),
            (status.deficit, "the deficit"),
            (status.target, "the target"),
            (status.theory, "the theory"),
        ]
        .into_iter()
        .filter(|(done, _)| !done)
        .map(|(_, name)| name)
        .collect();
        if !missing.is_empty() {
            return Err(StorageError::Rule(format!(
                "Finish {} before completing the framework.",
                missing.join(", ")
            )));
        }
        let framework = self.framework()?;
        let first = framework.completed_at.is_none();
        self.transact(|tx| {
            tx.execute(
                "UPDATE framework SET completed_at = COALESCE(completed_at, ?1) WHERE id = 1",
                params![timestamp_text(now())],
            )?;
            if first {
                let mut snapshot = framework.clone();
                snapshot.completed_at = Some(now());
                super::reviews::keep_version(tx, &snapshot, "Framework completed")?;
            }
            Ok(())
        })
    }
}
