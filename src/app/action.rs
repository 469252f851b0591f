//! Everything the user can ask for, as data. Screens emit these; the app
//! applies them in one place at the end of the frame.

use std::path::PathBuf;

use super::commands::Command;
use super::file_choice::FileChoice;
use super::view::Screen;
use crate::domain::{
    Agency, Deficit, DeficitId, TheoryStep, TheoryStepId, WizardDraft, WizardStep,
};

/// One request from the user interface.
#[must_use = "an Action does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open a file written by Ratchet in its own program (a PDF viewer, a
    /// spreadsheet).
    OpenFile(std::path::PathBuf),
    /// Show a file written by Ratchet in the system's file manager.
    ShowInFolder(std::path::PathBuf),
    /// A menu command or shortcut (may open a file dialog).
    Run(Command),
    /// Create a new, empty workbook at this path and open it.
    CreateWorkbook(PathBuf),
    /// Open the workbook at this path.
    OpenWorkbook(PathBuf),
    /// Open the sample agency (creating it on first use).
    OpenSample,
    /// Open a workbook read-only (someone else has it open for writing).
    OpenReadOnly(PathBuf),
    /// Back up the open workbook now.
    BackupNow,
    /// Put a backup in place of a workbook (after backing up its current state) and open it.
    RestoreBackup {
        /// The workbook.
        workbook: PathBuf,
        /// The backup file.
        backup: PathBuf,
    },
    /// Write a compacted copy of the open workbook to this path.
    SaveCopyTo(PathBuf),
    /// Close the open workbook and show the start screen.
    CloseWorkbook,
    /// Show another screen.
    Navigate(Screen),
    /// Close the dialog that is open (About, the practices).
    CloseDialog,
    /// Hide the message banner.
    DismissMessage,
    /// Put back what the last removal took away.
    Undo,

    /// Save the agency's name and leader.
    SetAgency(Agency),
    /// Save what has been typed in the wizard.
    EditDraft(WizardDraft),
    /// Jump to a wizard step (no validation: going back to edit is always allowed).
    GoToStep(WizardStep),
    /// Validate the current step, commit it, and move on.
    WizardNext,
    /// Go back one step, keeping the draft.
    WizardBack,
    /// Add a candidate deficit.
    AddDeficit,
    /// Save a deficit's fields.
    UpdateDeficit(Deficit),
    /// Remove a candidate deficit.
    RemoveDeficit(DeficitId),
    /// Mark a deficit as the most consequential.
    ChooseDeficit(DeficitId),
    /// Save why the chosen deficit matters most.
    SetDeficitRationale(String),
    /// Append an outcome to the theory chain.
    AddTheoryStep,
    /// Save a theory step's fields.
    UpdateTheoryStep(TheoryStep),
    /// Remove a theory step.
    RemoveTheoryStep(TheoryStepId),
    /// Move a theory step one place.
    MoveTheoryStep {
        /// The step.
        id: TheoryStepId,
        /// Toward the target (up) rather than the mission (down).
        toward_target: bool,
    },
    /// Mark the framework complete.
    FinishFramework,
    /// A request from the data screens.
    Data(DataAction),
    /// A request from the monitoring screens.
    Monitor(MonitorAction),
    /// A request from the recognition screens.
    Recognition(RecognitionAction),
    /// A request from the learning screens.
    Learning(LearningAction),
    /// A request from the meeting and capacity screens.
    Meeting(MeetingAction),
    /// A request from workshop mode.
    Workshop(WorkshopAction),
    /// A request about data returns.
    Returns(ReturnsAction),
    /// A request about the roll-up of agencies.
    Rollup(RollupAction),
}

/// Requests from the roll-up screen.
#[must_use = "a RollupAction does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum RollupAction {
    /// Read every workbook in a folder (and its subfolders), read-only.
    Open(FileChoice),
    /// Read the same folder again.
    Refresh,
    /// Sort by a column (again: reverse).
    Sort(crate::analysis::rollup::RollupColumn),
    /// Drill into one agency (or none).
    Select(Option<PathBuf>),
    /// Write the roll-up (HTML, PDF or CSV, by extension).
    Publish(FileChoice),
}

impl From<RollupAction> for Action {
    fn from(action: RollupAction) -> Self {
        Action::Rollup(action)
    }
}

