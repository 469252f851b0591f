//! Integrity checks (practice 9): each a rule with a name, a plain
//! explanation, the evidence and a severity; each says when it does not
//! apply and why, instead of passing in silence. Pure: the caller loads the
//! data, `ops::integrity` records the findings.

pub mod edits;
pub mod pairs;
pub mod peers;
pub mod series;
pub mod shift;
pub mod stats;
pub mod triage;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::xmr::{XmrLimits, XmrOptions};
use crate::domain::integrity::{Rule, Severity};
use crate::domain::number::format_number;
use crate::domain::win::Evidence;
use crate::domain::{Indicator, IndicatorId, Period, TargetValues, TeamId};

/// What a check found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule.
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
    /// The values that show it (highlighted on the chart).
    pub evidence: Vec<Evidence>,
    /// What must change for a settled flag to reopen (the substance of the
    /// finding, not every small change in a statistic).
    pub fingerprint: String,
}

/// A check that could not be made, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotApplicable {
    /// The rule.
    pub rule: Rule,
    /// The indicator, if it concerns one.
    pub indicator: Option<IndicatorId>,
    /// The team, if it concerns one.
    pub team: Option<TeamId>,
    /// Why.
    pub reason: String,
}

/// Statistics of one series, printed by `ratchet check`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesStats {
    /// The indicator.
    pub indicator: IndicatorId,
    /// The team.
    pub team: TeamId,
    /// Values.
    pub n: usize,
    /// The XmR limits in force at the end of the series.
    pub xmr: Option<XmrLimits>,
    /// The last-digit test, if it applies.
    pub last_digit: Option<stats::ChiSquare>,
    /// The Benford test, if it applies.
    pub benford: Option<stats::BenfordTest>,
}

/// Everything the checks found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
    /// The checks that did not apply.
    pub not_applicable: Vec<NotApplicable>,
    /// Per-series statistics.
    pub series: Vec<SeriesStats>,
}

impl Report {
    /// Adds another report's contents.
    pub fn extend(&mut self, other: Report) {
        self.findings.extend(other.findings);
        self.not_applicable.extend(other.not_applicable);
        self.series.extend(other.series);
    }

    fn skip(
        &mut self,
        rule: Rule,
        indicator: Option<IndicatorId>,
        team: Option<TeamId>,
        reason: impl Into<String>,
    ) {
        self.not_applicable.push(NotApplicable {
            rule,
            indicator,
            team,
            reason: reason.into(),
        });
    }
}

/// One team's values on an indicator, with what the checks need.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesData {
    /// The team.
    pub team: TeamId,
    /// Its name (for the words).
    pub name: String,
    /// (period start, value), oldest first.
    pub points: Vec<(NaiveDate, f64)>,
    /// The target in force for the team now.
    pub target: Option<TargetValues>,
    /// How its XmR limits are computed.
    pub xmr: XmrOptions,
}

/// One indicator and every team's series on it.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorData {
    /// The indicator.
    pub indicator: Indicator,
    /// The series.
    pub series: Vec<SeriesData>,
}

/// How values and periods are written in findings.
pub(crate) struct Words<'a> {
    pub indicator: &'a Indicator,
}

impl Words<'_> {
    pub fn value(&self, v: f64) -> String {
        let n = format_number(v, usize::from(self.indicator.decimals).max(1));
        match self.indicator.unit.trim() {
            "" => n,
            "%" => format!("{n}%"),
            u => format!("{n} {u}"),
        }
    }

    pub fn period(&self, start: NaiveDate) -> String {
        Period {
            start,
            frequency: self.indicator.frequency,
        }
        .label()
    }
}

/// The most evidence points kept with a finding.
pub const MAX_EVIDENCE: usize = 24;

/// Evidence from points, at most [`MAX_EVIDENCE`].
pub(crate) fn evidence(points: impl IntoIterator<Item = (NaiveDate, f64)>) -> Vec<Evidence> {
    points
        .into_iter()
        .take(MAX_EVIDENCE)
        .map(|(period, value)| Evidence { period, value })
        .collect()
}

/// Runs every check on one indicator's series (each series alone, then the
/// teams against each other).
pub fn check_indicator(data: &IndicatorData, today: NaiveDate) -> Report {
    let mut report = Report::default();
    for s in &data.series {
        report.extend(series::check_series(&data.indicator, s, today));
    }
    report.extend(peers::check_peers(data));
    report
}
