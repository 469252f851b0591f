//! Integrity flags: findings recorded once, settled by the leader, reopened
//! only when the finding's substance changes, and kept when no longer found.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::codec::{code, date_from_key, date_key, now, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::analysis::integrity::Finding;
use crate::analysis::integrity::edits::EditRecord;
use crate::domain::integrity::{Flag, FlagId, FlagStatus, Rule, Severity};
use crate::domain::win::Evidence;
use crate::domain::{IndicatorId, TeamId};

/// What recording findings changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlagsRecorded {
    /// New flags.
    pub added: usize,
    /// Settled flags whose finding changed, open again.
    pub reopened: usize,
    /// Flags the checks no longer find (kept, marked).
    pub cleared: usize,
}

/// One decision about a flag.
#[derive(Clone, Debug, PartialEq)]
pub struct FlagEvent {
    /// When (RFC 3339).
    pub at: String,
    /// The status it got.
    pub status: FlagStatus,
    /// The explanation, what was done, or why it reopened.
    pub note: String,
}

type Identity = (String, Option<i64>, Option<i64>, String);

struct Stored {
    id: i64,
    severity: String,
    title: String,
    explanation: String,
    evidence: String,
    fingerprint: String,
    active: bool,
    status: String,
}

fn identity(
    rule: Rule,
    indicator: Option<IndicatorId>,
    team: Option<TeamId>,
    key: &str,
) -> Identity {
    (
        rule.code().to_owned(),
        indicator.map(|i| i.0),
        team.map(|t| t.0),
        key.to_owned(),
    )
}

fn evidence_json(e: &[Evidence]) -> StorageResult<String> {
    serde_json::to_string(e)
        .map_err(|e| StorageError::Rule(format!("evidence could not be stored ({e})")))
}

/// Each finding with its evidence as stored (JSON), written on every core:
/// thousands of findings make this a fifth of recording them.
fn evidence_of_all(findings: &[Finding]) -> StorageResult<Vec<(&Finding, String)>> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let per_core = findings.len().div_ceil(cores).max(256);
    let parts: Vec<StorageResult<Vec<(&Finding, String)>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = findings
            .chunks(per_core)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|f| Ok((f, evidence_json(&f.evidence)?)))
                        .collect::<StorageResult<Vec<_>>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(StorageError::Rule(
                        "the findings' evidence could not be written out".into(),
                    ))
                })
            })
            .collect()
    });
    let mut all = Vec::with_capacity(findings.len());
    for part in parts {
        all.extend(part?);
    }
    Ok(all)
}

