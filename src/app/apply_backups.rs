//! Backups from the window: the daily one on opening, backing up on
//! request, the backups screen, and restoring (also when a workbook is
//! damaged and will not open).

use std::path::Path;

use super::RatchetApp;
use super::view::{BackupsView, Screen};
use crate::ops::backups::{
    BackupReason, backup_dir, daily_backup_due, is_good, list_backups, restore, take_backup,
};

impl RatchetApp {
    /// Takes the day's backup of the workbook just opened, if it is due.
    pub(super) fn daily_backup(&mut self) {
        let Some(wb) = self.workbook.as_ref() else {
            return;
        };
        if wb.is_read_only() {
            return;
        }
        let dir = backup_dir(&self.locations.backups, wb.path());
        if daily_backup_due(&dir)
            && let Err(e) = take_backup(wb, &dir, BackupReason::Open)
        {
            self.error(format!(
                "The daily backup could not be taken ({e}); the workbook itself is fine."
            ));
        }
    }

    pub(super) fn backup_now(&mut self) {
        let Some(wb) = self.workbook.as_ref() else {
            return;
        };
        let dir = backup_dir(&self.locations.backups, wb.path());
        match take_backup(wb, &dir, BackupReason::Manual) {
            Ok(path) => {
                self.load_backups();
                self.info(format!("Backed up to {}.", path.display()));
            }
            Err(e) => self.error(format!("The backup failed: {e}")),
        }
    }

    /// Lists the backups of the open workbook.
    pub(super) fn load_backups(&mut self) {
        let Some(path) = self.workbook.as_ref().map(|wb| wb.path().to_owned()) else {
            return;
        };
        self.view.backups = Some(self.backups_view(&path, None));
    }

    fn backups_view(&self, workbook: &Path, damaged: Option<String>) -> BackupsView {
        let dir = backup_dir(&self.locations.backups, workbook);
        BackupsView {
            workbook: workbook.to_owned(),
            backups: list_backups(&dir)
                .into_iter()
                .map(|b| {
                    let good = is_good(&b.path);
                    (b, good)
                })
                .collect(),
            dir,
            damaged,
        }
    }

    /// A workbook would not open because it is damaged: show its backups.
    pub(super) fn show_recovery(&mut self, workbook: &Path, why: String) {
        self.view.backups = Some(self.backups_view(workbook, Some(why)));
        self.view.screen = Screen::Backups;
    }

    pub(super) fn restore_backup(&mut self, workbook: &Path, backup: &Path) {
        // The workbook must not be open while it is replaced.
        if self
            .workbook
            .as_ref()
            .is_some_and(|wb| wb.path() == workbook)
        {
            self.workbook = None;
            self.view.workbook = None;
        }
        let dir = backup_dir(&self.locations.backups, workbook);
        match restore(workbook, backup, &dir) {
            Ok(before) => {
                self.view.backups = None;
                self.open_path(workbook, false);
                if self.workbook.is_some() {
                    let kept = if before.as_os_str().is_empty() {
                        String::new()
                    } else {
                        format!(
                            " The state before the restore was kept as {}.",
                            before.display()
                        )
                    };
                    self.info(format!("Restored {}.{kept}", backup.display()));
                }
            }
            Err(e) => {
                self.error(format!("The backup was not restored: {e}"));
                if self.workbook.is_none() {
                    self.open_path(workbook, false);
                }
            }
        }
    }
}
