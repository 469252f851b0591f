//! Rolling backups of a workbook: taken with SQLite's online backup on
//! open (once a day), before every import, schema upgrade and restore;
//! kept as the last ten plus one a month for a year; restored after the
//! current state is itself backed up.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};

use crate::storage::{StorageError, StorageResult, Workbook};

/// Backups always kept, newest first.
pub const KEEP_LATEST: usize = 10;
/// Months back for which one backup a month is kept.
pub const KEEP_MONTHS: i32 = 12;

/// Why a backup was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupReason {
    /// The daily backup on opening.
    Open,
    /// Before an import.
    Import,
    /// Before upgrading the workbook's format.
    Upgrade,
    /// Before restoring another backup over it.
    Restore,
    /// Asked for.
    Manual,
    /// Before a practice workbook went back to its scenario's start.
    Reset,
}

impl BackupReason {
    /// The word in the file name.
    pub fn code(self) -> &'static str {
        match self {
            BackupReason::Open => "open",
            BackupReason::Import => "before import",
            BackupReason::Upgrade => "before upgrade",
            BackupReason::Restore => "before restore",
            BackupReason::Manual => "manual",
            BackupReason::Reset => "before reset",
        }
    }

    fn from_code(code: &str) -> Option<BackupReason> {
        [
            BackupReason::Open,
            BackupReason::Import,
            BackupReason::Upgrade,
            BackupReason::Restore,
            BackupReason::Manual,
            BackupReason::Reset,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }
}

/// One backup file.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupInfo {
    /// The file.
    pub path: PathBuf,
    /// When it was taken (local time).
    pub taken: NaiveDateTime,
    /// Why.
    pub reason: BackupReason,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The folder the backups of `workbook` go to, inside `root`: one folder
/// per workbook, named by the workbook and a short fingerprint of its full
/// path (two workbooks of the same name in different folders stay apart).
pub fn backup_dir(root: &Path, workbook: &Path) -> PathBuf {
    let stem = workbook
        .file_stem()
        .map(|s| crate::export::files::safe_stem(&s.to_string_lossy()))
        .unwrap_or_else(|| "workbook".into());
    let full = std::fs::canonicalize(workbook).unwrap_or_else(|_| workbook.to_owned());
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in full.to_string_lossy().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    root.join(format!("{stem} {:08x}", h as u32))
}

/// The time in a backup's name, to the millisecond ("2026-03-04 090000.123").
const STAMP: &str = "%Y-%m-%d %H%M%S%.3f";
/// Its length.
const STAMP_LEN: usize = 21;

fn file_name(workbook: &Path, at: NaiveDateTime, reason: BackupReason) -> String {
    let stem = workbook
        .file_stem()
        .map(|s| crate::export::files::safe_stem(&s.to_string_lossy()))
        .unwrap_or_else(|| "workbook".into());
    format!("{stem} {} {}.ratchet", at.format(STAMP), reason.code())
}

/// Reads the time and reason back from a backup's file name.
fn parse_name(name: &str) -> Option<(NaiveDateTime, BackupReason)> {
    let body = name.strip_suffix(".ratchet")?;
    // "<stem> YYYY-MM-DD HHMMSS <reason>": find the stamp by trying each position.
    let bytes = body.as_bytes();
    for start in (0..body.len()).rev() {
        if start + STAMP_LEN > body.len() || !body.is_char_boundary(start) {
            continue;
        }
        if start > 0 && bytes[start - 1] != b' ' {
            continue;
        }
        let Some(stamp) = body.get(start..start + STAMP_LEN) else {
            continue;
        };
        if let Ok(at) = NaiveDateTime::parse_from_str(stamp, STAMP)
            && let Some(reason) = body
                .get(start + STAMP_LEN + 1..)
                .and_then(BackupReason::from_code)
        {
            return Some((at, reason));
        }
    }
    None
}

