//! The framework wizard's steps and the draft that survives closing the app.

use serde::{Deserialize, Serialize};

use super::TargetDraft;

/// The five steps of the framework wizard.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum WizardStep {
    /// Practice 1.
    #[default]
    Mission,
    /// Practice 2.
    Deficits,
    /// Practice 3.
    Target,
    /// Practice 4.
    Theory,
    /// The whole framework on one page.
    Summary,
}

impl WizardStep {
    /// Every step in order.
    pub const ALL: [WizardStep; 5] = [
        WizardStep::Mission,
        WizardStep::Deficits,
        WizardStep::Target,
        WizardStep::Theory,
        WizardStep::Summary,
    ];

    /// 1-based position.
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    /// Short title for the step indicator.
    pub fn title(self) -> &'static str {
        match self {
            WizardStep::Mission => "Mission",
            WizardStep::Deficits => "Deficit",
            WizardStep::Target => "Target",
            WizardStep::Theory => "Theory",
            WizardStep::Summary => "Summary",
        }
    }

    /// The next step, if any.
    pub fn next(self) -> Option<WizardStep> {
        Self::ALL.get(self.number()).copied()
    }

    /// The previous step, if any.
    pub fn previous(self) -> Option<WizardStep> {
        self.number()
            .checked_sub(2)
            .and_then(|i| Self::ALL.get(i).copied())
    }
}

/// What the leader has typed but not yet committed, saved as typed so that
/// closing the app mid-step loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WizardDraft {
    /// The step the wizard is on.
    pub step: WizardStep,
    /// The mission text being written.
    pub mission: String,
    /// Why the mission is changing (asked once a mission exists).
    pub mission_reason: String,
    /// The target form.
    pub target: TargetDraft,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_walk_in_order() {
        assert_eq!(WizardStep::Mission.previous(), None);
        assert_eq!(WizardStep::Mission.next(), Some(WizardStep::Deficits));
        assert_eq!(WizardStep::Summary.next(), None);
        assert_eq!(WizardStep::Summary.previous(), Some(WizardStep::Theory));
        assert_eq!(WizardStep::Target.number(), 3);
    }

    #[test]
    fn draft_survives_json_with_missing_fields() {
        let d: WizardDraft = serde_json::from_str(r#"{"step":"Target","mission":"x"}"#).unwrap();
        assert_eq!(d.step, WizardStep::Target);
        assert!(d.target.is_blank());
    }
}
