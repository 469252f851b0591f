//! Backups from the window: the daily one on opening, backing up on
//! request, the backups screen, and restoring (also when a workbook is
//! damaged and will not open).

use crate::app::background::{Background, Polled};
use crate::app::session::OpenWorkbook;
use std::path::{Path, PathBuf};

use crate::app::RatchetApp;
use crate::app::view::{BackupsView, Screen};
use crate::ops::backups::{
    BackupReason, backup_dir, daily_backup_due, is_good, list_backups, restore, take_backup,
};
use crate::storage::{CheckStatus, StorageError};

impl RatchetApp {
    /// Follows the open workbook's database check (running beside the
    /// window, started once a frame has been drawn since it opened): a
    /// damaged file is closed and its recovery shown; a sound one gets the
    /// home screen's counts and the day's backup, copied on another thread.
    /// Also collects that backup when it is done.
    pub(in crate::app) fn poll_open_check(&mut self) {
        self.poll_daily_backup();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if !session.open_check.pending || !session.open_check.may_start {
            return;
        }
        match session.workbook.check_status() {
            CheckStatus::Running => {
                if let Some(ctx) = &self.ctx {
                    ctx.request_repaint_after(std::time::Duration::from_millis(30));
                }
            }
            CheckStatus::Damaged(why) => {
                let path = session.workbook.path().to_owned();
                self.session = None;
                self.show_recovery(&path, why.clone());
                self.error(StorageError::Damaged(why).to_string());
            }
            CheckStatus::Sound => {
                session.open_check.pending = false;
                let backup_due = std::mem::take(&mut session.daily_backup_due);
                // The check counted the values: no scan here.
                if session.view.counts.is_none() {
                    match session.workbook.counts() {
                        Ok(counts) => session.view.counts = Some(counts),
                        Err(e) => self.error(e.to_string()),
                    }
                }
                if backup_due {
                    self.start_daily_backup();
                }
                // Home's figures, and the teams' standing the pickers
                // choose by, whatever screen is shown.
                self.ensure_cockpit();
            }
        }
    }

    /// Starts the day's backup of the open workbook on another thread, if
    /// it is due.
    fn start_daily_backup(&mut self) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        if wb.is_read_only() {
            return;
        }
        let dir = backup_dir(&self.locations.backups, wb.path());
        if !daily_backup_due(&dir) {
            return;
        }
        let source = match wb.backup_source() {
            Ok(s) => s,
            Err(e) => {
                self.error(format!(
                    "The daily backup could not be taken ({e}); the workbook itself is fine."
                ));
                return;
            }
        };
        let started = Background::start("daily backup", self.ctx.clone(), move || {
            take_backup(&source, &dir, BackupReason::Open).map_err(|e| e.to_string())
        });
        match started {
            Ok(job) => self.backup_running = Some(job),
            Err(e) => self.error(format!(
                "The daily backup could not be started ({e}); the workbook itself is fine."
            )),
        }
    }

    /// Waits for the day's backup to end (it copies one workbook; a
    /// practice workbook in milliseconds), for work that replaces the file.
    pub(in crate::app) fn finish_daily_backup(&mut self) {
        let Some(job) = &self.backup_running else {
            return;
        };
        let result = job.wait();
        self.daily_backup_ended(result);
    }

    /// Collects the day's backup once its thread is done.
    fn poll_daily_backup(&mut self) {
        let Some(job) = &self.backup_running else {
            return;
        };
        let Polled::Done(result) = job.poll() else {
            if let Some(ctx) = &self.ctx {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            return;
        };
        self.daily_backup_ended(result);
    }

    fn daily_backup_ended(&mut self, result: Result<PathBuf, String>) {
        self.backup_running = None;
        match result {
            Ok(_) => {
                if self.view.screen == Screen::Backups
                    && let Some(path) = self.session.wb().map(|w| w.path().to_owned())
                {
                    self.view.backups = Some(self.backups_view(&path, None));
                }
            }
            Err(e) => self.error(format!(
                "The daily backup could not be taken ({e}); the workbook itself is fine."
            )),
        }
    }

    pub(in crate::app) fn backup_now(&mut self) {
        let Some(wb) = self.session.wb() else {
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
    pub(in crate::app) fn load_backups(&mut self) {
        let Some(path) = self.session.wb().map(|wb| wb.path().to_owned()) else {
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
    pub(in crate::app) fn show_recovery(&mut self, workbook: &Path, why: String) {
        self.view.backups = Some(self.backups_view(workbook, Some(why)));
        self.view.screen = Screen::Backups;
    }

    pub(in crate::app) fn restore_backup(&mut self, workbook: &Path, backup: &Path) {
        // The day's backup may still be reading the file being replaced.
        self.finish_daily_backup();
        // The workbook must not be open while it is replaced.
        if self.session.wb().is_some_and(|wb| wb.path() == workbook) {
            self.session = None;
        }
        let dir = backup_dir(&self.locations.backups, workbook);
        match restore(workbook, backup, &dir) {
            Ok(before) => {
                self.view.backups = None;
                self.open_path(workbook, false);
                if self.session.is_some() {
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
                if self.session.is_none() {
                    self.open_path(workbook, false);
                }
            }
        }
    }
}
