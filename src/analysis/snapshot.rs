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
            series.push(TeamSeries {
                team: team.id,
                name: team.name.clone(),
                points,
                target: current_target(targets, team.id).map(|r| r.values),
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
        IndicatorSnapshot {
            indicator: indicator.clone(),
            agency_target,
            teams: series,
            league,
            as_of,
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
        assert_eq!(snap.date_range(), Some((d(2025, 1, 1), d(2026, 1, 1))));
    }
}
