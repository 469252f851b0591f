//! Applying workshop actions: practice workbooks, their reset and take-home,
//! and the facilitator's comparison.

use crate::app::session::OpenWorkbook;
use std::path::{Path, PathBuf};

use chrono::Local;

use crate::app::file_choice::Purpose;
use crate::app::{RatchetApp, Screen, WorkshopAction};
use crate::ops::workshop::{
    create_practice, practice_path, read_for_comparison, reset_practice, workbooks_in,
};
use crate::sample::Scenario;

/// The folder under the workbooks folder where practice workbooks go.
pub const PRACTICE_FOLDER: &str = "Workshop";

impl RatchetApp {
    pub(in crate::app) fn apply_workshop(&mut self, action: WorkshopAction) {
        match action {
            WorkshopAction::CreatePractice {
                scenario,
                participant,
            } => self.create_practice(scenario, &participant),
            WorkshopAction::ResetPractice => self.reset_practice(),
            WorkshopAction::ExportTakeHome(to) => {
                let purpose = Purpose::new("Save the take-home", "take-home");
                if let Some(path) = self.chosen_path(to, purpose) {
                    self.export_take_home(&path);
                }
            }
            WorkshopAction::CompareAdd(choice) => {
                let purpose = Purpose::new("Folder of participants' workbooks", "");
                let mut paths = Vec::new();
                for path in self.chosen_paths(choice, purpose) {
                    if !path.is_dir() {
                        paths.push(path);
                        continue;
                    }
                    match workbooks_in(&path) {
                        Ok(found) if found.is_empty() => self.error(format!(
                            "{} holds no workbooks (files ending in .ratchet).",
                            path.display()
                        )),
                        Ok(found) => paths.extend(found),
                        Err(e) => self.error(format!("{} could not be read: {e}", path.display())),
                    }
                }
                if !paths.is_empty() {
                    self.compare_add(paths);
                }
            }
            WorkshopAction::CompareRefresh => {
                let paths = self.view.comparison.paths();
                self.view.comparison = Default::default();
                self.compare_add(paths);
            }
            WorkshopAction::CompareRemove(path) => {
                let c = &mut self.view.comparison;
                c.entries.retain(|e| e.path != path);
                c.unreadable.retain(|(p, _)| *p != path);
            }
            WorkshopAction::CompareClear => self.view.comparison = Default::default(),
        }
    }

    fn practice_dir(&self) -> PathBuf {
        self.locations.workbooks.join(PRACTICE_FOLDER)
    }

    fn create_practice(&mut self, scenario: Scenario, participant: &str) {
        let dir = self.practice_dir();
        if let Err(e) = std::fs::create_dir_all(&dir) {
            self.error(format!(
                "The folder {} cannot be created: {e}.",
                dir.display()
            ));
            return;
        }
        let path = practice_path(&dir, scenario, participant);
        if path.exists() {
            self.open_path(&path, false);
            if self.session.is_some() {
                self.info(format!(
                    "Your practice workbook for {} was already here and is open again. \
                     \"Reset to the start\" on the home screen begins it afresh.",
                    scenario.agency()
                ));
            }
            return;
        }
        match create_practice(&path, scenario, participant) {
            Ok(()) => {
                self.open_path(&path, false);
                if self.session.is_some() {
                    self.info(format!(
                        "A practice workbook for {}: its data are in, the framework is yours to build. \
                         Each step has an exercise; compare with the model answer after your attempt.",
                        scenario.agency()
                    ));
                }
            }
            Err(e) => self.error(format!("The practice workbook was not made: {e}")),
        }
    }

    fn reset_practice(&mut self) {
        let Some(path) = self
            .session
            .views()
            .filter(|v| v.practice.is_some())
            .map(|v| v.path.clone())
        else {
            return;
        };
        if self.session.views().is_some_and(|v| v.read_only) {
            self.error(
                "This practice workbook is open read-only because someone else has it open: \
                 it cannot be reset from here."
                    .into(),
            );
            return;
        }
        if self.refuse_while_busy() {
            return;
        }
        // The file is replaced: close it first, as a restore does.
        self.session = None;
        let dir = crate::ops::backups::backup_dir(&self.locations.backups, &path);
        let result = reset_practice(&path, &dir);
        self.open_path(&path, false);
        match result {
            Ok(kept) if self.session.is_some() => self.info(format!(
                "The practice workbook is back at the scenario's start. Your work was kept in {}.",
                kept.display()
            )),
            Ok(_) => {}
            Err(e) => self.error(format!("The practice workbook was not reset: {e}")),
        }
    }

    /// True (with a message) while a background job holds the file; the
    /// day's backup, short, is waited for.
    fn refuse_while_busy(&mut self) -> bool {
        self.finish_daily_backup();
        if self.job.is_some() {
            self.error(
                "Wait for the work in progress to finish, then reset the practice workbook.".into(),
            );
            return true;
        }
        false
    }

    fn export_take_home(&mut self, path: &Path) {
        let Some(view) = self.session.views() else {
            return;
        };
        let paper = self.document_paper();
        let doc =
            crate::export::take_home::take_home(&view.framework, paper, Local::now().date_naive());
        match doc.write_pdf(path) {
            Ok(()) => self.info_file(
                format!("Wrote the take-home to {}.", path.display()),
                path.to_owned(),
            ),
            Err(e) => self.error(format!("The take-home was not written: {e}")),
        }
    }

    fn compare_add(&mut self, paths: Vec<PathBuf>) {
        let known = self.view.comparison.paths();
        for path in paths.into_iter().filter(|p| !known.contains(p)) {
            match read_for_comparison(&path) {
                Ok(entry) => self.view.comparison.entries.push(entry),
                Err(why) => self.view.comparison.unreadable.push((path, why)),
            }
        }
        self.view.screen = Screen::Workshop;
    }
}
