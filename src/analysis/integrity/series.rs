//! Checks on one team's series alone: XmR signals, bunching at the target,
//! last-digit preference, first digits of amounts, and reports that stop.

use chrono::NaiveDate;

use super::stats::{
    benford, binomial_at_least, chi_square, last_digit_counts, mean_moving_range, p_text,
};
use super::{Finding, Report, SeriesData, SeriesStats, Words, evidence, shift};
use crate::analysis::progress::{Status, progress};
use crate::analysis::xmr::latest_limits;
use crate::domain::integrity::{Rule, Severity};
use crate::domain::{Direction, Indicator, IndicatorKind, Period};

/// Values a series needs before a sustained shift is flagged.
pub const MIN_XMR_POINTS: usize = shift::MIN_VALUES;
/// Values a last-digit test needs.
pub const MIN_DIGITS: usize = 50;

/// Every single-series check.
pub fn check_series(ind: &Indicator, s: &SeriesData, today: NaiveDate) -> Report {
    let mut r = Report::default();
    let values: Vec<f64> = s.points.iter().map(|(_, v)| *v).collect();
    // The limits shown with the series' statistics are its XmR chart's,
    // with the leader's settings.
    let latest = (values.len() >= 2)
        .then(|| latest_limits(&values, s.xmr))
        .flatten();
    let digits = digit_preference(ind, s, &values, &mut r);
    let benford_stats = if ind.is_amount {
        benford(&values).ok()
    } else {
        None
    };
    r.series.push(SeriesStats {
        indicator: ind.id,
        team: s.team,
        n: values.len(),
        xmr: latest,
        last_digit: digits,
        benford: benford_stats,
    });
    signals(ind, s, &values, &mut r);
    bunching(ind, s, &mut r);
    missing_data(ind, s, today, &mut r);
    r
}

fn signals(ind: &Indicator, s: &SeriesData, values: &[f64], r: &mut Report) {
    let skip = |r: &mut Report, why: &str| {
        r.skip(Rule::DeteriorationSignal, Some(ind.id), Some(s.team), why);
    };
    if ind.direction == Direction::Neutral {
        return skip(
            r,
            "neither direction is better, so a shift is neither good nor bad (see its XmR chart)",
        );
    }
    if values.len() < MIN_XMR_POINTS {
        return skip(
            r,
            &format!(
                "{} values; a sustained shift is judged from {MIN_XMR_POINTS} ({} before the latest {})",
                values.len(),
                shift::MIN_REFERENCE,
                shift::MIN_EPISODE
            ),
        );
    }
    let (up, down) = shift::latest_shifts(values, shift::reference_for(s.xmr));
    let (good, bad) = match ind.direction {
        Direction::Higher => (up, down),
        _ => (down, up),
    };
    let w = Words { indicator: ind };
    for (found, rule, severity) in [
        (bad, Rule::DeteriorationSignal, Severity::Warning),
        (good, Rule::ImprovementSignal, Severity::Note),
    ] {
        let Some(found) = found else { continue };
        let (d0, _) = s.points[found.start];
        let (ref0, _) = s.points[found.reference.0];
        let (ref1, _) = s.points[found.reference.1 - 1];
        let (title, meaning) = if rule == Rule::ImprovementSignal {
            (
                "An improvement to verify",
                "Real change, not noise — usually good news. Is it a better process, or a change in how it is counted?",
            )
        } else {
            ("A deterioration", "The process got worse, not by chance.")
        };
        let direction = if found.is_up() { "above" } else { "below" };
        r.findings.push(Finding {
            rule,
            indicator: Some(ind.id),
            team: Some(s.team),
            key: d0.to_string(),
            severity,
            title: format!("{title} in {}: {} since {}", ind.name, s.name, w.period(d0)),
            explanation: format!(
                "{} on {}: the last {} values (from {}) average {}, {} {direction} the centre line of {} set by the {} values from {} to {} \
                 ({:.1} times their usual variation; typical change from one period to the next {}). \
                 A stable process shows a shift this large and this long at the end of a series about once in 50 series. {meaning}",
                s.name,
                ind.name,
                found.len,
                w.period(d0),
                w.value(found.episode_mean),
                w.value((found.episode_mean - found.centre).abs()),
                w.value(found.centre),
                found.reference.1 - found.reference.0,
                w.period(ref0),
                w.period(ref1),
                found.sigmas.abs(),
                w.value(found.mean_moving_range),
            ),
            evidence: evidence(s.points[found.start..].iter().copied()),
            fingerprint: format!("since {d0}"),
        });
    }
}

