//! Candidate performance deficits and the choice of the most consequential one (practice 2).

use serde::{Deserialize, Serialize};

use super::DeficitId;

/// A 1–5 rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Score(u8);

impl Score {
    /// Lowest rating.
    pub const MIN: u8 = 1;
    /// Highest rating.
    pub const MAX: u8 = 5;

    /// A score, or `None` outside 1–5.
    pub fn new(value: u8) -> Option<Score> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Score(value))
    }

    /// The nearest valid score.
    pub fn clamped(value: i64) -> Score {
        Score(value.clamp(i64::from(Self::MIN), i64::from(Self::MAX)) as u8)
    }

    /// The rating as a number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for Score {
    fn default() -> Self {
        Score(3)
    }
}

/// How the priority of a deficit is computed, shown beside the ranking.
pub const PRIORITY_FORMULA: &str = "Priority = harm to the mission × size of the gap × feasibility of closing it (each 1–5, so 1 to 125).";

/// A key failure that may be keeping the agency from its mission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deficit {
    /// Its id.
    pub id: DeficitId,
    /// A short name, e.g. "Potholes wait weeks for repair".
    pub title: String,
    /// What the failure is.
    pub description: String,
    /// Why we believe it: figures, complaints, an indicator.
    pub evidence: String,
    /// How much it harms the mission (1–5).
    pub harm: Score,
    /// How large the gap is (1–5).
    pub size: Score,
    /// How feasible it is to close (1–5).
    pub feasibility: Score,
}

impl Deficit {
    /// The ranking score: harm × size × feasibility.
    pub fn priority(&self) -> u32 {
        u32::from(self.harm.get()) * u32::from(self.size.get()) * u32::from(self.feasibility.get())
    }

    /// The title to show, with a fallback for one not yet named.
    pub fn display_title(&self) -> &str {
        let t = self.title.trim();
        if t.is_empty() {
            "(untitled deficit)"
        } else {
            t
        }
    }
}

/// Orders deficits by priority, highest first; ties go to greater harm, then to the older entry.
pub fn ranked(deficits: &[Deficit]) -> Vec<&Deficit> {
    let mut out: Vec<&Deficit> = deficits.iter().collect();
    out.sort_by(|a, b| {
        b.priority()
            .cmp(&a.priority())
            .then(b.harm.cmp(&a.harm))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// The leader's pick of the most consequential deficit and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeficitChoice {
    /// The chosen deficit, if any.
    pub chosen: Option<DeficitId>,
    /// Why this one matters most.
    pub rationale: String,
}

/// Problems that keep the deficit step from being complete, phrased for the leader.
pub fn deficit_step_problems(deficits: &[Deficit], choice: &DeficitChoice) -> Vec<String> {
    let mut problems = Vec::new();
    if deficits.is_empty() {
        problems.push("Add at least one candidate deficit.".to_owned());
    }
    for (i, d) in deficits.iter().enumerate() {
        if d.title.trim().is_empty() {
            problems.push(format!("Deficit {} needs a title.", i + 1));
        }
    }
    match choice.chosen {
        Some(id) if deficits.iter().any(|d| d.id == id) && choice.rationale.trim().is_empty() => {
            problems.push("Write why the chosen deficit is the most consequential.".to_owned());
        }
        Some(id) if deficits.iter().any(|d| d.id == id) => {}
        _ if !deficits.is_empty() => {
            problems.push("Choose one deficit as the most consequential.".to_owned());
        }
        _ => {}
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deficit(id: i64, harm: u8, size: u8, feas: u8) -> Deficit {
        Deficit {
            id: DeficitId(id),
            title: format!("D{id}"),
            description: String::new(),
            evidence: String::new(),
            harm: Score::new(harm).unwrap(),
            size: Score::new(size).unwrap(),
            feasibility: Score::new(feas).unwrap(),
        }
    }

    #[test]
    fn scores_stay_in_range() {
        assert_eq!(Score::new(0), None);
        assert_eq!(Score::new(6), None);
        assert_eq!(Score::clamped(99).get(), 5);
        assert_eq!(Score::clamped(-3).get(), 1);
    }

    #[test]
    fn ranking_uses_the_product_then_harm() {
        let ds = vec![
            deficit(1, 2, 2, 2),
            deficit(2, 5, 5, 1),
            deficit(3, 1, 5, 5),
            deficit(4, 4, 4, 4),
        ];
        let order: Vec<i64> = ranked(&ds).iter().map(|d| d.id.0).collect();
        // 4: 64; 2: 25 (harm 5); 3: 25 (harm 1); 1: 8
        assert_eq!(order, [4, 2, 3, 1]);
    }

    #[test]
    fn step_needs_a_choice_and_a_reason() {
        let ds = vec![deficit(1, 3, 3, 3)];
        let none = DeficitChoice::default();
        assert_eq!(
            deficit_step_problems(&ds, &none),
            ["Choose one deficit as the most consequential."]
        );
        let no_reason = DeficitChoice {
            chosen: Some(DeficitId(1)),
            rationale: " ".into(),
        };
        assert_eq!(deficit_step_problems(&ds, &no_reason).len(), 1);
        let ok = DeficitChoice {
            chosen: Some(DeficitId(1)),
            rationale: "Most complaints".into(),
        };
        assert!(deficit_step_problems(&ds, &ok).is_empty());
        assert_eq!(
            deficit_step_problems(&[], &none),
            ["Add at least one candidate deficit."]
        );
        let stale = DeficitChoice {
            chosen: Some(DeficitId(9)),
            rationale: "x".into(),
        };
        assert_eq!(deficit_step_problems(&ds, &stale).len(), 1);
    }
}
