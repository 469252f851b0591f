//! What screens read: view models built from the workbook when it changes,
//! never queried per frame.

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};

use crate::analysis::target_path::{ImpliedPace, implied_pace};
use crate::domain::deficit::deficit_step_problems;
use crate::domain::mission::validate_mission;
use crate::domain::target::target_warnings;
use crate::domain::theory::theory_problems;
use crate::domain::{
    FieldError, Framework, FrameworkStatus, Target, TargetField, WizardDraft, WizardStep,
};
use crate::storage::Counts;

pub use crate::domain::place::Screen;

/// A modal dialog over the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialog {
    /// Version and credits.
    About,
    /// The eleven practices explained.
    Practices,
    /// Every keyboard shortcut.
    Shortcuts,
    /// Go to a screen by typing part of its name.
    GoTo,
}

/// How a message banner looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something went well.
    Info,
    /// Something failed; nothing was lost.
    Error,
}

/// A message for the banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Info or error.
    pub tone: Tone,
    /// The text: one sentence.
    pub text: String,
    /// What lies behind it (the causes, as the program knows them), shown
    /// under "Details" on request.
    pub detail: Option<String>,
    /// Whether the banner offers Undo (the last removal can be put back).
    pub undo: bool,
    /// A file just written: the banner offers to open it or show it in
    /// its folder.
    pub file: Option<PathBuf>,
}

impl Message {
    /// Splits an error's text into its first sentence and the detail behind
    /// it ("The change was not saved; nothing was lost." + "database or
    /// disk is full: Error code 13 …").
    pub fn split(text: &str) -> (String, Option<String>) {
        let text = text.trim();
        // The first sentence ends at ". " or at ".:" where a cause follows.
        let cut = text
            .match_indices(". ")
            .chain(text.match_indices(".:"))
            .map(|(i, _)| i + 1)
            .filter(|&i| i >= 20)
            .min();
        match cut {
            Some(i) if i < text.len() => {
                let rest = text[i..].trim_start_matches(':').trim();
                (
                    text[..i].trim().to_owned(),
                    (!rest.is_empty()).then(|| rest.to_owned()),
                )
            }
            _ => (text.to_owned(), None),
        }
    }
}

/// Whether the last change reached the file.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Everything is in the file (as of this time, if anything was written in this session).
    Saved(Option<DateTime<Utc>>),
    /// The last change failed.
    Failed(String),
}

/// Validation of each wizard step, recomputed whenever the draft or framework changes.
#[derive(Clone, Debug, PartialEq)]
pub struct WizardChecks {
    /// The mission text, checked.
    pub mission: Result<String, String>,
    /// What the deficit step still lacks.
    pub deficits: Vec<String>,
    /// The target form, checked.
    pub target: Result<Target, Vec<FieldError<TargetField>>>,
    /// Advice on a valid target that does not block it.
    pub target_warnings: Vec<String>,
    /// The pace a valid target implies.
    pub pace: Option<ImpliedPace>,
    /// What the theory step still lacks.
    pub theory: Vec<String>,
}

impl WizardChecks {
    /// Runs every check.
    pub fn compute(
        framework: &Framework,
        draft: &WizardDraft,
        mark: crate::domain::number::DecimalMark,
    ) -> Self {
        let target = draft.target.validate(mark);
        let today = Local::now().date_naive();
        WizardChecks {
            mission: validate_mission(&draft.mission),
            deficits: deficit_step_problems(&framework.deficits, &framework.choice),
            target_warnings: target
                .as_ref()
                .map(|t| target_warnings(t, today))
                .unwrap_or_default(),
            pace: target.as_ref().ok().map(implied_pace),
            target,
            theory: theory_problems(&framework.theory),
        }
    }

    /// True when `step` may be left with Next.
    pub fn step_ok(&self, step: WizardStep) -> bool {
        match step {
            WizardStep::Mission => self.mission.is_ok(),
            WizardStep::Deficits => self.deficits.is_empty(),
            WizardStep::Target => self.target.is_ok(),
            WizardStep::Theory => self.theory.is_empty(),
            WizardStep::Summary => {
                self.mission.is_ok()
                    && self.deficits.is_empty()
                    && self.target.is_ok()
                    && self.theory.is_empty()
            }
        }
    }

    /// The message for a target field, if it has a problem.
    pub fn target_error(&self, field: TargetField) -> Option<&str> {
        match &self.target {
            Err(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str()),
            Ok(_) => None,
        }
    }
}

