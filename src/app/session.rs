//! One open workbook and what lives and dies with it: the view models the
//! window draws from, the check run beside
//! it when it opened, the day's backup it is owed, which of its views are
//! out of date, and the removal that can still be undone. Dropped when the
//! workbook closes, so nothing carries over to the next one opened.

use std::time::Instant;

use super::undo::Removed;
use super::view::WorkbookView;
use crate::domain::IndicatorId;
use crate::ops::cockpit::Cockpit;
use crate::storage::Workbook;

/// The open workbook and its state.
pub(super) struct Session {
    /// The workbook.
    pub workbook: Workbook,
    /// What the screens show of it.
    pub view: WorkbookView,
    /// What of its views is out of date.
    pub stale: Stale,
    /// The database check run beside the window when the workbook opened.
    pub open_check: OpenCheck,
    /// The day's backup is to be taken once the check says the file is sound.
    pub daily_backup_due: bool,
    /// The last removal, while its message offers Undo.
    pub undo: Option<Removed>,
    /// When the certificate editor last changed (its preview follows after a pause).
    pub preview_edited_at: Option<Instant>,
    /// The home screen's cockpit, being computed on another thread.
    pub cockpit_job: Option<super::background::Background<Cockpit>>,
    /// The integrity checks, running on a connection of their own.
    pub checks_job: Option<super::background::Background<ChecksDone>>,
    /// The look for wins across every series, on a connection of its own.
    pub wins_job: Option<super::background::Background<WinsFound>>,
    /// Edits that Undo and Redo can take back and make again.
    pub edits: super::edits::EditHistory,
    /// How often the views actions change were rebuilt.
    pub builds: ViewBuilds,
}

/// How many times the set-up and framework views were rebuilt since the
/// workbook opened: tests hold it to once per frame, however many actions
/// the frame carried.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ViewBuilds {
    /// The set-up view (teams, indicators, targets; the grid and counts).
    pub setup: u32,
    /// The framework view (and the wizard's checks).
    pub framework: u32,
}

/// What a look for wins across every series recorded, and whether to say so.
#[derive(Debug)]
pub(super) struct WinsFound {
    pub recorded: crate::storage::WinsRecorded,
    pub say: bool,
}

/// What a run of the integrity checks found: (new, reopened, no longer
/// found), the checks that did not apply, and whether to say so.
#[derive(Debug)]
pub(super) struct ChecksDone {
    pub totals: (usize, usize, usize),
    pub not_applicable: Option<Vec<crate::analysis::integrity::NotApplicable>>,
    pub say: bool,
}

/// What changed since the views that depend on it were built.
#[derive(Debug, Default)]
pub(super) struct Stale {
    /// The data changed since the monitoring views were built.
    pub monitor: bool,
    /// The data changed in ways that may add wins not yet looked for.
    pub wins: bool,
    /// The integrity checks have not run since the workbook opened or
    /// changed wholesale.
    pub checks: bool,
    /// Indicators whose values changed since the checks last ran.
    pub checks_indicators: Vec<IndicatorId>,
    /// Teams, indicators or targets changed: the set-up view (and the grid
    /// and counts built on it) is rebuilt before the next frame is drawn.
    pub setup: bool,
    /// The framework changed: its view is rebuilt before the next frame.
    pub framework: bool,
    /// The set-up changed while the cockpit was being computed: it is
    /// computed again once that run is collected.
    pub cockpit: bool,
}

/// A view an action changed, rebuilt once however many actions of a frame
/// changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Changed {
    /// Teams, indicators, targets, locks and the settings beside them.
    Setup,
    /// The mission, deficits, target, theory and agency.
    Framework,
}

/// Where the opening check stands.
#[derive(Debug, Default)]
pub(super) struct OpenCheck {
    /// Still running (or not yet started).
    pub pending: bool,
    /// False until a frame has been drawn since the workbook opened: the
    /// check then starts, so that it does not slow the first frame.
    pub may_start: bool,
}

impl Session {
    /// A session for a workbook just opened: its wins and checks are to be
    /// looked at.
    pub fn new(workbook: Workbook, view: WorkbookView) -> Session {
        Session {
            workbook,
            view,
            stale: Stale {
                wins: true,
                checks: true,
                ..Stale::default()
            },
            open_check: OpenCheck::default(),
            daily_backup_due: false,
            undo: None,
            preview_edited_at: None,
            cockpit_job: None,
            checks_job: None,
            wins_job: None,
            edits: super::edits::EditHistory::default(),
            builds: ViewBuilds::default(),
        }
    }

    /// Notes that `indicator`'s values changed since the checks ran.
    pub fn indicator_changed(&mut self, indicator: IndicatorId) {
        if !self.stale.checks_indicators.contains(&indicator) {
            self.stale.checks_indicators.push(indicator);
        }
    }
}

/// The open workbook, borrowed from the session alone (so that the views
/// beside it can be changed at the same time).
pub(super) trait OpenWorkbook {
    /// The open workbook.
    fn wb(&self) -> Option<&Workbook>;
    /// The open workbook, to change.
    fn wb_mut(&mut self) -> Option<&mut Workbook>;
    /// What the screens show of the open workbook.
    fn views(&self) -> Option<&WorkbookView>;
    /// What the screens show of the open workbook, to change.
    fn views_mut(&mut self) -> Option<&mut WorkbookView>;
}

impl OpenWorkbook for Option<Session> {
    fn wb(&self) -> Option<&Workbook> {
        self.as_ref().map(|s| &s.workbook)
    }

    fn wb_mut(&mut self) -> Option<&mut Workbook> {
        self.as_mut().map(|s| &mut s.workbook)
    }

    fn views(&self) -> Option<&WorkbookView> {
        self.as_ref().map(|s| &s.view)
    }

    fn views_mut(&mut self) -> Option<&mut WorkbookView> {
        self.as_mut().map(|s| &mut s.view)
    }
}
