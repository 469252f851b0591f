//! The workbook file: the only place SQL lives.
//!
//! A workbook is one SQLite file. [`Workbook::open`] refuses anything that is
//! not a workbook (leaving it untouched), every change goes through
//! [`Workbook::transact`], and each aggregate has its own file of queries.

mod agency;
mod backup_source;
mod capacity;
mod codec;
mod deficits;
mod error;
mod framework;
mod health;
mod import;
mod import_scratch;
mod indicators;
mod integrity;
mod lockfile;
mod locks;
mod measurements;
mod meetings;
mod migrations;
mod mission;
mod observations;
mod open;
mod recognition;
pub mod records;
mod returns;
mod reviews;
mod settings;
mod summary;
mod targets;
mod teams;
mod theory;
mod wins;
mod wizard;
mod workshop;
mod xmr_settings;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use backup_source::BackupSource;
pub use error::{OpenError, OpenErrorKind, StorageError};
pub use health::CheckStatus;
pub use import::{
    ImportBatch, ImportOutcome, ImportTarget, ImportValue, ImportValues, NameRef, ReturnMark, RowId,
};
pub use import_scratch::ImportScratch;
pub use integrity::{FlagEvent, FlagsRecorded};
pub use lockfile::{Holder, lock_path};
pub use measurements::{NewMeasurement, StoredValue};
pub use migrations::{LATEST_VERSION, validate_migrations};
pub use open::{APPLICATION_ID, WORKBOOK_EXTENSION};
pub use recognition::{MAX_LOGO_BYTES, NewRecognition};
pub use summary::Counts;
pub use wins::WinsRecorded;
pub use workshop::WorkshopMark;

/// The team row under which agency-wide indicators are recorded.
pub const AGENCY_TEAM: crate::domain::TeamId = crate::domain::TeamId(0);

/// An open workbook. Dropping it closes the file (and releases its lock file).
pub struct Workbook {
    conn: Connection,
    path: PathBuf,
    /// Opened read-only: every change is refused with a plain message.
    read_only: bool,
    /// The lock file naming this user and computer, when opened exclusively.
    _lock: Option<lockfile::LockFile>,
    /// The database check: done, or running beside the window.
    health: health::HealthCheck,
}

/// Result of a storage operation.
pub type StorageResult<T> = Result<T, StorageError>;

impl Workbook {
    /// Where the workbook lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one immediate transaction: committed if it returns `Ok`,
    /// rolled back (nothing written) if it returns `Err` or panics. Waits
    /// first for a database check still running: a damaged file is refused.
    pub fn transact<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> StorageResult<T>,
    ) -> StorageResult<T> {
        if self.read_only {
            return Err(StorageError::Rule(
                "This workbook is open read-only (someone else has it open for writing): the change was not saved.".into(),
            ));
        }
        self.await_check()?;
        self.health.forget_count();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Says that another connection (a background import) wrote to the
    /// file: figures counted before are no longer right.
    pub fn changed_elsewhere(&mut self) {
        self.health.forget_count();
    }

    /// Like [`Workbook::transact`], with SQLite's per-row foreign-key lookups
    /// off: for bulk writes whose caller has verified every reference itself
    /// (an import's teams and indicators), where those lookups are a third
    /// of the time. Turned back on whatever happens.
    pub(super) fn transact_with_references_verified<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> StorageResult<T>,
    ) -> StorageResult<T> {
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let out = self.transact(f);
        let restored = self.conn.pragma_update(None, "foreign_keys", true);
        let out = out?;
        restored?;
        Ok(out)
    }

    /// Copies the whole workbook, compacted, to `destination` (which must not
    /// be this workbook). Written to a temporary file first and renamed, so a
    /// failed copy never leaves a half-written file under the chosen name.
    pub fn save_copy_as(&self, destination: &Path) -> StorageResult<()> {
        if same_file(&self.path, destination) {
            return Err(StorageError::Rule(
                "Choose a different file: that is the workbook itself.".into(),
            ));
        }
        let file_name = destination
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "copy".into());
        let temp = destination.with_file_name(format!(".{file_name}.part"));
        let _ = std::fs::remove_file(&temp);
        let temp_text = temp.to_string_lossy().into_owned();
        if let Err(e) = self.conn.execute("VACUUM INTO ?1", [&temp_text]) {
            let _ = std::fs::remove_file(&temp);
            return Err(e.into());
        }
        std::fs::rename(&temp, destination).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            StorageError::Io(e)
        })
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Copies the workbook, consistent as of one moment, to `destination`
    /// with SQLite's online backup (the workbook stays open and usable).
    pub fn backup_to(&self, destination: &Path) -> StorageResult<()> {
        if same_file(&self.path, destination) {
            return Err(StorageError::Rule(
                "A backup cannot overwrite the workbook itself.".into(),
            ));
        }
        // Every page passes through the page cache: kept small, a backup
        // of a large workbook does not hold the whole file in memory.
        with_small_cache(self, |wb| {
            Ok(wb.conn.backup(rusqlite::MAIN_DB, destination, None)?)
        })
    }

    /// The database check: `None` when sound, else what is wrong.
    pub fn damage(&self) -> StorageResult<Option<String>> {
        Ok(open::damage(&self.conn)?)
    }

    /// Caps the file at `pages` pages, so tests can see what a full disk
    /// does without filling one (SQLite then refuses writes as it would).
    #[doc(hidden)]
    pub fn limit_pages_for_tests(&self, pages: u32) -> StorageResult<()> {
        self.conn.pragma_update(None, "max_page_count", pages)?;
        Ok(())
    }

    /// True when the workbook was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Runs `f` with the workbook's page cache at [`open::IMPORT_CACHE_KIB`]
/// (for work that passes over many pages once: an import, a backup) and
/// puts the cache back after, whatever `f` returns; shrinking the cache
/// frees its pages. `wb` is the workbook, borrowed or borrowed mutably.
pub(super) fn with_small_cache<W: std::borrow::Borrow<Workbook>, T>(
    mut wb: W,
    f: impl FnOnce(&mut W) -> StorageResult<T>,
) -> StorageResult<T> {
    let cache = |wb: &W, kib: i64| wb.borrow().conn.pragma_update(None, "cache_size", -kib);
    cache(&wb, open::IMPORT_CACHE_KIB)?;
    let done = f(&mut wb);
    let restored = cache(&wb, open::WORKBOOK_CACHE_KIB);
    let done = done?;
    restored?;
    Ok(done)
}