/// The width of the band each side of the target counted as "just short"
/// or "just past": the team's mean moving range (its usual change from one
/// period to the next, wide enough to hold values nudged over the line), at
/// least one unit of the last decimal.
fn band_width(ind: &Indicator, values: &[f64]) -> f64 {
    let unit = 10f64.powi(-i32::from(ind.decimals));
    mean_moving_range(values).unwrap_or(0.0).max(unit)
}

fn bunching(ind: &Indicator, s: &SeriesData, r: &mut Report) {
    let skip =
        |r: &mut Report, why: String| r.skip(Rule::Bunching, Some(ind.id), Some(s.team), why);
    let Some(t) = s.target else {
        return skip(r, "the team has no target to bunch at".into());
    };
    if ind.direction == Direction::Neutral || ind.kind != IndicatorKind::Quantitative {
        return skip(
            r,
            "the indicator has no better direction, or is yes/no".into(),
        );
    }
    let values: Vec<f64> = s.points.iter().map(|(_, v)| *v).collect();
    let h = band_width(ind, &values);
    let target = t.target_value;
    // Distance past the target (positive: met), in the indicator's direction.
    let past = |v: f64| match ind.direction {
        Direction::Lower => target - v,
        _ => v - target,
    };
    let (mut just_short, mut just_past, mut far_short, mut far_past) = (0u64, 0u64, 0u64, 0u64);
    let mut near = Vec::new();
    for &(d, v) in &s.points {
        let x = past(v);
        if (0.0..=h).contains(&x) {
            just_past += 1;
            near.push((d, v));
        } else if (-h..0.0).contains(&x) {
            just_short += 1;
            near.push((d, v));
        } else if x > h && x <= 3.0 * h {
            far_past += 1;
        } else if x < -h && x >= -3.0 * h {
            far_short += 1;
        }
    }
    let n = just_short + just_past;
    let around = n + far_short + far_past;
    if n < 8 || around < 15 {
        return skip(
            r,
            format!(
                "{n} values within ±{} of the target and {around} within ±{}; the test needs at least 8 and 15",
                format_band(h),
                format_band(3.0 * h)
            ),
        );
    }
    // What the team's values further out suggest for the split near the target.
    let p0 = (far_past as f64 + 1.0) / ((far_short + far_past) as f64 + 2.0);
    let p = binomial_at_least(just_past, n, p0);
    if !(p < 0.01 && just_past >= 2 * just_short.max(1)) {
        return;
    }
    let w = Words { indicator: ind };
    let severity = if p < 0.001 {
        Severity::Serious
    } else {
        Severity::Warning
    };
    r.findings.push(Finding {
        rule: Rule::Bunching,
        indicator: Some(ind.id),
        team: Some(s.team),
        key: format!("{target}"),
        severity,
        title: format!("{} bunched just past the target of {}", s.name, w.value(target)),
        explanation: format!(
            "Of {n} values within {} of the target of {}, {just_past} are at or just past it and {just_short} just short. \
             Further out (up to {}), the team's values split {far_past} past to {far_short} short, so about {:.1} of the {n} would be expected past. \
             A binomial test puts the chance of {just_past} or more at {}. Values piling up just past a target, more than the team's spread explains, \
             is how gaming looks: waits recorded just inside four hours, crimes downgraded just below a threshold.",
            format_band(h),
            w.value(target),
            format_band(3.0 * h),
            p0 * n as f64,
            p_text(p)
        ),
        evidence: evidence(near),
        fingerprint: severity.code().to_owned(),
    });
}

fn format_band(h: f64) -> String {
    crate::domain::number::format_number(h, 2)
}

