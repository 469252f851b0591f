//! Is the target within what the current process can do? (practice 10),
//! and a proposal to ratchet it once met or clearly beyond reach (practice 11).

use chrono::NaiveDate;

use super::xmr::{XmrLimits, XmrOptions, xmr_chart};
use crate::domain::target::with_unit;
use crate::domain::{Direction, Period, Target};

/// Recent values that describe the current process.
pub const RECENT_PERIODS: usize = 24;
/// Fewest values for a verdict.
pub const MIN_PERIODS: usize = 8;

/// Where the target stands against the natural process limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The process's centre line already meets it.
    AlreadyMet,
    /// Inside the limits: the current process meets and misses it by chance.
    WithinLimits,
    /// Beyond the limits: reaching it needs the process to change.
    BeyondLimits,
}

/// The target against the current process.
#[derive(Clone, Debug, PartialEq)]
pub struct Feasibility {
    /// The limits of the recent values.
    pub limits: XmrLimits,
    /// Values they were computed from.
    pub n: usize,
    /// The verdict.
    pub verdict: Verdict,
    /// The verdict in words, with the figures.
    pub text: String,
}

fn recent_limits(series: &[(NaiveDate, f64)]) -> Result<(XmrLimits, usize), String> {
    let from = series.len().saturating_sub(RECENT_PERIODS);
    let values: Vec<f64> = series[from..].iter().map(|(_, v)| *v).collect();
    if values.len() < MIN_PERIODS {
        return Err(format!(
            "{} periods of data; the natural process limits need at least {MIN_PERIODS}",
            values.len()
        ));
    }
    let chart = xmr_chart(&values, XmrOptions::default()).ok_or("no limits could be computed")?;
    let limits = chart.latest_limits().ok_or("no limits could be computed")?;
    Ok((limits, values.len()))
}

/// Compares the target with the natural process limits of the recent values
/// (the agency's series: for many teams, the median team per period).
pub fn feasibility(target: &Target, series: &[(NaiveDate, f64)]) -> Result<Feasibility, String> {
    if target.direction == Direction::Neutral {
        return Err("the target has no better direction".into());
    }
    let (limits, n) = recent_limits(series)?;
    let v = |x: f64| with_unit(x, &target.unit);
    let t = target.values();
    let verdict = if t.is_met(limits.centre, target.direction) {
        Verdict::AlreadyMet
    } else if limits.contains(target.target_value) {
        Verdict::WithinLimits
    } else {
        Verdict::BeyondLimits
    };
    let range = format!(
        "the last {n} periods vary naturally between {} and {} around {}",
        v(limits.lower),
        v(limits.upper),
        v(limits.centre)
    );
    let text = match verdict {
        Verdict::AlreadyMet => format!(
            "The target of {} is already met by the current process ({range}): consider ratcheting it up.",
            v(target.target_value)
        ),
        Verdict::WithinLimits => format!(
            "The target of {} lies inside the natural process limits ({range}): the current process will meet and miss it by chance, so meeting it once proves little.",
            v(target.target_value)
        ),
        Verdict::BeyondLimits => format!(
            "The target of {} lies beyond the natural process limits ({range}): reaching it needs the process to change, not just more effort.",
            v(target.target_value)
        ),
    };
    Ok(Feasibility {
        limits,
        n,
        verdict,
        text,
    })
}

/// A new target proposed from the achieved level.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The proposed target (editable before it is saved).
    pub target: Target,
    /// Why these numbers.
    pub why: String,
    /// Whether the old target was met (else it was beyond reach).
    pub met: bool,
}

fn round_to(v: f64, decimals: u8) -> f64 {
    let s = 10f64.powi(i32::from(decimals));
    (v * s).round() / s
}

