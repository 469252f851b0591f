//! The lock file beside an open workbook (`.~lock.<name>#`, as office
//! suites do): it names the user and computer that have the workbook open,
//! and holds an operating-system lock while it is open, so a second
//! Ratchet — on this computer or another one reaching the same shared
//! folder — is told who has it instead of writing alongside. A lock left by
//! a crash is stale: the operating system released its lock, so it is taken
//! over.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Who holds a workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// The user's name.
    pub user: String,
    /// The computer's name.
    pub computer: String,
    /// Since when (RFC 3339).
    pub since: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} on {}", self.user, self.computer)?;
        if !self.since.is_empty() {
            write!(f, " (since {})", self.since)?;
        }
        Ok(())
    }
}

/// The lock file's path for a workbook.
pub fn lock_path(workbook: &Path) -> PathBuf {
    let name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    workbook.with_file_name(format!(".~lock.{name}#"))
}

/// This user and computer.
pub fn this_holder() -> Holder {
    let user = ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "someone".to_owned());
    let computer = ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "this computer".to_owned());
    Holder {
        user,
        computer,
        since: super::codec::timestamp_text(super::codec::now()),
    }
}

fn parse(text: &str) -> Holder {
    let mut lines = text.lines().map(str::trim);
    Holder {
        user: lines.next().unwrap_or("someone").to_owned(),
        computer: lines.next().unwrap_or("another computer").to_owned(),
        since: lines.next().unwrap_or("").to_owned(),
    }
}

/// A held lock; dropping it releases the lock and removes the file.
#[derive(Debug)]
pub struct LockFile {
    /// The lock file and its path (None where no lock file could be made).
    held: Option<(File, PathBuf)>,
}

impl LockFile {
    /// Takes the lock for `workbook`, or says who holds it.
    pub fn acquire(workbook: &Path) -> Result<LockFile, Holder> {
        let path = lock_path(workbook);
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path);
        let mut file = match opened {
            Ok(f) => f,
            // No lock file can be made (a read-only folder): carry on without
            // one; writing will fail with its own clear message if it must.
            Err(e) => {
                tracing::warn!("no lock file beside {}: {e}", workbook.display());
                return Ok(LockFile { held: None });
            }
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(parse(&text));
            }
            // The file system cannot lock (some network shares): the file stays as a notice.
            Err(TryLockError::Error(e)) => tracing::warn!("lock file not locked: {e}"),
        }
        let me = this_holder();
        let written = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)).map(|_| ()))
            .and_then(|()| write!(file, "{}\n{}\n{}\n", me.user, me.computer, me.since))
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            tracing::warn!("lock file not written: {e}");
        }
        Ok(LockFile {
            held: Some((file, path)),
        })
    }
}

impl Drop for LockFile {
    fn drop(&mut self) {
        if let Some((file, path)) = self.held.take() {
            let _ = file.unlock();
            drop(file);
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_told_who_has_it_and_the_file_goes_on_release() {
        let dir = tempfile::tempdir().unwrap();
        let wb = dir.path().join("a.ratchet");
        let first = LockFile::acquire(&wb).unwrap();
        let text = std::fs::read_to_string(lock_path(&wb)).unwrap();
        assert_eq!(text.lines().count(), 3);
        let who = LockFile::acquire(&wb).unwrap_err();
        assert_eq!(who, parse(&text));
        assert!(who.to_string().contains(" on "));
        drop(first);
        assert!(!lock_path(&wb).exists());
        let again = LockFile::acquire(&wb);
        assert!(again.is_ok());
    }
}
