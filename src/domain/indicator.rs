//! Indicators: what is measured, in what unit, which way is better, how often.

use serde::{Deserialize, Serialize};

use super::{Direction, Frequency, IndicatorId};

/// Numbers or yes/no answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IndicatorKind {
    /// A number per period.
    Quantitative,
    /// Yes (1) or no (0) per period.
    YesNo,
}

impl IndicatorKind {
    /// The stable code stored in workbooks.
    pub fn code(self) -> &'static str {
        match self {
            IndicatorKind::Quantitative => "quantitative",
            IndicatorKind::YesNo => "yes_no",
        }
    }

    /// Reads a stored code back.
    pub fn from_code(code: &str) -> Option<IndicatorKind> {
        [IndicatorKind::Quantitative, IndicatorKind::YesNo]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// Whether each team reports the indicator or the agency reports it once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IndicatorScope {
    /// One value per team per period.
    PerTeam,
    /// One value for the whole agency per period.
    AgencyWide,
}

impl IndicatorScope {
    /// The stable code stored in workbooks.
    pub fn code(self) -> &'static str {
        match self {
            IndicatorScope::PerTeam => "team",
            IndicatorScope::AgencyWide => "agency",
        }
    }

    /// Reads a stored code back.
    pub fn from_code(code: &str) -> Option<IndicatorScope> {
        [IndicatorScope::PerTeam, IndicatorScope::AgencyWide]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// An indicator in the workbook's library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Its id.
    pub id: IndicatorId,
    /// Its name, unique in the workbook (ignoring case).
    pub name: String,
    /// Its unit ("%", "days").
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Decimals shown.
    pub decimals: u8,
    /// Numbers or yes/no.
    pub kind: IndicatorKind,
    /// Per team or agency-wide.
    pub scope: IndicatorScope,
    /// Money-like amounts spanning orders of magnitude (where first-digit tests apply).
    pub is_amount: bool,
    /// A paired counter-indicator that should not worsen while this one improves.
    pub counter_indicator: Option<IndicatorId>,
    /// What it measures and where the data come from.
    pub description: String,
    /// When a team counts as on track or at risk against its target path.
    pub thresholds: StatusThresholds,
}

/// How far behind the path a team may be and still count as on track, or at risk.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusThresholds {
    /// Behind by at most this share of the planned change: on track.
    pub on_track_within: f64,
    /// Behind by at most this share: at risk; further behind: off track.
    pub at_risk_within: f64,
}

impl Default for StatusThresholds {
    fn default() -> Self {
        Self {
            on_track_within: 0.05,
            at_risk_within: 0.15,
        }
    }
}

impl StatusThresholds {
    /// The thresholds explained in a sentence, for the screen beside the chart.
    pub fn explain(&self) -> String {
        format!(
            "On track: at or ahead of the path, or behind it by at most {}% of the planned change; at risk: behind by up to {}%; off track: further behind.",
            (self.on_track_within * 100.0).round(),
            (self.at_risk_within * 100.0).round()
        )
    }

    /// Problems with a pair of thresholds typed by a person.
    pub fn problems(&self) -> Option<String> {
        let ok = self.on_track_within >= 0.0
            && self.at_risk_within >= self.on_track_within
            && self.at_risk_within <= 1.0
            && self.on_track_within.is_finite()
            && self.at_risk_within.is_finite();
        (!ok).then(|| "The on-track margin must be between 0 and the at-risk margin, which must be at most 100%.".to_owned())
    }
}

/// What defines an indicator before it has an id: what a form, an import
/// or a generator asks storage to add (the same fields in every layer).
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorSpec {
    /// Name, unique ignoring case.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Decimals shown (0–6).
    pub decimals: u8,
    /// Numbers or yes/no.
    pub kind: IndicatorKind,
    /// Per team or agency-wide.
    pub scope: IndicatorScope,
    /// Amounts spanning orders of magnitude.
    pub is_amount: bool,
    /// What it measures.
    pub description: String,
}

impl Default for IndicatorSpec {
    /// A new indicator's form: monthly, higher is better, one decimal.
    fn default() -> Self {
        IndicatorSpec::simple("", "", Direction::Higher, Frequency::Month)
    }
}

impl Indicator {
    /// Its defining fields.
    pub fn spec(&self) -> IndicatorSpec {
        IndicatorSpec {
            name: self.name.clone(),
            unit: self.unit.clone(),
            direction: self.direction,
            frequency: self.frequency,
            decimals: self.decimals,
            kind: self.kind,
            scope: self.scope,
            is_amount: self.is_amount,
            description: self.description.clone(),
        }
    }

    /// This indicator with its defining fields replaced by `spec`'s (its
    /// id, counter-indicator and thresholds kept).
    pub fn with_spec(&self, spec: &IndicatorSpec) -> Indicator {
        Indicator {
            name: spec.name.clone(),
            unit: spec.unit.clone(),
            direction: spec.direction,
            frequency: spec.frequency,
            decimals: spec.decimals,
            kind: spec.kind,
            scope: spec.scope,
            is_amount: spec.is_amount,
            description: spec.description.clone(),
            ..self.clone()
        }
    }
}

impl IndicatorSpec {
    /// A per-team quantitative indicator with one decimal.
    pub fn simple(name: &str, unit: &str, direction: Direction, frequency: Frequency) -> Self {
        IndicatorSpec {
            name: name.to_owned(),
            unit: unit.to_owned(),
            direction,
            frequency,
            decimals: 1,
            kind: IndicatorKind::Quantitative,
            scope: IndicatorScope::PerTeam,
            is_amount: false,
            description: String::new(),
        }
    }
}