/// Proposes a ratcheted target once the current one is met (the recent
/// centre line meets it, or the last four values all do) or clearly beyond
/// reach (the deadline passed, or the target lies beyond the limits with
/// less than a quarter of the time left). The new baseline is the achieved
/// level (the centre line), dated this period; the new target the better
/// natural process limit — what the current process achieves at its best —
/// and, when met, at least a quarter of the old step beyond the old target;
/// the deadline as far ahead as the old one was.
pub fn propose_ratchet(
    current: &Target,
    series: &[(NaiveDate, f64)],
    today: NaiveDate,
    decimals: u8,
) -> Result<Proposal, String> {
    if current.direction == Direction::Neutral {
        return Err("the target has no better direction".into());
    }
    let (limits, n) = recent_limits(series)?;
    let t = current.values();
    let dir = current.direction;
    let last4: Vec<f64> = series.iter().rev().take(4).map(|(_, v)| *v).collect();
    let met = t.is_met(limits.centre, dir)
        || (last4.len() == 4 && last4.iter().all(|v| t.is_met(*v, dir)));
    let total = (current.deadline - current.baseline_date).num_days().max(1);
    let left = (current.deadline - today).num_days();
    let beyond =
        !limits.contains(current.target_value) && !t.is_met(limits.upper.max(limits.lower), dir);
    let out_of_reach = !met && (left < 0 || (beyond && left * 4 < total));
    if !met && !out_of_reach {
        return Err(format!(
            "the target is neither met nor clearly beyond reach ({} of {} days left); it can still be changed by hand",
            left.max(0),
            total
        ));
    }
    let best = match dir {
        Direction::Lower => limits.lower,
        _ => limits.upper,
    };
    let step = (current.target_value - current.baseline_value).abs() * 0.25;
    let value = if met {
        let floor = current.target_value + dir.sign() * step;
        if dir.is_better(best, floor) {
            best
        } else {
            floor
        }
    } else {
        best
    };
    let start = Period::containing(current.frequency, today).start;
    let deadline = start
        .checked_add_days(chrono::Days::new(u64::try_from(total).unwrap_or(365)))
        .unwrap_or(current.deadline);
    let target = Target {
        baseline_value: round_to(limits.centre, decimals),
        baseline_date: start,
        target_value: round_to(value, decimals),
        deadline,
        ..current.clone()
    };
    let v = |x: f64| with_unit(x, &current.unit);
    let why = if met {
        format!(
            "The target of {} is met: over the last {n} periods the process runs at {} (natural limits {} to {}). \
             The proposal starts from that level and aims at {} — what the current process achieves at its best, and further than the old target — by {}.",
            v(current.target_value),
            v(limits.centre),
            v(limits.lower),
            v(limits.upper),
            v(target.target_value),
            deadline.format("%-d %B %Y")
        )
    } else {
        format!(
            "The target of {} is beyond reach ({}): over the last {n} periods the process runs at {} with natural limits {} to {}. \
             The proposal aims at {}, the edge of what the current process can do, by {}; change the process to aim higher.",
            v(current.target_value),
            if left < 0 {
                "its deadline has passed".to_owned()
            } else {
                format!("{left} days left of {total}")
            },
            v(limits.centre),
            v(limits.lower),
            v(limits.upper),
            v(target.target_value),
            deadline.format("%-d %B %Y")
        )
    };
    Ok(Proposal { target, why, met })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Frequency;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn target(baseline: f64, value: f64) -> Target {
        Target {
            indicator_name: "Repaired in 48h".into(),
            unit: "%".into(),
            direction: Direction::Higher,
            frequency: Frequency::Month,
            baseline_value: baseline,
            baseline_date: d(2025, 1, 1),
            target_value: value,
            deadline: d(2026, 1, 1),
        }
    }

    /// Monthly values alternating around `level` by ±1.
    fn around(level: f64, n: usize) -> Vec<(NaiveDate, f64)> {
        (0..n)
            .map(|i| {
                (
                    d(2024 + (i / 12) as i32, (i % 12) as u32 + 1, 1),
                    level + if i % 2 == 0 { 1.0 } else { -1.0 },
                )
            })
            .collect()
    }

    #[test]
    fn verdicts_against_the_limits() {
        // Around 80 ± 1: moving range 2, limits 80 ± 5.32.
        let s = around(80.0, 12);
        assert_eq!(
            feasibility(&target(60.0, 90.0), &s).unwrap().verdict,
            Verdict::BeyondLimits
        );
        assert_eq!(
            feasibility(&target(60.0, 84.0), &s).unwrap().verdict,
            Verdict::WithinLimits
        );
        let met = feasibility(&target(60.0, 78.0), &s).unwrap();
        assert_eq!(met.verdict, Verdict::AlreadyMet);
        assert!(met.text.contains("ratcheting"));
        assert!(
            feasibility(&target(60.0, 90.0), &around(80.0, 5))
                .unwrap_err()
                .contains("at least 8")
        );
    }

    #[test]
    fn a_met_target_is_ratcheted_from_the_achieved_level() {
        let s = around(92.0, 12);
        let p = propose_ratchet(&target(60.0, 90.0), &s, d(2026, 3, 15), 1).unwrap();
        assert!(p.met);
        // Centre 92, limits 86.68–97.32: the better limit falls short of
        // 90 + ¼ × 30 = 97.5, so the proposal is 97.5.
        assert_eq!(p.target.baseline_value, 92.0);
        assert_eq!(p.target.baseline_date, d(2026, 3, 1));
        assert_eq!(p.target.target_value, 97.5);
        assert_eq!(
            p.target.deadline,
            d(2027, 3, 1),
            "as far ahead as the old one was"
        );
        assert!(p.why.contains("is met"));
    }

    #[test]
    fn a_target_beyond_reach_is_brought_to_the_edge_of_the_process() {
        let s = around(70.0, 12);
        // Deadline passed: propose the upper limit 75.32 → 75.3.
        let p = propose_ratchet(&target(60.0, 90.0), &s, d(2026, 2, 10), 1).unwrap();
        assert!(!p.met);
        assert_eq!(p.target.target_value, 75.3);
        // Still time, and not met: no proposal (change it by hand if wanted).
        let e = propose_ratchet(&target(60.0, 90.0), &s, d(2025, 3, 1), 1).unwrap_err();
        assert!(e.contains("neither met nor clearly beyond reach"), "{e}");
    }
}
