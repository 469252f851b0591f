//! Storage errors, phrased so that a person can act on them.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// Why a change or a read failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// SQLite refused; the message explains the likely cause.
    #[error("{}", describe_sqlite(.0))]
    Sqlite(#[from] rusqlite::Error),
    /// A rule of the workbook refused the change (e.g. a duplicate team name).
    #[error("{0}")]
    Rule(String),
    /// A name (or file) is already taken.
    #[error("{0}")]
    Duplicate(String),
    /// A value in a locked period was to change without a reason.
    #[error(
        "{period} is locked (periods up to {through} are locked); give a reason for changing it."
    )]
    LockedPeriod {
        /// The period, as people read it.
        period: String,
        /// The last locked day, as people read it.
        through: String,
    },
    /// Something could not be encoded to be stored (evidence, file names).
    #[error("{what} could not be stored ({why})")]
    Encoding {
        /// What was being stored.
        what: &'static str,
        /// Why not.
        why: String,
    },
    /// The thing being changed no longer exists.
    #[error("{0} no longer exists; it may have been removed.")]
    Missing(String),
    /// The file holds something this version cannot interpret.
    #[error("The workbook holds data this version cannot read ({0}).")]
    Corrupt(String),
    /// The database check found the file damaged; nothing was written.
    #[error(
        "The workbook file is damaged ({0}); nothing was written. Recover it from a backup on the Backups screen."
    )]
    Damaged(String),
    /// The person cancelled a long operation; nothing was written.
    #[error("Cancelled; nothing was written.")]
    Cancelled,
    /// A file operation failed.
    #[error("{}", describe_io(.0))]
    Io(#[from] std::io::Error),
}

impl StorageError {
    /// True when another program holds the workbook.
    pub fn is_busy(&self) -> bool {
        matches!(self, StorageError::Sqlite(e) if matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)))
    }
}

/// Turns an SQLite failure into a sentence about the user's file.
pub fn describe_sqlite(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "The workbook is busy: another program is writing to it. The change was not saved; try again in a moment.".into()
        }
        Some(ErrorCode::DiskFull) => {
            "The disk is full: the change was not saved. Free some space and try again; nothing already saved was lost.".into()
        }
        Some(ErrorCode::ReadOnly) => {
            "The workbook is read-only (the file or its folder cannot be written): the change was not saved.".into()
        }
        Some(ErrorCode::CannotOpen) => {
            "The workbook file cannot be reached; was it moved, or is its drive disconnected?".into()
        }
        Some(ErrorCode::SystemIoFailure) => {
            "The disk reported an error while saving: the change was not saved.".into()
        }
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            "The workbook file is damaged. Close it and open a backup copy.".into()
        }
        Some(ErrorCode::PermissionDenied) => {
            "Permission denied: the workbook cannot be written.".into()
        }
        Some(ErrorCode::ConstraintViolation) => {
            format!("The change conflicts with data already in the workbook ({e}).")
        }
        _ => format!("The workbook could not be read or updated ({e})."),
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => format!("Permission denied ({e})."),
        std::io::ErrorKind::NotFound => format!("File or folder not found ({e})."),
        _ => format!("The file could not be written ({e})."),
    }
}

/// Why a workbook could not be opened or created.
#[derive(Debug)]
pub enum OpenErrorKind {
    /// No such file.
    NotFound,
    /// A folder, not a file.
    IsDirectory,
    /// The file exists but cannot be read.
    Unreadable(std::io::Error),
    /// Zero bytes long.
    Empty,
    /// Not an SQLite database at all.
    NotSqlite,
    /// An SQLite database, but not a Ratchet workbook.
    NotWorkbook,
    /// A workbook written by a newer version of Ratchet.
    TooNew {
        /// Its schema version.
        found: usize,
        /// The newest this build reads.
        supported: usize,
    },
    /// Another program holds the workbook for writing.
    Locked,
    /// The file or its folder cannot be written.
    ReadOnly,
    /// `create` was asked to make a file that already exists.
    AlreadyExists,
    /// The schema upgrade failed (the file was left as it was).
    Upgrade(String),
    /// SQLite refused for another reason.
    Sqlite(rusqlite::Error),
    /// Another Ratchet has it open (the lock file names who).
    InUse(super::lockfile::Holder),
    /// The database check found damage; nothing was written to it.
    Damaged(String),
}

/// A workbook that could not be opened, and why.
#[derive(Debug)]
pub struct OpenError {
    /// The file.
    pub path: PathBuf,
    /// The reason.
    pub kind: OpenErrorKind,
}

impl OpenError {
    pub(crate) fn new(path: &Path, kind: OpenErrorKind) -> Self {
        Self {
            path: path.to_owned(),
            kind,
        }
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string());
        let untouched = "The file was left untouched.";
        match &self.kind {
            OpenErrorKind::NotFound => write!(
                f,
                "\"{name}\" does not exist (looked in {}).",
                self.path.display()
            ),
            OpenErrorKind::IsDirectory => write!(f, "\"{name}\" is a folder, not a workbook file."),
            OpenErrorKind::Unreadable(e) => write!(f, "\"{name}\" cannot be read: {e}."),
            OpenErrorKind::Empty => write!(
                f,
                "\"{name}\" is empty (0 bytes), so it is not a Ratchet workbook. {untouched}"
            ),
            OpenErrorKind::NotSqlite => write!(
                f,
                "\"{name}\" is not a Ratchet workbook: it is not an SQLite database at all. {untouched}"
            ),
            OpenErrorKind::NotWorkbook => write!(
                f,
                "\"{name}\" is an SQLite database made by another program, not a Ratchet workbook. {untouched}"
            ),
            OpenErrorKind::TooNew { found, supported } => write!(
                f,
                "\"{name}\" was saved by a newer version of Ratchet (workbook format {found}; this version reads up to {supported}). Update Ratchet to open it. {untouched}"
            ),
            OpenErrorKind::Locked => write!(
                f,
                "\"{name}\" is open for writing in another program or another Ratchet window. Close it there and try again."
            ),
            OpenErrorKind::ReadOnly => write!(
                f,
                "\"{name}\" cannot be written (the file or its folder is read-only). Copy it somewhere writable, or change its permissions."
            ),
            OpenErrorKind::AlreadyExists => write!(
                f,
                "\"{name}\" already exists; choose another name so nothing is overwritten."
            ),
            OpenErrorKind::Upgrade(why) => write!(
                f,
                "\"{name}\" could not be upgraded to this version's format ({why}). Nothing in it was changed."
            ),
            OpenErrorKind::Sqlite(e) => {
                write!(f, "\"{name}\" could not be opened: {}", describe_sqlite(e))
            }
            OpenErrorKind::InUse(who) => write!(
                f,
                "\"{name}\" is open in Ratchet by {who}. Open it read-only to look, or ask them to close it."
            ),
            OpenErrorKind::Damaged(why) => write!(
                f,
                "\"{name}\" is damaged ({why}). Nothing was written to it; restore a backup."
            ),
        }
    }
}

impl std::error::Error for OpenError {}
