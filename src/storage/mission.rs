//! Mission statements, one row per dated version.

use rusqlite::{Connection, OptionalExtension, params};

use super::codec::{now, timestamp_from_text, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::mission::validate_mission;
use crate::domain::{MissionVersion, MissionVersionId};

const SELECT: &str = "SELECT id, statement, reason, saved_at FROM mission_version";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn build(
    (id, statement, reason, saved_at): (i64, String, String, String),
) -> StorageResult<MissionVersion> {
    Ok(MissionVersion {
        id: MissionVersionId(id),
        statement,
        reason,
        saved_at: timestamp_from_text(&saved_at)?,
    })
}

pub(super) fn current(conn: &Connection) -> StorageResult<Option<MissionVersion>> {
    conn.query_row(&format!("{SELECT} ORDER BY id DESC LIMIT 1"), [], row)
        .optional()?
        .map(build)
        .transpose()
}

impl Workbook {
    /// The mission in force.
    pub fn mission(&self) -> StorageResult<Option<MissionVersion>> {
        current(self.conn())
    }

    /// Every version of the mission, newest first.
    pub fn mission_history(&self) -> StorageResult<Vec<MissionVersion>> {
        let mut stmt = self.conn().prepare(&format!("{SELECT} ORDER BY id DESC"))?;
        let rows = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(build).collect()
    }

    /// Saves `statement` as the mission. A statement equal to the current one
    /// changes nothing and returns `false`; a different one becomes a new
    /// dated version (the earlier ones are kept) and returns `true`.
    pub fn save_mission(&mut self, statement: &str, reason: &str) -> StorageResult<bool> {
        let statement = validate_mission(statement).map_err(StorageError::Rule)?;
        self.transact(|tx| {
            let existing = current(tx)?;
            if existing.is_some_and(|m| m.statement == statement) {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO mission_version (statement, reason, saved_at) VALUES (?1, ?2, ?3)",
                params![statement, reason.trim(), timestamp_text(now())],
            )?;
            Ok(true)
        })
    }
}
