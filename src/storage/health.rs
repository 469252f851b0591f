//! The database check of a workbook opened for the window, run on a second,
//! read-only connection beside it so a large workbook opens at once. Every
//! change waits for the verdict: a damaged file is still never written to.

use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use rusqlite::{Connection, OpenFlags};

use super::open::{BUSY_TIMEOUT, damage};
use super::{StorageError, StorageResult, Workbook};

/// Where a workbook's database check stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckStatus {
    /// Still reading the file.
    Running,
    /// The file is sound.
    Sound,
    /// The file is damaged: what is wrong.
    Damaged(String),
}

/// The check's state inside a [`Workbook`].
pub(crate) enum HealthCheck {
    /// Checked (at open, or the background check has reported).
    Settled(CheckStatus),
    /// Running on another thread; its verdict arrives here.
    Running(Receiver<CheckStatus>),
}

impl HealthCheck {
    /// The check already done, with this verdict.
    pub(crate) fn sound() -> Self {
        HealthCheck::Settled(CheckStatus::Sound)
    }

    /// Starts the check of the file at `path` on its own thread.
    pub(crate) fn spawn(path: &Path) -> Self {
        let (tx, rx) = channel();
        let path = path.to_owned();
        let started = std::thread::Builder::new()
            .name("workbook check".into())
            .spawn(move || {
                // The window may have closed meanwhile: nobody to tell.
                let _ = tx.send(check_file(&path));
            });
        match started {
            Ok(_) => HealthCheck::Running(rx),
            Err(e) => HealthCheck::Settled(CheckStatus::Damaged(format!(
                "the check could not start: {e}"
            ))),
        }
    }
}

/// Runs the database check on a read-only connection of its own.
fn check_file(path: &Path) -> CheckStatus {
    let run = || -> rusqlite::Result<Option<String>> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        damage(&conn)
    };
    match run() {
        Ok(None) => CheckStatus::Sound,
        Ok(Some(why)) => CheckStatus::Damaged(why),
        Err(e) => CheckStatus::Damaged(format!("the check could not read the file: {e}")),
    }
}

impl Workbook {
    /// Where the database check stands, without waiting for it.
    pub fn check_status(&mut self) -> CheckStatus {
        if let HealthCheck::Running(rx) = &self.health {
            let status = match rx.try_recv() {
                Ok(status) => status,
                Err(TryRecvError::Empty) => return CheckStatus::Running,
                Err(TryRecvError::Disconnected) => {
                    CheckStatus::Damaged("the check stopped before it finished".into())
                }
            };
            self.health = HealthCheck::Settled(status);
        }
        match &self.health {
            HealthCheck::Settled(status) => status.clone(),
            HealthCheck::Running(_) => CheckStatus::Running,
        }
    }

    /// Waits for the database check; a damaged file is an error that says
    /// nothing was written.
    pub fn await_check(&mut self) -> StorageResult<()> {
        if let HealthCheck::Running(rx) = &self.health {
            let status = rx.recv().unwrap_or_else(|_| {
                CheckStatus::Damaged("the check stopped before it finished".into())
            });
            self.health = HealthCheck::Settled(status);
        }
        match &self.health {
            HealthCheck::Settled(CheckStatus::Damaged(why)) => {
                Err(StorageError::Damaged(why.clone()))
            }
            _ => Ok(()),
        }
    }
}
