//! Checks that compare a team with itself earlier and with its peers:
//! implausible smoothness, and first digits of amounts pooled across teams.

use super::stats::{benford, mean_moving_range, median, p_text};
use super::{Finding, IndicatorData, Report};
use crate::domain::IndicatorKind;
use crate::domain::integrity::{Rule, Severity};

/// Recent values compared for smoothness.
pub const RECENT: usize = 8;
/// Earlier values a team needs for its own history.
pub const HISTORY: usize = 12;
/// Below this share of the usual variation, a series is implausibly smooth.
pub const SMOOTH_RATIO: f64 = 0.25;

/// Smoothness and pooled Benford.
pub fn check_peers(data: &IndicatorData) -> Report {
    let mut r = Report::default();
    smoothness(data, &mut r);
    pooled_benford(data, &mut r);
    r
}

fn smoothness(data: &IndicatorData, r: &mut Report) {
    let ind = &data.indicator;
    if ind.kind != IndicatorKind::Quantitative {
        return;
    }
    // Each team's recent and earlier mean moving range.
    let split: Vec<(usize, Option<(f64, f64)>)> = data
        .series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let values: Vec<f64> = s.points.iter().map(|(_, v)| *v).collect();
            if values.len() < RECENT + HISTORY {
                return (k, None);
            }
            let cut = values.len() - RECENT;
            let recent = mean_moving_range(&values[cut..]);
            let earlier = mean_moving_range(&values[..cut]);
            (k, recent.zip(earlier))
        })
        .collect();
    for (k, mrs) in &split {
        let s = &data.series[*k];
        let Some((recent, earlier)) = mrs else {
            r.skip(
                Rule::Smoothness,
                Some(ind.id),
                Some(s.team),
                format!(
                    "{} values; the check compares the last {RECENT} with at least {HISTORY} before them",
                    s.points.len()
                ),
            );
            continue;
        };
        let peers: Vec<f64> = split
            .iter()
            .filter(|(j, _)| j != k)
            .filter_map(|(_, m)| m.map(|(recent, _)| recent))
            .collect();
        let peer = median(&peers);
        let own_ratio = if *earlier > 0.0 {
            recent / earlier
        } else {
            1.0
        };
        let peer_ratio = peer.map(|p| if p > 0.0 { recent / p } else { 1.0 });
        let smooth = own_ratio < SMOOTH_RATIO && peer_ratio.is_none_or(|p| p < SMOOTH_RATIO);
        if !smooth {
            continue;
        }
        let peer_words = match (peer, peer_ratio) {
            (Some(p), Some(ratio)) => format!(
                ", and {:.0}% of its peers' recent {} (median of {} teams)",
                ratio * 100.0,
                crate::domain::number::format_number(p, 2),
                peers.len()
            ),
            _ => String::new(),
        };
        let start = s.points.len() - RECENT;
        r.findings.push(Finding {
            rule: Rule::Smoothness,
            indicator: Some(ind.id),
            team: Some(s.team),
            key: "recent".into(),
            severity: Severity::Warning,
            title: format!("{} is implausibly smooth", s.name),
            explanation: format!(
                "Over its last {RECENT} values {} changes by {} a period on average: {:.0}% of its own earlier {}{peer_words}. \
                 Real processes are noisy; numbers written to look right are not. Ask how these values are measured.",
                s.name,
                crate::domain::number::format_number(*recent, 2),
                own_ratio * 100.0,
                crate::domain::number::format_number(*earlier, 2),
            ),
            evidence: super::evidence(s.points[start..].iter().copied()),
            fingerprint: "smooth".into(),
        });
    }
}

