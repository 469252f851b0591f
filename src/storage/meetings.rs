//! Stat meetings: agendas, notes and decisions, and follow-ups.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::codec::{code, date_from_key, date_key, now, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::capacity::NeedId;
use crate::domain::integrity::FlagId;
use crate::domain::meeting::{
    AgendaItem, FollowUp, FollowUpId, FollowUpStatus, ItemDraft, ItemId, ItemKind, Links, Meeting,
    MeetingId, NewFollowUp,
};
use crate::domain::{IndicatorId, TeamId, WinId};

fn insert_item(
    tx: &rusqlite::Transaction<'_>,
    meeting: MeetingId,
    position: i64,
    d: &ItemDraft,
) -> StorageResult<ItemId> {
    let l = d.links;
    tx.execute(
        "INSERT INTO agenda_item (meeting_id, position, kind, title, detail, team_id, indicator_id, flag_id, win_id, need_id, follow_up_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            meeting.0,
            position,
            d.kind.code(),
            d.title,
            d.detail,
            l.team.map(|x| x.0),
            l.indicator.map(|x| x.0),
            l.flag.map(|x| x.0),
            l.win.map(|x| x.0),
            l.need.map(|x| x.0),
            l.follow_up.map(|x| x.0)
        ],
    )?;
    Ok(ItemId(tx.last_insert_rowid()))
}