impl Workbook {
    /// Records what the checks found. `examined` says which existing flags
    /// the run looked at (rule, indicator, team): those not found again are
    /// marked inactive. One transaction.
    ///
    /// `only` limits the flags read to those of these indicators (and those
    /// of no indicator), so re-checking one indicator stays quick.
    pub fn record_findings(
        &mut self,
        findings: &[Finding],
        only: Option<&[IndicatorId]>,
        examined: &dyn Fn(Rule, Option<IndicatorId>, Option<TeamId>) -> bool,
        today: NaiveDate,
    ) -> StorageResult<FlagsRecorded> {
        let stamp = timestamp_text(now());
        let day = date_key(today);
        let rows: Vec<(Identity, Stored)> = {
            const COLUMNS: &str = "SELECT id, rule, indicator_id, team_id, key, severity, title, explanation, evidence, fingerprint, active, status FROM flag";
            let read = |r: &rusqlite::Row<'_>| {
                Ok((
                    (
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, String>(4)?,
                    ),
                    Stored {
                        id: r.get(0)?,
                        severity: r.get(5)?,
                        title: r.get(6)?,
                        explanation: r.get(7)?,
                        evidence: r.get(8)?,
                        fingerprint: r.get(9)?,
                        active: r.get(10)?,
                        status: r.get(11)?,
                    },
                ))
            };
            let mut rows = Vec::new();
            match only {
                None => {
                    let mut stmt = self.conn().prepare(COLUMNS)?;
                    for row in stmt.query_map([], read)? {
                        rows.push(row?);
                    }
                }
                Some(ids) => {
                    let mut none = self
                        .conn()
                        .prepare(&format!("{COLUMNS} WHERE indicator_id IS NULL"))?;
                    for row in none.query_map([], read)? {
                        rows.push(row?);
                    }
                    let mut one = self
                        .conn()
                        .prepare(&format!("{COLUMNS} WHERE indicator_id = ?1"))?;
                    for id in ids {
                        for row in one.query_map([id.0], read)? {
                            rows.push(row?);
                        }
                    }
                }
            }
            rows
        };
        let mut existing: HashMap<Identity, Stored> = rows.into_iter().collect();
        let prepared = evidence_of_all(findings)?;
        self.transact(|tx| {
            let mut out = FlagsRecorded::default();
            let mut insert = tx.prepare(
                "INSERT INTO flag (rule, indicator_id, team_id, key, severity, title, explanation, evidence, fingerprint, active, status, first_seen, last_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 'open', ?10, ?10)",
            )?;
            let mut update = tx.prepare(
                "UPDATE flag SET severity = ?2, title = ?3, explanation = ?4, evidence = ?5, fingerprint = ?6, active = 1, last_seen = ?7 WHERE id = ?1",
            )?;
            let mut reopen = tx.prepare(
                "UPDATE flag SET status = 'open', settled_at = NULL WHERE id = ?1",
            )?;
            let mut event = tx.prepare(
                "INSERT INTO flag_event (flag_id, at, status, note) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (f, evidence) in &prepared {
                let id = identity(f.rule, f.indicator, f.team, &f.key);
                match existing.remove(&id) {
                    None => {
                        insert.execute(params![
                            f.rule.code(),
                            f.indicator.map(|i| i.0),
                            f.team.map(|t| t.0),
                            f.key,
                            f.severity.code(),
                            f.title,
                            f.explanation,
                            evidence,
                            f.fingerprint,
                            day
                        ])?;
                        out.added += 1;
                    }
                    Some(old) => {
                        let changed = old.severity != f.severity.code()
                            || old.title != f.title
                            || old.explanation != f.explanation
                            || &old.evidence != evidence
                            || old.fingerprint != f.fingerprint
                            || !old.active;
                        if changed {
                            update.execute(params![
                                old.id,
                                f.severity.code(),
                                f.title,
                                f.explanation,
                                evidence,
                                f.fingerprint,
                                day
                            ])?;
                        }
                        let settled = old.status != FlagStatus::Open.code();
                        if settled && old.fingerprint != f.fingerprint {
                            reopen.execute([old.id])?;
                            event.execute(params![
                                old.id,
                                stamp,
                                FlagStatus::Open.code(),
                                format!(
                                    "Reopened: the finding changed ({} → {}).",
                                    old.fingerprint, f.fingerprint
                                )
                            ])?;
                            out.reopened += 1;
                        }
                    }
                }
            }
            let mut clear = tx.prepare("UPDATE flag SET active = 0 WHERE id = ?1")?;
            for ((rule, ind, team, _), old) in &existing {
                let Some(rule) = Rule::from_code(rule) else { continue };
                if old.active && examined(rule, ind.map(IndicatorId), team.map(TeamId)) {
                    clear.execute([old.id])?;
                    out.cleared += 1;
                }
            }
            Ok(out)
        })
    }

    /// Every flag, most serious and newest first.
    pub fn flags(&self) -> StorageResult<Vec<Flag>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, rule, indicator_id, team_id, key, severity, title, explanation, evidence, active, status, note, settled_at, first_seen
             FROM flag ORDER BY active DESC, first_seen DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, bool>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, Option<String>>(12)?,
                    r.get::<_, i64>(13)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut flags = rows
            .into_iter()
            .map(
                |(
                    id,
                    rule,
                    ind,
                    team,
                    key,
                    severity,
                    title,
                    explanation,
                    evidence,
                    active,
                    status,
                    note,
                    settled_at,
                    first,
                )| {
                    Ok(Flag {
                        id: FlagId(id),
                        rule: code(&rule, "flag rule", Rule::from_code)?,
                        indicator: ind.map(IndicatorId),
                        team: team.map(TeamId),
                        key,
                        severity: code(&severity, "flag severity", Severity::from_code)?,
                        title,
                        explanation,
                        evidence: serde_json::from_str(&evidence).map_err(|e| {
                            StorageError::Corrupt(format!(
                                "the evidence of flag {id} is unreadable ({e})"
                            ))
                        })?,
                        active,
                        status: code(&status, "flag status", FlagStatus::from_code)?,
                        note,
                        settled_at,
                        first_seen: date_from_key(first)?,
                    })
                },
            )
            .collect::<StorageResult<Vec<_>>>()?;
        flags.sort_by(|a, b| {
            b.active
                .cmp(&a.active)
                .then(b.severity.cmp(&a.severity))
                .then(b.first_seen.cmp(&a.first_seen))
        });
        Ok(flags)
    }

    /// Settles a flag as explained or confirmed (with the explanation, or
    /// what was done), or reopens it.
    pub fn set_flag_status(
        &mut self,
        id: FlagId,
        status: FlagStatus,
        note: &str,
    ) -> StorageResult<()> {
        if status.is_settled() && note.trim().is_empty() {
            return Err(StorageError::Rule(match status {
                FlagStatus::Explained => "Say what explains it.".into(),
                _ => "Say what was done about it.".into(),
            }));
        }
        let stamp = timestamp_text(now());
        self.transact(|tx| {
            let n = tx.execute(
                "UPDATE flag SET status = ?2, note = ?3, settled_at = ?4 WHERE id = ?1",
                params![
                    id.0,
                    status.code(),
                    note.trim(),
                    status.is_settled().then_some(stamp.clone())
                ],
            )?;
            if n == 0 {
                return Err(StorageError::Missing(format!("flag {id}")));
            }
            tx.execute(
                "INSERT INTO flag_event (flag_id, at, status, note) VALUES (?1, ?2, ?3, ?4)",
                params![id.0, stamp, status.code(), note.trim()],
            )?;
            Ok(())
        })
    }

    /// Every decision about a flag, oldest first.
    pub fn flag_history(&self, id: FlagId) -> StorageResult<Vec<FlagEvent>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT at, status, note FROM flag_event WHERE flag_id = ?1 ORDER BY id")?;
        let rows = stmt
            .query_map([id.0], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(at, status, note)| {
                Ok(FlagEvent {
                    at,
                    status: code(&status, "flag status", FlagStatus::from_code)?,
                    note,
                })
            })
            .collect()
    }

    /// Every change of a reported value, with whether its period was locked
    /// at the time (for the edit checks).
    pub fn edit_records(&self) -> StorageResult<Vec<EditRecord>> {
        let locks: Vec<(String, i64)> = {
            let mut stmt = self
                .conn()
                .prepare("SELECT set_at, locked_through FROM period_lock ORDER BY id")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        let mut stmt = self.conn().prepare(
            "SELECT indicator_id, team_id, period, old_value, new_value, changed_at, reason
             FROM value_change WHERE old_value IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<f64>>(3)?,
                    r.get::<_, Option<f64>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(ind, team, period, old, new, at, reason)| {
                // RFC 3339 text compares in time order; the lock in force is the newest set before the change.
                let locked_through = locks
                    .iter()
                    .filter(|(set, _)| set.as_str() <= at.as_str())
                    .map(|(_, l)| *l)
                    .next_back();
                let changed_on = super::codec::timestamp_from_text(&at)?.date_naive();
                Ok(EditRecord {
                    indicator: IndicatorId(ind),
                    team: TeamId(team),
                    period: date_from_key(period)?,
                    old,
                    new,
                    changed_on,
                    locked_then: locked_through.is_some_and(|l| period <= l),
                    reason,
                })
            })
            .collect()
    }
}
