//! Creating and opening workbooks, refusing anything that is not one.
//!
//! Checks run from the cheapest and least intrusive up: the file's first 100
//! bytes are read directly (no SQLite involved), so a file that is not a
//! workbook is refused without SQLite ever touching it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::Workbook;
use super::error::{OpenError, OpenErrorKind};
use super::health::HealthCheck;
use super::migrations::{LATEST_VERSION, migrations};

/// The page cache of an open workbook, in KiB (the views' reads stay in memory).
pub(super) const WORKBOOK_CACHE_KIB: i64 = 32_768;

/// The page cache while an import writes, in KiB: values are written in key
/// order, so few pages are revisited, and the import's memory stays small.
pub(super) const IMPORT_CACHE_KIB: i64 = 4_096;

/// Marks a SQLite file as a Ratchet workbook (`PRAGMA application_id`, "RTCH").
pub const APPLICATION_ID: i32 = 0x5254_4348;

/// The file extension of workbooks, without the dot.
pub const WORKBOOK_EXTENSION: &str = "ratchet";

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long to wait for another program's write to finish before giving up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_millis(1500);

/// What the file header says, read without SQLite.
struct Header {
    user_version: u32,
    application_id: i32,
    /// The file is in WAL mode (format versions 2 in bytes 18 and 19).
    wal_mode: bool,
}

fn read_header(path: &Path) -> Result<Header, OpenErrorKind> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => OpenErrorKind::NotFound,
        _ => OpenErrorKind::Unreadable(e),
    })?;
    if meta.is_dir() {
        return Err(OpenErrorKind::IsDirectory);
    }
    if meta.len() == 0 {
        return Err(OpenErrorKind::Empty);
    }
    let mut bytes = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut bytes))
        .map_err(OpenErrorKind::Unreadable)?;
    if bytes.len() < 100 || !bytes.starts_with(SQLITE_MAGIC) {
        return Err(OpenErrorKind::NotSqlite);
    }
    let be32 = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
    // A file cut short (a copy that stopped half-way) is caught here, before
    // SQLite reads it: the header says how many pages there should be. Not
    // while a journal or WAL file lies beside it: a change cut off by a
    // crash can leave the file short, and SQLite rolls it back from there.
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes(be32(28)));
    let pages_valid = be32(24) == be32(92) && pages > 0;
    let recoverable = journal_path(path).exists() || wal_path(path).exists();
    if pages_valid && !recoverable && meta.len() < pages * page_size {
        return Err(OpenErrorKind::Damaged(format!(
            "the file is {} bytes but its header says {} pages of {page_size} bytes: it was cut short",
            meta.len(),
            pages
        )));
    }
    Ok(Header {
        user_version: u32::from_be_bytes(be32(60)),
        application_id: i32::from_be_bytes(be32(68)),
        wal_mode: bytes[18] == 2 || bytes[19] == 2,
    })
}

fn journal_path(path: &Path) -> PathBuf {
    let mut os = path.as_os_str().to_owned();
    os.push("-journal");
    PathBuf::from(os)
}

fn wal_path(path: &Path) -> PathBuf {
    let mut os = path.as_os_str().to_owned();
    os.push("-wal");
    PathBuf::from(os)
}

