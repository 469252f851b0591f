//! Wins detected from the data (practice 7): target met, milestones on the
//! target path, personal bests, improvement streaks and real improvements
//! on the XmR chart. Pure: the same series always gives the same wins with
//! the same keys, so re-running detection never records a win twice.

use chrono::NaiveDate;

use super::xmr::XmrOptions;
use crate::domain::number::format_number;
use crate::domain::target::target_for_period;
use crate::domain::win::{Evidence, MAX_EVIDENCE, WinKind};
use crate::domain::{
    Direction, Frequency, Indicator, IndicatorKind, Period, TargetId, TargetRecord, TargetValues,
    TeamId,
};

/// The settings detection follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WinRules {
    /// Successive improving periods that make a streak.
    pub streak_length: usize,
    /// Earlier values a team needs before a new best counts as a personal best.
    pub personal_best_after: usize,
    /// Periods that must pass after a celebrated personal best before the
    /// next one counts (so a run of records in successive weeks is one win).
    pub personal_best_gap: usize,
    /// Values a series needs before its XmR signals count as wins.
    pub xmr_min_points: usize,
}

impl Default for WinRules {
    fn default() -> Self {
        WinRules {
            streak_length: 4,
            personal_best_after: 6,
            personal_best_gap: 4,
            xmr_min_points: 10,
        }
    }
}

/// Milestones on the way from baseline to target, as shares of the way.
pub const MILESTONES: [u32; 3] = [25, 50, 75];

/// A win found in one series.
#[derive(Clone, Debug, PartialEq)]
pub struct DetectedWin {
    /// What kind.
    pub kind: WinKind,
    /// The team.
    pub team: TeamId,
    /// When (the period's start).
    pub achieved_on: NaiveDate,
    /// Identifies the win within its series and kind, stable across re-runs.
    pub key: String,
    /// A short title.
    pub title: String,
    /// What happened, with the figures.
    pub explanation: String,
    /// The words a certificate starts from.
    pub achievement: String,
    /// The values that show it.
    pub evidence: Vec<Evidence>,
}

/// A target and the values judged against it (the periods it was in force for).
#[derive(Clone, Debug, PartialEq)]
pub struct TargetSpan {
    /// The target.
    pub target: TargetValues,
    /// (period start, value), oldest first.
    pub points: Vec<(NaiveDate, f64)>,
}

/// Splits a team's values by the target in force for each period (see
/// [`target_for_period`]), so a win against an earlier target stays a win
/// after the target is ratcheted up.
pub fn target_spans(
    records: &[TargetRecord],
    team: TeamId,
    frequency: Frequency,
    points: &[(NaiveDate, f64)],
) -> Vec<TargetSpan> {
    let mut spans: Vec<(TargetId, TargetSpan)> = Vec::new();
    for &(start, value) in points {
        let end = Period { start, frequency }.end();
        let Some(r) = target_for_period(records, team, end) else {
            continue;
        };
        match spans.iter_mut().find(|(id, _)| *id == r.id) {
            Some((_, span)) => span.points.push((start, value)),
            None => spans.push((
                r.id,
                TargetSpan {
                    target: r.values,
                    points: vec![(start, value)],
                },
            )),
        }
    }
    spans.into_iter().map(|(_, s)| s).collect()
}

/// One team's series on one indicator, with what detection needs to know.
#[derive(Clone, Copy, Debug)]
pub struct SeriesInput<'a> {
    /// The indicator.
    pub indicator: &'a Indicator,
    /// The team.
    pub team: TeamId,
    /// (period start, value), oldest first.
    pub points: &'a [(NaiveDate, f64)],
    /// Each target that applied to some of the team's periods, with those periods' values.
    pub targets: &'a [TargetSpan],
    /// How its XmR limits are computed.
    pub xmr: XmrOptions,
}

struct Words<'a> {
    indicator: &'a Indicator,
}

