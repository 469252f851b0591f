//! Data return requests and what each team returned.

use rusqlite::params;

use super::codec::{date_from_key, date_key, now, timestamp_from_text, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::TeamId;
use crate::domain::data_return::{Collected, RequestId, ReturnRequest, ReturnSpec, ReturnTeam};

/// The setting holding the key return files are signed with.
const RETURN_KEY: &str = "return_key";

impl Workbook {
    /// The key this workbook signs its return files with (made by the
    /// migration; a workbook that somehow lacks it cannot sign).
    pub fn return_key(&self) -> StorageResult<String> {
        super::settings::get_setting(self.conn(), RETURN_KEY)?
            .ok_or_else(|| StorageError::Corrupt("the key for data returns is missing".into()))
    }

    /// Records a request and the file written for each team.
    pub fn add_return_request(
        &mut self,
        spec: &ReturnSpec,
        folder: &str,
        teams: &[ReturnTeam],
    ) -> StorageResult<RequestId> {
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO return_request (created_at, as_of, periods_before, due, folder)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    timestamp_text(now()),
                    date_key(spec.as_of),
                    spec.periods_before,
                    spec.due.map(date_key),
                    folder
                ],
            )?;
            let id = tx.last_insert_rowid();
            let mut insert = tx.prepare_cached(
                "INSERT INTO return_team (request_id, team_id, file_name, cells) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for t in teams {
                insert.execute(params![id, t.team.0, t.file_name, t.cells as i64])?;
            }
            Ok(RequestId(id))
        })
    }

    /// Forgets a request that produced no files (its files could not be written).
    pub fn remove_return_request(&mut self, id: RequestId) -> StorageResult<()> {
        self.transact(|tx| {
            tx.execute("DELETE FROM return_team WHERE request_id = ?1", [id.0])?;
            tx.execute("DELETE FROM return_request WHERE id = ?1", [id.0])?;
            Ok(())
        })
    }

    /// Every request, newest first.
    pub fn return_requests(&self) -> StorageResult<Vec<ReturnRequest>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, created_at, as_of, periods_before, due, folder FROM return_request ORDER BY id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, u32>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, created, as_of, before, due, folder) in rows {
            let mut teams = self.conn().prepare_cached(
                "SELECT team_id FROM return_team WHERE request_id = ?1 ORDER BY team_id",
            )?;
            let teams = teams
                .query_map([id], |r| r.get::<_, i64>(0).map(TeamId))?
                .collect::<Result<Vec<_>, _>>()?;
            out.push(ReturnRequest {
                id: RequestId(id),
                created_at: timestamp_from_text(&created)?,
                spec: ReturnSpec {
                    as_of: date_from_key(as_of)?,
                    periods_before: before,
                    due: due.map(date_from_key).transpose()?,
                    teams,
                },
                folder,
            });
        }
        Ok(out)
    }

    /// Each team's part of a request, by team.
    pub fn return_teams(&self, request: RequestId) -> StorageResult<Vec<ReturnTeam>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT team_id, file_name, cells, collected_at, collected_by, filled
             FROM return_team WHERE request_id = ?1 ORDER BY team_id",
        )?;
        let rows = stmt
            .query_map([request.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(team, file_name, cells, at, by, filled)| {
                let collected = match at {
                    Some(at) => Some(Collected {
                        at: timestamp_from_text(&at)?,
                        by: by.unwrap_or_default(),
                        filled: filled.unwrap_or(0).max(0) as usize,
                    }),
                    None => None,
                };
                Ok(ReturnTeam {
                    team: TeamId(team),
                    file_name,
                    cells: cells.max(0) as usize,
                    collected,
                })
            })
            .collect()
    }

    /// One team's part of a request, if the request asked it.
    pub fn return_team(
        &self,
        request: RequestId,
        team: TeamId,
    ) -> StorageResult<Option<ReturnTeam>> {
        Ok(self
            .return_teams(request)?
            .into_iter()
            .find(|t| t.team == team))
    }
}

/// Notes inside an import's transaction that a team's return was collected,
/// so that the values and the mark are written together or not at all.
pub(crate) fn mark_collected(
    tx: &rusqlite::Transaction<'_>,
    request: RequestId,
    team: TeamId,
    by: &str,
    filled: usize,
) -> StorageResult<()> {
    let changed = tx.execute(
        "UPDATE return_team SET collected_at = ?3, collected_by = ?4, filled = ?5
         WHERE request_id = ?1 AND team_id = ?2 AND collected_at IS NULL",
        params![request.0, team.0, timestamp_text(now()), by, filled as i64],
    )?;
    if changed == 0 {
        return Err(StorageError::Duplicate(
            "This return was already collected; nothing was written.".into(),
        ));
    }
    Ok(())
}
