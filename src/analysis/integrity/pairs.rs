//! Checks on pairs of indicators: a counter-indicator that worsens while
//! its indicator improves, and a mission indicator that does not follow the
//! target's.

use chrono::NaiveDate;

use super::stats::mean_moving_range;
use super::{Finding, IndicatorData, Report, SeriesData, Words};
use crate::domain::integrity::{Rule, Severity};
use crate::domain::{Direction, Indicator, TeamId};

/// Values the improving indicator needs in the span.
pub const MIN_PRIMARY: usize = 8;
/// Values the other indicator needs in the span.
pub const MIN_SECONDARY: usize = 4;

/// How one series moved over a span: the mean of its last quarter minus the
/// mean of its first quarter, and its typical period-to-period change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Movement {
    /// Last quarter's mean minus the first quarter's.
    pub change: f64,
    /// The mean moving range.
    pub noise: f64,
    /// Values in the span.
    pub n: usize,
    /// Mean of the first quarter.
    pub from: f64,
    /// Mean of the last quarter.
    pub to: f64,
}

/// The movement of `points` on or after `since`.
pub fn movement(points: &[(NaiveDate, f64)], since: NaiveDate) -> Option<Movement> {
    let values: Vec<f64> = points
        .iter()
        .filter(|(d, _)| *d >= since)
        .map(|(_, v)| *v)
        .collect();
    if values.len() < 2 {
        return None;
    }
    let q = (values.len() / 4).max(1);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let from = mean(&values[..q]);
    let to = mean(&values[values.len() - q..]);
    Some(Movement {
        change: to - from,
        noise: mean_moving_range(&values).unwrap_or(0.0),
        n: values.len(),
        from,
        to,
    })
}

/// True when `m` moved the good way by more than twice its usual
/// period-to-period change: a clear improvement, not a drift.
fn improved(m: &Movement, direction: Direction) -> bool {
    direction != Direction::Neutral && direction.sign() * m.change > 2.0 * m.noise
}

/// The span a team is judged over: since its target's baseline, else its last 52 values.
fn span_start(s: &SeriesData) -> Option<NaiveDate> {
    match s.target {
        Some(t) => Some(t.baseline_date),
        None => s
            .points
            .iter()
            .rev()
            .nth(51)
            .or(s.points.first())
            .map(|(d, _)| *d),
    }
}

/// The indicator improved while its paired counter-indicator worsened.
pub fn check_counter(primary: &IndicatorData, counter: &IndicatorData) -> Report {
    let mut r = Report::default();
    let (p, c) = (&primary.indicator, &counter.indicator);
    if p.direction == Direction::Neutral || c.direction == Direction::Neutral {
        r.skip(
            Rule::CounterIndicator,
            Some(p.id),
            None,
            format!("{} or {} has no better direction", p.name, c.name),
        );
        return r;
    }
    for s in &primary.series {
        let Some(since) = span_start(s) else { continue };
        let Some(other) = counter
            .series
            .iter()
            .find(|x| x.team == s.team)
            .or_else(|| {
                // An agency-wide counter-indicator pairs with every team.
                (counter.series.len() == 1).then(|| &counter.series[0])
            })
        else {
            continue;
        };
        let (mp, mc) = (movement(&s.points, since), movement(&other.points, since));
        let (Some(mp), Some(mc)) = (mp, mc) else {
            r.skip(
                Rule::CounterIndicator,
                Some(p.id),
                Some(s.team),
                "no values in the span",
            );
            continue;
        };
        if mp.n < MIN_PRIMARY || mc.n < MIN_SECONDARY {
            r.skip(
                Rule::CounterIndicator,
                Some(p.id),
                Some(s.team),
                format!(
                    "{} values of {} and {} of {} since {}; the check needs {MIN_PRIMARY} and {MIN_SECONDARY}",
                    mp.n, p.name, mc.n, c.name, since
                ),
            );
            continue;
        }
        let worsened = -c.direction.sign() * mc.change > mc.noise;
        if !(improved(&mp, p.direction) && worsened) {
            continue;
        }
        let (wp, wc) = (Words { indicator: p }, Words { indicator: c });
        r.findings.push(Finding {
            rule: Rule::CounterIndicator,
            indicator: Some(p.id),
            team: Some(s.team),
            key: c.name.clone(),
            severity: Severity::Warning,
            title: format!("{}: {} up, {} worse", s.name, p.name, c.name),
            explanation: format!(
                "Since {since}, {}'s {} went from about {} to {} (more than twice its usual change of {} a period), \
                 while its counter-indicator {} went from about {} to {} — worse, by more than its usual {}. \
                 The target may be being met at the expense of what the counter-indicator protects.",
                s.name,
                p.name,
                wp.value(mp.from),
                wp.value(mp.to),
                wp.value(mp.noise),
                c.name,
                wc.value(mc.from),
                wc.value(mc.to),
                wc.value(mc.noise)
            ),
            evidence: super::evidence(other.points.iter().filter(|(d, _)| *d >= since).copied()),
            fingerprint: "apart".into(),
        });
    }
    r
}

