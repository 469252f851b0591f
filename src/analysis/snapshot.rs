//! Everything the monitoring screens and the dashboard show about one
//! indicator, computed from its values and targets.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::league::{LeagueColumn, LeagueRow, sort_league};
use super::progress::progress;
use crate::domain::number::format_fixed;
use crate::domain::target::{current_target, target_for_period};
use crate::domain::{Indicator, Period, TargetRecord, TargetValues, Team, TeamId};

/// How many recent values a sparkline shows.
pub const SPARKLINE_POINTS: usize = 12;

/// Per period, the median value across series (the agency's series when
/// every team reports the same indicator).
pub fn median_by_period<'a>(
    series: impl IntoIterator<Item = &'a [(NaiveDate, f64)]>,
) -> Vec<(NaiveDate, f64)> {
    let mut by: std::collections::BTreeMap<NaiveDate, Vec<f64>> = std::collections::BTreeMap::new();
    for s in series {
        for (d, v) in s {
            by.entry(*d).or_default().push(*v);
        }
    }
    by.into_iter()
        .filter_map(|(d, v)| crate::analysis::integrity::stats::median(&v).map(|m| (d, m)))
        .collect()
}

/// One team's values on the indicator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamSeries {
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub name: String,
    /// (period start, value), oldest first, up to the cut-off.
    pub points: Vec<(NaiveDate, f64)>,
    /// The target in force for the team now (its own, else the agency's).
    pub target: Option<TargetValues>,
    /// The target in force in each of the team's periods, as runs of equal
    /// targets: (first period's start, last period's end, target). Drawn as
    /// a stepped line when targets change from period to period.
    pub target_steps: Vec<(NaiveDate, NaiveDate, f64)>,
}

/// One indicator: every team's series and the league table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorSnapshot {
    /// The indicator.
    pub indicator: Indicator,
    /// The agency-wide target in force, if any.
    pub agency_target: Option<TargetValues>,
    /// Each team's series, in team order.
    pub teams: Vec<TeamSeries>,
    /// The league table, best first by share of the way to target.
    pub league: Vec<LeagueRow>,
    /// The target steps every team with a target shares, when they all
    /// share the same (targets published for the whole agency); `None`
    /// otherwise.
    pub common_steps: Option<Vec<(NaiveDate, NaiveDate, f64)>>,
    /// Periods included start on or before this date.
    pub as_of: NaiveDate,
}

impl IndicatorSnapshot {
    /// Builds the snapshot of `indicator` for `teams` from their values
    /// (by team: (period start, value), any order) as they stood on `as_of`.
    pub fn build(
        indicator: &Indicator,
        teams: &[Team],
        values: &HashMap<TeamId, Vec<(NaiveDate, f64)>>,
        targets: &[TargetRecord],
        as_of: NaiveDate,
    ) -> IndicatorSnapshot {
        let f = indicator.frequency;
        let mut series = Vec::with_capacity(teams.len());
        let mut league = Vec::with_capacity(teams.len());
        for team in teams {
            let mut points: Vec<(NaiveDate, f64)> = values
                .get(&team.id)
                .map(|v| {
                    v.iter()
                        .copied()
                        .filter(|(start, _)| *start <= as_of)
                        .collect()
                })
                .unwrap_or_default();
            points.sort_by_key(|(d, _)| *d);
            let with_ends: Vec<(NaiveDate, NaiveDate, f64)> = points
                .iter()
                .map(|(s, v)| {
                    (
                        *s,
                        Period {
                            start: *s,
                            frequency: f,
                        }
                        .end(),
                        *v,
                    )
                })
                .collect();
            let in_force = with_ends
                .last()
                .and_then(|(_, end, _)| target_for_period(targets, team.id, *end))
                .or_else(|| current_target(targets, team.id))
                .map(|r| r.values);
            let p = progress(
                &with_ends,
                in_force.as_ref(),
                indicator.direction,
                indicator.thresholds,
            );
            let spark_from = points.len().saturating_sub(SPARKLINE_POINTS);
            league.push(LeagueRow {
                team: team.id,
                name: team.name.clone(),
                progress: p,
                sparkline: points[spark_from..].iter().map(|(_, v)| *v).collect(),
            });
            let target_steps = steps_of(&with_ends, |end| {
                target_for_period(targets, team.id, end).map(|r| r.values.target_value)
            });
            series.push(TeamSeries {
                team: team.id,
                name: team.name.clone(),
                points,
                target: current_target(targets, team.id).map(|r| r.values),
                target_steps,
            });
        }
        // Without targets there is no way to measure; rank by the latest value instead.
        let by = if league.iter().any(|r| r.progress.percent_of_way.is_some()) {
            LeagueColumn::PercentOfWay
        } else {
            LeagueColumn::Latest
        };
        sort_league(&mut league, by, true, indicator.direction);
        let agency_target = targets
            .iter()
            .filter(|r| r.team.is_none() && r.current)
            .max_by_key(|r| r.id)
            .map(|r| r.values);
        let common_steps = common_steps(&series);
        IndicatorSnapshot {
            indicator: indicator.clone(),
            agency_target,
            teams: series,
            league,
            common_steps,
            as_of,
        }
    }

