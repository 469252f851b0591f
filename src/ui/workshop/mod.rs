//! Workshop mode: the start screen's scenario picker, each wizard step's
//! exercise, the practice workbook's reset and take-home, and the
//! facilitator's side-by-side comparison.

pub mod compare;
pub mod exercise;
pub mod practice;
pub mod start;

use crate::domain::WizardStep;
use crate::sample::Scenario;

/// What the workshop widgets remember between frames.
#[derive(Clone, Debug, Default)]
pub struct WorkshopForms {
    /// The scenario picked on the start screen.
    pub scenario: Scenario,
    /// The participant's name typed on the start screen.
    pub participant: String,
    /// Wizard steps whose model answer is shown.
    pub revealed: Vec<WizardStep>,
    /// Reset was pressed and awaits confirmation.
    pub confirm_reset: bool,
}
