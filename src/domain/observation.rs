//! Qualitative observations: dated notes that give the numbers their context (practice 10).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{IndicatorId, TeamId};

/// Identifies an observation.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct ObservationId(pub i64);

/// A dated note about a team and/or an indicator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Its id (0 before it is saved).
    pub id: ObservationId,
    /// When it was observed.
    pub observed_on: NaiveDate,
    /// The team it concerns, if any.
    pub team: Option<TeamId>,
    /// The indicator it concerns, if any.
    pub indicator: Option<IndicatorId>,
    /// What was observed.
    pub text: String,
    /// Free tags, e.g. "equipment", "weather".
    pub tags: Vec<String>,
    /// Where it came from: "site visit", "complaint", "field note", ...
    pub source: String,
}

/// Sources offered in the observation form (any other text is allowed too).
pub const COMMON_SOURCES: [&str; 5] = [
    "site visit",
    "complaint",
    "field note",
    "survey",
    "staff report",
];

/// Splits typed tags ("equipment, weather;  staffing") into clean, unique tags.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.to_owned());
        }
    }
    tags
}

/// Problems that stop an observation being saved.
pub fn observation_problems(o: &Observation) -> Vec<String> {
    let mut out = Vec::new();
    if o.text.trim().is_empty() {
        out.push("Write what was observed.".to_owned());
    }
    if o.text.chars().count() > 5_000 {
        out.push("Keep an observation under 5,000 characters.".to_owned());
    }
    out
}

impl Observation {
    /// True when `query` (case-insensitive) appears in its text, tags or source.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        q.is_empty()
            || self.text.to_lowercase().contains(&q)
            || self.source.to_lowercase().contains(&q)
            || self.tags.iter().any(|t| t.to_lowercase().contains(&q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_split_trimmed_and_unique() {
        assert_eq!(
            parse_tags(" equipment, weather;Weather ,, staffing "),
            ["equipment", "weather", "staffing"]
        );
        assert!(parse_tags("  ").is_empty());
    }

    #[test]
    fn search_looks_at_text_tags_and_source() {
        let o = Observation {
            text: "Crew short of asphalt".into(),
            tags: vec!["supplies".into()],
            source: "site visit".into(),
            ..Observation::default()
        };
        assert!(o.matches("ASPHALT"));
        assert!(o.matches("suppl"));
        assert!(o.matches("visit"));
        assert!(o.matches(""));
        assert!(!o.matches("snow"));
        assert_eq!(observation_problems(&Observation::default()).len(), 1);
    }
}
