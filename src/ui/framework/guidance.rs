//! Guidance and a short worked example for each wizard step, in our own words.

use crate::domain::WizardStep;

/// What to do on a step, and an example of it done well.
pub struct StepGuidance {
    /// The step's question.
    pub question: &'static str,
    /// Advice.
    pub guidance: &'static str,
    /// A worked example.
    pub example: &'static str,
}

/// The guidance for `step`.
pub fn guidance(step: WizardStep) -> StepGuidance {
    match step {
        WizardStep::Mission => StepGuidance {
            question: "What is the agency trying to accomplish?",
            guidance: "Write the mission as a result for the people you serve, in words the front line would repeat. \
                       Avoid listing activities (\"we maintain streets\"); say what they achieve. It will stand at the top of every screen.",
            example: "A street department: \"Keep every street safe, smooth and clear, so that residents, buses and businesses can get where they need to go.\"",
        },
        WizardStep::Deficits => StepGuidance {
            question: "What key failure most keeps the agency from its mission?",
            guidance: "List the candidate failures, with the evidence for each. Score how much each harms the mission, how large the gap is, \
                       and how feasible it is to close. The ranking helps; the choice is yours: pick one and write why.",
            example: "\"Potholes wait too long for repair\": only 41% repaired within 48 hours; the top complaint in the resident survey. \
                      Harm 5, size 4, feasibility 4 (priority 80).",
        },
        WizardStep::Target => StepGuidance {
            question: "What new level of success must the agency reach next?",
            guidance: "One indicator, its unit, which way is better, where it stands now (the baseline, with its date), where it must get to, and by when. \
                       A specific target tells every team what success looks like.",
            example: "Potholes repaired within 48 hours, %, higher is better, reported weekly: from 41 on 2024-12-02 to 90 by 2027-06-30.",
        },
        WizardStep::Theory => StepGuidance {
            question: "Why would meeting the target advance the mission?",
            guidance: "Write the chain of outcomes from the target to the mission. For each link, state the assumption (\"because …\") and the evidence for it. \
                       Name the indicator that would show each outcome; the last one is the mission-level outcome.",
            example: "Repairs within 48 h → fewer potholes left open (because a hole fixed in two days does not grow) → fewer damage claims \
                      (because most claims name a reported pothole) → residents rate their streets good (because potholes are what they notice most).",
        },
        WizardStep::Summary => StepGuidance {
            question: "What would it mean to do a good job?",
            guidance: "The whole framework on one page. Read it as a team would: is the mission clear, the deficit the right one, the target specific, the theory believable? \
                       Edit any part, then finish.",
            example: "Once finished, the mission stands on every screen and the target drives the charts.",
        },
    }
}