    /// True when the targets change from period to period (more than one
    /// step for some team): the chart draws steps, not a straight path.
    pub fn has_stepped_targets(&self) -> bool {
        self.teams.iter().any(|t| t.target_steps.len() > 1)
    }

    /// How the chart shows the target: the straight path of the agency's
    /// target, or steps (shared by every team, or per team) when targets
    /// change from period to period or are set per team.
    pub fn target_line(&self) -> TargetLine<'_> {
        match (self.agency_target, self.has_stepped_targets()) {
            (Some(t), false) => TargetLine::Path(t),
            _ => match &self.common_steps {
                Some(steps) => TargetLine::Common(steps),
                None if self.teams.iter().any(|t| !t.target_steps.is_empty()) => {
                    TargetLine::PerTeam
                }
                None => TargetLine::None,
            },
        }
    }

    /// A league row as text, the same in the window and in documents: team,
    /// latest value with its period, change since the last period, change
    /// since the baseline, and share of the way to target. Figures use the
    /// indicator's decimals so a column lines up.
    pub fn league_cells(&self, row: &LeagueRow) -> [String; 5] {
        let decimals = usize::from(self.indicator.decimals);
        let p = &row.progress;
        let change =
            |v: Option<f64>| v.map_or("—".to_owned(), |v| format_fixed(v, decimals, true));
        let latest = p.latest.map_or("not reported".to_owned(), |(d, v)| {
            let period = Period {
                start: d,
                frequency: self.indicator.frequency,
            };
            format!("{} ({})", format_fixed(v, decimals, false), period.label())
        });
        [
            row.name.clone(),
            latest,
            change(p.change_since_last),
            change(p.change_since_baseline),
            p.percent_of_way.map_or("—".to_owned(), |w| {
                format!("{}%", format_fixed(w, 0, false))
            }),
        ]
    }

    /// The lowest and highest value across teams and targets (for a shared scale).
    pub fn value_range(&self) -> Option<(f64, f64)> {
        let values = self
            .teams
            .iter()
            .flat_map(|t| t.points.iter().map(|(_, v)| *v))
            .chain(
                self.agency_target
                    .iter()
                    .flat_map(|t| [t.baseline_value, t.target_value]),
            )
            .chain(
                self.teams
                    .iter()
                    .flat_map(|t| t.target_steps.iter().map(|s| s.2)),
            );
        values.fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
    }

    /// The first and last period start across teams (and the target's dates).
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let dates = self
            .teams
            .iter()
            .flat_map(|t| t.points.iter().map(|(d, _)| *d))
            .chain(
                self.agency_target
                    .iter()
                    .flat_map(|t| [t.baseline_date, t.deadline]),
            );
        dates.fold(None, |acc, d| match acc {
            None => Some((d, d)),
            Some((lo, hi)) => Some((lo.min(d), hi.max(d))),
        })
    }
}

/// How a progress chart draws the target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TargetLine<'a> {
    /// No target.
    None,
    /// The straight path from the agency's baseline to its target.
    Path(TargetValues),
    /// One stepped line every team shares.
    Common(&'a [(NaiveDate, NaiveDate, f64)]),
    /// Each team's own steps.
    PerTeam,
}

/// The corners of a stepped target line: each step's start and end.
pub fn step_line(steps: &[(NaiveDate, NaiveDate, f64)]) -> Vec<(NaiveDate, f64)> {
    steps
        .iter()
        .flat_map(|&(s, e, t)| [(s, t), (e, t)])
        .collect()
}