impl Words<'_> {
    fn value(&self, v: f64) -> String {
        let n = format_number(v, usize::from(self.indicator.decimals));
        match self.indicator.unit.trim() {
            "" => n,
            "%" => format!("{n}%"),
            u => format!("{n} {u}"),
        }
    }

    fn period(&self, start: NaiveDate) -> String {
        Period {
            start,
            frequency: self.indicator.frequency,
        }
        .label()
    }

    /// A period as a sentence says it ("the week of 20 April 2026", "April 2026").
    fn period_words(&self, start: NaiveDate) -> String {
        match self.indicator.frequency {
            Frequency::Week => format!("the week of {}", start.format("%-d %B %Y")),
            Frequency::Month => start.format("%B %Y").to_string(),
            Frequency::Quarter | Frequency::Year => self.period(start),
        }
    }

    fn evidence(&self, (period, value): (NaiveDate, f64)) -> Evidence {
        Evidence { period, value }
    }
}

fn target_key(t: &TargetValues) -> String {
    format!(
        "{}:{}:{}:{}",
        t.baseline_date, t.baseline_value, t.target_value, t.deadline
    )
}

/// Every win in one series.
pub fn detect_series(input: &SeriesInput<'_>, rules: &WinRules) -> Vec<DetectedWin> {
    let direction = input.indicator.direction;
    if direction == Direction::Neutral || input.points.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for span in input.targets {
        target_wins(input, span, &mut out);
    }
    if input.indicator.kind == IndicatorKind::Quantitative {
        personal_bests(input, rules, &mut out);
        streaks(input, rules, &mut out);
        real_improvements(input, rules, &mut out);
    }
    out.sort_by_key(|w| (w.achieved_on, w.kind));
    out
}

/// Share of the way from baseline to target, in percent.
fn share_of_way(t: &TargetValues, v: f64) -> Option<f64> {
    let planned = t.target_value - t.baseline_value;
    (planned != 0.0).then(|| (v - t.baseline_value) / planned * 100.0)
}

fn target_wins(input: &SeriesInput<'_>, span: &TargetSpan, out: &mut Vec<DetectedWin>) {
    let t = &span.target;
    let w = Words {
        indicator: input.indicator,
    };
    let name = &input.indicator.name;
    let direction = input.indicator.direction;
    let key = target_key(t);
    let counted: Vec<(NaiveDate, f64)> = span
        .points
        .iter()
        .copied()
        .filter(|(d, _)| *d >= t.baseline_date)
        .collect();
    let met_at = counted.iter().position(|(_, v)| t.is_met(*v, direction));
    if let Some(i) = met_at {
        let (d, v) = counted[i];
        let ahead = if d <= t.deadline {
            format!(
                "ahead of the deadline of {}",
                t.deadline.format("%-d %B %Y")
            )
        } else {
            format!("after the deadline of {}", t.deadline.format("%-d %B %Y"))
        };
        out.push(DetectedWin {
            kind: WinKind::TargetMet,
            team: input.team,
            achieved_on: d,
            key: format!("target:{key}"),
            title: format!("Target met: {}", w.value(t.target_value)),
            explanation: format!(
                "{name} reached {} in {}, meeting the target of {} (baseline {} on {}), {ahead}.",
                w.value(v),
                w.period(d),
                w.value(t.target_value),
                w.value(t.baseline_value),
                t.baseline_date.format("%-d %B %Y"),
            ),
            achievement: format!(
                "for meeting the target of {} on {name} in {}",
                w.value(t.target_value),
                w.period_words(d)
            ),
            evidence: vec![w.evidence((d, v))],
        });
    }
    // Each milestone at the first period that reaches it; when one period
    // passes several, only the highest is a win (or the target, if met).
    let firsts: Vec<Option<usize>> = MILESTONES
        .iter()
        .map(|m| {
            counted
                .iter()
                .position(|(_, v)| share_of_way(t, *v).is_some_and(|s| s >= f64::from(*m)))
        })
        .collect();
    for (k, m) in MILESTONES.iter().enumerate() {
        let Some(i) = firsts[k] else { continue };
        let superseded = firsts[k + 1..].contains(&Some(i)) || met_at == Some(i);
        if superseded {
            continue;
        }
        let (d, v) = counted[i];
        let words = match m {
            25 => "a quarter of the way",
            50 => "halfway",
            _ => "three quarters of the way",
        };
        out.push(DetectedWin {
            kind: WinKind::Milestone,
            team: input.team,
            achieved_on: d,
            key: format!("milestone:{m}:{key}"),
            title: format!("{m}% of the way to target"),
            explanation: format!(
                "{name} reached {} in {}: {words} from the baseline of {} to the target of {}.",
                w.value(v),
                w.period(d),
                w.value(t.baseline_value),
                w.value(t.target_value),
            ),
            achievement: format!(
                "for getting {words} from {} to the target of {} on {name}",
                w.value(t.baseline_value),
                w.value(t.target_value)
            ),
            evidence: vec![w.evidence((d, v))],
        });
    }
}

