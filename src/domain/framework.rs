//! The performance framework as a whole (phase I: practices 1–4).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::deficit::deficit_step_problems;
use super::mission::validate_mission;
use super::theory::theory_problems;
use super::{Agency, Deficit, DeficitChoice, MissionVersion, Target, TheoryStep};

/// Mission, deficit, target and theory, as stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    /// The agency.
    pub agency: Agency,
    /// The mission in force (the newest version).
    pub mission: Option<MissionVersion>,
    /// Candidate deficits, in the order they were added.
    pub deficits: Vec<Deficit>,
    /// Which deficit was chosen and why.
    pub choice: DeficitChoice,
    /// The target in force.
    pub target: Option<Target>,
    /// The chain from target to mission.
    pub theory: Vec<TheoryStep>,
    /// When the leader finished the wizard (None: still being built).
    pub completed_at: Option<DateTime<Utc>>,
}

impl Framework {
    /// The chosen deficit, if it still exists.
    pub fn chosen_deficit(&self) -> Option<&Deficit> {
        let id = self.choice.chosen?;
        self.deficits.iter().find(|d| d.id == id)
    }

    /// Which parts are done.
    pub fn status(&self) -> FrameworkStatus {
        FrameworkStatus {
            mission: self
                .mission
                .as_ref()
                .is_some_and(|m| validate_mission(&m.statement).is_ok()),
            deficit: deficit_step_problems(&self.deficits, &self.choice).is_empty(),
            target: self.target.is_some(),
            theory: theory_problems(&self.theory).is_empty(),
            completed: self.completed_at.is_some(),
        }
    }
}

/// Which parts of the framework are done, for the home screen and the wizard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameworkStatus {
    /// Practice 1.
    pub mission: bool,
    /// Practice 2.
    pub deficit: bool,
    /// Practice 3.
    pub target: bool,
    /// Practice 4.
    pub theory: bool,
    /// Finished in the wizard.
    pub completed: bool,
}

impl FrameworkStatus {
    /// How many of the four parts are done.
    pub fn parts_done(self) -> usize {
        [self.mission, self.deficit, self.target, self.theory]
            .into_iter()
            .filter(|d| *d)
            .count()
    }
}