/// Everything the screens show about the open workbook.
#[derive(Debug)]
pub struct WorkbookView {
    /// The file.
    pub path: PathBuf,
    /// Opened read-only (someone else has it open for writing).
    pub read_only: bool,
    /// Its name without folder.
    pub file_name: String,
    /// The framework as stored.
    pub framework: Framework,
    /// Which parts are done.
    pub status: FrameworkStatus,
    /// Every version of the mission, newest first.
    pub mission_history: Vec<crate::domain::MissionVersion>,
    /// Teams, indicators, measurements; None while the database check that
    /// counts the measurements (beside the window) has not reported.
    pub counts: Option<Counts>,
    /// The wizard's draft.
    pub draft: WizardDraft,
    /// Checks of the draft and framework.
    pub checks: WizardChecks,
    /// Steps on which Next was refused, so their problems are shown.
    pub show_problems: Vec<WizardStep>,
    /// Whether the last change reached the file.
    pub save_state: SaveState,
    /// Teams, indicators and targets.
    pub setup: super::data::view::SetupView,
    /// The data-entry grid, once a screen asked for one.
    pub grid: Option<super::data::view::GridView>,
    /// Qualitative observations, newest first.
    pub observations: Vec<crate::domain::Observation>,
    /// The import assistant.
    pub import: super::import_job::ImportView,
    /// The monitoring screens.
    pub monitor: super::monitor::view::MonitorView,
    /// The wins log, once opened.
    pub wins: Option<super::recognition::view::WinsView>,
    /// The wall of recognition, once opened.
    pub wall: Option<super::recognition::view::WallView>,
    /// The certificate being edited, if any.
    pub certificate: Option<super::recognition::view::CertificateEditor>,
    /// Progress of a batch of certificates: (done, total).
    pub batch: Option<(usize, usize)>,
    /// The integrity panel, once opened.
    pub integrity: Option<super::learning::integrity::IntegrityView>,
    /// The indicator library, once opened.
    pub library: Option<super::learning::view::LibraryView>,
    /// The comparison, once made.
    pub compare: Option<super::learning::view::CompareView>,
    /// The review screen, once opened.
    pub review: Option<super::learning::view::ReviewView>,
    /// The framework's target against the natural process limits, in words.
    pub feasibility: Option<String>,
    /// The meetings and follow-up board, once opened.
    pub meetings: Option<super::meetings::view::MeetingsView>,
    /// The meeting open, if any.
    pub meeting: Option<super::meetings::view::MeetingView>,
    /// The Data returns screen, once opened.
    pub returns: Option<super::returns::view::ReturnsView>,
    /// The capacity log, once opened.
    pub capacity: Option<super::meetings::view::CapacityView>,
    /// The home screen's cockpit, once computed (on another thread).
    pub cockpit: Option<crate::ops::cockpit::Cockpit>,
    /// The workshop scenario, when this is a participant's practice workbook.
    pub practice: Option<super::workshop::view::PracticeInfo>,
}

impl WorkbookView {
    /// True once Next was refused on `step` and not yet accepted.
    pub fn showing_problems(&self, step: WizardStep) -> bool {
        self.show_problems.contains(&step)
    }
}

/// Everything the screens read.
#[derive(Debug, Default)]
pub struct AppView {
    /// The main area's screen.
    pub screen: Screen,
    /// Changes of values Undo and Redo can take back and make again.
    pub undoable: (usize, usize),
    /// Recently opened workbooks, newest first.
    pub recent: Vec<PathBuf>,
    /// Where new workbooks go by default.
    pub workbooks_dir: PathBuf,
    /// Where the log file and crash reports go (named in About).
    pub logs_dir: PathBuf,
    /// The banner message, if any.
    pub message: Option<Message>,
    /// The open dialog, if any.
    pub dialog: Option<Dialog>,
    /// A workbook someone else has open: offer to open it read-only.
    pub offer_read_only: Option<PathBuf>,
    /// The backups screen (for the open workbook, or a damaged one).
    pub backups: Option<BackupsView>,
    /// The workshop facilitator's comparison.
    pub comparison: super::workshop::view::ComparisonView,
    /// The roll-up of agency workbooks.
    pub rollup: super::rollup::view::RollupView,
}

/// The backups of one workbook, each checked.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupsView {
    /// The workbook.
    pub workbook: PathBuf,
    /// Where its backups are.
    pub dir: PathBuf,
    /// Its backups, newest first, each with whether it passes the database check.
    pub backups: Vec<(crate::ops::backups::BackupInfo, bool)>,
    /// What is wrong with the workbook, when it would not open.
    pub damaged: Option<String>,
}

#[cfg(test)]
mod message_tests {
    use super::Message;

    #[test]
    fn an_error_shows_one_sentence_and_keeps_the_rest_as_detail() {
        let (text, detail) = Message::split(
            "The change was not saved; nothing was lost.: database or disk is full: Error code 13: Insertion failed",
        );
        assert_eq!(text, "The change was not saved; nothing was lost.");
        assert_eq!(
            detail.as_deref(),
            Some("database or disk is full: Error code 13: Insertion failed")
        );
        assert_eq!(Message::split("Saved."), ("Saved.".to_owned(), None));
    }
}
