//! The theory linking target and mission (practice 4): a causal chain
//! target → intermediate outcomes → mission.

use serde::{Deserialize, Serialize};

use super::TheoryStepId;

/// One intermediate outcome in the chain, with the link that leads into it
/// (from the target for the first step, from the previous outcome otherwise).
/// The last step is the mission-level outcome.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TheoryStep {
    /// Its id.
    pub id: TheoryStepId,
    /// The outcome, e.g. "Fewer vehicle-damage claims".
    pub outcome: String,
    /// The indicator that measures the outcome, by name (may be empty).
    pub measured_by: String,
    /// The assumption behind the link into this outcome ("because …").
    pub assumption: String,
    /// The evidence for that assumption.
    pub evidence: String,
}

/// Problems that keep the theory step from being complete, naming the step.
pub fn theory_problems(steps: &[TheoryStep]) -> Vec<String> {
    let mut problems = Vec::new();
    if steps.is_empty() {
        problems.push("Add at least one outcome between the target and the mission.".to_owned());
    }
    for (i, s) in steps.iter().enumerate() {
        let n = i + 1;
        if s.outcome.trim().is_empty() {
            problems.push(format!("Outcome {n} needs a description."));
        }
        if s.assumption.trim().is_empty() {
            problems.push(format!("Link {n} needs its assumption (\"because …\")."));
        }
    }
    problems
}

/// The mission-level outcome: the last step of the chain.
pub fn mission_level(steps: &[TheoryStep]) -> Option<&TheoryStep> {
    steps.last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_needs_outcome_and_assumption() {
        assert_eq!(theory_problems(&[]).len(), 1);
        let blank = TheoryStep::default();
        let p = theory_problems(&[blank]);
        assert_eq!(
            p,
            [
                "Outcome 1 needs a description.",
                "Link 1 needs its assumption (\"because …\")."
            ]
        );
        let ok = TheoryStep {
            outcome: "Safer streets".into(),
            assumption: "because fewer holes".into(),
            ..TheoryStep::default()
        };
        assert!(theory_problems(std::slice::from_ref(&ok)).is_empty());
        assert_eq!(mission_level(std::slice::from_ref(&ok)), Some(&ok));
    }
}
