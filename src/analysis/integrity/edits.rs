//! Checks on the audit trail: values changed late (after their period was
//! locked, or well after it ended), and edits that mostly favour the team.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::stats::{binomial_at_least, p_text};
use super::{Finding, Report};
use crate::domain::integrity::{Rule, Severity};
use crate::domain::win::Evidence;
use crate::domain::{Direction, Indicator, IndicatorId, Period, TeamId};

/// Days after a period ends when an edit of a reported value counts as late.
pub const LATE_AFTER_DAYS: u64 = 14;
/// Edits a team needs before their direction is judged.
pub const MIN_EDITS: usize = 4;

/// One change of a value, from the audit trail.
#[derive(Clone, Debug, PartialEq)]
pub struct EditRecord {
    /// The indicator.
    pub indicator: IndicatorId,
    /// The team.
    pub team: TeamId,
    /// The period's start.
    pub period: NaiveDate,
    /// The value before (None: first report).
    pub old: Option<f64>,
    /// The value after (None: removed).
    pub new: Option<f64>,
    /// When the change was made.
    pub changed_on: NaiveDate,
    /// Whether the period was locked when it was made.
    pub locked_then: bool,
    /// The reason given.
    pub reason: String,
}

/// Late edits per indicator and team; one-sided edits per team.
pub fn check_edits(
    indicators: &[Indicator],
    team_names: &[(TeamId, String)],
    edits: &[EditRecord],
) -> Report {
    let mut r = Report::default();
    let name = |t: TeamId| {
        team_names
            .iter()
            .find(|(id, _)| *id == t)
            .map_or_else(|| "The agency".to_owned(), |(_, n)| n.clone())
    };
    late_edits(indicators, edits, &name, &mut r);
    one_sided_edits(indicators, edits, &name, &mut r);
    r
}

fn find(indicators: &[Indicator], id: IndicatorId) -> Option<&Indicator> {
    indicators.iter().find(|i| i.id == id)
}

/// Favourable: the change moves the value the better way (`None` when the
/// indicator has no better way or nothing changed).
fn favourable(indicators: &[Indicator], e: &EditRecord) -> Option<bool> {
    let ind = find(indicators, e.indicator)?;
    let (old, new) = (e.old?, e.new?);
    (ind.direction != Direction::Neutral && old != new).then(|| ind.direction.is_better(new, old))
}

/// Values changed after their period was locked, or long after it ended:
/// one finding per indicator and team.
fn late_edits(
    indicators: &[Indicator],
    edits: &[EditRecord],
    name: &dyn Fn(TeamId) -> String,
    r: &mut Report,
) {
    let mut late: BTreeMap<(IndicatorId, TeamId), Vec<&EditRecord>> = BTreeMap::new();
    for e in edits {
        let Some(ind) = find(indicators, e.indicator) else {
            continue;
        };
        if e.old.is_none() {
            continue;
        }
        let end = Period {
            start: e.period,
            frequency: ind.frequency,
        }
        .end();
        let after = end
            .checked_add_days(chrono::Days::new(LATE_AFTER_DAYS))
            .unwrap_or(end);
        if e.locked_then || e.changed_on > after {
            late.entry((e.indicator, e.team)).or_default().push(e);
        }
    }
    for ((indicator, team), list) in late {
        let Some(ind) = find(indicators, indicator) else {
            continue;
        };
        let fav = list
            .iter()
            .filter(|e| favourable(indicators, e) == Some(true))
            .count();
        let lines: Vec<String> = list.iter().map(|e| edit_line(e, ind)).collect();
        r.findings.push(Finding {
            rule: Rule::LateEdits,
            indicator: Some(indicator),
            team: Some(team),
            key: "late".into(),
            severity: if fav > 0 { Severity::Warning } else { Severity::Note },
            title: format!("{}: {} late edit{} on {}", name(team), list.len(), if list.len() == 1 { "" } else { "s" }, ind.name),
            explanation: format!(
                "Values changed after their period was locked, or more than {LATE_AFTER_DAYS} days after it ended; {fav} of {} in the team's favour. {}.",
                list.len(),
                lines.join("; ")
            ),
            evidence: list
                .iter()
                .filter_map(|e| e.new.map(|v| Evidence { period: e.period, value: v }))
                .take(super::MAX_EVIDENCE)
                .collect(),
            fingerprint: format!("{}", list.len()),
        });
    }
}

/// One edit as the finding lists it: period, old → new, when, and why.
fn edit_line(e: &EditRecord, ind: &Indicator) -> String {
    let value =
        |v: Option<f64>| v.map_or("—".into(), |v| crate::domain::number::format_number(v, 2));
    format!(
        "{}: {} → {} on {}{}{}",
        Period {
            start: e.period,
            frequency: ind.frequency
        }
        .label(),
        value(e.old),
        value(e.new),
        e.changed_on,
        if e.locked_then { " (locked)" } else { "" },
        if e.reason.trim().is_empty() {
            String::new()
        } else {
            format!(", \"{}\"", e.reason.trim())
        }
    )
}

