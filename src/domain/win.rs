//! Wins (practice 7) and their recognition (practice 8).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{IndicatorId, TeamId};

/// Identifies a win in the wins log.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct WinId(pub i64);

impl std::fmt::Display for WinId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Identifies a recorded recognition.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct RecognitionId(pub i64);

/// What kind of accomplishment a win is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WinKind {
    /// The team's value reached its target.
    TargetMet,
    /// A quarter, half or three quarters of the way from baseline to target.
    Milestone,
    /// The best value the team has ever reported.
    PersonalBest,
    /// Several successive periods, each better than the one before.
    Streak,
    /// A shift in the good direction that the XmR chart says is not noise.
    RealImprovement,
    /// Entered by hand (a qualitative achievement).
    Manual,
}

impl WinKind {
    /// How much a kind of win says about a team, for the order of lists
    /// and agendas (lower first): the target met, a real improvement, a
    /// milestone, a streak, a personal best, then wins entered by hand.
    pub fn significance(self) -> u8 {
        match self {
            WinKind::TargetMet => 0,
            WinKind::RealImprovement => 1,
            WinKind::Milestone => 2,
            WinKind::Streak => 3,
            WinKind::PersonalBest => 4,
            WinKind::Manual => 5,
        }
    }

    /// Every kind, in the order filters list them.
    pub const ALL: [WinKind; 6] = [
        WinKind::TargetMet,
        WinKind::Milestone,
        WinKind::PersonalBest,
        WinKind::Streak,
        WinKind::RealImprovement,
        WinKind::Manual,
    ];

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            WinKind::TargetMet => "Target met",
            WinKind::Milestone => "Milestone",
            WinKind::PersonalBest => "Personal best",
            WinKind::Streak => "Improvement streak",
            WinKind::RealImprovement => "Real improvement (XmR)",
            WinKind::Manual => "Entered by hand",
        }
    }

    /// The stable code stored in workbooks.
    pub fn code(self) -> &'static str {
        match self {
            WinKind::TargetMet => "target_met",
            WinKind::Milestone => "milestone",
            WinKind::PersonalBest => "personal_best",
            WinKind::Streak => "streak",
            WinKind::RealImprovement => "real_improvement",
            WinKind::Manual => "manual",
        }
    }

    /// Reads a stored code back.
    pub fn from_code(code: &str) -> Option<WinKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One value that shows a win happened. Stored compactly as
/// `["2026-03-02", 61.5]`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "(NaiveDate, f64)", into = "(NaiveDate, f64)")]
pub struct Evidence {
    /// The period (start date).
    pub period: NaiveDate,
    /// The value.
    pub value: f64,
}

impl From<(NaiveDate, f64)> for Evidence {
    fn from((period, value): (NaiveDate, f64)) -> Self {
        Evidence { period, value }
    }
}

impl From<Evidence> for (NaiveDate, f64) {
    fn from(e: Evidence) -> Self {
        (e.period, e.value)
    }
}

/// Most evidence points kept with a win (a long shift keeps its first ones).
pub const MAX_EVIDENCE: usize = 12;

/// A win in the wins log, detected from the data or entered by hand.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Win {
    /// Its id.
    pub id: WinId,
    /// What kind.
    pub kind: WinKind,
    /// The team (none for a win of people alone).
    pub team: Option<TeamId>,
    /// The indicator (none for a win entered by hand).
    pub indicator: Option<IndicatorId>,
    /// For wins entered by hand: the person or people (may be empty).
    pub people: String,
    /// When it happened (a period's start, or the date given).
    pub achieved_on: NaiveDate,
    /// A short title ("Halfway to target").
    pub title: String,
    /// What happened, in plain words, with the figures.
    pub explanation: String,
    /// The words a certificate starts from ("for reaching …").
    pub achievement: String,
    /// The values that show it.
    pub evidence: Vec<Evidence>,
    /// False when data changed later and no longer show this win (it is
    /// kept, never deleted, and marked).
    pub holds: bool,
    /// How many times it has been recognised.
    pub recognitions: u32,
}