/// The per-period median across teams (the agency's series).
fn pooled(data: &IndicatorData) -> Vec<(NaiveDate, f64)> {
    crate::analysis::snapshot::median_by_period(data.series.iter().map(|s| s.points.as_slice()))
}

/// (team, its name, target values, mission values).
type MissionPair = (
    Option<TeamId>,
    String,
    Vec<(NaiveDate, f64)>,
    Vec<(NaiveDate, f64)>,
);

/// The target indicator improved while the mission-level indicator did not.
pub fn check_mission(target: &IndicatorData, mission: &IndicatorData, since: NaiveDate) -> Report {
    let mut r = Report::default();
    let (t, m) = (&target.indicator, &mission.indicator);
    if m.direction == Direction::Neutral {
        r.skip(
            Rule::MissionCheck,
            Some(t.id),
            None,
            format!("{} has no better direction", m.name),
        );
        return r;
    }
    // Team by team when the mission indicator is reported per team; else the agency as a whole.
    let per_team = mission.series.len() > 1
        || mission
            .series
            .first()
            .is_some_and(|s| target.series.iter().any(|x| x.team == s.team));
    let pairs: Vec<MissionPair> = if per_team {
        target
            .series
            .iter()
            .filter_map(|s| {
                mission.series.iter().find(|x| x.team == s.team).map(|x| {
                    (
                        Some(s.team),
                        s.name.clone(),
                        s.points.clone(),
                        x.points.clone(),
                    )
                })
            })
            .collect()
    } else {
        vec![(
            None,
            "The agency".to_owned(),
            pooled(target),
            mission
                .series
                .first()
                .map(|s| s.points.clone())
                .unwrap_or_default(),
        )]
    };
    for (team, name, tp, mp) in pairs {
        let (Some(mt), Some(mm)) = (movement(&tp, since), movement(&mp, since)) else {
            r.skip(
                Rule::MissionCheck,
                Some(t.id),
                team,
                "no values since the target's baseline",
            );
            continue;
        };
        if mt.n < MIN_PRIMARY || mm.n < MIN_SECONDARY {
            r.skip(
                Rule::MissionCheck,
                Some(t.id),
                team,
                format!(
                    "{} values of {} and {} of {} since {since}; the check needs {MIN_PRIMARY} and {MIN_SECONDARY}",
                    mt.n, t.name, mm.n, m.name
                ),
            );
            continue;
        }
        let mission_moved = m.direction.sign() * mm.change > mm.noise;
        if !improved(&mt, t.direction) || mission_moved {
            continue;
        }
        let (wt, wm) = (Words { indicator: t }, Words { indicator: m });
        // Worse, or merely flat: the words say which.
        let worse = -m.direction.sign() * mm.change > mm.noise;
        let (state, how) = if worse {
            ("worse", "worse, by more than")
        } else {
            ("flat", "no more than")
        };
        r.findings.push(Finding {
            rule: Rule::MissionCheck,
            indicator: Some(t.id),
            team,
            key: m.name.clone(),
            severity: Severity::Warning,
            title: format!("{name}: target up, mission {state}"),
            explanation: format!(
                "Since {since}, {} went from about {} to {}, but {} — the mission-level outcome named in the theory — went from about {} to {}, \
                 {how} its usual change of {} a period. Either the theory linking target and mission is wrong, \
                 or the target is being met in a way that does not serve the mission.",
                t.name,
                wt.value(mt.from),
                wt.value(mt.to),
                m.name,
                wm.value(mm.from),
                wm.value(mm.to),
                wm.value(mm.noise)
            ),
            evidence: super::evidence(mp.iter().filter(|(d, _)| *d >= since).copied()),
            fingerprint: "flat".into(),
        });
    }
    r
}

