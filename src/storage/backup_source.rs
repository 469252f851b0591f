//! A second, read-only connection to an open workbook that can be moved to
//! another thread, so the daily backup is copied without holding up the
//! window.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::open::BUSY_TIMEOUT;
use super::{StorageError, StorageResult, Workbook, same_file};

/// Pages copied per step: between steps the workbook is free for the
/// window's own changes (a change meanwhile restarts the copy, as SQLite's
/// online backup does).
const PAGES_PER_STEP: std::os::raw::c_int = 1024;

/// A read-only connection to a workbook, for copying it elsewhere.
pub struct BackupSource {
    conn: Connection,
    path: PathBuf,
}

impl Workbook {
    /// A connection of its own to this workbook, for a backup on another
    /// thread.
    pub fn backup_source(&self) -> StorageResult<BackupSource> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(BackupSource {
            conn,
            path: self.path.clone(),
        })
    }
}

impl BackupSource {
    /// The workbook this copies.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Copies the workbook, consistent as of one moment, to `destination`.
    pub fn backup_to(&self, destination: &Path) -> StorageResult<()> {
        if same_file(&self.path, destination) {
            return Err(StorageError::Rule(
                "A backup cannot overwrite the workbook itself.".into(),
            ));
        }
        let mut dest = Connection::open(destination)?;
        let backup = Backup::new(&self.conn, &mut dest)?;
        backup.run_to_completion(PAGES_PER_STEP, Duration::from_millis(1), None)?;
        Ok(())
    }
}
