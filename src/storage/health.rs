//! The database check of a workbook opened for the window, run on a second,
//! read-only connection beside it so a large workbook opens at once. It
//! starts when first asked about (the window asks once its first frame is
//! on screen, so the check does not compete with drawing it). Every change
//! waits for the verdict: a damaged file is still never written to.

use std::path::{Path, PathBuf};
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
    /// Checked (at open, or the background check has reported), with the
    /// number of stored values the background check counted on its way,
    /// while no change has been written since.
    Settled(CheckStatus, Option<u64>),
    /// Not started yet: starts when [`Workbook::check_status`] is first
    /// asked, or runs at once when a change needs the verdict.
    Waiting(PathBuf),
    /// Running on another thread; its verdict (and count) arrives here.
    Running(Receiver<(CheckStatus, Option<u64>)>),
}

impl HealthCheck {
    /// The check already done, with this verdict.
    pub(crate) fn sound() -> Self {
        HealthCheck::Settled(CheckStatus::Sound, None)
    }

    /// True when the verdict is in.
    pub(crate) fn is_settled(&self) -> bool {
        matches!(self, HealthCheck::Settled(..))
    }

    /// The number of stored values, when the check counted them and nothing
    /// has been written since.
    pub(crate) fn counted_measurements(&self) -> Option<u64> {
        match self {
            HealthCheck::Settled(_, count) => *count,
            _ => None,
        }
    }

    /// Forgets the count (a change is about to be written).
    pub(crate) fn forget_count(&mut self) {
        if let HealthCheck::Settled(_, count) = self {
            *count = None;
        }
    }

    /// The check of the file at `path`, to start when first asked about.
    pub(crate) fn waiting(path: &Path) -> Self {
        HealthCheck::Waiting(path.to_owned())
    }

    /// Starts the check of the file at `path` on its own thread.
    fn spawn(path: PathBuf) -> Self {
        let (tx, rx) = channel();
        let started = std::thread::Builder::new()
            .name("workbook check".into())
            .spawn(move || {
                // The window may have closed meanwhile: nobody to tell.
                let _ = tx.send(check_file(&path));
            });
        match started {
            Ok(_) => HealthCheck::Running(rx),
            Err(e) => HealthCheck::Settled(
                CheckStatus::Damaged(format!("the check could not start: {e}")),
                None,
            ),
        }
    }
}

/// Runs the database check on a read-only connection of its own and, when
/// the file is sound, counts the stored values while the pages are fresh in
/// memory (counting them is the one slow part of the home screen's figures).
fn check_file(path: &Path) -> (CheckStatus, Option<u64>) {
    let run = || -> rusqlite::Result<(Option<String>, Option<u64>)> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if let Some(why) = damage(&conn)? {
            return Ok((Some(why), None));
        }
        let n: i64 = conn.query_row("SELECT COUNT(*) FROM measurement", [], |r| r.get(0))?;
        Ok((None, u64::try_from(n).ok()))
    };
    match run() {
        Ok((None, count)) => (CheckStatus::Sound, count),
        Ok((Some(why), _)) => (CheckStatus::Damaged(why), None),
        Err(e) => (
            CheckStatus::Damaged(format!("the check could not read the file: {e}")),
            None,
        ),
    }
}

/// The verdict when the check's thread went away without one.
fn stopped() -> CheckStatus {
    CheckStatus::Damaged("the check stopped before it finished".into())
}

impl Workbook {
    /// Where the database check stands, without waiting for it (starting
    /// it if it has not started).
    pub fn check_status(&mut self) -> CheckStatus {
        if let HealthCheck::Waiting(path) = &self.health {
            self.health = HealthCheck::spawn(path.clone());
        }
        if let HealthCheck::Running(rx) = &self.health {
            let (status, count) = match rx.try_recv() {
                Ok(verdict) => verdict,
                Err(TryRecvError::Empty) => return CheckStatus::Running,
                Err(TryRecvError::Disconnected) => (stopped(), None),
            };
            self.health = HealthCheck::Settled(status, count);
        }
        match &self.health {
            HealthCheck::Settled(status, _) => status.clone(),
            HealthCheck::Waiting(_) | HealthCheck::Running(_) => CheckStatus::Running,
        }
    }

    /// Waits for the database check; a damaged file is an error that says
    /// nothing was written.
    pub fn await_check(&mut self) -> StorageResult<()> {
        if let HealthCheck::Waiting(path) = &self.health {
            let (status, count) = check_file(path);
            self.health = HealthCheck::Settled(status, count);
        }
        if let HealthCheck::Running(rx) = &self.health {
            let (status, count) = rx.recv().unwrap_or_else(|_| (stopped(), None));
            self.health = HealthCheck::Settled(status, count);
        }
        match &self.health {
            HealthCheck::Settled(CheckStatus::Damaged(why), _) => {
                Err(StorageError::Damaged(why.clone()))
            }
            _ => Ok(()),
        }
    }
}
