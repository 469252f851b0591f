//! Seeded honest and gamed teams, for measuring how often the integrity
//! checks are right: each team reports a weekly percentage around its own
//! level with normal noise; a gaming team distorts its reports in one of
//! the ways the checks look for. The flow test `verdict_rates` runs the
//! checks on many such teams and asserts the detection and false-alarm
//! rates the README quotes.

use chrono::NaiveDate;

use crate::analysis::integrity::edits::EditRecord;
use crate::analysis::integrity::{IndicatorData, SeriesData};
use crate::analysis::rng::SplitMix64;
use crate::analysis::xmr::XmrOptions;
use crate::domain::{
    Direction, Frequency, Indicator, IndicatorId, IndicatorKind, IndicatorScope, StatusThresholds,
    TargetValues, TeamId,
};

/// How a generated team reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Conduct {
    /// Its true values, with a few honest corrections made on time.
    Honest,
    /// Honest, but its process got worse by `sigmas` standard deviations
    /// for its last `periods` values.
    Deteriorated {
        /// The size of the shift, in standard deviations.
        sigmas: f64,
        /// How many of the latest periods it lasts.
        periods: usize,
    },
    /// Honest, and its process got better by `sigmas` standard deviations
    /// for its last `periods` values (a real improvement to recognise).
    Improved {
        /// The size of the shift, in standard deviations.
        sigmas: f64,
        /// How many of the latest periods it lasts.
        periods: usize,
    },
    /// Values that fell just short of the target reported as just past it.
    Bunching,
    /// Most values estimated by hand: whole numbers.
    DigitPreference,
    /// The last eight values written to look right: the level, barely moving.
    Smoothness,
    /// Values improved well after their period ended.
    LateEdits,
    /// Corrections made on time, but nearly all in the team's favour.
    OneSidedEdits,
}

/// The indicator every generated team reports on.
pub const VERDICT_INDICATOR: IndicatorId = IndicatorId(1);
/// The target every generated team has (its level is below it).
pub const VERDICT_TARGET: f64 = 75.0;
/// The standard deviation of every team's noise.
pub const VERDICT_SD: f64 = 4.0;

/// One generated indicator: every team's series and its audit trail.
#[derive(Clone, Debug)]
pub struct VerdictTrial {
    /// The series, one per team, with each team's conduct beside it.
    pub data: IndicatorData,
    /// How each team reported (same order as the series).
    pub conduct: Vec<Conduct>,
    /// Changes to reported values.
    pub edits: Vec<EditRecord>,
    /// Team ids and names, for the edit checks.
    pub team_names: Vec<(TeamId, String)>,
    /// The date the checks run as of (the week after the last value).
    pub today: NaiveDate,
}

/// A normal deviate (Box–Muller), so that tails are those of the normal
/// distribution the rates are stated for.
fn normal(rng: &mut SplitMix64) -> f64 {
    let u1 = rng.unit().max(f64::MIN_POSITIVE);
    let u2 = rng.unit();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The indicator the trials use: a weekly percentage, higher is better.
pub fn verdict_indicator() -> Indicator {
    Indicator {
        id: VERDICT_INDICATOR,
        name: "Cases closed on time".into(),
        unit: "%".into(),
        direction: Direction::Higher,
        frequency: Frequency::Week,
        decimals: 1,
        kind: IndicatorKind::Quantitative,
        scope: IndicatorScope::PerTeam,
        is_amount: false,
        counter_indicator: None,
        description: String::new(),
        thresholds: StatusThresholds::default(),
    }
}

/// Teams with the given conduct, `weeks` weekly values each, from `seed`.
pub fn verdict_trial(seed: u64, conduct: &[Conduct], weeks: usize) -> VerdictTrial {
    let mut rng = SplitMix64::new(seed);
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let week = |i: usize| first + chrono::Days::new(7 * i as u64);
    let mut series = Vec::with_capacity(conduct.len());
    let mut edits = Vec::new();
    let mut team_names = Vec::with_capacity(conduct.len());
    for (k, &c) in conduct.iter().enumerate() {
        let team = TeamId(k as i64 + 1);
        let name = format!("Team {:03}", k + 1);
        // Each team's own level, a little below the target.
        let level = VERDICT_TARGET - 2.0 - 4.0 * rng.unit();
        let mut values: Vec<f64> = (0..weeks)
            .map(|_| level + VERDICT_SD * normal(&mut rng))
            .collect();
        match c {
            Conduct::Deteriorated { sigmas, periods } => {
                for v in values.iter_mut().rev().take(periods) {
                    *v -= sigmas * VERDICT_SD;
                }
            }
            Conduct::Improved { sigmas, periods } => {
                for v in values.iter_mut().rev().take(periods) {
                    *v += sigmas * VERDICT_SD;
                }
            }
            Conduct::Bunching => {
                for v in &mut values {
                    if (VERDICT_TARGET - 1.5 * VERDICT_SD..VERDICT_TARGET).contains(v) {
                        *v = VERDICT_TARGET + 0.4 * VERDICT_SD * rng.unit();
                    }
                }
            }
            Conduct::DigitPreference => {
                for v in &mut values {
                    if rng.unit() < 0.6 {
                        *v = v.round();
                    }
                }
            }
            Conduct::Smoothness => {
                for v in values.iter_mut().rev().take(8) {
                    *v = level + 0.1 * VERDICT_SD * normal(&mut rng);
                }
            }
            _ => {}
        }
        let values: Vec<f64> = values.into_iter().map(round1).collect();
        edits.extend(edits_for(c, team, &values, &week, &mut rng));
        series.push(SeriesData {
            team,
            name: name.clone(),
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| (week(i), *v))
                .collect(),
            target: Some(TargetValues {
                baseline_value: level,
                baseline_date: first,
                target_value: VERDICT_TARGET,
                deadline: week(weeks + 52),
            }),
            xmr: XmrOptions::default(),
        });
        team_names.push((team, name));
    }
    VerdictTrial {
        data: IndicatorData {
            indicator: verdict_indicator(),
            series,
        },
        conduct: conduct.to_vec(),
        edits,
        team_names,
        today: week(weeks),
    }
}

/// The corrections a team makes: honest teams fix a few values within a
/// week of the period's end, either way; gaming teams edit late or mostly
/// in their favour.
fn edits_for(
    c: Conduct,
    team: TeamId,
    values: &[f64],
    week: &dyn Fn(usize) -> NaiveDate,
    rng: &mut SplitMix64,
) -> Vec<EditRecord> {
    let n = values.len();
    let (count, late, favourable_share) = match c {
        Conduct::LateEdits => (4, true, 0.9),
        Conduct::OneSidedEdits => (16, false, 0.95),
        _ => (4, false, 0.5),
    };
    (0..count)
        .map(|_| {
            let i = (rng.unit() * n as f64) as usize % n.max(1);
            let old = values[i];
            let size = 0.5 + 2.0 * rng.unit();
            let up = rng.unit() < favourable_share;
            let new = round1(if up { old + size } else { old - size });
            let period = week(i);
            let days = if late {
                30 + (rng.unit() * 60.0) as u64
            } else {
                7 + (rng.unit() * 6.0) as u64
            };
            EditRecord {
                indicator: VERDICT_INDICATOR,
                team,
                period,
                old: Some(old),
                new: Some(new),
                changed_on: period + chrono::Days::new(days),
                locked_then: false,
                reason: "correction".into(),
            }
        })
        .collect()
}