/// Refuses a foreign or too-new file from its identity numbers.
fn check_identity(application_id: i32, user_version: u32) -> Result<(), OpenErrorKind> {
    if application_id != APPLICATION_ID {
        return Err(OpenErrorKind::NotWorkbook);
    }
    let found = user_version as usize;
    if found > LATEST_VERSION {
        return Err(OpenErrorKind::TooNew {
            found,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}

fn sqlite_kind(e: rusqlite::Error) -> OpenErrorKind {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => OpenErrorKind::Locked,
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => OpenErrorKind::ReadOnly,
        Some(ErrorCode::NotADatabase) => OpenErrorKind::NotSqlite,
        Some(ErrorCode::DatabaseCorrupt) => OpenErrorKind::Damaged(e.to_string()),
        _ => OpenErrorKind::Sqlite(e),
    }
}

/// Settings every connection gets: referential integrity, a rollback
/// journal, and FULL sync.
///
/// `synchronous = FULL`: every commit is fsynced, so a committed edit
/// survives power loss as well as a crash. Edits are human-paced and bulk
/// imports are one transaction, so the cost is one fsync per change.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // A rollback journal, not WAL: WAL needs shared memory on one computer
    // and is unsafe on the shared folders small offices keep workbooks on.
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        tracing::warn!("journal mode is {mode}, not DELETE");
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    // 32 MiB of page cache (SQLite's default is 2 MiB): large imports and
    // whole-indicator reads stay in memory instead of re-reading pages.
    conn.pragma_update(None, "cache_size", -WORKBOOK_CACHE_KIB)?;
    Ok(())
}

/// Writes everything from the WAL into the main file, so that the header
/// always carries the application id and schema version.
fn checkpoint(conn: &Connection) -> rusqlite::Result<()> {
    // Folds any write-ahead log left by an older version into the file.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
}

/// `PRAGMA integrity_check` and the foreign key check: a description of the
/// damage, or `None` when the database is sound. Reads only.
pub(crate) fn damage(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let problems: Vec<String> = {
        // integrity_check, not quick_check: it also finds an index that
        // disagrees with its table (a flipped byte in a team's name), which
        // quick_check passes and a later write would spread.
        let mut stmt = conn.prepare("PRAGMA integrity_check(5)")?;
        stmt.query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<_, _>>()?
    };
    if problems.len() != 1 || problems[0] != "ok" {
        return Ok(Some(problems.join("; ")));
    }
    let orphans: i64 = {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while rows.next()?.is_some() {
            n += 1;
        }
        n
    };
    Ok((orphans > 0).then(|| format!("{orphans} rows refer to rows that do not exist")))
}

impl Workbook {
    /// Creates a new, empty workbook at `path`; refuses to overwrite anything.
    pub fn create(path: &Path) -> Result<Workbook, OpenError> {
        let fail = |kind| OpenError::new(path, kind);
        if path.exists() {
            return Err(fail(OpenErrorKind::AlreadyExists));
        }
        let result = (|| {
            let mut conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(sqlite_kind)?;
            configure(&conn).map_err(sqlite_kind)?;
            migrations()
                .to_latest(&mut conn)
                .map_err(|e| OpenErrorKind::Upgrade(e.to_string()))?;
            checkpoint(&conn).map_err(sqlite_kind)?;
            Ok(conn)
        })();
        match result {
            Ok(conn) => Ok(Workbook {
                conn,
                path: path.to_owned(),
                read_only: false,
                _lock: None,
                health: HealthCheck::sound(),
            }),
            Err(kind) => {
                // Nothing usable was made: leave no half-created file behind.
                for p in [path.to_owned(), wal_path(path)] {
                    let _ = std::fs::remove_file(p);
                }
                Err(fail(kind))
            }
        }
    }

    /// Opens an existing workbook, upgrading its schema if it is older.
    ///
    /// A file that is not SQLite, an SQLite file that is not a workbook, or a
    /// workbook from a newer version is refused and left byte-identical.
    pub fn open(path: &Path) -> Result<Workbook, OpenError> {
        Self::open_inner(path, None, CheckMode::Now)
    }

    /// Opens for writing as the one Ratchet that has the workbook: takes the
    /// lock file (or says who holds it), and copies the workbook to
    /// `backup_before_upgrade` before changing its format.
    pub fn open_exclusive(
        path: &Path,
        backup_before_upgrade: Option<&Path>,
    ) -> Result<Workbook, OpenError> {
        Self::open_locked(path, backup_before_upgrade, CheckMode::Now)
    }

    /// As [`Workbook::open_exclusive`], for the window: the database check
    /// runs on another thread (see [`Workbook::check_status`]) so a large
    /// workbook opens at once, and every change waits for its verdict. A
    /// workbook that needs upgrading, or that a crash left mid-write, is
    /// checked before anything else, as `open_exclusive` does.
    pub fn open_exclusive_checking_beside(
        path: &Path,
        backup_before_upgrade: Option<&Path>,
    ) -> Result<Workbook, OpenError> {
        Self::open_locked(path, backup_before_upgrade, CheckMode::Beside)
    }

    fn open_locked(
        path: &Path,
        backup_before_upgrade: Option<&Path>,
        check: CheckMode,
    ) -> Result<Workbook, OpenError> {
        read_header(path).map_err(|k| OpenError::new(path, k))?;
        let lock = super::lockfile::LockFile::acquire(path)
            .map_err(|who| OpenError::new(path, OpenErrorKind::InUse(who)))?;
        let mut wb = Self::open_inner(path, backup_before_upgrade, check)?;
        wb._lock = Some(lock);
        Ok(wb)
    }

    /// A second, read-only connection to this open workbook, for work done
    /// on another thread (the home screen's figures): no check of its own,
    /// since this one's covers it.
    pub fn reader(&self) -> Result<Workbook, OpenError> {
        let fail = |kind| OpenError::new(&self.path, kind);
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| fail(sqlite_kind(e)))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail(sqlite_kind(e)))?;
        Ok(Workbook {
            conn,
            path: self.path.clone(),
            read_only: true,
            _lock: None,
            health: HealthCheck::sound(),
        })
    }

    /// Opens to look only: every change is refused, nothing is written, and
    /// another Ratchet may have it open for writing meanwhile.
    pub fn open_read_only(path: &Path) -> Result<Workbook, OpenError> {
        let fail = |kind| OpenError::new(path, kind);
        let header = read_header(path).map_err(fail)?;
        check_identity(header.application_id, header.user_version).map_err(fail)?;
        if (header.user_version as usize) < LATEST_VERSION {
            return Err(fail(OpenErrorKind::Upgrade(
                "it is in an older format; open it for writing once to upgrade it".into(),
            )));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| fail(sqlite_kind(e)))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail(sqlite_kind(e)))?;
        if let Some(why) = damage(&conn).map_err(|e| fail(sqlite_kind(e)))? {
            return Err(fail(OpenErrorKind::Damaged(why)));
        }
        Ok(Workbook {
            conn,
            path: path.to_owned(),
            read_only: true,
            _lock: None,
            health: HealthCheck::sound(),
        })
    }

    fn open_inner(
        path: &Path,
        backup_before_upgrade: Option<&Path>,
        check: CheckMode,
    ) -> Result<Workbook, OpenError> {
        let fail = |kind| OpenError::new(path, kind);
        let header = read_header(path).map_err(fail)?;
        // The header can lag behind an uncheckpointed WAL left by a crash; only
        // then is the verdict left to SQLite itself.
        let has_wal = wal_path(path).exists();
        if let Err(kind) = check_identity(header.application_id, header.user_version) {
            let unknown_but_wal = header.application_id == 0 && has_wal;
            if !unknown_but_wal {
                return Err(fail(kind));
            }
        }

        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| fail(sqlite_kind(e)))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail(sqlite_kind(e)))?;
        let identity = conn
            .query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
            .and_then(|id| {
                conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))
                    .map(|v| (id, v))
            })
            .map_err(|e| fail(sqlite_kind(e)))?;
        check_identity(identity.0, identity.1).map_err(fail)?;
        // A damaged file is never written to. Opening writes only to upgrade
        // the format or to leave WAL mode; otherwise the check may run beside
        // the window, and `transact` waits for it.
        let up_to_date = identity.1 as usize == LATEST_VERSION;
        let hot_journal = journal_path(path).exists();
        let health = if check == CheckMode::Beside
            && up_to_date
            && !has_wal
            && !hot_journal
            && !header.wal_mode
        {
            HealthCheck::waiting(path)
        } else {
            if let Some(why) = damage(&conn).map_err(|e| fail(sqlite_kind(e)))? {
                return Err(fail(OpenErrorKind::Damaged(why)));
            }
            HealthCheck::sound()
        };

        // Is another program writing? Ask for the write lock, then let it go.
        conn.execute_batch("BEGIN IMMEDIATE; COMMIT;")
            .map_err(|e| fail(sqlite_kind(e)))?;

        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| fail(sqlite_kind(e)))?;
        let pending = migrations()
            .pending_migrations(&conn)
            .map_err(|e| fail(OpenErrorKind::Upgrade(e.to_string())))?;
        if pending > 0 {
            if let Some(dest) = backup_before_upgrade {
                conn.backup(rusqlite::MAIN_DB, dest, None).map_err(|e| {
                    fail(OpenErrorKind::Upgrade(format!(
                        "the backup before upgrading failed: {e}"
                    )))
                })?;
            }
            migrations()
                .to_latest(&mut conn)
                .map_err(|e| fail(OpenErrorKind::Upgrade(e.to_string())))?;
        }
        configure(&conn).map_err(|e| fail(sqlite_kind(e)))?;
        if pending > 0 {
            checkpoint(&conn).map_err(|e| fail(sqlite_kind(e)))?;
        }
        Ok(Workbook {
            conn,
            path: path.to_owned(),
            read_only: false,
            _lock: None,
            health,
        })
    }
}

/// When the database check runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CheckMode {
    /// Before the workbook is handed over.
    Now,
    /// On another thread, beside the window.
    Beside,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_short_file_is_cut_short_unless_a_journal_beside_it_can_restore_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ratchet");
        drop(Workbook::create(&path).unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
        assert!(bytes.len() > page_size, "more than one page");
        std::fs::write(&path, &bytes[..page_size]).unwrap();
        assert!(matches!(
            read_header(&path),
            Err(OpenErrorKind::Damaged(why)) if why.contains("cut short")
        ));
        // A crash mid-change: the journal holds what the file lacks.
        std::fs::write(journal_path(&path), b"journal").unwrap();
        assert!(read_header(&path).is_ok(), "left to SQLite's recovery");
    }
}