fn personal_bests(input: &SeriesInput<'_>, rules: &WinRules, out: &mut Vec<DetectedWin>) {
    let w = Words {
        indicator: input.indicator,
    };
    let direction = input.indicator.direction;
    let pts = input.points;
    let Some(&first) = pts.first() else { return };
    let mut best = first;
    let mut last_celebrated: Option<NaiveDate> = None;
    let f = input.indicator.frequency;
    for (i, &(d, v)) in pts.iter().enumerate().skip(1) {
        if direction.is_better(v, best.1) {
            let spaced = last_celebrated.is_none_or(|c| {
                f.periods_between(c, d) >= i64::try_from(rules.personal_best_gap).unwrap_or(0)
            });
            if i >= rules.personal_best_after && spaced {
                last_celebrated = Some(d);
                out.push(DetectedWin {
                    kind: WinKind::PersonalBest,
                    team: input.team,
                    achieved_on: d,
                    key: format!("best:{d}"),
                    title: "Personal best".to_owned(),
                    explanation: format!(
                        "{} in {} is the best value on {} the team has reported in {} periods; the previous best was {} in {}.",
                        w.value(v),
                        w.period(d),
                        input.indicator.name,
                        i + 1,
                        w.value(best.1),
                        w.period(best.0),
                    ),
                    achievement: format!(
                        "for its best result ever on {}: {} in {}",
                        input.indicator.name,
                        w.value(v),
                        w.period_words(d)
                    ),
                    evidence: vec![w.evidence(best), w.evidence((d, v))],
                });
            }
            best = (d, v);
        }
    }
}

/// How many typical period-to-period changes a streak must cover to count.
pub const STREAK_BEYOND_NOISE: f64 = 2.66;

fn streaks(input: &SeriesInput<'_>, rules: &WinRules, out: &mut Vec<DetectedWin>) {
    let n = rules.streak_length.max(1);
    let w = Words {
        indicator: input.indicator,
    };
    let f = input.indicator.frequency;
    let direction = input.indicator.direction;
    let pts = input.points;
    let values: Vec<f64> = pts.iter().map(|(_, v)| *v).collect();
    let mut run_start = 0;
    for i in 1..pts.len() {
        let consecutive = f.next_start(pts[i - 1].0) == Some(pts[i].0);
        if !(consecutive && direction.is_better(pts[i].1, pts[i - 1].1)) {
            run_start = i;
            continue;
        }
        // Beyond noise: the run covers more than the natural spread of the
        // team's values (2.66 typical period-to-period changes, as the XmR
        // limits reach) — small rises in a row happen by chance.
        let typical = crate::analysis::integrity::stats::mean_moving_range(&values[..=run_start])
            .filter(|_| run_start >= 3);
        let beyond_noise =
            typical.is_none_or(|t| (pts[i].1 - pts[run_start].1).abs() >= STREAK_BEYOND_NOISE * t);
        if i - run_start == n && beyond_noise {
            let periods = format!("{}s", f.noun());
            let run = &pts[run_start..=i];
            let (d0, v0) = pts[run_start];
            let (d1, v1) = pts[i];
            out.push(DetectedWin {
                kind: WinKind::Streak,
                team: input.team,
                achieved_on: d1,
                key: format!("streak:{n}:{d0}"),
                title: format!("{n} {periods} of improvement in a row"),
                explanation: format!(
                    "{} improved {n} {periods} running, from {} in {} to {} in {}.",
                    input.indicator.name,
                    w.value(v0),
                    w.period(d0),
                    w.value(v1),
                    w.period(d1),
                ),
                achievement: format!(
                    "for improving {} {n} {periods} in a row, from {} to {}",
                    input.indicator.name,
                    w.value(v0),
                    w.value(v1)
                ),
                evidence: run.iter().map(|p| w.evidence(*p)).collect(),
            });
        }
    }
}

