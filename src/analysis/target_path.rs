//! The straight path from baseline to target, and the pace it implies.

use chrono::NaiveDate;

use crate::domain::Target;

/// The pace a target asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImpliedPace {
    /// Reporting periods from the baseline's period to the deadline's (at least 1).
    pub periods: i64,
    /// Change needed per period (signed, in the indicator's unit).
    pub change_per_period: f64,
    /// The whole change as a percent of the baseline (None when the baseline is 0).
    pub percent_total: Option<f64>,
    /// The change per period as a percent of the baseline (None when the baseline is 0).
    pub percent_per_period: Option<f64>,
}

/// How fast the indicator must move, per reporting period, to reach the target on time.
pub fn implied_pace(target: &Target) -> ImpliedPace {
    let periods = target
        .frequency
        .periods_between(target.baseline_date, target.deadline)
        .max(1);
    let change = target.target_value - target.baseline_value;
    let per = change / periods as f64;
    let percent =
        |x: f64| (target.baseline_value != 0.0).then(|| x / target.baseline_value.abs() * 100.0);
    ImpliedPace {
        periods,
        change_per_period: per,
        percent_total: percent(change),
        percent_per_period: percent(per),
    }
}

/// Where the straight path from baseline to target stands on `date`
/// (the baseline before the baseline date, the target after the deadline).
pub fn path_value(target: &Target, date: NaiveDate) -> f64 {
    let total = (target.deadline - target.baseline_date).num_days();
    if total <= 0 || date <= target.baseline_date {
        return target.baseline_value;
    }
    if date >= target.deadline {
        return target.target_value;
    }
    let elapsed = (date - target.baseline_date).num_days() as f64 / total as f64;
    target.baseline_value + (target.target_value - target.baseline_value) * elapsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Direction, Frequency};

    fn target(freq: Frequency) -> Target {
        Target {
            indicator_name: "Repairs within 48 h".into(),
            unit: "%".into(),
            direction: Direction::Higher,
            frequency: freq,
            baseline_value: 40.0,
            baseline_date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            target_value: 90.0,
            deadline: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }
    }

    #[test]
    fn monthly_pace() {
        let p = implied_pace(&target(Frequency::Month));
        assert_eq!(p.periods, 12);
        assert!((p.change_per_period - 50.0 / 12.0).abs() < 1e-9);
        assert!((p.percent_total.unwrap() - 125.0).abs() < 1e-9);
        assert!((p.percent_per_period.unwrap() - 125.0 / 12.0).abs() < 1e-9);
    }

    #[test]
    fn quarterly_pace_and_zero_baseline() {
        let mut t = target(Frequency::Quarter);
        t.baseline_value = 0.0;
        let p = implied_pace(&t);
        assert_eq!(p.periods, 4);
        assert_eq!(p.percent_total, None);
        assert!((p.change_per_period - 22.5).abs() < 1e-9);
    }

    #[test]
    fn path_is_linear_and_clamped() {
        let t = target(Frequency::Month);
        assert_eq!(
            path_value(&t, NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()),
            40.0
        );
        assert_eq!(
            path_value(&t, NaiveDate::from_ymd_opt(2027, 6, 1).unwrap()),
            90.0
        );
        let mid = path_value(&t, NaiveDate::from_ymd_opt(2025, 7, 2).unwrap());
        assert!((mid - 65.0).abs() < 0.2, "{mid}");
    }
}
