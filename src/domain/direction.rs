//! Which way is better for an indicator.

use serde::{Deserialize, Serialize};

/// Whether a higher or a lower value means better performance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// More is better (e.g. percent of potholes repaired within 48 hours).
    Higher,
    /// Less is better (e.g. days to repair).
    Lower,
    /// Neither: context indicators that are watched, not pushed.
    Neutral,
}

impl Direction {
    /// Every direction, in the order a picker shows them.
    pub const ALL: [Direction; 3] = [Direction::Higher, Direction::Lower, Direction::Neutral];

    /// The two directions a target can have.
    pub const FOR_TARGETS: [Direction; 2] = [Direction::Higher, Direction::Lower];

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Higher => "Higher is better",
            Direction::Lower => "Lower is better",
            Direction::Neutral => "Neither (context only)",
        }
    }

    /// The stable code stored in workbooks and files.
    pub fn code(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::Neutral => "neutral",
        }
    }

    /// Reads a stored code back.
    pub fn from_code(code: &str) -> Option<Direction> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    /// True when `candidate` is strictly better than `reference` in this direction.
    /// Neutral indicators have no better value.
    pub fn is_better(self, candidate: f64, reference: f64) -> bool {
        match self {
            Direction::Higher => candidate > reference,
            Direction::Lower => candidate < reference,
            Direction::Neutral => false,
        }
    }

    /// +1 when higher is better, -1 when lower is better, 0 for neutral:
    /// multiply a change by this to get "improvement".
    pub fn sign(self) -> f64 {
        match self {
            Direction::Higher => 1.0,
            Direction::Lower => -1.0,
            Direction::Neutral => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for d in Direction::ALL {
            assert_eq!(Direction::from_code(d.code()), Some(d));
        }
        assert_eq!(Direction::from_code("sideways"), None);
    }

    #[test]
    fn better_depends_on_direction() {
        assert!(Direction::Higher.is_better(2.0, 1.0));
        assert!(!Direction::Higher.is_better(1.0, 1.0));
        assert!(Direction::Lower.is_better(1.0, 2.0));
        assert!(!Direction::Neutral.is_better(2.0, 1.0));
    }
}