/// A lasting improvement: the history scanned period by period as the
/// checks would have seen it, each sustained shift on the good side a win
/// when first seen, keyed by where it began (see
/// `analysis::integrity::shift::stage_changes`: one lasting change is one
/// win, and stable series rarely show one).
fn real_improvements(input: &SeriesInput<'_>, rules: &WinRules, out: &mut Vec<DetectedWin>) {
    use crate::analysis::integrity::shift::{reference_for, stage_changes};
    let pts = input.points;
    if pts.len() < rules.xmr_min_points.max(2) {
        return;
    }
    let up_is_good = match input.indicator.direction {
        Direction::Higher => true,
        Direction::Lower => false,
        Direction::Neutral => return,
    };
    let values: Vec<f64> = pts.iter().map(|(_, v)| *v).collect();
    let w = Words {
        indicator: input.indicator,
    };
    for change in stage_changes(&values, reference_for(input.xmr)) {
        let shift = change.shift;
        if shift.is_up() != up_is_good {
            continue;
        }
        let (d, v) = pts[change.seen_at];
        let (d0, _) = pts[shift.start];
        out.push(DetectedWin {
            kind: WinKind::RealImprovement,
            team: input.team,
            achieved_on: d,
            key: format!("shift:{d0}"),
            title: format!("Real improvement since {}", w.period(d0)),
            explanation: format!(
                "On {}: the {} values from {} averaged {}, {} better than the {} values before them (centre {}; typical change from one period to the next {}), \
                 first clear in {} with {}. A lasting shift in the process, not noise.",
                input.indicator.name,
                shift.len,
                w.period(d0),
                w.value(shift.episode_mean),
                w.value((shift.episode_mean - shift.centre).abs()),
                shift.reference.1 - shift.reference.0,
                w.value(shift.centre),
                w.value(shift.mean_moving_range),
                w.period(d),
                w.value(v),
            ),
            achievement: format!(
                "for a real, lasting improvement in {} since {}",
                input.indicator.name,
                w.period_words(d0)
            ),
            evidence: pts[shift.start..=change.seen_at]
                .iter()
                .take(MAX_EVIDENCE)
                .map(|p| w.evidence(*p))
                .collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Frequency, IndicatorId, IndicatorScope, StatusThresholds};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn indicator(direction: Direction) -> Indicator {
        Indicator {
            id: IndicatorId(1),
            name: "Potholes fixed".into(),
            unit: "%".into(),
            direction,
            frequency: Frequency::Month,
            decimals: 0,
            kind: IndicatorKind::Quantitative,
            scope: IndicatorScope::PerTeam,
            is_amount: false,
            counter_indicator: None,
            description: String::new(),
            thresholds: StatusThresholds::default(),
        }
    }

    /// Monthly points from January 2025.
    fn monthly(values: &[f64]) -> Vec<(NaiveDate, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (d(2025 + (i / 12) as i32, (i % 12) as u32 + 1, 1), *v))
            .collect()
    }

    fn run(
        ind: &Indicator,
        points: &[(NaiveDate, f64)],
        target: Option<&TargetValues>,
    ) -> Vec<DetectedWin> {
        let targets: Vec<TargetSpan> = target
            .map(|t| TargetSpan {
                target: *t,
                points: points.to_vec(),
            })
            .into_iter()
            .collect();
        detect_series(
            &SeriesInput {
                indicator: ind,
                team: TeamId(7),
                points,
                targets: &targets,
                xmr: XmrOptions::default(),
            },
            &WinRules::default(),
        )
    }

    fn of(wins: &[DetectedWin], kind: WinKind) -> Vec<&DetectedWin> {
        wins.iter().filter(|w| w.kind == kind).collect()
    }

    fn target(baseline: f64, target: f64) -> TargetValues {
        TargetValues {
            baseline_value: baseline,
            baseline_date: d(2025, 1, 1),
            target_value: target,
            deadline: d(2025, 12, 31),
        }
    }

    #[test]
    fn target_met_and_milestones_at_their_first_period() {
        let ind = indicator(Direction::Higher);
        // Baseline 40, target 80: 25% = 50, 50% = 60, 75% = 70.
        let pts = monthly(&[40.0, 51.0, 49.0, 60.0, 72.0, 79.0, 80.0, 75.0, 85.0]);
        let t = target(40.0, 80.0);
        let wins = run(&ind, &pts, Some(&t));
        let milestones: Vec<(String, NaiveDate)> = of(&wins, WinKind::Milestone)
            .iter()
            .map(|w| (w.title.clone(), w.achieved_on))
            .collect();
        assert_eq!(
            milestones,
            [
                ("25% of the way to target".to_owned(), d(2025, 2, 1)),
                ("50% of the way to target".to_owned(), d(2025, 4, 1)),
                ("75% of the way to target".to_owned(), d(2025, 5, 1)),
            ]
        );
        let met = of(&wins, WinKind::TargetMet);
        assert_eq!(met.len(), 1, "met once, not again in September");
        assert_eq!(met[0].achieved_on, d(2025, 7, 1));
        assert_eq!(met[0].evidence[0].value, 80.0);
        assert!(
            met[0].explanation.contains("80% in Jul 2025"),
            "{}",
            met[0].explanation
        );
        assert!(met[0].explanation.contains("ahead of the deadline"));
    }

    #[test]
    fn a_leap_past_several_milestones_counts_once_at_the_highest() {
        let ind = indicator(Direction::Higher);
        let t = target(40.0, 80.0);
        // 40 → 71: past 25, 50 and 75 in one period.
        let wins = run(&ind, &monthly(&[40.0, 71.0, 90.0]), Some(&t));
        let m = of(&wins, WinKind::Milestone);
        assert_eq!(m.len(), 1);
        assert!(m[0].key.starts_with("milestone:75:"));
        // Straight to the target: only "target met".
        let wins = run(&ind, &monthly(&[40.0, 85.0]), Some(&t));
        assert!(of(&wins, WinKind::Milestone).is_empty());
        assert_eq!(of(&wins, WinKind::TargetMet).len(), 1);
    }

    #[test]
    fn lower_is_better_mirrors_every_rule() {
        let ind = indicator(Direction::Lower);
        // Days to fix: baseline 20, target 10 (25% = 17.5, 50% = 15).
        let t = target(20.0, 10.0);
        let pts = monthly(&[20.0, 21.0, 19.0, 17.0, 15.0, 14.0, 9.0]);
        let wins = run(&ind, &pts, Some(&t));
        assert_eq!(of(&wins, WinKind::TargetMet)[0].achieved_on, d(2025, 7, 1));
        let keys: Vec<&str> = of(&wins, WinKind::Milestone)
            .iter()
            .map(|w| w.key.split(':').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(keys, ["25", "50"]);
        // A streak of four falling values: 21 → 19 → 17 → 15 → 14.
        let s = of(&wins, WinKind::Streak);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].achieved_on, d(2025, 6, 1));
        assert_eq!(s[0].evidence.len(), 5);
        // Personal best needs six earlier values: 9 in July (seventh value).
        let b = of(&wins, WinKind::PersonalBest);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].achieved_on, d(2025, 7, 1));
        assert_eq!(b[0].evidence[0].value, 14.0, "the previous best");
    }

    #[test]
    fn a_gap_breaks_a_streak() {
        let ind = indicator(Direction::Higher);
        let mut pts = monthly(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        // No value for March: Jan 1, Feb 2, Apr 4, May 5, Jun 6.
        pts.remove(2);
        let wins = run(&ind, &pts, None);
        assert!(of(&wins, WinKind::Streak).is_empty(), "{wins:?}");
        let full = run(&ind, &monthly(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), None);
        let s = of(&full, WinKind::Streak);
        assert_eq!(s.len(), 1, "a run of five improvements is one streak");
        assert_eq!(s[0].achieved_on, d(2025, 5, 1), "the fourth improvement");
    }

    #[test]
    fn personal_bests_need_history_and_must_beat_every_earlier_value() {
        let ind = indicator(Direction::Higher);
        // A new high in the second value is too early; equal to the best is
        // not better; October's 64 comes two months after August's record,
        // so it is not celebrated again, but January's 66 is.
        let pts = monthly(&[
            50.0, 60.0, 55.0, 52.0, 58.0, 57.0, 60.0, 61.0, 59.0, 64.0, 62.0, 60.0, 66.0,
        ]);
        let b: Vec<NaiveDate> = of(&run(&ind, &pts, None), WinKind::PersonalBest)
            .iter()
            .map(|w| w.achieved_on)
            .collect();
        assert_eq!(b, [d(2025, 8, 1), d(2026, 1, 1)]);
    }

    #[test]
    fn a_lasting_improvement_is_one_win_and_the_bad_side_none() {
        let ind = indicator(Direction::Higher);
        // Twenty steady months, then twelve clearly higher.
        let mut v: Vec<f64> = (0..20).map(|i| 50.0 + f64::from(i % 3) - 1.0).collect();
        v.extend((0..12).map(|i| 56.0 + f64::from(i % 3) - 1.0));
        let pts = monthly(&v);
        let run_on = |pts: &[(NaiveDate, f64)]| {
            detect_series(
                &SeriesInput {
                    indicator: &ind,
                    team: TeamId(7),
                    points: pts,
                    targets: &[],
                    xmr: XmrOptions::default(),
                },
                &WinRules::default(),
            )
        };
        let wins = run_on(&pts);
        let real = of(&wins, WinKind::RealImprovement);
        assert_eq!(real.len(), 1, "{real:?}");
        // Keyed by where the shift began (the estimate may take in a value
        // or two before the step).
        let began = (17..=20)
            .map(|i| format!("shift:{}", pts[i].0))
            .collect::<Vec<_>>();
        assert!(began.contains(&real[0].key), "{}", real[0].key);
        assert!(real[0].achieved_on > pts[20].0, "{:?}", real[0].achieved_on);
        assert!(real[0].explanation.contains("lasting shift"));
        // The same change downwards is not a win when higher is better.
        let down: Vec<f64> = v.iter().map(|x| 100.0 - x).collect();
        let wins = run_on(&monthly(&down));
        assert!(of(&wins, WinKind::RealImprovement).is_empty());
    }

    #[test]
    fn detection_is_deterministic_and_neutral_indicators_have_no_wins() {
        let ind = indicator(Direction::Higher);
        let t = target(40.0, 80.0);
        let pts = monthly(&[
            40.0, 45.0, 52.0, 58.0, 61.0, 66.0, 70.0, 75.0, 81.0, 79.0, 83.0, 85.0,
        ]);
        assert_eq!(run(&ind, &pts, Some(&t)), run(&ind, &pts, Some(&t)));
        let keys: Vec<String> = run(&ind, &pts, Some(&t))
            .into_iter()
            .map(|w| format!("{:?}{}", w.kind, w.key))
            .collect();
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "keys are unique within a series");
        assert!(run(&indicator(Direction::Neutral), &pts, Some(&t)).is_empty());
    }

    #[test]
    fn a_ratcheted_target_keeps_the_wins_against_the_old_one() {
        use crate::domain::TargetId;
        let ind = indicator(Direction::Higher);
        let old = TargetRecord {
            id: TargetId(1),
            team: None,
            values: target(40.0, 60.0),
            current: false,
        };
        let new = TargetRecord {
            id: TargetId(2),
            team: None,
            values: TargetValues {
                baseline_value: 60.0,
                baseline_date: d(2025, 6, 1),
                target_value: 80.0,
                deadline: d(2026, 6, 30),
            },
            current: true,
        };
        let pts = monthly(&[40.0, 50.0, 61.0, 62.0, 63.0, 60.0, 65.0, 70.0, 81.0]);
        let spans = target_spans(&[old, new], TeamId(7), Frequency::Month, &pts);
        assert_eq!(spans.len(), 2);
        assert_eq!(
            spans[0].points.len(),
            5,
            "Jan–May judged against the first target"
        );
        let wins = detect_series(
            &SeriesInput {
                indicator: &ind,
                team: TeamId(7),
                points: &pts,
                targets: &spans,
                xmr: XmrOptions::default(),
            },
            &WinRules::default(),
        );
        let met: Vec<NaiveDate> = of(&wins, WinKind::TargetMet)
            .iter()
            .map(|w| w.achieved_on)
            .collect();
        assert_eq!(met, [d(2025, 3, 1), d(2025, 9, 1)], "each target met once");
    }

    #[test]
    fn values_before_the_baseline_do_not_count_toward_the_target() {
        let ind = indicator(Direction::Higher);
        let t = TargetValues {
            baseline_date: d(2025, 6, 1),
            ..target(40.0, 80.0)
        };
        let pts = monthly(&[85.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0]);
        assert!(of(&run(&ind, &pts, Some(&t)), WinKind::TargetMet).is_empty());
    }
}
