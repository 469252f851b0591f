//! Period locks: after a stat meeting, the periods it reviewed are locked,
//! and changing one of their values needs a reason.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::codec::{date_from_key, date_key, now, timestamp_text};
use super::{StorageResult, Workbook};

pub(super) fn locked_through(conn: &Connection) -> StorageResult<Option<NaiveDate>> {
    let key: Option<i64> = conn
        .query_row(
            "SELECT locked_through FROM period_lock ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    key.map(date_from_key).transpose()
}

impl Workbook {
    /// Periods that ended on or before this date are locked (`None`: nothing is).
    pub fn locked_through(&self) -> StorageResult<Option<NaiveDate>> {
        locked_through(self.conn())
    }

    /// Locks every period that ends on or before `date` (or, moving the date
    /// back, unlocks later ones). Each change is kept with its note.
    pub fn lock_through(&mut self, date: NaiveDate, note: &str) -> StorageResult<()> {
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO period_lock (locked_through, set_at, note) VALUES (?1, ?2, ?3)",
                params![date_key(date), timestamp_text(now()), note.trim()],
            )?;
            Ok(())
        })
    }
}
