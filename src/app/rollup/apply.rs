//! Applying the roll-up's actions: reading a folder in the background,
//! sorting, drilling down, publishing.

use chrono::Local;

use super::view::RollupView;
use crate::app::background::{Background, Polled};
use crate::app::file_choice::Purpose;
use crate::app::{RatchetApp, RollupAction, Screen};
use crate::ops::rollup::{read_portfolio, workbooks_under};

/// Days of wins the roll-up counts.
pub const WINS_WINDOW_DAYS: u64 = 28;

impl RatchetApp {
    /// Carries out one roll-up action.
    pub(in crate::app) fn apply_rollup(&mut self, action: RollupAction) {
        match action {
            RollupAction::Open(choice) => {
                let purpose = Purpose::new("Folder of agency workbooks", "");
                if let Some(folder) = self.chosen_path(choice, purpose) {
                    self.read_rollup(folder);
                }
            }
            RollupAction::Refresh => {
                let folder = self.view.rollup.portfolio.folder.clone();
                if !folder.as_os_str().is_empty() {
                    self.read_rollup(folder);
                }
            }
            RollupAction::Sort(column) => {
                let r = &mut self.view.rollup;
                r.sort = if r.sort.0 == column {
                    (column, !r.sort.1)
                } else {
                    (column, false)
                };
                let (c, desc) = r.sort;
                r.portfolio.sort(c, desc);
            }
            RollupAction::Select(path) => self.view.rollup.selected = path,
            RollupAction::Publish(to) => {
                let purpose = Purpose::new("Publish the roll-up", "roll-up");
                let Some(path) = self.chosen_path(to, purpose) else {
                    return;
                };
                let Some(target) = crate::export::rollup::RollupFiles::by_extension(&path) else {
                    self.error(format!(
                        "{} should end in .html, .pdf, .csv or .parquet.",
                        path.display()
                    ));
                    return;
                };
                let paper = self
                    .session
                    .as_ref()
                    .map(|s| crate::ops::meetings::document_paper(&s.workbook))
                    .unwrap_or_default();
                let today = Local::now().date_naive();
                match crate::export::rollup::write_rollup(
                    &self.view.rollup.portfolio,
                    today,
                    paper,
                    target,
                ) {
                    Ok(_) => self.info_file(
                        format!("The roll-up was written to {}.", path.display()),
                        path,
                    ),
                    Err(e) => self.error(e.to_string()),
                }
            }
        }
    }

    /// Starts reading every workbook under `folder` on other threads.
    fn read_rollup(&mut self, folder: std::path::PathBuf) {
        let paths = match workbooks_under(&folder) {
            Ok(p) if p.is_empty() => {
                self.error(format!(
                    "{} holds no workbooks (files ending in .ratchet).",
                    folder.display()
                ));
                return;
            }
            Ok(p) => p,
            Err(e) => {
                self.error(format!("{} could not be read: {e}", folder.display()));
                return;
            }
        };
        let today = Local::now().date_naive();
        let since = today - chrono::Days::new(WINS_WINDOW_DAYS);
        let job = Background::start("roll-up", self.ctx.clone(), move || {
            Ok(read_portfolio(&folder, &paths, today, since))
        });
        match job {
            Ok(job) => self.rollup_job = Some(job),
            Err(e) => {
                self.error(format!("The roll-up could not be started: {e}"));
                return;
            }
        }
        self.view.rollup.reading = true;
        self.view.screen = Screen::Rollup;
    }

    /// Takes the roll-up once it has been read.
    pub(in crate::app) fn poll_rollup(&mut self) {
        let Some(job) = &self.rollup_job else {
            return;
        };
        let Polled::Done(result) = job.poll() else {
            return;
        };
        self.rollup_job = None;
        match result {
            Ok(mut portfolio) => {
                let (c, desc) = self.view.rollup.sort;
                portfolio.sort(c, desc);
                let selected = self
                    .view
                    .rollup
                    .selected
                    .take()
                    .filter(|p| portfolio.agencies.iter().any(|a| &a.path == p));
                self.view.rollup = RollupView {
                    portfolio,
                    sort: (c, desc),
                    selected,
                    reading: false,
                };
            }
            Err(e) => {
                self.view.rollup.reading = false;
                self.error(format!("Reading the roll-up stopped: {e}"));
            }
        }
    }
}
