//! Reviews and framework versions (practice 11).

use rusqlite::{OptionalExtension, Transaction, params};

use super::codec::{code, date_from_key, date_key, now, timestamp_text};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::review::{Area, FrameworkVersion, Review, ReviewChange, review_problems};
use crate::domain::{Framework, Target};

/// Keeps the framework as it stands now, labelled, inside a transaction.
pub(super) fn keep_version(
    tx: &Transaction<'_>,
    framework: &Framework,
    label: &str,
) -> StorageResult<i64> {
    let json = serde_json::to_string(framework).map_err(|e| StorageError::Encoding {
        what: "the framework",
        why: e.to_string(),
    })?;
    tx.execute(
        "INSERT INTO framework_version (saved_at, label, framework) VALUES (?1, ?2, ?3)",
        params![timestamp_text(now()), label, json],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Workbook {
    /// Records a review, and keeps the framework as it stands (one transaction).
    pub fn add_review(
        &mut self,
        held_on: chrono::NaiveDate,
        learned: &str,
        changes: &[ReviewChange],
    ) -> StorageResult<i64> {
        if let Some(p) = review_problems(learned, changes).into_iter().next() {
            return Err(StorageError::Rule(p));
        }
        let framework = self.framework()?;
        let label = format!("Review of {}", held_on.format("%-d %B %Y"));
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO review (held_on, learned, recorded_at) VALUES (?1, ?2, ?3)",
                params![date_key(held_on), learned.trim(), timestamp_text(now())],
            )?;
            let id = tx.last_insert_rowid();
            for (i, c) in changes.iter().enumerate() {
                tx.execute(
                    "INSERT INTO review_change (review_id, position, area, change, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, i as i64, c.area.code(), c.change.trim(), c.reason.trim()],
                )?;
            }
            keep_version(tx, &framework, &label)?;
            Ok(id)
        })
    }

    /// Every review, newest first.
    pub fn reviews(&self) -> StorageResult<Vec<Review>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, held_on, learned FROM review ORDER BY held_on DESC, id DESC")?;
        let heads = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut changes = self.conn().prepare(
            "SELECT area, change, reason FROM review_change WHERE review_id = ?1 ORDER BY position",
        )?;
        heads
            .into_iter()
            .map(|(id, on, learned)| {
                let rows = changes
                    .query_map([id], |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                        ))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Review {
                    id,
                    held_on: date_from_key(on)?,
                    learned,
                    changes: rows
                        .into_iter()
                        .map(|(a, change, reason)| {
                            Ok(ReviewChange {
                                area: code(&a, "review area", Area::from_code)?,
                                change,
                                reason,
                            })
                        })
                        .collect::<StorageResult<Vec<_>>>()?,
                })
            })
            .collect()
    }

    /// Ratchets the framework's target: the new one supersedes the old
    /// (which stays in the history), a review records why, and the
    /// framework is kept as a new version. One transaction after the target.
    pub fn ratchet_target(
        &mut self,
        new: &Target,
        reason: &str,
        held_on: chrono::NaiveDate,
    ) -> StorageResult<()> {
        if reason.trim().is_empty() {
            return Err(StorageError::Rule("Say why the target changes.".into()));
        }
        let old = self.framework_target()?.ok_or_else(|| {
            StorageError::Rule("There is no target to ratchet yet; set one in the wizard.".into())
        })?;
        if &old == new {
            return Err(StorageError::Rule(
                "The new target is the same as the old one.".into(),
            ));
        }
        self.save_framework_target(new)?;
        let change = ReviewChange {
            area: Area::Target,
            change: format!("From \"{}\" to \"{}\"", old.sentence(), new.sentence()),
            reason: reason.trim().to_owned(),
        };
        self.add_review(
            held_on,
            &format!("Target ratcheted: {}", reason.trim()),
            &[change],
        )?;
        Ok(())
    }

    /// Keeps the framework as it stands, with a label.
    pub fn keep_framework_version(&mut self, label: &str) -> StorageResult<i64> {
        let framework = self.framework()?;
        self.transact(|tx| keep_version(tx, &framework, label))
    }

    /// Every kept version, newest first (id, when, label).
    pub fn framework_versions(&self) -> StorageResult<Vec<(i64, String, String)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, saved_at, label FROM framework_version ORDER BY id DESC")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// One kept version.
    pub fn framework_version(&self, id: i64) -> StorageResult<Option<FrameworkVersion>> {
        let row: Option<(String, String, String)> = self
            .conn()
            .query_row(
                "SELECT saved_at, label, framework FROM framework_version WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        row.map(|(saved_at, label, json)| {
            Ok(FrameworkVersion {
                id,
                saved_at,
                label,
                framework: serde_json::from_str(&json).map_err(|e| {
                    StorageError::Corrupt(format!("framework version {id} is unreadable ({e})"))
                })?,
            })
        })
        .transpose()
    }
}
