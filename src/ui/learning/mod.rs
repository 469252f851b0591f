//! Phase III screens: the integrity panel (practice 9), the indicator
//! library and comparisons (practice 10), and reviews with the framework's
//! history (practice 11).

pub mod compare;
pub mod integrity;
pub mod library;
pub mod review;

use crate::domain::review::ReviewChange;

/// What the learning screens' forms hold before they are submitted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LearningForms {
    /// The explanation or action typed for the selected flag.
    pub flag_note: String,
    /// Review: the date as typed.
    pub review_date: String,
    /// Review: what was learned.
    pub learned: String,
    /// Review: the changes being written.
    pub changes: Vec<ReviewChange>,
    /// Ratchet: the new target's fields as typed (baseline, baseline date, target, deadline).
    pub ratchet: Option<[String; 4]>,
    /// Ratchet: why.
    pub ratchet_reason: String,
    /// Versions picked for comparison.
    pub versions: (Option<i64>, Option<i64>),
}