/// Runs of equal targets over periods given as (start, end, value).
fn steps_of(
    periods: &[(NaiveDate, NaiveDate, f64)],
    target_at: impl Fn(NaiveDate) -> Option<f64>,
) -> Vec<(NaiveDate, NaiveDate, f64)> {
    let mut steps: Vec<(NaiveDate, NaiveDate, f64)> = Vec::new();
    for &(start, end, _) in periods {
        let Some(t) = target_at(end) else { continue };
        match steps.last_mut() {
            Some(last) if last.2 == t => last.1 = end,
            _ => steps.push((start, end, t)),
        }
    }
    steps
}

/// The steps all teams with targets share, when there are several.
fn common_steps(series: &[TeamSeries]) -> Option<Vec<(NaiveDate, NaiveDate, f64)>> {
    let mut with = series.iter().filter(|t| !t.target_steps.is_empty());
    let first = with.next()?;
    // Teams may report different periods: compare the target at each change.
    let same = with.all(|t| {
        t.target_steps.len() == first.target_steps.len()
            && t.target_steps
                .iter()
                .zip(&first.target_steps)
                .all(|(a, b)| a.2 == b.2)
    });
    same.then(|| first.target_steps.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::progress::Status;
    use crate::domain::{
        Direction, Frequency, IndicatorId, IndicatorKind, IndicatorScope, StatusThresholds,
        TargetId,
    };

    #[test]
    fn league_and_series_from_values() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let ind = Indicator {
            id: IndicatorId(1),
            name: "Repairs".into(),
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
        };
        let team = |id, name: &str| Team {
            id: TeamId(id),
            name: name.into(),
            contact: String::new(),
            archived: false,
        };
        let teams = vec![team(1, "North"), team(2, "South"), team(3, "Quiet")];
        let mut values = HashMap::new();
        values.insert(
            TeamId(1),
            vec![(d(2025, 2, 1), 50.0), (d(2025, 1, 1), 45.0)],
        );
        values.insert(
            TeamId(2),
            vec![
                (d(2025, 1, 1), 40.0),
                (d(2025, 2, 1), 80.0),
                (d(2025, 9, 1), 99.0),
            ],
        );
        let targets = vec![TargetRecord {
            id: TargetId(1),
            team: None,
            values: TargetValues {
                baseline_value: 40.0,
                baseline_date: d(2025, 1, 1),
                target_value: 90.0,
                deadline: d(2026, 1, 1),
            },
            current: true,
        }];
        let snap = IndicatorSnapshot::build(&ind, &teams, &values, &targets, d(2025, 3, 31));
        assert_eq!(
            snap.teams[0].points,
            [(d(2025, 1, 1), 45.0), (d(2025, 2, 1), 50.0)],
            "sorted by period"
        );
        assert_eq!(
            snap.teams[1].points.len(),
            2,
            "September is after the cut-off"
        );
        let order: Vec<&str> = snap.league.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(order, ["South", "North", "Quiet"]);
        assert_eq!(
            snap.league[2].progress.status,
            Status::NoData,
            "a team that has not reported is shown, not dropped"
        );
        assert_eq!(snap.league[0].sparkline, [40.0, 80.0]);
        assert_eq!(snap.value_range(), Some((40.0, 90.0)));
        // One agency-wide target: the straight path, shared as one step.
        assert!(matches!(snap.target_line(), TargetLine::Path(_)));
        assert_eq!(
            snap.teams[0].target_steps,
            [(d(2025, 1, 1), d(2025, 2, 28), 90.0)]
        );
        // Monthly targets for South: steps, its own.
        let mut monthly = targets.clone();
        for (k, m) in [(2, 1), (3, 2)] {
            monthly.push(TargetRecord {
                id: TargetId(k),
                team: Some(TeamId(2)),
                values: TargetValues {
                    baseline_value: 40.0,
                    baseline_date: d(2025, m, 1),
                    target_value: 60.0 + f64::from(m),
                    deadline: d(2025, m, 28),
                },
                current: k == 3,
            });
        }
        let snap = IndicatorSnapshot::build(&ind, &teams, &values, &monthly, d(2025, 3, 31));
        assert_eq!(
            snap.teams[1].target_steps,
            [
                (d(2025, 1, 1), d(2025, 1, 31), 61.0),
                (d(2025, 2, 1), d(2025, 2, 28), 62.0)
            ]
        );
        assert!(snap.has_stepped_targets());
        assert_eq!(snap.target_line(), TargetLine::PerTeam);
        assert_eq!(
            step_line(&snap.teams[1].target_steps)[1..3],
            [(d(2025, 1, 31), 61.0), (d(2025, 2, 1), 62.0)]
        );
        assert_eq!(snap.date_range(), Some((d(2025, 1, 1), d(2026, 1, 1))));
    }
}