fn pooled_benford(data: &IndicatorData, r: &mut Report) {
    let ind = &data.indicator;
    if !ind.is_amount {
        r.skip(
            Rule::Benford,
            Some(ind.id),
            None,
            "not marked as amounts (mark money-like indicators that span orders of magnitude)",
        );
        return;
    }
    let values: Vec<f64> = data
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|(_, v)| *v))
        .collect();
    let test = match benford(&values) {
        Ok(t) => t,
        Err(why) => {
            r.skip(Rule::Benford, Some(ind.id), None, why);
            return;
        }
    };
    use super::stats::Conformity;
    // Nigrini's bands where n is large enough for them; below, the
    // chi-square (which at that size only sees large departures).
    let severity = match test.conformity {
        Some(Conformity::Close | Conformity::Acceptable) => return,
        Some(Conformity::Marginal) => Severity::Note,
        Some(Conformity::Nonconforming) => Severity::Warning,
        None if test.chi_square.p_value < 1e-6 => Severity::Warning,
        None if test.chi_square.p_value < 0.001 => Severity::Note,
        None => return,
    };
    let shares: Vec<String> = test
        .counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "{}: {:.1}% (Benford {:.1}%)",
                i + 1,
                *c as f64 / test.n as f64 * 100.0,
                super::stats::benford_share(i + 1) * 100.0
            )
        })
        .collect();
    r.findings.push(Finding {
        rule: Rule::Benford,
        indicator: Some(ind.id),
        team: None,
        key: "all teams".into(),
        severity,
        title: format!("First digits of {} depart from Benford's law", ind.name),
        explanation: format!(
            "Across {} values from every team, the first digits: {}.{} First digits: {}.",
            test.n,
            test.verdict(),
            if test.conformity.is_some() {
                format!(
                    " Chi-square against Benford: {:.1} with 8 degrees of freedom, {}.",
                    test.chi_square.statistic,
                    p_text(test.chi_square.p_value)
                )
            } else {
                String::new()
            },
            shares.join("; ")
        ),
        evidence: Vec::new(),
        fingerprint: test
            .conformity
            .map_or_else(|| severity.code().to_owned(), |c| c.label().to_owned()),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::integrity::SeriesData;
    use crate::analysis::xmr::XmrOptions;
    use crate::domain::{
        Direction, Frequency, Indicator, IndicatorId, IndicatorScope, StatusThresholds, TeamId,
    };
    use chrono::NaiveDate;

    fn indicator(is_amount: bool) -> Indicator {
        Indicator {
            id: IndicatorId(2),
            name: "Asphalt purchased".into(),
            unit: "$".into(),
            direction: Direction::Higher,
            frequency: Frequency::Week,
            decimals: 1,
            kind: IndicatorKind::Quantitative,
            scope: IndicatorScope::PerTeam,
            is_amount,
            counter_indicator: None,
            description: String::new(),
            thresholds: StatusThresholds::default(),
        }
    }

    fn wobble(i: usize, seed: usize) -> f64 {
        (((i + seed * 31) * 7919 + 13) % 200) as f64 / 100.0 - 1.0
    }

    fn series(team: i64, values: Vec<f64>) -> SeriesData {
        let start = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
        SeriesData {
            team: TeamId(team),
            name: format!("Team {team}"),
            points: values
                .into_iter()
                .enumerate()
                .map(|(i, v)| (start + chrono::Days::new(7 * i as u64), v))
                .collect(),
            target: None,
            xmr: XmrOptions::default(),
        }
    }

    #[test]
    fn a_series_gone_smooth_is_flagged_against_itself_and_its_peers() {
        let noisy =
            |seed: usize| -> Vec<f64> { (0..40).map(|i| 70.0 + 4.0 * wobble(i, seed)).collect() };
        let mut smooth = noisy(9);
        for (k, v) in smooth.iter_mut().rev().take(RECENT).enumerate() {
            *v = 90.5 + 0.1 * (k % 2) as f64;
        }
        let data = IndicatorData {
            indicator: indicator(false),
            series: vec![series(1, noisy(1)), series(2, noisy(2)), series(3, smooth)],
        };
        let r = check_peers(&data);
        let flagged: Vec<TeamId> = r
            .findings
            .iter()
            .filter(|f| f.rule == Rule::Smoothness)
            .filter_map(|f| f.team)
            .collect();
        assert_eq!(flagged, [TeamId(3)]);
        assert_eq!(r.findings[0].evidence.len(), RECENT);
        // A team whose whole history is calm, like its peers, is not flagged.
        let calm =
            |seed: usize| -> Vec<f64> { (0..40).map(|i| 70.0 + 0.2 * wobble(i, seed)).collect() };
        let data = IndicatorData {
            indicator: indicator(false),
            series: vec![series(1, calm(1)), series(2, calm(2))],
        };
        assert!(check_peers(&data).findings.is_empty());
    }

    #[test]
    fn benford_runs_on_amounts_only_and_says_why_not() {
        let data = IndicatorData {
            indicator: indicator(false),
            series: vec![series(1, vec![1.0; 30])],
        };
        let r = check_peers(&data);
        assert!(
            r.not_applicable
                .iter()
                .any(|n| n.rule == Rule::Benford && n.reason.contains("not marked as amounts"))
        );
        // Amounts that all start with 5: nonconforming.
        let fives: Vec<f64> = (0..150)
            .map(|i| 5.0 * 10f64.powi(i % 4) + f64::from(i % 7) * 0.01)
            .collect();
        let data = IndicatorData {
            indicator: indicator(true),
            series: vec![series(1, fives)],
        };
        let r = check_peers(&data);
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == Rule::Benford)
            .expect("flagged");
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.explanation.contains("departs from Benford"));
        // Amounts that follow Benford (a geometric series) pass.
        let benford_like: Vec<f64> = (0..400).map(|i| 10f64.powf(f64::from(i) / 100.0)).collect();
        let data = IndicatorData {
            indicator: indicator(true),
            series: vec![series(1, benford_like)],
        };
        assert!(
            check_peers(&data)
                .findings
                .iter()
                .all(|f| f.rule != Rule::Benford)
        );
    }
}
