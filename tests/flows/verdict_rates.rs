//! How often the integrity checks are right, measured on seeded honest and
//! gamed teams (`ratchet::sample::verdicts`): false alarms on honest teams
//! and detection of each kind of gaming. The rates are printed (run with
//! `--nocapture`) and quoted in the README; the assertions are the bounds
//! the README promises, with the measured rates well inside them.

use ratchet::analysis::integrity::edits::check_edits;
use ratchet::analysis::integrity::{Report, check_indicator};
use ratchet::domain::TeamId;
use ratchet::domain::integrity::{Rule, Severity};
use ratchet::sample::verdicts::{Conduct, VerdictTrial, verdict_trial};

/// Weekly values per team: two years.
const WEEKS: usize = 104;

fn run(trial: &VerdictTrial) -> Report {
    let mut report = check_indicator(&trial.data, trial.today);
    report.extend(check_edits(
        std::slice::from_ref(&trial.data.indicator),
        &trial.team_names,
        &trial.edits,
    ));
    report
}

/// The teams of `report` with a finding at warning level or above, by rule.
fn warned(report: &Report, team: TeamId, rule: Option<Rule>) -> bool {
    report.findings.iter().any(|f| {
        f.team == Some(team) && f.severity >= Severity::Warning && rule.is_none_or(|r| f.rule == r)
    })
}

/// Runs `rounds` trials of `per_round` teams of one conduct among honest
/// peers (one in five), and returns (share of those teams warned by `rule`,
/// share of their honest peers warned by anything).
fn rates(conduct: Conduct, rule: Rule, rounds: u64, per_round: usize) -> (f64, f64) {
    let (mut found, mut total, mut honest_warned, mut honest) = (0, 0, 0, 0);
    for round in 0..rounds {
        let mut teams = vec![Conduct::Honest; per_round * 5];
        for t in teams.iter_mut().step_by(5) {
            *t = conduct;
        }
        let trial = verdict_trial(0x5eed_0000 + round * 7919 + rule as u64, &teams, WEEKS);
        let report = run(&trial);
        for (s, c) in trial.data.series.iter().zip(&trial.conduct) {
            if *c == Conduct::Honest {
                honest += 1;
                honest_warned += usize::from(warned(&report, s.team, None));
            } else {
                total += 1;
                found += usize::from(warned(&report, s.team, Some(rule)));
            }
        }
    }
    (
        found as f64 / total as f64,
        honest_warned as f64 / honest as f64,
    )
}

#[test]
fn stable_teams_are_rarely_warned_about() {
    let teams = vec![Conduct::Honest; 200];
    let (mut warned_teams, mut total, mut deteriorations) = (0, 0, 0);
    for round in 0..5u64 {
        let trial = verdict_trial(0xfa15e + round, &teams, WEEKS);
        let report = run(&trial);
        for s in &trial.data.series {
            total += 1;
            warned_teams += usize::from(warned(&report, s.team, None));
        }
        deteriorations += report
            .findings
            .iter()
            .filter(|f| f.rule == Rule::DeteriorationSignal)
            .count();
    }
    let rate = warned_teams as f64 / total as f64;
    println!(
        "stable teams warned: {warned_teams} of {total} ({:.1} %); deterioration flags: {deteriorations}",
        rate * 100.0
    );
    assert!(rate <= 0.05, "false-alarm rate {rate}");
}

#[test]
fn sustained_shifts_are_found() {
    for (sigmas, periods) in [(1.5, 8), (3.0, 4)] {
        let (found, false_alarms) = rates(
            Conduct::Deteriorated { sigmas, periods },
            Rule::DeteriorationSignal,
            10,
            40,
        );
        println!(
            "shift of {sigmas} sd over the last {periods} periods: found {:.1} %; honest peers warned {:.1} %",
            found * 100.0,
            false_alarms * 100.0
        );
        assert!(found >= 0.90, "{sigmas} sd × {periods}: {found}");
        assert!(false_alarms <= 0.05, "{false_alarms}");
    }
}

#[test]
fn each_kind_of_gaming_is_found_without_touching_honest_teams() {
    for (conduct, rule) in [
        (Conduct::Bunching, Rule::Bunching),
        (Conduct::DigitPreference, Rule::DigitPreference),
        (Conduct::Smoothness, Rule::Smoothness),
        (Conduct::LateEdits, Rule::LateEdits),
        (Conduct::OneSidedEdits, Rule::OneSidedEdits),
    ] {
        let (found, false_alarms) = rates(conduct, rule, 10, 20);
        println!(
            "{}: found {:.1} %; honest peers warned {:.1} %",
            rule.label(),
            found * 100.0,
            false_alarms * 100.0
        );
        assert!(found >= 0.90, "{rule:?}: {found}");
        assert!(false_alarms <= 0.05, "{rule:?}: {false_alarms}");
    }
}

/// The wins of `kind` a trial's teams get, by team.
fn wins_of(trial: &VerdictTrial, kind: ratchet::domain::win::WinKind) -> Vec<usize> {
    use ratchet::analysis::wins::{SeriesInput, WinRules, detect_series};
    trial
        .data
        .series
        .iter()
        .map(|s| {
            detect_series(
                &SeriesInput {
                    indicator: &trial.data.indicator,
                    team: s.team,
                    points: &s.points,
                    targets: &[],
                    xmr: s.xmr,
                },
                &WinRules::default(),
            )
            .iter()
            .filter(|w| w.kind == kind)
            .count()
        })
        .collect()
}

#[test]
fn real_improvement_wins_come_from_real_improvements() {
    let stable = verdict_trial(0x1a57, &vec![Conduct::Honest; 400], WEEKS);
    use ratchet::domain::win::WinKind;
    let wins = wins_of(&stable, WinKind::RealImprovement);
    let per_team = |kind| {
        let w = wins_of(&stable, kind);
        w.iter().sum::<usize>() as f64 / w.len() as f64
    };
    let streaks = per_team(WinKind::Streak);
    println!(
        "stable teams, wins per team in two years: streaks {streaks:.2}, personal bests {:.2}",
        per_team(WinKind::PersonalBest)
    );
    assert!(streaks <= 0.3, "streaks in noise: {streaks}");
    let with_win = wins.iter().filter(|n| **n > 0).count();
    let false_rate = with_win as f64 / wins.len() as f64;
    let improved = verdict_trial(
        0x1a58,
        &vec![
            Conduct::Improved {
                sigmas: 1.5,
                periods: 44
            };
            200
        ],
        WEEKS,
    );
    let wins = wins_of(&improved, WinKind::RealImprovement);
    let found = wins.iter().filter(|n| **n > 0).count() as f64 / wins.len() as f64;
    let once = wins.iter().filter(|n| **n == 1).count() as f64 / wins.len() as f64;
    println!(
        "real-improvement wins: stable teams {:.1} % (two years); a 1.5 sd improvement over the last 44 weeks found {:.1} %, as one win {:.1} %",
        false_rate * 100.0,
        found * 100.0,
        once * 100.0
    );
    assert!(false_rate <= 0.08, "{false_rate}");
    assert!(found >= 0.90, "{found}");
}
