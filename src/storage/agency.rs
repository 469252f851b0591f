//! The agency row.

use rusqlite::{Connection, params};

use super::{StorageError, StorageResult, Workbook};
use crate::domain::Agency;

pub(super) fn load(conn: &Connection) -> StorageResult<Agency> {
    Ok(conn.query_row(
        "SELECT name, leader_name, leader_title FROM agency WHERE id = 1",
        [],
        |r| {
            Ok(Agency {
                name: r.get(0)?,
                leader_name: r.get(1)?,
                leader_title: r.get(2)?,
            })
        },
    )?)
}

impl Workbook {
    /// The agency and its leader.
    pub fn agency(&self) -> StorageResult<Agency> {
        load(self.conn())
    }

    /// Saves the agency settings exactly as given (refusing absurd lengths).
    pub fn set_agency(&mut self, agency: &Agency) -> StorageResult<()> {
        if let Some(problem) = agency.problems().into_iter().next() {
            return Err(StorageError::Rule(problem));
        }
        self.transact(|tx| {
            tx.execute(
                "UPDATE agency SET name = ?1, leader_name = ?2, leader_title = ?3 WHERE id = 1",
                params![agency.name, agency.leader_name, agency.leader_title],
            )?;
            Ok(())
        })
    }
}