fn digit_preference(
    ind: &Indicator,
    s: &SeriesData,
    values: &[f64],
    r: &mut Report,
) -> Option<super::stats::ChiSquare> {
    let skip = |r: &mut Report, why: String| {
        r.skip(Rule::DigitPreference, Some(ind.id), Some(s.team), why);
        None
    };
    if ind.kind != IndicatorKind::Quantitative {
        return skip(r, "yes/no values have no last digit".into());
    }
    if values.len() < MIN_DIGITS {
        return skip(
            r,
            format!(
                "{} values; the test needs at least {MIN_DIGITS}",
                values.len()
            ),
        );
    }
    let scale = 10f64.powi(i32::from(ind.decimals));
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let units = ((hi - lo) * scale).round();
    if units < 100.0 {
        return skip(
            r,
            format!(
                "the values span {units} units of the last digit; last digits are only expected to be even over at least 100"
            ),
        );
    }
    let counts = last_digit_counts(values, ind.decimals);
    let n = values.len() as f64;
    let test = chi_square(&counts, &[n / 10.0; 10]);
    if test.p_value < 0.001 {
        let (top, top_count) = counts
            .iter()
            .enumerate()
            .max_by_key(|(_, c)| **c)
            .map_or((0, 0), |(d, c)| (d, *c));
        let severity = if test.p_value < 1e-6 {
            Severity::Warning
        } else {
            Severity::Note
        };
        let shares: Vec<String> = counts
            .iter()
            .enumerate()
            .map(|(d, c)| format!("{d}: {:.0}%", *c as f64 / n * 100.0))
            .collect();
        r.findings.push(Finding {
            rule: Rule::DigitPreference,
            indicator: Some(ind.id),
            team: Some(s.team),
            key: "last digits".into(),
            severity,
            title: format!("{} prefers the last digit {top}", s.name),
            explanation: format!(
                "The last digit of {} of the team's {} values is {top} ({:.0}% where about 10% is expected). Last digits: {}. \
                 Chi-square against even: {:.1} with 9 degrees of freedom, {}. A strong preference suggests values estimated or rounded by hand.",
                top_count,
                values.len(),
                top_count as f64 / n * 100.0,
                shares.join(", "),
                test.statistic,
                p_text(test.p_value)
            ),
            evidence: Vec::new(),
            fingerprint: format!("digit {top}"),
        });
    }
    Some(test)
}

