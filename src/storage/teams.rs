//! Teams.

use rusqlite::{Connection, ErrorCode, params};

use super::{StorageError, StorageResult, Workbook};
use crate::domain::{Team, TeamId};

/// Turns a UNIQUE violation on a name into a sentence; other errors pass through.
pub(super) fn name_clash(e: rusqlite::Error, what: &str, name: &str) -> StorageError {
    if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation)
        && e.to_string().contains("UNIQUE")
    {
        StorageError::Duplicate(format!(
            "{what} called \"{}\" already exists; choose another name.",
            name.trim()
        ))
    } else {
        e.into()
    }
}

pub(super) fn insert(conn: &Connection, name: &str, contact: &str) -> StorageResult<TeamId> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StorageError::Rule("A team needs a name.".into()));
    }
    // Cached: an import creates its new teams one after another.
    let position: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(position) + 1, 0) FROM team WHERE is_agency = 0")?
        .query_row([], |r| r.get(0))?;
    conn.prepare_cached("INSERT INTO team (name, contact, position) VALUES (?1, ?2, ?3)")?
        .execute(params![name, contact, position])
        .map_err(|e| name_clash(e, "A team", name))?;
    Ok(TeamId(conn.last_insert_rowid()))
}

impl Workbook {
    /// Every team except the whole-agency row, in their display order.
    pub fn teams(&self) -> StorageResult<Vec<Team>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, name, contact, archived_at IS NOT NULL FROM team WHERE is_agency = 0 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Team {
                id: TeamId(r.get(0)?),
                name: r.get(1)?,
                contact: r.get(2)?,
                archived: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a team; refuses an empty or duplicate name.
    pub fn add_team(&mut self, name: &str, contact: &str) -> StorageResult<TeamId> {
        self.transact(|tx| insert(tx, name, contact))
    }
}

impl Workbook {
    /// Saves a team's name and contact; refuses an empty or duplicate name.
    pub fn update_team(&mut self, team: &Team) -> StorageResult<()> {
        let name = team.name.trim();
        if name.is_empty() {
            return Err(StorageError::Rule("A team needs a name.".into()));
        }
        self.transact(|tx| {
            let n = tx
                .execute(
                    "UPDATE team SET name = ?2, contact = ?3 WHERE id = ?1 AND is_agency = 0",
                    params![team.id.0, name, team.contact],
                )
                .map_err(|e| name_clash(e, "A team", name))?;
            if n == 0 {
                return Err(StorageError::Missing(format!("The team \"{name}\"")));
            }
            Ok(())
        })
    }

    /// Archives a team (it leaves the active lists and keeps its history) or brings it back.
    pub fn set_team_archived(&mut self, id: TeamId, archived: bool) -> StorageResult<()> {
        self.transact(|tx| {
            let stamp = archived.then(|| super::codec::timestamp_text(super::codec::now()));
            tx.execute(
                "UPDATE team SET archived_at = ?2 WHERE id = ?1 AND is_agency = 0",
                params![id.0, stamp],
            )?;
            Ok(())
        })
    }

    /// The team with this name (ignoring case), archived or not.
    pub fn team_by_name(&self, name: &str) -> StorageResult<Option<Team>> {
        Ok(self
            .teams()?
            .into_iter()
            .find(|t| t.name.eq_ignore_ascii_case(name.trim())))
    }
}