/// A win typed in by the leader.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ManualWin {
    /// The team, if any.
    pub team: Option<TeamId>,
    /// The person or people, if any.
    pub people: String,
    /// When.
    pub achieved_on: Option<NaiveDate>,
    /// What was achieved.
    pub description: String,
}

impl ManualWin {
    /// What stops it being recorded, phrased for the person typing it.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.team.is_none() && self.people.trim().is_empty() {
            out.push("Say which team or which people achieved it.".to_owned());
        }
        if self.achieved_on.is_none() {
            out.push("Give the date it was achieved (YYYY-MM-DD).".to_owned());
        }
        if self.description.trim().is_empty() {
            out.push("Describe what was achieved.".to_owned());
        }
        out
    }
}

/// Who a win belongs to, in words: the team, the people (with their team),
/// or the whole agency.
pub fn who(win: &Win, teams: &[super::Team]) -> String {
    let team = win
        .team
        .and_then(|t| teams.iter().find(|x| x.id == t))
        .map(|t| t.name.clone());
    match (win.people.trim(), team) {
        ("", Some(t)) => t,
        ("", None) => "Whole agency".to_owned(),
        (p, Some(t)) => format!("{p} ({t})"),
        (p, None) => p.to_owned(),
    }
}

/// Joins names as people write them: "A", "A & B", "A, B & C".
pub fn join_names(names: &[String]) -> String {
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} & {last}", rest.join(", ")),
    }
}

/// Splits typed names: one per line, or separated by commas or semicolons.
pub fn split_names(text: &str) -> Vec<String> {
    text.split(['\n', ',', ';'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A recognition given: who, for what, when, and the files made.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recognition {
    /// Its id.
    pub id: RecognitionId,
    /// The win recognised (none for a certificate made without one).
    pub win: Option<WinId>,
    /// The team it went to, if any.
    pub team: Option<TeamId>,
    /// The recipients as printed.
    pub recipients: String,
    /// The achievement as printed.
    pub achievement: String,
    /// The date printed.
    pub date: NaiveDate,
    /// Who signed.
    pub signer: String,
    /// The files written.
    pub files: Vec<String>,
    /// When it was recorded (RFC 3339, UTC).
    pub recorded_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_stored_compactly() {
        let e = Evidence {
            period: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            value: 61.5,
        };
        let json = serde_json::to_string(&vec![e]).unwrap();
        assert_eq!(json, r#"[["2026-03-02",61.5]]"#);
        let back: Vec<Evidence> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![e]);
    }

    #[test]
    fn codes_round_trip() {
        for k in WinKind::ALL {
            assert_eq!(WinKind::from_code(k.code()), Some(k));
        }
        assert_eq!(WinKind::from_code("nonsense"), None);
    }

    #[test]
    fn names_join_and_split_as_written() {
        let n = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(join_names(&n(&[])), "");
        assert_eq!(join_names(&n(&["Ana"])), "Ana");
        assert_eq!(join_names(&n(&["Ana", "Bo"])), "Ana & Bo");
        assert_eq!(join_names(&n(&["Ana", " ", "Bo", "Cy"])), "Ana, Bo & Cy");
        assert_eq!(split_names("Ana\nBo, Cy; \n"), n(&["Ana", "Bo", "Cy"]));
    }

    #[test]
    fn a_manual_win_needs_who_when_and_what() {
        let empty = ManualWin::default();
        assert_eq!(empty.problems().len(), 3);
        let ok = ManualWin {
            team: None,
            people: "Ana Ruiz".into(),
            achieved_on: NaiveDate::from_ymd_opt(2026, 3, 1),
            description: "Ran the winter pothole blitz".into(),
        };
        assert!(ok.problems().is_empty());
    }
}
