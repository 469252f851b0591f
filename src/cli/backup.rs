//! `ratchet backup`, `ratchet backups` and `ratchet restore`.

use std::path::PathBuf;

use anyhow::Context;

use crate::locations::Locations;
use crate::ops::backups::{BackupReason, backup_dir, is_good, list_backups, restore, take_backup};
use crate::storage::Workbook;

/// The backup commands' choices.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// The folder backups go in (default: Backups beside the workbooks folder,
    /// or under $RATCHET_HOME).
    #[arg(long)]
    pub backups: Option<PathBuf>,
}

/// The restore command's choices.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The workbook to put the backup in place of.
    pub workbook: PathBuf,
    /// The backup file.
    pub backup: PathBuf,
    /// The folder backups go in (the current state is backed up there first).
    #[arg(long)]
    pub backups: Option<PathBuf>,
}

fn dir_for(root: Option<&PathBuf>, workbook: &std::path::Path) -> PathBuf {
    let root = root
        .cloned()
        .unwrap_or_else(|| Locations::from_env().backups);
    backup_dir(&root, workbook)
}

/// `ratchet backup`.
pub fn run_backup(args: &BackupArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let wb =
        Workbook::open_read_only(&args.workbook).or_else(|_| Workbook::open(&args.workbook))?;
    let path = take_backup(
        &wb,
        &dir_for(args.backups.as_ref(), &args.workbook),
        BackupReason::Manual,
    )?;
    writeln!(out, "Backed up to {}.", path.display())?;
    Ok(())
}

/// `ratchet backups`: every backup of a workbook, checked.
pub fn run_list(args: &BackupArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let dir = dir_for(args.backups.as_ref(), &args.workbook);
    let all = list_backups(&dir);
    for b in &all {
        writeln!(
            out,
            "{}  {:<15} {:>8.1} MB  {}  {}",
            b.taken.format("%Y-%m-%d %H:%M:%S"),
            b.reason.code(),
            b.bytes as f64 / 1_048_576.0,
            if is_good(&b.path) {
                "sound  "
            } else {
                "DAMAGED"
            },
            b.path.display()
        )?;
    }
    writeln!(
        out,
        "{} backup{} in {}.",
        all.len(),
        if all.len() == 1 { "" } else { "s" },
        dir.display()
    )?;
    Ok(())
}

/// `ratchet restore`.
pub fn run_restore(args: &RestoreArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let dir = dir_for(args.backups.as_ref(), &args.workbook);
    // Nobody else may have it open while it is replaced; a damaged workbook
    // is exactly what a restore is for.
    if args.workbook.exists() {
        match Workbook::open_exclusive(&args.workbook, None) {
            Ok(wb) => drop(wb),
            Err(e) if matches!(e.kind, crate::storage::OpenErrorKind::InUse(_)) => {
                return Err(e.into());
            }
            Err(_) => {}
        }
    }
    let before =
        restore(&args.workbook, &args.backup, &dir).context("the backup was not restored")?;
    if !before.as_os_str().is_empty() {
        writeln!(
            out,
            "The workbook as it was is kept as {}.",
            before.display()
        )?;
    }
    writeln!(
        out,
        "Restored {} to {}.",
        args.backup.display(),
        args.workbook.display()
    )?;
    Ok(())
}
