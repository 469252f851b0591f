//! Where teams stand on the framework target's indicator: the plain data
//! the cockpit and the roll-up both show.

use chrono::NaiveDate;

use super::progress::Status;
use crate::domain::{IndicatorId, TeamId};

/// A team's standing on the target indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamStanding {
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub name: String,
    /// Its standing.
    pub status: Status,
    /// "Latest 61.2% (2026-W47), path 78.4%", or what is missing.
    pub detail: String,
}

/// Where the target indicator stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetStanding {
    /// The indicator.
    pub indicator: Option<IndicatorId>,
    /// Its name.
    pub name: String,
    /// The target as a sentence.
    pub sentence: String,
    /// The indicator's unit.
    pub unit: String,
    /// The decimals its values are shown with.
    pub decimals: u8,
    /// Teams by standing: met, on track, at risk, off track, no data.
    pub counts: [usize; 5],
    /// The teams furthest behind first (off track, at risk, no data).
    pub worst: Vec<TeamStanding>,
    /// How many teams are behind (at risk or off track) in all.
    pub behind: usize,
    /// Every team's status, in the league's order: the team pickers choose
    /// by it ("every team off track").
    pub statuses: Vec<(TeamId, Status)>,
    /// Per period, the lowest, lower quartile, median, upper quartile and
    /// highest value across teams: the headline chart.
    pub spread: Vec<(NaiveDate, [f64; 5])>,
    /// The target path from baseline to deadline, when one target holds
    /// for every team: (baseline date, value), (deadline, target).
    pub path: Option<((NaiveDate, f64), (NaiveDate, f64))>,
}