/// Requests from the Data returns screen.
#[must_use = "a ReturnsAction does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum ReturnsAction {
    /// Write one return file per team into a new folder under `folder`, and record the request.
    Request {
        /// What to ask for.
        spec: crate::domain::data_return::ReturnSpec,
        /// XLSX, CSV or both.
        format: crate::ops::returns::ReturnFormat,
        /// The folder the request's own folder is made in.
        folder: FileChoice,
    },
    /// Check returned files (or every return file in a folder).
    Collect(FileChoice),
    /// Settle one conflict of a checked file.
    Decide {
        /// The file.
        path: PathBuf,
        /// The conflict's line in it.
        line: u64,
        /// Keep the current value or take the returned one.
        choice: crate::ops::returns::ConflictChoice,
    },
    /// Write a checked file's values (checked again first).
    Confirm {
        /// The file.
        path: PathBuf,
        /// The reason recorded for changed values and values in locked periods.
        reason: String,
    },
    /// Put a checked file aside without collecting it.
    Dismiss(PathBuf),
}

/// Each part of the action tree is an action (`actions.push(DataAction::…)`).
impl From<DataAction> for Action {
    fn from(action: DataAction) -> Self {
        Action::Data(action)
    }
}

impl From<MonitorAction> for Action {
    fn from(action: MonitorAction) -> Self {
        Action::Monitor(action)
    }
}

impl From<RecognitionAction> for Action {
    fn from(action: RecognitionAction) -> Self {
        Action::Recognition(action)
    }
}

impl From<LearningAction> for Action {
    fn from(action: LearningAction) -> Self {
        Action::Learning(action)
    }
}

impl From<MeetingAction> for Action {
    fn from(action: MeetingAction) -> Self {
        Action::Meeting(action)
    }
}

impl From<WorkshopAction> for Action {
    fn from(action: WorkshopAction) -> Self {
        Action::Workshop(action)
    }
}

impl From<ReturnsAction> for Action {
    fn from(action: ReturnsAction) -> Self {
        Action::Returns(action)
    }
}

/// Requests from workshop mode: practice workbooks, their reset and
/// take-home, and the facilitator's comparison.
#[must_use = "a WorkshopAction does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum WorkshopAction {
    /// Make (or reopen) a participant's practice workbook of a scenario and open it.
    CreatePractice {
        /// The scenario.
        scenario: crate::sample::Scenario,
        /// The participant's name.
        participant: String,
    },
    /// Put the open practice workbook back to its scenario's start (after a backup).
    ResetPractice,
    /// Write the take-home (framework card and the eleven practices) as a PDF.
    ExportTakeHome(FileChoice),
    /// Add workbooks to the facilitator's comparison: a workbook, or every
    /// workbook in a folder.
    CompareAdd(FileChoice),
    /// Read every compared workbook again (participants keep working).
    CompareRefresh,
    /// Take one workbook out of the comparison.
    CompareRemove(PathBuf),
    /// Empty the comparison.
    CompareClear,
}

/// Where screens push their actions during a frame.
#[derive(Debug, Default)]
pub struct Actions(Vec<Action>);

impl Actions {
    /// Queues an action.
    pub fn push(&mut self, action: impl Into<Action>) {
        self.0.push(action.into());
    }

    /// Takes every queued action, in order.
    pub fn drain(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.0)
    }

    /// The queued actions (for tests and inspection).
    pub fn as_slice(&self) -> &[Action] {
        &self.0
    }
}

