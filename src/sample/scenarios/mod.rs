//! Workshop scenarios: public agencies with two years of data and no
//! framework yet, for participants to build one with the wizard. Each has an
//! exercise and a model answer for every wizard step.

mod benefits;
mod parks;
mod riverton_exercises;
mod synthetic;

use crate::domain::WizardStep;
use crate::storage::{StorageError, Workbook, WorkshopMark};

/// A scenario a facilitator can pick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scenario {
    /// Riverton Street Services: potholes (the sample agency's data).
    #[default]
    Streets,
    /// Northfield County Benefits Office: applications wait past the legal limit.
    Benefits,
    /// Lakeside Parks and Recreation: broken equipment waits for repair.
    Parks,
}

/// A task for one wizard step, and an answer to compare with afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exercise {
    /// The situation and the task.
    pub prompt: &'static str,
    /// One good answer (not the only one).
    pub model_answer: &'static str,
}

/// One exercise per wizard step.
#[derive(Clone, Copy, Debug)]
pub struct Exercises {
    /// Practice 1.
    pub mission: Exercise,
    /// Practice 2.
    pub deficits: Exercise,
    /// Practice 3.
    pub target: Exercise,
    /// Practice 4.
    pub theory: Exercise,
    /// Reading the whole framework.
    pub summary: Exercise,
}

impl Scenario {
    /// Every scenario, in the order offered.
    pub const ALL: [Scenario; 3] = [Scenario::Streets, Scenario::Benefits, Scenario::Parks];

    /// The key stored in a practice workbook.
    pub fn key(self) -> &'static str {
        match self {
            Scenario::Streets => "streets",
            Scenario::Benefits => "benefits",
            Scenario::Parks => "parks",
        }
    }

    /// The scenario a stored key names.
    pub fn from_key(key: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The agency's name.
    pub fn agency(self) -> &'static str {
        match self {
            Scenario::Streets => super::riverton::AGENCY_NAME,
            Scenario::Benefits => benefits::DATA.agency,
            Scenario::Parks => parks::DATA.agency,
        }
    }

    /// One line on what the agency does and what troubles it.
    pub fn summary(self) -> &'static str {
        match self {
            Scenario::Streets => {
                "A city street department: six district crews, potholes, snow routes and street lights."
            }
            Scenario::Benefits => {
                "A county benefits office: five local offices deciding applications for food and housing help."
            }
            Scenario::Parks => {
                "A parks department: five district crews looking after 64 parks and 41 playgrounds."
            }
        }
    }

    /// The exercise for a wizard step.
    pub fn exercise(self, step: WizardStep) -> Exercise {
        let all = match self {
            Scenario::Streets => &riverton_exercises::EXERCISES,
            Scenario::Benefits => &benefits::EXERCISES,
            Scenario::Parks => &parks::EXERCISES,
        };
        match step {
            WizardStep::Mission => all.mission,
            WizardStep::Deficits => all.deficits,
            WizardStep::Target => all.target,
            WizardStep::Theory => all.theory,
            WizardStep::Summary => all.summary,
        }
    }
}

/// Fills an empty workbook with `scenario`'s data and no framework, marked
/// as `participant`'s practice workbook.
pub fn fill_practice(
    wb: &mut Workbook,
    scenario: Scenario,
    participant: &str,
) -> Result<(), StorageError> {
    match scenario {
        Scenario::Streets => {
            wb.set_agency(&crate::domain::Agency {
                name: scenario.agency().into(),
                ..Default::default()
            })?;
            super::riverton::fill_sample_data(wb)?;
        }
        Scenario::Benefits => synthetic::fill(wb, &benefits::DATA)?,
        Scenario::Parks => synthetic::fill(wb, &parks::DATA)?,
    }
    wb.set_workshop_mark(&WorkshopMark {
        scenario: scenario.key().to_owned(),
        participant: participant.trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_differ() {
        for s in Scenario::ALL {
            assert_eq!(Scenario::from_key(s.key()), Some(s));
        }
        assert_eq!(Scenario::from_key("nope"), None);
    }

    #[test]
    fn every_step_of_every_scenario_has_a_prompt_and_an_answer() {
        for s in Scenario::ALL {
            for step in WizardStep::ALL {
                let e = s.exercise(step);
                assert!(e.prompt.len() > 40, "{s:?} {step:?} prompt");
                assert!(e.model_answer.len() > 40, "{s:?} {step:?} answer");
                assert_ne!(e.prompt, e.model_answer);
            }
        }
    }
}
