//! Integrity flags (practice 9): what a check found, how serious it is, and
//! what the leader decided about it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::win::Evidence;
use super::{IndicatorId, TeamId};

/// Identifies a flag.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct FlagId(pub i64);

impl std::fmt::Display for FlagId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The integrity checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rule {
    /// An XmR signal on the good side: check it is genuine.
    ImprovementSignal,
    /// An XmR signal on the bad side.
    DeteriorationSignal,
    /// More values just past the target than just short of it.
    Bunching,
    /// Last digits far from even.
    DigitPreference,
    /// First digits of amounts far from Benford's law.
    Benford,
    /// Period-to-period variation far smaller than before or than peers'.
    Smoothness,
    /// Values changed after their period was locked or reported.
    LateEdits,
    /// Edits that mostly move values the favourable way.
    OneSidedEdits,
    /// The indicator improves while its counter-indicator worsens.
    CounterIndicator,
    /// The target indicator improves while the mission indicator does not.
    MissionCheck,
    /// A team stops reporting as it falls behind.
    MissingData,
}

impl Rule {
    /// Every rule, in the order the panel lists them.
    pub const ALL: [Rule; 11] = [
        Rule::Bunching,
        Rule::DigitPreference,
        Rule::Benford,
        Rule::Smoothness,
        Rule::LateEdits,
        Rule::OneSidedEdits,
        Rule::CounterIndicator,
        Rule::MissionCheck,
        Rule::MissingData,
        Rule::DeteriorationSignal,
        Rule::ImprovementSignal,
    ];

    /// A short name.
    pub fn label(self) -> &'static str {
        match self {
            Rule::ImprovementSignal => "Improvement to verify (XmR)",
            Rule::DeteriorationSignal => "Deterioration (XmR)",
            Rule::Bunching => "Bunching at the target",
            Rule::DigitPreference => "Last-digit preference",
            Rule::Benford => "First digits (Benford)",
            Rule::Smoothness => "Implausibly smooth",
            Rule::LateEdits => "Late edits",
            Rule::OneSidedEdits => "One-sided edits",
            Rule::CounterIndicator => "Counter-indicator worsens",
            Rule::MissionCheck => "Mission not following",
            Rule::MissingData => "Stopped reporting",
        }
    }

    /// What the rule looks for and how, for the panel and the README.
    pub fn explanation(self) -> &'static str {
        match self {
            Rule::ImprovementSignal => {
                "The latest values (4 to 26 of them), taken together, are better than the values before them by more than chance allows (their mean beyond 2.7 standard errors of the earlier values' mean, with the variation read from moving ranges as on the XmR chart). Usually good news, counted as a note; worth a look: a better process, or a change in how it is counted?"
            }
            Rule::DeteriorationSignal => {
                "The latest values (4 to 26 of them), taken together, are worse than the values before them by more than chance allows: the process got worse and is still worse. One question per series about now, so that a stable series is warned about roughly once in 50; a change that ended long ago stays on the XmR chart."
            }
            Rule::Bunching => {
                "Values piling up just past the target, more than just short of it. Compared with how the team's values split further from the target (a binomial test); needs at least 8 values near the target and 15 around it. This is how gaming looks: waits recorded just inside four hours."
            }
            Rule::DigitPreference => {
                "The last digits of reported values should be close to even (each about 10%). A chi-square test against even (9 degrees of freedom) with at least 50 values spanning at least 100 units of the last digit; a strong preference suggests estimates or rounding by hand."
            }
            Rule::Benford => {
                "For amounts that span orders of magnitude, first digits follow Benford's law (1 about 30%, 9 about 5%). From 1,000 values, the mean absolute deviation with Nigrini's bands; below that (where even conforming data show a MAD near the bands) a chi-square test (8 degrees of freedom) that only sees large departures. Needs at least 100 values spanning two orders of magnitude."
            }
            Rule::Smoothness => {
                "The last eight values vary far less from period to period (moving range under a quarter) than the team's own earlier values and its peers' recent ones. Real processes are noisy; numbers written to look right are not."
            }
            Rule::LateEdits => {
                "Values changed after their period was locked, or more than 14 days after it ended."
            }
            Rule::OneSidedEdits => {
                "A team whose edits mostly move values the favourable way (at least 4 edits, three quarters or more favourable, binomial test against a fair coin)."
            }
            Rule::CounterIndicator => {
                "The indicator improved (by more than its typical period-to-period change) while its paired counter-indicator worsened over the same span: the target may be met at the expense of something else."
            }
            Rule::MissionCheck => {
                "The target indicator improved while the indicator of the mission-level outcome named in the theory did not: the theory may be wrong, or the target met in a way that does not serve the mission."
            }
            Rule::MissingData => {
                "A team behind its target path whose reports stopped (two or more periods overdue)."
            }
        }
    }

    /// The stable code stored in workbooks.
    pub fn code(self) -> &'static str {
        match self {
            Rule::ImprovementSignal => "improvement_signal",
            Rule::DeteriorationSignal => "deterioration_signal",
            Rule::Bunching => "bunching",
            Rule::DigitPreference => "digit_preference",
            Rule::Benford => "benford",
            Rule::Smoothness => "smoothness",
            Rule::LateEdits => "late_edits",
            Rule::OneSidedEdits => "one_sided_edits",
            Rule::CounterIndicator => "counter_indicator",
            Rule::MissionCheck => "mission_check",
            Rule::MissingData => "missing_data",
        }
    }

    /// Reads a stored code back.
    pub fn from_code(code: &str) -> Option<Rule> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// How much a flag matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// Worth knowing.
    Note,
    /// Worth asking about.
    Warning,
    /// Ask now.
    Serious,
}

