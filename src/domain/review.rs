//! Reviews (practice 11): what was learned, what changes and why, and the
//! framework as it stood at each version.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Framework;

/// What a change in a review is about (Behn's list in practice 11).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Area {
    /// The mission.
    Mission,
    /// The target.
    #[default]
    Target,
    /// The theory linking target and mission.
    Theory,
    /// What is monitored and how often.
    Monitoring,
    /// Operational capacity.
    Capacity,
    /// Esteem opportunities.
    EsteemOpportunities,
    /// Rewards.
    Rewards,
    /// Analysis.
    Analysis,
}

impl Area {
    /// Every area, in Behn's order.
    pub const ALL: [Area; 8] = [
        Area::Mission,
        Area::Target,
        Area::Theory,
        Area::Monitoring,
        Area::Capacity,
        Area::EsteemOpportunities,
        Area::Rewards,
        Area::Analysis,
    ];

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            Area::Mission => "Mission",
            Area::Target => "Target",
            Area::Theory => "Theory",
            Area::Monitoring => "Monitoring (indicators, frequency)",
            Area::Capacity => "Operational capacity",
            Area::EsteemOpportunities => "Esteem opportunities",
            Area::Rewards => "Rewards",
            Area::Analysis => "Analysis",
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Area::Mission => "mission",
            Area::Target => "target",
            Area::Theory => "theory",
            Area::Monitoring => "monitoring",
            Area::Capacity => "capacity",
            Area::EsteemOpportunities => "esteem",
            Area::Rewards => "rewards",
            Area::Analysis => "analysis",
        }
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<Area> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// One change decided in a review.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewChange {
    /// What it is about.
    pub area: Area,
    /// What changes.
    pub change: String,
    /// Why.
    pub reason: String,
}

/// A review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Review {
    /// Its id.
    pub id: i64,
    /// When it was held.
    pub held_on: NaiveDate,
    /// What was learned.
    pub learned: String,
    /// What changes, each with its reason.
    pub changes: Vec<ReviewChange>,
}

/// Problems that keep a review from being recorded, phrased for the person.
pub fn review_problems(learned: &str, changes: &[ReviewChange]) -> Vec<String> {
    let mut out = Vec::new();
    if learned.trim().is_empty() {
        out.push("Say what was learned.".to_owned());
    }
    for (i, c) in changes.iter().enumerate() {
        if c.change.trim().is_empty() {
            out.push(format!("Change {}: say what changes.", i + 1));
        }
        if c.reason.trim().is_empty() {
            out.push(format!("Change {}: say why.", i + 1));
        }
    }
    out
}

/// The framework as it stood at one moment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrameworkVersion {
    /// Its id.
    pub id: i64,
    /// When it was kept (RFC 3339).
    pub saved_at: String,
    /// Why ("Framework completed", "Review of 3 March 2026").
    pub label: String,
    /// The framework.
    pub framework: Framework,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_round_trip_and_reviews_need_words() {
        for a in Area::ALL {
            assert_eq!(Area::from_code(a.code()), Some(a));
        }
        assert_eq!(review_problems("", &[]).len(), 1);
        let half = ReviewChange {
            area: Area::Target,
            change: "Raise to 95%".into(),
            reason: String::new(),
        };
        assert_eq!(
            review_problems("We met it early", &[half]),
            ["Change 1: say why."]
        );
    }
}