/// The indicator the theory names for the outcome nearest the mission.
pub fn mission_indicator<'a>(
    theory_measures: &[String],
    indicators: &'a [Indicator],
) -> Option<&'a Indicator> {
    theory_measures
        .iter()
        .rev()
        .filter(|m| !m.trim().is_empty())
        .find_map(|m| {
            indicators
                .iter()
                .find(|i| i.name.trim().eq_ignore_ascii_case(m.trim()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::xmr::XmrOptions;
    use crate::domain::{
        Frequency, IndicatorId, IndicatorKind, IndicatorScope, StatusThresholds, TargetValues,
    };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn indicator(id: i64, name: &str, direction: Direction) -> Indicator {
        Indicator {
            id: IndicatorId(id),
            name: name.into(),
            unit: String::new(),
            direction,
            frequency: Frequency::Month,
            decimals: 1,
            kind: IndicatorKind::Quantitative,
            scope: IndicatorScope::PerTeam,
            is_amount: false,
            counter_indicator: None,
            description: String::new(),
            thresholds: StatusThresholds::default(),
        }
    }

    fn monthly(team: i64, values: impl Iterator<Item = f64>, target: bool) -> SeriesData {
        SeriesData {
            team: TeamId(team),
            name: format!("Team {team}"),
            points: values
                .enumerate()
                .map(|(i, v)| (d(2025 + (i / 12) as i32, (i % 12) as u32 + 1, 1), v))
                .collect(),
            target: target.then_some(TargetValues {
                baseline_value: 40.0,
                baseline_date: d(2025, 1, 1),
                target_value: 90.0,
                deadline: d(2027, 1, 1),
            }),
            xmr: XmrOptions::default(),
        }
    }

    fn wobble(i: usize) -> f64 {
        ((i * 7919 + 13) % 200) as f64 / 100.0 - 1.0
    }

    #[test]
    fn a_counter_indicator_moving_apart_is_flagged() {
        let repaired = IndicatorData {
            indicator: indicator(1, "Repaired in 48h", Direction::Higher),
            series: vec![
                monthly(1, (0..16).map(|i| 40.0 + 3.0 * i as f64 + wobble(i)), true),
                monthly(
                    2,
                    (0..16).map(|i| 40.0 + 3.0 * i as f64 + wobble(i + 3)),
                    true,
                ),
            ],
        };
        let complaints = IndicatorData {
            indicator: indicator(2, "Repeat complaints", Direction::Lower),
            series: vec![
                // Team 1's complaints climb; team 2's stay level.
                monthly(
                    1,
                    (0..16).map(|i| 10.0 + 1.5 * i as f64 + wobble(i + 5)),
                    false,
                ),
                monthly(2, (0..16).map(|i| 10.0 + wobble(i + 7)), false),
            ],
        };
        let r = check_counter(&repaired, &complaints);
        let teams: Vec<Option<TeamId>> = r.findings.iter().map(|f| f.team).collect();
        assert_eq!(teams, [Some(TeamId(1))]);
        assert!(r.findings[0].explanation.contains("Repeat complaints"));
        // Both improving: nothing.
        let better = IndicatorData {
            series: vec![monthly(
                1,
                (0..16).map(|i| 30.0 - i as f64 + wobble(i)),
                false,
            )],
            ..complaints.clone()
        };
        assert!(check_counter(&repaired, &better).findings.is_empty());
    }

    #[test]
    fn a_flat_mission_indicator_under_a_rising_target_is_flagged() {
        let target = IndicatorData {
            indicator: indicator(1, "Repaired in 48h", Direction::Higher),
            series: vec![monthly(
                1,
                (0..16).map(|i| 40.0 + 3.0 * i as f64 + wobble(i)),
                true,
            )],
        };
        let flat = IndicatorData {
            indicator: indicator(3, "Residents rating streets good", Direction::Higher),
            series: vec![monthly(1, (0..16).map(|i| 55.0 + wobble(i + 11)), false)],
        };
        let r = check_mission(&target, &flat, d(2025, 1, 1));
        assert_eq!(r.findings.len(), 1, "{:?}", r.not_applicable);
        assert_eq!(r.findings[0].rule, Rule::MissionCheck);
        let rising = IndicatorData {
            series: vec![monthly(
                1,
                (0..16).map(|i| 55.0 + 1.2 * i as f64 + wobble(i)),
                false,
            )],
            ..flat.clone()
        };
        assert!(
            check_mission(&target, &rising, d(2025, 1, 1))
                .findings
                .is_empty()
        );
        // Too few values: said, not passed.
        let short = IndicatorData {
            series: vec![monthly(1, (0..3).map(|i| 55.0 + i as f64), false)],
            ..flat
        };
        let r = check_mission(&target, &short, d(2025, 1, 1));
        assert!(r.findings.is_empty());
        assert!(r.not_applicable[0].reason.contains("needs"));
    }

    #[test]
    fn the_mission_indicator_is_the_one_nearest_the_mission() {
        let inds = [
            indicator(1, "Open reports", Direction::Lower),
            indicator(2, "Residents rating", Direction::Higher),
        ];
        let named = [
            "Open reports".to_owned(),
            String::new(),
            "residents rating".to_owned(),
        ];
        assert_eq!(
            mission_indicator(&named, &inds).map(|i| i.id),
            Some(IndicatorId(2))
        );
        assert!(mission_indicator(&["Unknown".to_owned()], &inds).is_none());
    }
}
