//! View models of the learning screens (practices 10 and 11): the
//! indicator library, comparing indicators, and the review with its
//! ratchet proposal and framework history.

use chrono::NaiveDate;

use crate::analysis::correlation::{FEW_PAIRS, align, pearson, spearman, strength};
use crate::analysis::feasibility::Proposal;
use crate::analysis::progress::Status;
use crate::analysis::snapshot::IndicatorSnapshot;
use crate::domain::number::format_number;
use crate::domain::review::{FrameworkVersion, Review};
use crate::domain::{Indicator, IndicatorId, Observation, Period, TeamId};

/// One indicator in the library.
#[derive(Clone, Debug, PartialEq)]
pub struct LibraryRow {
    /// The indicator.
    pub id: IndicatorId,
    /// Name.
    pub name: String,
    /// "% · higher is better · weekly · per team".
    pub about: String,
    /// Its description.
    pub description: String,
    /// "Latest: median 84.3% across 6 teams (2026-W47)".
    pub latest: String,
    /// How many teams stand where: (status, count), only statuses present.
    pub statuses: Vec<(Status, usize)>,
    /// Its observations, newest first.
    pub observations: Vec<Observation>,
    /// Marked as amounts.
    pub is_amount: bool,
}

/// The indicator library.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LibraryView {
    /// Every indicator.
    pub rows: Vec<LibraryRow>,
}

impl LibraryView {
    /// Builds the library from each indicator's snapshot and the observations.
    pub fn new(snapshots: &[IndicatorSnapshot], observations: &[Observation]) -> LibraryView {
        let rows = snapshots
            .iter()
            .map(|s| {
                let ind = &s.indicator;
                let latest: Vec<(NaiveDate, f64)> = s
                    .teams
                    .iter()
                    .filter_map(|t| t.points.last().copied())
                    .collect();
                let latest_text = match latest.iter().map(|(d, _)| *d).max() {
                    None => "No values yet".to_owned(),
                    Some(when) => {
                        let values: Vec<f64> = latest.iter().map(|(_, v)| *v).collect();
                        let m = crate::analysis::integrity::stats::median(&values).unwrap_or(0.0);
                        let unit = if ind.unit.trim() == "%" {
                            "%".to_owned()
                        } else {
                            format!(" {}", ind.unit.trim())
                        };
                        format!(
                            "Latest: {} {}{unit} across {} (newest {})",
                            if values.len() > 1 { "median" } else { "value" },
                            format_number(m, usize::from(ind.decimals)),
                            crate::domain::number::count(values.len() as u64, "team", "teams"),
                            Period {
                                start: when,
                                frequency: ind.frequency
                            }
                            .label()
                        )
                    }
                };
                let mut statuses: Vec<(Status, usize)> = Vec::new();
                for r in &s.league {
                    match statuses.iter_mut().find(|(st, _)| *st == r.progress.status) {
                        Some((_, n)) => *n += 1,
                        None => statuses.push((r.progress.status, 1)),
                    }
                }
                statuses.sort_by_key(|(st, _)| *st as u8);
                LibraryRow {
                    id: ind.id,
                    name: ind.name.clone(),
                    about: format!(
                        "{} · {} · {} · {} · {}",
                        if ind.unit.trim().is_empty() {
                            "no unit"
                        } else {
                            ind.unit.trim()
                        },
                        ind.direction.label().to_lowercase(),
                        ind.frequency.label().to_lowercase(),
                        match ind.kind {
                            crate::domain::IndicatorKind::Quantitative => "numbers",
                            crate::domain::IndicatorKind::YesNo => "yes/no",
                        },
                        match ind.scope {
                            crate::domain::IndicatorScope::PerTeam => "per team",
                            crate::domain::IndicatorScope::AgencyWide => "agency-wide",
                        }
                    ),
                    description: ind.description.clone(),
                    latest: latest_text,
                    statuses,
                    observations: observations
                        .iter()
                        .filter(|o| o.indicator == Some(ind.id))
                        .cloned()
                        .collect(),
                    is_amount: ind.is_amount,
                }
            })
            .collect();
        LibraryView { rows }
    }
}

/// Two indicators side by side on aligned periods.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompareView {
    /// The first indicator.
    pub a: Option<IndicatorId>,
    /// The second indicator.
    pub b: Option<IndicatorId>,
    /// One team, or every team pooled (each team's periods as separate pairs).
    pub team: Option<TeamId>,
    /// The aligned pairs: (period start, a, b).
    pub aligned: Vec<(NaiveDate, f64, f64)>,
    /// Pearson's r.
    pub pearson: Option<f64>,
    /// Spearman's ρ.
    pub spearman: Option<f64>,
    /// The result in words, with the number of pairs and any warning.
    pub summary: String,
}

impl CompareView {
    /// Compares `a` and `b` (their snapshots) for one team or all.
    pub fn new(
        sa: &IndicatorSnapshot,
        sb: &IndicatorSnapshot,
        team: Option<TeamId>,
    ) -> CompareView {
        let (fa, fb) = (sa.indicator.frequency, sb.indicator.frequency);
        let mut aligned = Vec::new();
        for ta in sa.teams.iter().filter(|t| team.is_none_or(|x| t.team == x)) {
            // A team's own series on B, else B's agency-wide series.
            let tb = sb
                .teams
                .iter()
                .find(|t| t.team == ta.team)
                .or_else(|| (sb.teams.len() == 1).then(|| &sb.teams[0]));
            if let Some(tb) = tb {
                aligned.extend(align(&ta.points, fa, &tb.points, fb));
            }
        }
        let pairs: Vec<(f64, f64)> = aligned.iter().map(|(_, x, y)| (*x, *y)).collect();
        let (p, s) = (pearson(&pairs), spearman(&pairs));
        let n = pairs.len();
        let summary = match (p, s) {
            (Some(p), Some(s)) => {
                let mut text = format!(
                    "{n} aligned periods: Pearson r = {p:.2} ({} {}), Spearman ρ = {s:.2}.",
                    strength(p),
                    if p >= 0.0 { "positive" } else { "negative" }
                );
                if n < FEW_PAIRS {
                    text.push_str(&format!(" Only {n} pairs: too few to rely on."));
                }
                text.push_str(" Correlation is not cause: use it to ask questions of the theory, not to answer them.");
                text
            }
            _ => format!("{n} aligned periods: not enough varying pairs for a correlation."),
        };
        CompareView {
            a: Some(sa.indicator.id),
            b: Some(sb.indicator.id),
            team,
            aligned,
            pearson: p,
            spearman: s,
            summary,
        }
    }
}

/// The review screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewView {
    /// Every review, newest first.
    pub reviews: Vec<Review>,
    /// Every kept framework version (id, when, label), newest first.
    pub versions: Vec<(i64, String, String)>,
    /// Two versions side by side.
    pub compared: Option<(FrameworkVersion, FrameworkVersion)>,
    /// A proposed ratcheted target, or why there is none.
    pub proposal: Option<Result<Proposal, String>>,
    /// The target against the natural process limits, in words.
    pub feasibility: Option<String>,
}

/// The indicators a comparison can choose from.
pub fn comparable(indicators: &[Indicator]) -> Vec<(IndicatorId, String)> {
    indicators.iter().map(|i| (i.id, i.name.clone())).collect()
}
