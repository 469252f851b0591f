//! Everything the user can ask for, as data. Screens emit these; the app
//! applies them in one place at the end of the frame.

use std::path::PathBuf;

use super::commands::Command;
use super::view::Screen;
use crate::domain::{
    Agency, Deficit, DeficitId, TheoryStep, TheoryStepId, WizardDraft, WizardStep,
};

/// One request from the user interface.
#[must_use = "an Action does nothing until it is pushed to the app"]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A menu command or shortcut (may open a file dialog).
    Run(Command),
    /// Create a new, empty workbook at this path and open it.
    CreateWorkbook(PathBuf),
    /// Open the workbook at this path.
    OpenWorkbook(PathBuf),
    /// Open the sample agency (creating it on first use).
    OpenSample,
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
}

/// Where screens push their actions during a frame.
#[derive(Debug, Default)]
pub struct Actions(Vec<Action>);

impl Actions {
    /// Queues an action.
    pub fn push(&mut self, action: Action) {
        self.0.push(action);
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
