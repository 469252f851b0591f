//! Applying the Data returns screen's actions.

use crate::app::session::Changed;
use std::collections::HashMap;
use std::path::PathBuf;

use chrono::Local;

use super::view::{CheckedReturn, RequestBoard, ReturnsView};
use crate::app::file_choice::Purpose;
use crate::app::session::OpenWorkbook;
use crate::app::{RatchetApp, ReturnsAction};
use crate::domain::number::count;
use crate::ops::returns::{
    board, check_return, collect_return, request_label, request_returns, return_files_in,
};

impl RatchetApp {
    /// Carries out one Data returns action.
    pub(in crate::app) fn apply_returns(&mut self, action: ReturnsAction) {
        match action {
            ReturnsAction::Request {
                spec,
                format,
                folder,
            } => {
                let purpose = Purpose::new("Folder for the return files", "");
                let Some(parent) = self.chosen_path(folder, purpose) else {
                    return;
                };
                let Some(wb) = self.session.wb_mut() else {
                    return;
                };
                match request_returns(wb, &spec, &parent, format) {
                    Ok(done) => {
                        self.load_returns();
                        self.info_file(
                            format!(
                                "Data return {}: {} written, asking for {}.",
                                done.request.0,
                                count(done.files.len() as u64, "file", "files"),
                                count(done.cells as u64, "value", "values")
                            ),
                            done.folder,
                        );
                    }
                    Err(e) => self.error(format!("The return files could not be written: {e}")),
                }
            }
            ReturnsAction::Collect(choice) => {
                let purpose = Purpose::new("Returned files", "");
                let mut files = Vec::new();
                for path in self.chosen_paths(choice, purpose) {
                    if path.is_dir() {
                        match return_files_in(&path) {
                            Ok(found) => files.extend(found),
                            Err(e) => {
                                self.error(format!("{} could not be read: {e}", path.display()))
                            }
                        }
                    } else {
                        files.push(path);
                    }
                }
                if files.is_empty() {
                    self.error("No returned files (.xlsx or .csv) were found there.".into());
                }
                for path in files {
                    self.check_returned(path, HashMap::new(), "");
                }
            }
            ReturnsAction::Decide { path, line, choice } => {
                let Some(mut choices) = self.checked(&path).map(|c| c.choices.clone()) else {
                    return;
                };
                choices.insert(line, choice);
                self.check_returned(path, choices, "");
            }
            ReturnsAction::Confirm { path, reason } => self.confirm_return(path, &reason),
            ReturnsAction::Dismiss(path) => {
                if let Some(v) = self.returns_view_mut() {
                    v.checked.retain(|c| c.path != path);
                }
            }
        }
    }

    /// Builds the Data returns screen's boards when it is opened.
    pub(in crate::app) fn load_returns(&mut self) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let today = Local::now().date_naive();
        let boards = wb.return_requests().and_then(|requests| {
            requests
                .into_iter()
                .map(|request| {
                    Ok(RequestBoard {
                        label: request_label(&request),
                        lines: board(wb, &request, today)?,
                        request,
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        });
        match boards {
            Ok(requests) => {
                if let Some(v) = self.session.views_mut() {
                    v.returns.get_or_insert_with(ReturnsView::default).requests = requests;
                }
            }
            Err(e) => self.error(format!("The data returns could not be read: {e}")),
        }
    }

    fn returns_view_mut(&mut self) -> Option<&mut ReturnsView> {
        self.session
            .views_mut()
            .map(|v| v.returns.get_or_insert_with(ReturnsView::default))
    }

    fn checked(&self, path: &std::path::Path) -> Option<&CheckedReturn> {
        self.session
            .views()?
            .returns
            .as_ref()?
            .checked
            .iter()
            .find(|c| c.path == path)
    }

    /// Checks (or checks again) one returned file and shows the result.
    fn check_returned(
        &mut self,
        path: PathBuf,
        choices: HashMap<u64, crate::ops::returns::ConflictChoice>,
        reason: &str,
    ) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let outcome = check_return(wb, &path, &choices, reason);
        if let Some(v) = self.returns_view_mut() {
            let entry = CheckedReturn {
                path: path.clone(),
                outcome,
                choices,
            };
            match v.checked.iter_mut().find(|c| c.path == path) {
                Some(c) => *c = entry,
                None => v.checked.push(entry),
            }
        }
        self.view.screen = crate::app::Screen::Returns;
    }

    /// Collects one checked file: checked again (with the reason given)
    /// just before writing, so nothing entered meanwhile is overwritten.
    fn confirm_return(&mut self, path: PathBuf, reason: &str) {
        let choices = self
            .checked(&path)
            .map(|c| c.choices.clone())
            .unwrap_or_default();
        let Some(wb) = self.session.wb() else {
            return;
        };
        let check = match check_return(wb, &path, &choices, reason) {
            Ok(c) => c,
            Err(e) => {
                self.check_returned(path, choices, reason);
                self.error(e);
                return;
            }
        };
        if let Some(blocker) = check.blocker(&choices, !reason.trim().is_empty()) {
            self.error(blocker);
            return;
        }
        let backups = crate::ops::backups::backup_dir(&self.locations.backups, wb.path());
        if let Err(e) = crate::ops::backups::take_backup(
            wb,
            &backups,
            crate::ops::backups::BackupReason::Import,
        ) {
            self.error(format!(
                "The backup before collecting failed ({e}); nothing was written."
            ));
            return;
        }
        let written = self.write(|wb| collect_return(wb, &check));
        if let Some(outcome) = written {
            if let Some(v) = self.returns_view_mut() {
                v.checked.retain(|c| c.path != path);
            }
            self.changed(Changed::Setup);
            self.load_returns();
            self.info(format!(
                "Collected {}'s return (reported by {}): {} added, {} updated.",
                check.team_name, check.reported_by, outcome.added, outcome.updated
            ));
        }
    }
}