/// Edits of reported values mostly in the team's favour, per team across
/// indicators (a binomial test against an even split).
fn one_sided_edits(
    indicators: &[Indicator],
    edits: &[EditRecord],
    name: &dyn Fn(TeamId) -> String,
    r: &mut Report,
) {
    let mut by_team: BTreeMap<TeamId, (usize, usize)> = BTreeMap::new();
    for e in edits {
        if let Some(f) = favourable(indicators, e) {
            let entry = by_team.entry(e.team).or_default();
            entry.1 += 1;
            if f {
                entry.0 += 1;
            }
        }
    }
    for (team, (fav, n)) in by_team {
        if n < MIN_EDITS {
            r.skip(
                Rule::OneSidedEdits,
                None,
                Some(team),
                format!("{n} edits of reported values; the check needs at least {MIN_EDITS}"),
            );
            continue;
        }
        let p = binomial_at_least(fav as u64, n as u64, 0.5);
        if fav * 4 < n * 3 || p >= 0.1 {
            continue;
        }
        r.findings.push(Finding {
            rule: Rule::OneSidedEdits,
            indicator: None,
            team: Some(team),
            key: "edits".into(),
            severity: if p < 0.01 { Severity::Warning } else { Severity::Note },
            title: format!("{}: edits mostly in its favour", name(team)),
            explanation: format!(
                "Of {n} changes to values already reported, {fav} moved the value the favourable way. If edits were honest corrections they would go \
                 either way about equally; a binomial test puts the chance of {fav} or more at {}.",
                p_text(p)
            ),
            evidence: Vec::new(),
            fingerprint: format!("{fav}/{n}"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Frequency, IndicatorKind, IndicatorScope, StatusThresholds};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn indicator() -> Indicator {
        Indicator {
            id: IndicatorId(1),
            name: "Repaired in 48h".into(),
            unit: "%".into(),
            direction: Direction::Higher,
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

    fn edit(
        team: i64,
        month: u32,
        old: Option<f64>,
        new: f64,
        changed: NaiveDate,
        locked: bool,
    ) -> EditRecord {
        EditRecord {
            indicator: IndicatorId(1),
            team: TeamId(team),
            period: d(2025, month, 1),
            old,
            new: Some(new),
            changed_on: changed,
            locked_then: locked,
            reason: "review".into(),
        }
    }

    #[test]
    fn late_and_locked_edits_are_flagged_and_prompt_ones_are_not() {
        let edits = [
            // March ends 31 March: an edit on 20 April is late; one on 5 April is not.
            edit(1, 3, Some(70.0), 75.0, d(2025, 4, 20), false),
            edit(1, 4, Some(70.0), 72.0, d(2025, 5, 5), false),
            // Locked when changed: late whatever the date.
            edit(2, 5, Some(80.0), 79.0, d(2025, 6, 2), true),
            // A first report (no old value) long after the period is not an edit.
            edit(2, 1, None, 60.0, d(2025, 9, 1), false),
        ];
        let teams = [
            (TeamId(1), "Central".to_owned()),
            (TeamId(2), "North".to_owned()),
        ];
        let r = check_edits(&[indicator()], &teams, &edits);
        let late: Vec<(Option<TeamId>, Severity)> = r
            .findings
            .iter()
            .filter(|f| f.rule == Rule::LateEdits)
            .map(|f| (f.team, f.severity))
            .collect();
        assert_eq!(
            late,
            [
                (Some(TeamId(1)), Severity::Warning),
                (Some(TeamId(2)), Severity::Note)
            ]
        );
        assert!(
            r.findings[0]
                .explanation
                .contains("1 of 1 in the team's favour")
        );
    }

    #[test]
    fn one_sided_edits_need_enough_of_them() {
        let favourable: Vec<EditRecord> = (1..=8)
            .map(|m| edit(1, m, Some(60.0), 65.0, d(2025, m, 2), false))
            .collect();
        let r = check_edits(&[indicator()], &[], &favourable);
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == Rule::OneSidedEdits)
            .expect("found");
        // 8 of 8: p = 1/256.
        assert!(f.explanation.contains("8 moved"), "{}", f.explanation);
        assert_eq!(f.severity, Severity::Warning);
        let mixed: Vec<EditRecord> = (1..=8)
            .map(|m| {
                edit(
                    1,
                    m,
                    Some(60.0),
                    if m % 2 == 0 { 65.0 } else { 55.0 },
                    d(2025, m, 2),
                    false,
                )
            })
            .collect();
        assert!(
            check_edits(&[indicator()], &[], &mixed)
                .findings
                .iter()
                .all(|f| f.rule != Rule::OneSidedEdits)
        );
        let few = &favourable[..2];
        let r = check_edits(&[indicator()], &[], few);
        assert!(
            r.not_applicable
                .iter()
                .any(|n| n.rule == Rule::OneSidedEdits && n.reason.contains("at least 4"))
        );
    }
}
