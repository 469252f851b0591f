//! Opening refuses what is not a workbook, leaving the file byte-identical.

use std::path::Path;

use ratchet::storage::{LATEST_VERSION, OpenErrorKind, Workbook};

use crate::support::{new_workbook, temp};

fn refuse(path: &Path) -> ratchet::storage::OpenError {
    let before = std::fs::read(path).unwrap();
    let err = match Workbook::open(path) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(e) => e,
    };
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the refused file changed"
    );
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        assert!(
            !Path::new(&side).exists(),
            "{suffix} file left beside a refused file"
        );
    }
    err
}

#[test]
fn a_text_file_is_not_sqlite() {
    let dir = temp();
    let path = dir.path().join("notes.ratchet");
    std::fs::write(&path, "These are my notes, not a workbook.\n".repeat(20)).unwrap();
    let err = refuse(&path);
    assert!(matches!(err.kind, OpenErrorKind::NotSqlite), "{err:?}");
    assert!(err.to_string().contains("not an SQLite database"), "{err}");
    assert!(err.to_string().contains("left untouched"), "{err}");
}

#[test]
fn an_empty_file_is_refused() {
    let dir = temp();
    let path = dir.path().join("empty.ratchet");
    std::fs::write(&path, b"").unwrap();
    assert!(matches!(refuse(&path).kind, OpenErrorKind::Empty));
}

#[test]
fn another_programs_sqlite_database_is_not_a_workbook() {
    let dir = temp();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');",
        )
        .unwrap();
    }
    let err = refuse(&path);
    assert!(matches!(err.kind, OpenErrorKind::NotWorkbook), "{err:?}");
    assert!(err.to_string().contains("made by another program"), "{err}");
}

#[test]
fn a_workbook_from_a_newer_version_is_refused() {
    let dir = temp();
    let (path, wb) = new_workbook(dir.path(), "future.ratchet");
    drop(wb);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", (LATEST_VERSION + 7) as i64)
            .unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let err = refuse(&path);
    match err.kind {
        OpenErrorKind::TooNew { found, supported } => {
            assert_eq!(found, LATEST_VERSION + 7);
            assert_eq!(supported, LATEST_VERSION);
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert!(err.to_string().contains("newer version of Ratchet"));
}

#[test]
fn a_missing_file_and_a_folder_are_named() {
    let dir = temp();
    let err = Workbook::open(&dir.path().join("nope.ratchet"))
        .err()
        .unwrap();
    assert!(matches!(err.kind, OpenErrorKind::NotFound));
    let err = Workbook::open(dir.path()).err().unwrap();
    assert!(matches!(err.kind, OpenErrorKind::IsDirectory));
}

#[test]
fn create_never_overwrites() {
    let dir = temp();
    let path = dir.path().join("mine.ratchet");
    std::fs::write(&path, "precious").unwrap();
    let err = Workbook::create(&path).err().unwrap();
    assert!(matches!(err.kind, OpenErrorKind::AlreadyExists));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");
}

#[test]
fn a_workbook_held_for_writing_by_another_connection_is_reported_not_hung() {
    let dir = temp();
    let (path, wb) = new_workbook(dir.path(), "busy.ratchet");
    drop(wb);
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO team (name) VALUES ('Holder');")
        .unwrap();
    let started = std::time::Instant::now();
    let err = Workbook::open(&path).err().unwrap();
    assert!(matches!(err.kind, OpenErrorKind::Locked), "{err:?}");
    assert!(err.to_string().contains("open for writing"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    Workbook::open(&path).unwrap();
}

#[test]
fn edits_fail_cleanly_while_another_program_writes() {
    let dir = temp();
    let (path, mut wb) = new_workbook(dir.path(), "busy2.ratchet");
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let err = wb.add_team("North", "").unwrap_err();
    assert!(err.is_busy(), "{err:?}");
    assert!(err.to_string().contains("busy"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    wb.add_team("North", "").unwrap();
    assert_eq!(wb.teams().unwrap().len(), 1);
}