/// Every backup in `dir`, newest first.
pub fn list_backups(dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (taken, reason) = parse_name(&name)?;
            Some(BackupInfo {
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                path: e.path(),
                taken,
                reason,
            })
        })
        .collect();
    out.sort_by(|a, b| b.taken.cmp(&a.taken).then(b.path.cmp(&a.path)));
    out
}

/// Which backups to delete: all but the `KEEP_LATEST` newest and the newest
/// of each of the `KEEP_MONTHS` calendar months before `now`.
pub fn to_prune(backups: &[(PathBuf, NaiveDateTime)], now: NaiveDateTime) -> Vec<PathBuf> {
    let mut sorted: Vec<&(PathBuf, NaiveDateTime)> = backups.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    let month_index = |t: NaiveDateTime| t.year() * 12 + t.month0() as i32;
    let this_month = month_index(now);
    let mut kept_months: Vec<i32> = Vec::new();
    let mut out = Vec::new();
    for (i, (path, at)) in sorted.into_iter().enumerate() {
        let m = month_index(*at);
        let monthly = this_month - m < KEEP_MONTHS && m <= this_month && !kept_months.contains(&m);
        if monthly {
            kept_months.push(m);
        }
        if i < KEEP_LATEST || monthly {
            continue;
        }
        out.push(path.clone());
    }
    out
}

/// Takes a backup of the open workbook (or of a second connection to it)
/// into `dir` and prunes old ones.
pub fn take_backup(
    wb: &impl BackupFrom,
    dir: &Path,
    reason: BackupReason,
) -> StorageResult<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let now = chrono::Local::now().naive_local();
    let mut path = dir.join(file_name(wb.workbook_path(), now, reason));
    let mut n = 2;
    while path.exists() {
        path = dir.join(
            file_name(wb.workbook_path(), now, reason)
                .replace(".ratchet", &format!(" {n}.ratchet")),
        );
        n += 1;
    }
    // Copied under a temporary name and renamed: a copy cut short (the
    // window closed, the disk filled) never looks like a backup.
    let part = path.with_extension("ratchet-part");
    let copied = wb
        .copy_to(&part)
        .and_then(|()| Ok(std::fs::rename(&part, &path)?));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    prune(dir, now);
    Ok(path)
}

/// What a backup can be copied from: the open workbook, or a second
/// connection to it on another thread.
pub trait BackupFrom {
    /// The workbook's own file (names the backup).
    fn workbook_path(&self) -> &Path;
    /// Copies the workbook, consistent as of one moment, to `destination`.
    fn copy_to(&self, destination: &Path) -> StorageResult<()>;
}

impl BackupFrom for Workbook {
    fn workbook_path(&self) -> &Path {
        self.path()
    }
    fn copy_to(&self, destination: &Path) -> StorageResult<()> {
        self.backup_to(destination)
    }
}

impl BackupFrom for crate::storage::BackupSource {
    fn workbook_path(&self) -> &Path {
        self.path()
    }
    fn copy_to(&self, destination: &Path) -> StorageResult<()> {
        self.backup_to(destination)
    }
}

/// Deletes the backups the retention rule no longer keeps.
pub fn prune(dir: &Path, now: NaiveDateTime) {
    let all: Vec<(PathBuf, NaiveDateTime)> = list_backups(dir)
        .into_iter()
        .map(|b| (b.path, b.taken))
        .collect();
    for path in to_prune(&all, now) {
        if let Err(e) = std::fs::remove_file(&path) {
            tracing::warn!("old backup {} not removed: {e}", path.display());
        }
    }
}

/// True when the newest backup in `dir` is older than a day (or there is none).
pub fn daily_backup_due(dir: &Path) -> bool {
    let now = chrono::Local::now().naive_local();
    list_backups(dir)
        .first()
        .is_none_or(|b| now - b.taken > chrono::Duration::days(1))
}