impl Workbook {
    /// Creates a meeting with its agenda (one transaction).
    pub fn create_meeting(
        &mut self,
        held_on: NaiveDate,
        title: &str,
        teams: &[TeamId],
        items: &[ItemDraft],
    ) -> StorageResult<MeetingId> {
        let title = if title.trim().is_empty() {
            format!("Stat meeting, {}", held_on.format("%-d %B %Y"))
        } else {
            title.trim().to_owned()
        };
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO meeting (held_on, title, created_at) VALUES (?1, ?2, ?3)",
                params![date_key(held_on), title, timestamp_text(now())],
            )?;
            let id = MeetingId(tx.last_insert_rowid());
            for t in teams {
                tx.execute(
                    "INSERT OR IGNORE INTO meeting_team (meeting_id, team_id) VALUES (?1, ?2)",
                    params![id.0, t.0],
                )?;
            }
            for (i, d) in items.iter().enumerate() {
                insert_item(tx, id, i as i64, d)?;
            }
            Ok(id)
        })
    }

    /// Every meeting (id, date, title), newest first.
    pub fn meetings(&self) -> StorageResult<Vec<(MeetingId, NaiveDate, String)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, held_on, title FROM meeting ORDER BY held_on DESC, id DESC")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, on, title)| Ok((MeetingId(id), date_from_key(on)?, title)))
            .collect()
    }

    /// One meeting with its agenda, notes and decisions.
    pub fn meeting(&self, id: MeetingId) -> StorageResult<Option<Meeting>> {
        let head: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT held_on, title FROM meeting WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((on, title)) = head else {
            return Ok(None);
        };
        let teams: Vec<TeamId> = {
            let mut stmt = self.conn().prepare(
                "SELECT team_id FROM meeting_team WHERE meeting_id = ?1 ORDER BY team_id",
            )?;
            stmt.query_map([id.0], |r| Ok(TeamId(r.get(0)?)))?
                .collect::<Result<_, _>>()?
        };
        let mut stmt = self.conn().prepare(
            "SELECT id, kind, title, detail, team_id, indicator_id, flag_id, win_id, need_id, follow_up_id, notes
             FROM agenda_item WHERE meeting_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt
            .query_map([id.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    Links {
                        team: r.get::<_, Option<i64>>(4)?.map(TeamId),
                        indicator: r.get::<_, Option<i64>>(5)?.map(IndicatorId),
                        flag: r.get::<_, Option<i64>>(6)?.map(FlagId),
                        win: r.get::<_, Option<i64>>(7)?.map(WinId),
                        need: r.get::<_, Option<i64>>(8)?.map(NeedId),
                        follow_up: r.get::<_, Option<i64>>(9)?.map(FollowUpId),
                    },
                    r.get::<_, String>(10)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut decisions = self
            .conn()
            .prepare("SELECT text FROM decision WHERE item_id = ?1 ORDER BY id")?;
        let items = rows
            .into_iter()
            .map(|(iid, kind, title, detail, links, notes)| {
                Ok(AgendaItem {
                    id: ItemId(iid),
                    kind: code(&kind, "agenda item kind", ItemKind::from_code)?,
                    title,
                    detail,
                    links,
                    notes,
                    decisions: decisions
                        .query_map([iid], |r| r.get(0))?
                        .collect::<Result<_, _>>()?,
                })
            })
            .collect::<StorageResult<Vec<_>>>()?;
        Ok(Some(Meeting {
            id,
            held_on: date_from_key(on)?,
            title,
            teams,
            items,
        }))
    }

    /// Adds an item to a meeting's agenda, at the end.
    pub fn add_agenda_item(
        &mut self,
        meeting: MeetingId,
        draft: &ItemDraft,
    ) -> StorageResult<ItemId> {
        if draft.title.trim().is_empty() {
            return Err(StorageError::Rule("Give the agenda item a title.".into()));
        }
        self.transact(|tx| {
            let next: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM agenda_item WHERE meeting_id = ?1",
                [meeting.0],
                |r| r.get(0),
            )?;
            insert_item(tx, meeting, next, draft)
        })
    }

    /// Removes an agenda item that has no notes, decisions or follow-ups yet.
    pub fn remove_agenda_item(&mut self, item: ItemId) -> StorageResult<()> {
        self.transact(|tx| {
            let used: i64 = tx.query_row(
                "SELECT (SELECT COUNT(*) FROM decision WHERE item_id = ?1) + (SELECT COUNT(*) FROM follow_up WHERE item_id = ?1)
                 + (SELECT COUNT(*) FROM agenda_item WHERE id = ?1 AND notes <> '')",
                [item.0],
                |r| r.get(0),
            )?;
            if used > 0 {
                return Err(StorageError::Rule(
                    "This item has notes, decisions or follow-ups, so it stays on the agenda.".into(),
                ));
            }
            tx.execute("DELETE FROM agenda_item WHERE id = ?1", [item.0])?;
            Ok(())
        })
    }

    /// Saves an agenda item's notes.
    pub fn set_item_notes(&mut self, item: ItemId, notes: &str) -> StorageResult<()> {
        self.transact(|tx| {
            tx.execute(
                "UPDATE agenda_item SET notes = ?2 WHERE id = ?1",
                params![item.0, notes],
            )?;
            Ok(())
        })
    }

    /// Records a decision taken on an agenda item.
    pub fn add_decision(&mut self, item: ItemId, text: &str) -> StorageResult<()> {
        if text.trim().is_empty() {
            return Err(StorageError::Rule("Write the decision.".into()));
        }
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO decision (item_id, text, created_at) VALUES (?1, ?2, ?3)",
                params![item.0, text.trim(), timestamp_text(now())],
            )?;
            Ok(())
        })
    }

    /// Raises a follow-up at a meeting (on one of its items, if given).
    pub fn add_follow_up(
        &mut self,
        meeting: MeetingId,
        item: Option<ItemId>,
        f: &NewFollowUp,
    ) -> StorageResult<FollowUpId> {
        if let Some(p) = f.problems().into_iter().next() {
            return Err(StorageError::Rule(p));
        }
        let due = f
            .due
            .ok_or_else(|| StorageError::Rule("Give a due date.".into()))?;
        let l = f.links;
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO follow_up (meeting_id, item_id, text, owner, due, team_id, indicator_id, flag_id, need_id, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'open', ?10)",
                params![
                    meeting.0,
                    item.map(|i| i.0),
                    f.text.trim(),
                    f.owner.trim(),
                    date_key(due),
                    l.team.map(|x| x.0),
                    l.indicator.map(|x| x.0),
                    l.flag.map(|x| x.0),
                    l.need.map(|x| x.0),
                    timestamp_text(now())
                ],
            )?;
            Ok(FollowUpId(tx.last_insert_rowid()))
        })
    }

    /// Resolves a follow-up (done or dropped) at a meeting, or opens it again.
    pub fn resolve_follow_up(
        &mut self,
        id: FollowUpId,
        status: FollowUpStatus,
        at: MeetingId,
        resolution: &str,
    ) -> StorageResult<()> {
        let (resolved_at, text) = match status {
            FollowUpStatus::Open => (None, String::new()),
            _ => (Some(at.0), resolution.trim().to_owned()),
        };
        self.transact(|tx| {
            let n = tx.execute(
                "UPDATE follow_up SET status = ?2, resolved_meeting_id = ?3, resolution = ?4 WHERE id = ?1",
                params![id.0, status.code(), resolved_at, text],
            )?;
            if n == 0 {
                return Err(StorageError::Missing(format!("follow-up {id}")));
            }
            Ok(())
        })
    }

    /// Every follow-up, by due date.
    pub fn follow_ups(&self) -> StorageResult<Vec<FollowUp>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, meeting_id, text, owner, due, team_id, indicator_id, flag_id, need_id, status, resolved_meeting_id, resolution, item_id
             FROM follow_up ORDER BY due, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    Links {
                        team: r.get::<_, Option<i64>>(5)?.map(TeamId),
                        indicator: r.get::<_, Option<i64>>(6)?.map(IndicatorId),
                        flag: r.get::<_, Option<i64>>(7)?.map(FlagId),
                        win: None,
                        need: r.get::<_, Option<i64>>(8)?.map(NeedId),
                        follow_up: None,
                    },
                    r.get::<_, String>(9)?,
                    r.get::<_, Option<i64>>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, Option<i64>>(12)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(id, meeting, text, owner, due, links, status, resolved, resolution, item)| {
                    Ok(FollowUp {
                        id: FollowUpId(id),
                        raised_at: MeetingId(meeting),
                        item: item.map(ItemId),
                        text,
                        owner,
                        due: date_from_key(due)?,
                        links,
                        status: code(&status, "follow-up status", FollowUpStatus::from_code)?,
                        resolved_at: resolved.map(MeetingId),
                        resolution,
                    })
                },
            )
            .collect()
    }
}