impl Severity {
    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Serious => "serious",
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        self.label()
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<Severity> {
        [Severity::Note, Severity::Warning, Severity::Serious]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// What the leader decided about a flag.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FlagStatus {
    /// Not yet looked into.
    #[default]
    Open,
    /// Looked into: there is an innocent explanation.
    Explained,
    /// Looked into: it was a real distortion, and something was done.
    Confirmed,
}

impl FlagStatus {
    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            FlagStatus::Open => "open",
            FlagStatus::Explained => "explained",
            FlagStatus::Confirmed => "confirmed",
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        self.label()
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<FlagStatus> {
        [
            FlagStatus::Open,
            FlagStatus::Explained,
            FlagStatus::Confirmed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// True once the leader has decided.
    pub fn is_settled(self) -> bool {
        self != FlagStatus::Open
    }
}

/// A flag in the integrity panel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    /// Its id.
    pub id: FlagId,
    /// The check that raised it.
    pub rule: Rule,
    /// The indicator, if it concerns one.
    pub indicator: Option<IndicatorId>,
    /// The team, if it concerns one.
    pub team: Option<TeamId>,
    /// Identifies the finding within its rule, indicator and team.
    pub key: String,
    /// How much it matters.
    pub severity: Severity,
    /// A short title.
    pub title: String,
    /// What was found, with the figures and the test used.
    pub explanation: String,
    /// The values that show it.
    pub evidence: Vec<Evidence>,
    /// False when the latest check no longer finds it (kept, not deleted).
    pub active: bool,
    /// What the leader decided.
    pub status: FlagStatus,
    /// The explanation given, or what was done.
    pub note: String,
    /// When it was settled (RFC 3339), if it is.
    pub settled_at: Option<String>,
    /// When it was first raised.
    pub first_seen: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Rule::ALL {
            assert_eq!(Rule::from_code(r.code()), Some(r));
            assert!(!r.explanation().is_empty());
        }
        for s in [
            FlagStatus::Open,
            FlagStatus::Explained,
            FlagStatus::Confirmed,
        ] {
            assert_eq!(FlagStatus::from_code(s.code()), Some(s));
        }
        assert!(!FlagStatus::Open.is_settled());
        assert!(FlagStatus::Explained.is_settled());
        assert_eq!(Severity::from_code("serious"), Some(Severity::Serious));
    }
}
