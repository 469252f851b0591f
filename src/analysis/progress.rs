//! Where a team stands against its target path: on track, at risk, off track.
//!
//! The path runs straight from the baseline (at the baseline date) to the
//! target (at the deadline). A team's gap is how far its latest value lies
//! behind the path, as a share of the whole planned change: a team 3 points
//! behind on a 50-point improvement is 6 % behind.

use chrono::NaiveDate;
use serde::Serialize;

use super::target_path::path_value;
use crate::domain::{Direction, Target, TargetValues};

pub use crate::domain::StatusThresholds;

/// A team's standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Status {
    /// The target is met.
    Met,
    /// At or near the path.
    OnTrack,
    /// Somewhat behind.
    AtRisk,
    /// Well behind.
    OffTrack,
    /// No value reported.
    NoData,
    /// No target to compare with.
    NoTarget,
}

impl Status {
    /// Words, so status is never shown by colour alone.
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "Target met",
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
            Status::NoData => "Not reported",
            Status::NoTarget => "No target",
        }
    }

    /// A symbol that differs in shape as well as colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Met => "★",
            Status::OnTrack => "●",
            Status::AtRisk => "▲",
            Status::OffTrack => "■",
            Status::NoData => "○",
            Status::NoTarget => "–",
        }
    }

    /// The stable code used in exports and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::NoData => "no_data",
            Status::NoTarget => "no_target",
        }
    }
}

/// A team's progress on one indicator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    /// The latest reported period (start) and value.
    pub latest: Option<(NaiveDate, f64)>,
    /// The value reported for the period before the latest one reported.
    pub previous: Option<f64>,
    /// Where the path stands at the latest period's end.
    pub path_at_latest: Option<f64>,
    /// Latest minus the previous value.
    pub change_since_last: Option<f64>,
    /// Latest minus the baseline.
    pub change_since_baseline: Option<f64>,
    /// How far from baseline to target the team has come (100 = target reached).
    pub percent_of_way: Option<f64>,
    /// How far behind the path, as a share of the planned change (negative: ahead).
    pub behind_path: Option<f64>,
    /// The standing.
    pub status: Status,
}

/// Progress of one series (`(period start, period end, value)`, oldest first)
/// against `target`.
pub fn progress(
    series: &[(NaiveDate, NaiveDate, f64)],
    target: Option<&TargetValues>,
    direction: Direction,
    thresholds: StatusThresholds,
) -> Progress {
    let latest = series.last().copied();
    let previous = series.len().checked_sub(2).map(|i| series[i].2);
    let mut p = Progress {
        latest: latest.map(|(s, _, v)| (s, v)),
        previous,
        path_at_latest: None,
        change_since_last: latest.zip(previous).map(|((_, _, v), prev)| v - prev),
        change_since_baseline: None,
        percent_of_way: None,
        behind_path: None,
        status: Status::NoData,
    };
    let Some((_, end, value)) = latest else {
        p.status = if target.is_some() {
            Status::NoData
        } else {
            Status::NoTarget
        };
        return p;
    };
    let Some(t) = target else {
        p.status = Status::NoTarget;
        return p;
    };
    p.change_since_baseline = Some(value - t.baseline_value);
    let planned = t.target_value - t.baseline_value;
    if planned != 0.0 {
        p.percent_of_way = Some((value - t.baseline_value) / planned * 100.0);
    }
    if direction == Direction::Neutral {
        p.status = Status::NoTarget;
        return p;
    }
    let as_target = Target {
        indicator_name: String::new(),
        unit: String::new(),
        direction,
        frequency: crate::domain::Frequency::Week,
        baseline_value: t.baseline_value,
        baseline_date: t.baseline_date,
        target_value: t.target_value,
        deadline: t.deadline,
    };
    let path = path_value(&as_target, end);
    p.path_at_latest = Some(path);
    let behind = if planned == 0.0 {
        0.0
    } else {
        direction.sign() * (path - value) / planned.abs()
    };
    p.behind_path = Some(behind);
    p.status = if t.is_met(value, direction) {
        Status::Met
    } else if behind <= thresholds.on_track_within {
        Status::OnTrack
    } else if behind <= thresholds.at_risk_within {
        Status::AtRisk
    } else {
        Status::OffTrack
    };
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn target() -> TargetValues {
        // 40 → 90 over 2025 (365 days).
        TargetValues {
            baseline_value: 40.0,
            baseline_date: d(2025, 1, 1),
            target_value: 90.0,
            deadline: d(2026, 1, 1),
        }
    }

    fn at_mid(value: f64) -> Vec<(NaiveDate, NaiveDate, f64)> {
        // Path at 2 July 2025 (day 182 of 365) is 40 + 50 × 182/365 ≈ 64.93.
        vec![
            (d(2025, 6, 1), d(2025, 6, 30), 60.0),
            (d(2025, 7, 1), d(2025, 7, 2), value),
        ]
    }

    #[test]
    fn statuses_against_the_path() {
        let t = target();
        let th = StatusThresholds::default();
        let s = |v| progress(&at_mid(v), Some(&t), Direction::Higher, th).status;
        assert_eq!(s(66.0), Status::OnTrack, "ahead of the path");
        assert_eq!(s(63.0), Status::OnTrack, "≈3.9% behind");
        assert_eq!(s(59.0), Status::AtRisk, "≈11.9% behind");
        assert_eq!(s(50.0), Status::OffTrack);
        assert_eq!(s(95.0), Status::Met);
        let p = progress(&at_mid(65.0), Some(&t), Direction::Higher, th);
        assert_eq!(p.change_since_last, Some(5.0));
        assert_eq!(p.change_since_baseline, Some(25.0));
        assert!((p.percent_of_way.unwrap() - 50.0).abs() < 1e-9);
    }

    #[test]
    fn lower_is_better_mirrors() {
        // 12 → 2 days over 2025.
        let t = TargetValues {
            baseline_value: 12.0,
            baseline_date: d(2025, 1, 1),
            target_value: 2.0,
            deadline: d(2026, 1, 1),
        };
        let th = StatusThresholds::default();
        let s = |v| {
            progress(
                &[(d(2025, 7, 1), d(2025, 7, 2), v)],
                Some(&t),
                Direction::Lower,
                th,
            )
            .status
        };
        // Path at mid-year ≈ 7.01.
        assert_eq!(s(7.0), Status::OnTrack);
        assert_eq!(s(8.0), Status::AtRisk);
        assert_eq!(s(10.0), Status::OffTrack);
        assert_eq!(s(2.0), Status::Met);
    }

    #[test]
    fn missing_data_and_missing_targets_are_said() {
        let th = StatusThresholds::default();
        assert_eq!(
            progress(&[], Some(&target()), Direction::Higher, th).status,
            Status::NoData
        );
        assert_eq!(
            progress(&at_mid(50.0), None, Direction::Higher, th).status,
            Status::NoTarget
        );
        assert_eq!(
            progress(&[], None, Direction::Higher, th).status,
            Status::NoTarget
        );
    }

    #[test]
    fn thresholds_are_checked() {
        assert!(StatusThresholds::default().problems().is_none());
        assert!(
            StatusThresholds {
                on_track_within: 0.2,
                at_risk_within: 0.1
            }
            .problems()
            .is_some()
        );
        assert!(StatusThresholds::default().explain().contains("5%"));
    }
}