/// The path a backup before upgrading the workbook's format goes to.
pub fn upgrade_backup_path(dir: &Path, workbook: &Path) -> StorageResult<PathBuf> {
    std::fs::create_dir_all(dir)?;
    Ok(dir.join(file_name(
        workbook,
        chrono::Local::now().naive_local(),
        BackupReason::Upgrade,
    )))
}

/// True when the backup at `path` opens and passes the database check.
pub fn is_good(path: &Path) -> bool {
    Workbook::open_read_only(path).is_ok_and(|wb| wb.damage().is_ok_and(|d| d.is_none()))
}

/// Puts `backup` in place of `workbook`: the workbook as it is now is first
/// backed up into `dir` (copied byte for byte if it is too damaged to open),
/// then the backup is copied in through a temporary file and checked.
pub fn restore(workbook: &Path, backup: &Path, dir: &Path) -> StorageResult<PathBuf> {
    replace(workbook, backup, dir, BackupReason::Restore)
}

/// Puts the sound workbook file `source` in place of `workbook`, keeping the
/// workbook as it was in a backup in `dir` taken for `reason`; returns that
/// backup's path (empty when there was no workbook to keep).
pub fn replace(
    workbook: &Path,
    source: &Path,
    dir: &Path,
    reason: BackupReason,
) -> StorageResult<PathBuf> {
    let backup = source;
    if !is_good(backup) {
        return Err(StorageError::Rule(format!(
            "{} is not a sound workbook backup; nothing was changed.",
            backup.display()
        )));
    }
    std::fs::create_dir_all(dir)?;
    let before = match Workbook::open(workbook) {
        Ok(wb) => take_backup(&wb, dir, reason)?,
        Err(_) if workbook.exists() => {
            let path = dir.join(file_name(
                workbook,
                chrono::Local::now().naive_local(),
                reason,
            ));
            std::fs::copy(workbook, &path)?;
            path
        }
        Err(_) => PathBuf::new(),
    };
    let temp = crate::export::files::hidden_sibling(workbook, "restoring");
    std::fs::copy(backup, &temp)?;
    // A leftover journal belongs to the old file, not the backup.
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut p = workbook.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    std::fs::rename(&temp, workbook).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })?;
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn names_round_trip() {
        let name = file_name(
            Path::new("/x/Riverton (sample).ratchet"),
            at(2026, 3, 4, 9),
            BackupReason::Import,
        );
        assert_eq!(
            name,
            "Riverton-sample 2026-03-04 090000.000 before import.ratchet"
        );
        assert_eq!(
            parse_name(&name),
            Some((at(2026, 3, 4, 9), BackupReason::Import))
        );
        assert_eq!(parse_name("notes.txt"), None);
    }

    #[test]
    fn retention_keeps_the_last_ten_and_one_a_month_for_a_year() {
        let now = at(2026, 11, 28, 12);
        // Daily backups for 500 days back.
        let all: Vec<(PathBuf, NaiveDateTime)> = (0..500)
            .map(|i| {
                let t = now - chrono::Duration::days(i);
                (PathBuf::from(format!("b{i}")), t)
            })
            .collect();
        let gone = to_prune(&all, now);
        let kept: Vec<&(PathBuf, NaiveDateTime)> =
            all.iter().filter(|(p, _)| !gone.contains(p)).collect();
        // Ten newest (all in November), plus the newest of each earlier month back to December 2025.
        assert_eq!(kept.len(), 10 + 11);
        for i in 0..10 {
            assert!(
                kept.iter()
                    .any(|(p, _)| p == &PathBuf::from(format!("b{i}")))
            );
        }
        let months: std::collections::BTreeSet<(i32, u32)> =
            kept.iter().map(|(_, t)| (t.year(), t.month())).collect();
        assert_eq!(months.len(), 12);
        assert_eq!(months.iter().next(), Some(&(2025, 12)));
        // The monthly one is the newest of its month.
        assert!(kept.iter().any(|(_, t)| *t == at(2026, 10, 31, 12)));
        // Fewer than ten: nothing goes.
        assert!(to_prune(&all[..7], now).is_empty());
    }
}