fn missing_data(ind: &Indicator, s: &SeriesData, today: NaiveDate, r: &mut Report) {
    let Some(&(last, last_value)) = s.points.last() else {
        return;
    };
    let Some(t) = s.target else {
        return;
    };
    if ind.direction == Direction::Neutral {
        return;
    }
    let f = ind.frequency;
    let latest_ended = Period::containing(f, today).previous().map(|p| p.start);
    let Some(latest_ended) = latest_ended else {
        return;
    };
    let overdue = f.periods_between(last, latest_ended);
    if overdue < 2 {
        return;
    }
    let with_ends: Vec<(NaiveDate, NaiveDate, f64)> = s
        .points
        .iter()
        .map(|(d, v)| {
            (
                *d,
                Period {
                    start: *d,
                    frequency: f,
                }
                .end(),
                *v,
            )
        })
        .collect();
    let status = progress(&with_ends, Some(&t), ind.direction, ind.thresholds).status;
    let tail: Vec<f64> = s.points.iter().rev().take(4).map(|(_, v)| *v).collect();
    let falling = tail.len() == 4 && ind.direction.is_better(tail[3], tail[0]);
    if !(matches!(status, Status::AtRisk | Status::OffTrack) || falling) {
        return;
    }
    let w = Words { indicator: ind };
    r.findings.push(Finding {
        rule: Rule::MissingData,
        indicator: Some(ind.id),
        team: Some(s.team),
        key: last.to_string(),
        severity: Severity::Warning,
        title: format!("{} stopped reporting while behind", s.name),
        explanation: format!(
            "{}'s last value on {} is {} for {}; {overdue} {}s have ended since without a report. At its last report it was {}{}. \
             A team that stops reporting as it falls behind hides the gap it should be helped to close.",
            s.name,
            ind.name,
            w.value(last_value),
            w.period(last),
            f.noun(),
            status.label().to_lowercase(),
            if falling { ", and its last four values were getting worse" } else { "" }
        ),
        evidence: super::evidence(s.points.iter().rev().take(4).rev().copied()),
        fingerprint: last.to_string(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::xmr::XmrOptions;
    use crate::domain::{
        Frequency, IndicatorId, IndicatorScope, StatusThresholds, TargetValues, TeamId,
    };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn indicator(direction: Direction, decimals: u8) -> Indicator {
        Indicator {
            id: IndicatorId(1),
            name: "Seen within four hours".into(),
            unit: "%".into(),
            direction,
            frequency: Frequency::Week,
            decimals,
            kind: IndicatorKind::Quantitative,
            scope: IndicatorScope::PerTeam,
            is_amount: false,
            counter_indicator: None,
            description: String::new(),
            thresholds: StatusThresholds::default(),
        }
    }

    /// Weekly points from Monday 6 January 2025.
    fn weekly(values: &[f64]) -> Vec<(NaiveDate, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (d(2025, 1, 6) + chrono::Days::new(7 * i as u64), *v))
            .collect()
    }

    fn series(values: &[f64], target: Option<f64>) -> SeriesData {
        SeriesData {
            team: TeamId(3),
            name: "Harbor".into(),
            points: weekly(values),
            target: target.map(|t| TargetValues {
                baseline_value: 60.0,
                baseline_date: d(2025, 1, 6),
                target_value: t,
                deadline: d(2027, 1, 1),
            }),
            xmr: XmrOptions::default(),
        }
    }

    /// A deterministic wobble in [-1, 1).
    fn wobble(i: usize) -> f64 {
        ((i * 7919 + 13) % 200) as f64 / 100.0 - 1.0
    }

    fn rules(r: &Report) -> Vec<Rule> {
        r.findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn bunching_planted_just_past_the_target_is_flagged() {
        // 40 weeks spread around 88 ± 4, then 30 weeks between 90.0 and 90.9.
        let mut v: Vec<f64> = (0..40).map(|i| 88.0 + 4.0 * wobble(i)).collect();
        v.extend((0..30).map(|i| 90.0 + (i % 10) as f64 / 10.0));
        let r = check_series(
            &indicator(Direction::Higher, 1),
            &series(&v, Some(90.0)),
            d(2026, 5, 11),
        );
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == Rule::Bunching)
            .expect("bunching found");
        assert_eq!(f.severity, Severity::Serious);
        assert!(f.explanation.contains("binomial"), "{}", f.explanation);
        assert!(!f.evidence.is_empty());
    }

    #[test]
    fn an_honest_series_crossing_the_target_is_not_bunched() {
        // Values spread evenly across the target: as many just short as just past.
        let v: Vec<f64> = (0..120).map(|i| 90.0 + 6.0 * wobble(i)).collect();
        let r = check_series(
            &indicator(Direction::Higher, 1),
            &series(&v, Some(90.0)),
            d(2027, 5, 3),
        );
        assert!(!rules(&r).contains(&Rule::Bunching), "{:?}", r.findings);
        // Lower is better: bunching just below a 4-hour wait target.
        let mut w: Vec<f64> = (0..40).map(|i| 4.3 + 0.4 * wobble(i)).collect();
        w.extend((0..30).map(|i| 3.95 + (i % 5) as f64 / 100.0));
        let mut ind = indicator(Direction::Lower, 2);
        ind.unit = "hours".into();
        let r = check_series(&ind, &series(&w, Some(4.0)), d(2026, 5, 11));
        assert!(
            rules(&r).contains(&Rule::Bunching),
            "{:?}",
            r.not_applicable
        );
    }

    #[test]
    fn bunching_says_when_there_is_too_little_data() {
        let v: Vec<f64> = (0..6).map(|i| 90.0 + f64::from(i) / 10.0).collect();
        let r = check_series(
            &indicator(Direction::Higher, 1),
            &series(&v, Some(90.0)),
            d(2025, 3, 3),
        );
        let na = r
            .not_applicable
            .iter()
            .find(|n| n.rule == Rule::Bunching)
            .expect("said");
        assert!(na.reason.contains("needs at least 8"), "{}", na.reason);
        let r = check_series(
            &indicator(Direction::Higher, 1),
            &series(&v, None),
            d(2025, 3, 3),
        );
        assert!(
            r.not_applicable
                .iter()
                .any(|n| n.rule == Rule::Bunching && n.reason.contains("no target"))
        );
    }

    #[test]
    fn a_planted_digit_preference_is_flagged_and_an_even_one_is_not() {
        // 100 values from 50.0 to 99.5 in halves: every last digit 0 or 5.
        let planted: Vec<f64> = (0..100).map(|i| 50.0 + f64::from(i) / 2.0).collect();
        let r = check_series(
            &indicator(Direction::Higher, 1),
            &series(&planted, None),
            d(2027, 1, 4),
        );
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == Rule::DigitPreference)
            .expect("found");
        assert!(f.explanation.contains("9 degrees of freedom"));
        let stats = r.series[0].last_digit.unwrap();
        // Digits 0 and 5, fifty each: χ² = 2 × (50 − 10)²/10 + 8 × 10 = 320 + 80 = 400.
        assert!(
            (stats.statistic - 400.0).abs() < 1e-9,
            "{}",
            stats.statistic
        );
        let even: Vec<f64> = (0..200).map(|i| 50.0 + f64::from(i) * 0.1 + 0.03).collect();
        let r = check_series(
            &indicator(Direction::Higher, 1),
            &series(&even, None),
            d(2029, 1, 1),
        );
        assert!(!rules(&r).contains(&Rule::DigitPreference));
        // Small counts vary too little for last digits to be even: said, not tested.
        let counts: Vec<f64> = (0..80).map(|i| f64::from(i % 12)).collect();
        let r = check_series(
            &indicator(Direction::Lower, 0),
            &series(&counts, None),
            d(2027, 1, 4),
        );
        assert!(
            r.not_applicable
                .iter()
                .any(|n| n.rule == Rule::DigitPreference && n.reason.contains("units"))
        );
    }

    #[test]
    fn a_current_shift_is_split_into_good_and_bad_and_a_past_one_is_not_flagged() {
        // 30 steady weeks, then 8 well below (worse when higher is better).
        let mut v: Vec<f64> = (0..30)
            .map(|i| if i % 2 == 0 { 69.5 } else { 70.5 })
            .collect();
        v.extend([60.0; 8]);
        let s = series(&v, None);
        let r = check_series(&indicator(Direction::Higher, 1), &s, d(2026, 1, 5));
        let bad = r
            .findings
            .iter()
            .find(|f| f.rule == Rule::DeteriorationSignal)
            .expect("bad side");
        assert_eq!(bad.key, s.points[30].0.to_string());
        assert_eq!(bad.severity, Severity::Warning);
        assert_eq!(bad.evidence.len(), 8);
        assert!(
            bad.explanation.contains("the last 8 values"),
            "{}",
            bad.explanation
        );
        assert!(!rules(&r).contains(&Rule::ImprovementSignal));
        // The same data with lower better: an improvement to verify, a note.
        let r = check_series(&indicator(Direction::Lower, 1), &s, d(2026, 1, 5));
        let good = r
            .findings
            .iter()
            .find(|f| f.rule == Rule::ImprovementSignal)
            .expect("good side");
        assert_eq!(good.severity, Severity::Note);
        assert!(!rules(&r).contains(&Rule::DeteriorationSignal));
        // The drop over and done with: 20 steady weeks after it.
        v.extend((0..20).map(|i| if i % 2 == 0 { 69.5 } else { 70.5 }));
        let r = check_series(
            &indicator(Direction::Higher, 1),
            &series(&v, None),
            d(2026, 6, 1),
        );
        assert!(!rules(&r).contains(&Rule::DeteriorationSignal), "{r:?}");
    }

    #[test]
    fn a_team_that_stops_reporting_while_behind_is_flagged() {
        // Behind a path to 90 from 60, last report in week 10, checked four weeks later.
        let v: Vec<f64> = (0..10).map(|i| 60.0 - f64::from(i) * 0.5).collect();
        let s = series(&v, Some(90.0));
        let last = s.points[9].0;
        let r = check_series(
            &indicator(Direction::Higher, 1),
            &s,
            last + chrono::Days::new(35),
        );
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == Rule::MissingData)
            .expect("found");
        assert!(f.explanation.contains("have ended since without a report"));
        // Reporting on time: nothing.
        let r = check_series(
            &indicator(Direction::Higher, 1),
            &s,
            last + chrono::Days::new(8),
        );
        assert!(!rules(&r).contains(&Rule::MissingData));
    }
}