/// Requests from the data screens (teams, indicators, the grid, observations,
/// import and export).
#[must_use = "a DataAction does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum DataAction {
    /// Add a team.
    AddTeam {
        /// Its name.
        name: String,
        /// Who reports its data.
        contact: String,
    },
    /// Save a team's name and contact.
    UpdateTeam(crate::domain::Team),
    /// Archive a team (or bring it back).
    SetTeamArchived(crate::domain::TeamId, bool),
    /// Add an indicator.
    AddIndicator(crate::domain::IndicatorSpec),
    /// Save an indicator's settings.
    UpdateIndicator(crate::domain::Indicator),
    /// Remove an indicator without data.
    RemoveIndicator(crate::domain::IndicatorId),
    /// Set a target for one team (or the agency-wide default).
    SetTarget {
        /// The indicator.
        indicator: crate::domain::IndicatorId,
        /// The team; `None` for every team without its own.
        team: Option<crate::domain::TeamId>,
        /// The numbers and dates.
        values: crate::domain::TargetValues,
    },
    /// Withdraw a target.
    ClearTarget {
        /// The indicator.
        indicator: crate::domain::IndicatorId,
        /// The team; `None` for the agency-wide default.
        team: Option<crate::domain::TeamId>,
    },
    /// Set the month the fiscal year starts in.
    SetFiscalYearStart(u32),
    /// Set the decimal mark the grid and exports use.
    SetDecimalMark(crate::domain::number::DecimalMark),
    /// Show the grid for one indicator or one team.
    ShowGrid(super::data::view::GridMode),
    /// Select a cell (its history is shown).
    SelectCell(crate::domain::Cell),
    /// Store typed or pasted values (`None` clears a value), with a reason for locked periods.
    SetValues {
        /// Each cell and its new value.
        changes: Vec<(crate::domain::Cell, Option<f64>)>,
        /// Why (needed for locked periods).
        reason: String,
    },
    /// Lock every period that ends on or before the date.
    LockThrough {
        /// The last day locked.
        date: chrono::NaiveDate,
        /// A note, e.g. the meeting.
        note: String,
    },
    /// Record an observation.
    AddObservation(crate::domain::Observation),
    /// Save an edited observation.
    UpdateObservation(crate::domain::Observation),
    /// Remove an observation.
    RemoveObservation(crate::domain::ObservationId),
    /// Load a file into the import assistant.
    ImportOpen(FileChoice),
    /// Read another sheet of the spreadsheet.
    ImportSetSheet(String),
    /// Change the mapping.
    ImportSetMapping(crate::io::Mapping),
    /// Change the options.
    ImportSetOptions {
        /// How to read and apply.
        options: crate::io::ImportOptions,
        /// Import good rows even when some are rejected.
        skip_bad_rows: bool,
    },
    /// Check the file (dry run) in the background.
    ImportCheck,
    /// Write the checked plan in the background.
    ImportConfirm,
    /// Stop the running check or import.
    ImportCancel,
    /// Start over with another file.
    ImportReset,
    /// Export values to a file (.csv or .xlsx, by extension).
    Export {
        /// The file.
        to: FileChoice,
        /// What to export.
        options: crate::io::ExportOptions,
    },
}

/// Requests from the monitoring screens (progress, league table, small
/// multiples, XmR charts, the public dashboard).
#[must_use = "a MonitorAction does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum MonitorAction {
    /// Show progress and the league table for an indicator.
    ShowProgress(crate::domain::IndicatorId),
    /// Sort the league table by a column (again: reverse).
    SortLeague(crate::analysis::league::LeagueColumn),
    /// Draw these teams in colour on the progress chart.
    HighlightTeams(Vec<crate::domain::TeamId>),
    /// Show small multiples.
    ShowMultiples(super::monitor::view::MultiplesMode),
    /// Show the XmR chart of one series.
    ShowXmr {
        /// The indicator.
        indicator: crate::domain::IndicatorId,
        /// The team.
        team: crate::domain::TeamId,
    },
    /// Change how a series' XmR limits are computed.
    SetXmrSetting {
        /// The indicator.
        indicator: crate::domain::IndicatorId,
        /// The team.
        team: crate::domain::TeamId,
        /// The setting.
        setting: crate::domain::XmrSetting,
    },
    /// Change when a team counts as on track or at risk for an indicator.
    SetThresholds {
        /// The indicator.
        indicator: crate::domain::IndicatorId,
        /// The thresholds.
        thresholds: crate::domain::StatusThresholds,
    },
    /// Save the progress chart shown as a picture (PNG or SVG, by extension).
    SaveChart(FileChoice),
    /// Put the progress chart shown on the clipboard as a picture.
    CopyChart,
    /// Write the public dashboard (HTML or PDF, by extension).
    Publish {
        /// The file.
        to: FileChoice,
        /// What to include.
        options: crate::export::dashboard::DashboardOptions,
    },
}

/// Which one-page document about the framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameworkDocument {
    /// The framework card (mission, deficit, target, theory).
    Card,
    /// The mission poster.
    Poster,
}

/// Requests from the recognition screens (wins, certificates, the wall,
/// the framework card and poster).
#[must_use = "a RecognitionAction does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum RecognitionAction {
    /// Look for new wins in all the data now.
    DetectWins,
    /// Show the wins that pass this filter.
    FilterWins(super::recognition::view::WinFilter),
    /// Record a win typed in by hand.
    AddManualWin(crate::domain::win::ManualWin),
    /// Remove a hand-entered win that was never recognised.
    RemoveManualWin(crate::domain::WinId),
    /// Change how many successive improving periods make a streak.
    SetStreakLength(usize),
    /// Open the certificate editor for a win.
    Recognise(crate::domain::WinId),
    /// Save what has been typed in the certificate editor.
    EditCertificate(super::recognition::view::CertificateDraft),
    /// Keep this picture (PNG or SVG file) as the certificates' logo.
    SetLogo(FileChoice),
    /// Stop printing a logo.
    ClearLogo,
    /// Keep the editor's signer, design and paper for future certificates.
    SaveCertificateDefaults,
    /// Write the certificate (PDF or PNG, by extension) and record the recognition.
    ExportCertificate(FileChoice),
    /// One PDF per win in a span into a folder, in the background.
    BatchCertificates {
        /// Wins on or after.
        from: Option<chrono::NaiveDate>,
        /// Wins on or before.
        to: Option<chrono::NaiveDate>,
        /// Only wins not yet recognised.
        unrecognised_only: bool,
        /// The folder.
        folder: FileChoice,
    },
    /// Stop the batch that is running; nothing is kept.
    CancelBatch,
    /// Write the framework card or mission poster (PDF or PNG, by extension).
    ExportFrameworkDocument {
        /// Which.
        document: FrameworkDocument,
        /// Where.
        to: FileChoice,
    },
}

