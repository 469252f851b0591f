//! The league table: every team beside every other on one indicator.

use serde::Serialize;

use super::progress::{Progress, Status};
use crate::domain::{Direction, TeamId};

/// One team's row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeagueRow {
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub name: String,
    /// Where it stands.
    pub progress: Progress,
    /// Its recent values, oldest first, for a sparkline.
    pub sparkline: Vec<f64>,
}

/// The columns a league table sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum LeagueColumn {
    /// Team name.
    Team,
    /// Latest value.
    Latest,
    /// Change since the previous period.
    ChangeSinceLast,
    /// Change since the baseline.
    ChangeSinceBaseline,
    /// Share of the way from baseline to target.
    #[default]
    PercentOfWay,
    /// Status.
    Status,
}

impl LeagueColumn {
    /// Every column, left to right.
    pub const ALL: [LeagueColumn; 6] = [
        LeagueColumn::Team,
        LeagueColumn::Latest,
        LeagueColumn::ChangeSinceLast,
        LeagueColumn::ChangeSinceBaseline,
        LeagueColumn::PercentOfWay,
        LeagueColumn::Status,
    ];

    /// The heading.
    pub fn label(self) -> &'static str {
        match self {
            LeagueColumn::Team => "Team",
            LeagueColumn::Latest => "Latest",
            LeagueColumn::ChangeSinceLast => "Since last period",
            LeagueColumn::ChangeSinceBaseline => "Since baseline",
            LeagueColumn::PercentOfWay => "% of the way",
            LeagueColumn::Status => "Status",
        }
    }
}

/// Sorts rows by a column. "Best first" follows the indicator's direction for
/// value columns (a lower value ranks first when lower is better). Teams
/// without the figure (not reported, no target) always come last, never dropped.
pub fn sort_league(
    rows: &mut [LeagueRow],
    by: LeagueColumn,
    best_first: bool,
    direction: Direction,
) {
    let key = |r: &LeagueRow| -> Option<f64> {
        let p = &r.progress;
        let better = |v: f64| {
            v * if direction == Direction::Lower {
                -1.0
            } else {
                1.0
            }
        };
        match by {
            LeagueColumn::Team => None,
            LeagueColumn::Latest => p.latest.map(|(_, v)| better(v)),
            LeagueColumn::ChangeSinceLast => p.change_since_last.map(better),
            LeagueColumn::ChangeSinceBaseline => p.change_since_baseline.map(better),
            LeagueColumn::PercentOfWay => p.percent_of_way,
            LeagueColumn::Status => Some(-f64::from(status_rank(p.status))),
        }
    };
    rows.sort_by(|a, b| {
        if by == LeagueColumn::Team {
            let o = a.name.to_lowercase().cmp(&b.name.to_lowercase());
            return if best_first { o } else { o.reverse() };
        }
        match (key(a), key(b)) {
            (Some(x), Some(y)) => {
                let o = y.partial_cmp(&x).unwrap_or(std::cmp::Ordering::Equal);
                let o = if best_first { o } else { o.reverse() };
                o.then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        }
    });
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Met => 0,
        Status::OnTrack => 1,
        Status::AtRisk => 2,
        Status::OffTrack => 3,
        Status::NoTarget => 4,
        Status::NoData => 5,
    }
}

/// Ranks (1 = best) by share of the way to the target; teams without a figure have none.
pub fn ranks(rows: &[LeagueRow], direction: Direction) -> Vec<(TeamId, Option<usize>)> {
    let mut sorted = rows.to_vec();
    sort_league(&mut sorted, LeagueColumn::PercentOfWay, true, direction);
    let mut rank = 0;
    sorted
        .iter()
        .map(|r| {
            let has = r.progress.percent_of_way.is_some();
            if has {
                rank += 1;
            }
            (r.team, has.then_some(rank))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn row(
        id: i64,
        name: &str,
        latest: Option<f64>,
        way: Option<f64>,
        status: Status,
    ) -> LeagueRow {
        LeagueRow {
            team: TeamId(id),
            name: name.into(),
            progress: Progress {
                latest: latest.map(|v| (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), v)),
                previous: None,
                path_at_latest: None,
                change_since_last: latest.map(|v| v - 1.0),
                change_since_baseline: latest.map(|v| v - 10.0),
                percent_of_way: way,
                behind_path: None,
                status,
            },
            sparkline: vec![],
        }
    }

    fn names(rows: &[LeagueRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn sorting_keeps_teams_without_data_last() {
        let mut rows = vec![
            row(1, "North", Some(50.0), Some(40.0), Status::AtRisk),
            row(2, "South", None, None, Status::NoData),
            row(3, "East", Some(70.0), Some(80.0), Status::OnTrack),
            row(4, "West", Some(30.0), Some(10.0), Status::OffTrack),
        ];
        sort_league(
            &mut rows,
            LeagueColumn::PercentOfWay,
            true,
            Direction::Higher,
        );
        assert_eq!(names(&rows), ["East", "North", "West", "South"]);
        sort_league(
            &mut rows,
            LeagueColumn::PercentOfWay,
            false,
            Direction::Higher,
        );
        assert_eq!(names(&rows), ["West", "North", "East", "South"]);
        sort_league(&mut rows, LeagueColumn::Team, true, Direction::Higher);
        assert_eq!(names(&rows), ["East", "North", "South", "West"]);
        sort_league(&mut rows, LeagueColumn::Status, true, Direction::Higher);
        assert_eq!(names(&rows), ["East", "North", "West", "South"]);
    }

    #[test]
    fn lower_is_better_ranks_the_lowest_value_first() {
        let mut rows = vec![
            row(1, "A", Some(5.0), None, Status::NoTarget),
            row(2, "B", Some(3.0), None, Status::NoTarget),
        ];
        sort_league(&mut rows, LeagueColumn::Latest, true, Direction::Lower);
        assert_eq!(names(&rows), ["B", "A"]);
        sort_league(&mut rows, LeagueColumn::Latest, true, Direction::Higher);
        assert_eq!(names(&rows), ["A", "B"]);
    }

    #[test]
    fn ranks_skip_teams_without_figures() {
        let rows = vec![
            row(1, "N", Some(1.0), Some(40.0), Status::AtRisk),
            row(2, "S", None, None, Status::NoData),
            row(3, "E", Some(2.0), Some(80.0), Status::OnTrack),
        ];
        let r = ranks(&rows, Direction::Higher);
        assert!(r.contains(&(TeamId(3), Some(1))));
        assert!(r.contains(&(TeamId(1), Some(2))));
        assert!(r.contains(&(TeamId(2), None)));
    }
}
