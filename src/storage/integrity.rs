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

/// What makes a flag the same flag: rule, indicator, team and key.
type Identity<'a> = (&'a str, Option<i64>, Option<i64>, &'a str);

/// What recording must change in the stored flags (by flag id; findings
/// by their index).
#[derive(Default)]
struct Changes {
    /// Found again, but different (or inactive): rewritten.
    update: Vec<(i64, usize)>,
    /// Settled, and the finding's substance changed: opened again (with
    /// the fingerprint it had).
    reopen: Vec<(i64, String, usize)>,
    /// Examined and no longer found: marked inactive.
    clear: Vec<i64>,
}

/// Column `i` of `row` as text, borrowed.
fn text<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> StorageResult<&'r str> {
    Ok(row.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })?)
}

fn evidence_json(e: &[Evidence]) -> StorageResult<String> {
    serde_json::to_string(e).map_err(|e| StorageError::Encoding {
        what: "evidence",
        why: e.to_string(),
    })
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
        let prepared = evidence_of_all(findings)?;
        let (stored, changes) = self.compare_with_stored(&prepared, only, examined)?;
        self.transact(|tx| {
            let out = write_flag_changes(tx, &prepared, &stored, &changes, &stamp, day)?;
            if only.is_none() {
                super::settings::mark_checks_ran(tx, today)?;
            }
            Ok(out)
        })
    }

    /// Compares the stored flags with the findings as they are read,
    /// borrowing their text: which findings are stored already, and what
    /// must change. Flags of rules that were not `examined` are left alone.
    fn compare_with_stored(
        &self,
        prepared: &[(&Finding, String)],
        only: Option<&[IndicatorId]>,
        examined: &dyn Fn(Rule, Option<IndicatorId>, Option<TeamId>) -> bool,
    ) -> StorageResult<(Vec<bool>, Changes)> {
        let index: HashMap<Identity<'_>, usize> = prepared
            .iter()
            .enumerate()
            .map(|(i, (f, _))| {
                let key = (
                    f.rule.code(),
                    f.indicator.map(|i| i.0),
                    f.team.map(|t| t.0),
                    f.key.as_str(),
                );
                (key, i)
            })
            .collect();
        let mut stored = vec![false; prepared.len()];
        let mut changes = Changes::default();
        {
            const COLUMNS: &str = "SELECT id, rule, indicator_id, team_id, key, severity, title, explanation, evidence, fingerprint, active, status FROM flag";
            let mut visit = |row: &rusqlite::Row<'_>| -> StorageResult<()> {
                let id: i64 = row.get(0)?;
                let rule = text(row, 1)?;
                let indicator: Option<i64> = row.get(2)?;
                let team: Option<i64> = row.get(3)?;
                let active: bool = row.get(10)?;
                let Some(&i) = index.get(&(rule, indicator, team, text(row, 4)?)) else {
                    if active
                        && Rule::from_code(rule).is_some_and(|r| {
                            examined(r, indicator.map(IndicatorId), team.map(TeamId))
                        })
                    {
                        changes.clear.push(id);
                    }
                    return Ok(());
                };
                stored[i] = true;
                let (f, evidence) = (prepared[i].0, &prepared[i].1);
                let fingerprint = text(row, 9)?;
                if text(row, 5)? != f.severity.code()
                    || text(row, 6)? != f.title
                    || text(row, 7)? != f.explanation
                    || text(row, 8)? != evidence
                    || fingerprint != f.fingerprint
                    || !active
                {
                    changes.update.push((id, i));
                }
                if text(row, 11)? != FlagStatus::Open.code() && fingerprint != f.fingerprint {
                    changes.reopen.push((id, fingerprint.to_owned(), i));
                }
                Ok(())
            };
            match only {
                None => {
                    let mut stmt = self.conn().prepare(COLUMNS)?;
                    let mut rows = stmt.query([])?;
                    while let Some(row) = rows.next()? {
                        visit(row)?;
                    }
                }
                Some(ids) => {
                    let mut none = self
                        .conn()
                        .prepare(&format!("{COLUMNS} WHERE indicator_id IS NULL"))?;
                    let mut rows = none.query([])?;
                    while let Some(row) = rows.next()? {
                        visit(row)?;
                    }
                    let mut one = self
                        .conn()
                        .prepare(&format!("{COLUMNS} WHERE indicator_id = ?1"))?;
                    for id in ids {
                        let mut rows = one.query([id.0])?;
                        while let Some(row) = rows.next()? {
                            visit(row)?;
                        }
                    }
                }
            }
        }
        Ok((stored, changes))
    }
}

/// Writes what recording changes: new flags, rewritten and reopened ones
/// (each reopening with its event), and those no longer found cleared.
fn write_flag_changes(
    tx: &rusqlite::Transaction<'_>,
    prepared: &[(&Finding, String)],
    stored: &[bool],
    changes: &Changes,
    stamp: &str,
    day: i64,
) -> StorageResult<FlagsRecorded> {
    let mut out = FlagsRecorded::default();
    let mut insert = tx.prepare(
        "INSERT INTO flag (rule, indicator_id, team_id, key, severity, title, explanation, evidence, fingerprint, active, status, first_seen, last_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 'open', ?10, ?10)",
    )?;
    for ((f, evidence), _) in prepared.iter().zip(stored).filter(|(_, s)| !**s) {
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
    let mut update = tx.prepare(
        "UPDATE flag SET severity = ?2, title = ?3, explanation = ?4, evidence = ?5, fingerprint = ?6, active = 1, last_seen = ?7 WHERE id = ?1",
    )?;
    for &(id, i) in &changes.update {
        let (f, evidence) = &prepared[i];
        update.execute(params![
            id,
            f.severity.code(),
            f.title,
            f.explanation,
            evidence,
            f.fingerprint,
            day
        ])?;
    }
    let mut reopen =
        tx.prepare("UPDATE flag SET status = 'open', settled_at = NULL WHERE id = ?1")?;
    let mut event =
        tx.prepare("INSERT INTO flag_event (flag_id, at, status, note) VALUES (?1, ?2, ?3, ?4)")?;
    for (id, old_fingerprint, i) in &changes.reopen {
        reopen.execute([id])?;
        event.execute(params![
            id,
            stamp,
            FlagStatus::Open.code(),
            format!(
                "Reopened: the finding changed ({old_fingerprint} → {}).",
                prepared[*i].0.fingerprint
            )
        ])?;
        out.reopened += 1;
    }
    let mut clear = tx.prepare("UPDATE flag SET active = 0 WHERE id = ?1")?;
    for id in &changes.clear {
        clear.execute([id])?;
        out.cleared += 1;
    }
    Ok(out)
}

impl Workbook {
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
