//! What the workshop screens read: a practice workbook's scenario and
//! participant, and the facilitator's comparison of several participants.

use std::path::PathBuf;

use crate::app::view::WorkbookView;
use crate::domain::WizardStep;
use crate::ops::workshop::ComparisonEntry;
use crate::sample::Scenario;

/// The open workbook is a participant's practice copy of a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PracticeInfo {
    /// Its scenario.
    pub scenario: Scenario,
    /// Whose it is.
    pub participant: String,
}

/// The facilitator's comparison: one column per workbook read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComparisonView {
    /// The participants' frameworks, in the order added.
    pub entries: Vec<ComparisonEntry>,
    /// Workbooks that could not be read, with why.
    pub unreadable: Vec<(PathBuf, String)>,
}

impl ComparisonView {
    /// The files compared or tried, in order (what a refresh re-reads).
    pub fn paths(&self) -> Vec<PathBuf> {
        self.entries
            .iter()
            .map(|e| e.path.clone())
            .chain(self.unreadable.iter().map(|(p, _)| p.clone()))
            .collect()
    }
}

/// True once the participant has made an attempt at `step`, so its model
/// answer may be shown: the answer is for comparing, not for copying.
pub fn attempted(step: WizardStep, wb: &WorkbookView) -> bool {
    let f = &wb.framework;
    match step {
        WizardStep::Mission => !wb.draft.mission.trim().is_empty() || f.mission.is_some(),
        WizardStep::Deficits => f.deficits.iter().any(|d| !d.title.trim().is_empty()),
        WizardStep::Target => {
            !wb.draft.target.indicator_name.trim().is_empty() || f.target.is_some()
        }
        WizardStep::Theory => f.theory.iter().any(|s| !s.outcome.trim().is_empty()),
        WizardStep::Summary => true,
    }
}