/// Requests from the learning screens (integrity, the indicator library,
/// comparisons, reviews).
#[must_use = "a LearningAction does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum LearningAction {
    /// Run every integrity check now.
    RunChecks,
    /// Show the flags that pass this filter.
    FilterFlags(super::learning::integrity::FlagFilter),
    /// Show one flag with its chart and history.
    SelectFlag(crate::domain::integrity::FlagId),
    /// Settle a flag (explained or confirmed, with the words) or reopen it.
    SettleFlag {
        /// The flag.
        id: crate::domain::integrity::FlagId,
        /// Explained, confirmed, or open again.
        status: crate::domain::integrity::FlagStatus,
        /// The explanation, or what was done.
        note: String,
    },
    /// Compare two indicators, for one team or all.
    Compare {
        /// The first.
        a: crate::domain::IndicatorId,
        /// The second.
        b: crate::domain::IndicatorId,
        /// One team, or all.
        team: Option<crate::domain::TeamId>,
    },
    /// Record a review.
    AddReview {
        /// When it was held.
        held_on: chrono::NaiveDate,
        /// What was learned.
        learned: String,
        /// What changes and why.
        changes: Vec<crate::domain::review::ReviewChange>,
    },
    /// Propose a ratcheted target from the data.
    ProposeRatchet,
    /// Replace the framework's target, recording why.
    Ratchet {
        /// The new target.
        target: crate::domain::Target,
        /// Why.
        reason: String,
    },
    /// Show two framework versions side by side.
    CompareVersions {
        /// The older one.
        a: i64,
        /// The newer one.
        b: i64,
    },
}

/// Requests from the meeting and capacity screens.
#[must_use = "a MeetingAction does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum MeetingAction {
    /// Create a meeting, its agenda built from the workbook now.
    Create {
        /// When it is held.
        held_on: chrono::NaiveDate,
        /// Its title (empty: "Stat meeting, <date>").
        title: String,
        /// Teams attending (empty: all).
        teams: Vec<crate::domain::TeamId>,
        /// How much of what is open the agenda takes.
        limits: crate::analysis::agenda::AgendaLimits,
    },
    /// Open a meeting.
    Open(crate::domain::meeting::MeetingId),
    /// Save an agenda item's notes.
    SetNotes {
        /// The item.
        item: crate::domain::meeting::ItemId,
        /// The notes.
        notes: String,
    },
    /// Record a decision on an agenda item.
    AddDecision {
        /// The item.
        item: crate::domain::meeting::ItemId,
        /// The decision.
        text: String,
    },
    /// Raise a follow-up at the open meeting.
    AddFollowUp {
        /// The agenda item it comes from, if any.
        item: Option<crate::domain::meeting::ItemId>,
        /// What, who, when.
        follow_up: crate::domain::meeting::NewFollowUp,
    },
    /// Resolve a follow-up at the open meeting (done or dropped), or open it again.
    ResolveFollowUp {
        /// The follow-up.
        id: crate::domain::meeting::FollowUpId,
        /// Done, dropped or open.
        status: crate::domain::meeting::FollowUpStatus,
        /// How it was resolved.
        resolution: String,
    },
    /// Add an item to the open meeting's agenda.
    AddItem(String),
    /// Take an unused item off the agenda.
    RemoveItem(crate::domain::meeting::ItemId),
    /// Write the open meeting's memo (PDF or TXT by extension).
    ExportMemo(FileChoice),
    /// Write the open meeting's briefing book (PDF).
    ExportBriefing(FileChoice),
    /// Record a capacity need.
    AddNeed(crate::domain::capacity::NewNeed),
    /// Move a need on.
    SetNeedStatus {
        /// The need.
        id: crate::domain::capacity::NeedId,
        /// Its new status.
        to: crate::domain::capacity::NeedStatus,
        /// A note (the reason, for a decline).
        note: String,
        /// On which day.
        on: chrono::NaiveDate,
    },
}
