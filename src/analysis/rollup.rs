//! The roll-up's plain data: each agency's standing against its target,
//! wins, flags and latest data, and the orders it can be sorted in. Read
//! from the workbooks by `ops::rollup`, drawn by the window and written
//! by `export::rollup`.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::progress::Status;
use super::standing::TargetStanding;

/// One agency in the roll-up.
#[derive(Clone, Debug, PartialEq)]
pub struct AgencyLine {
    /// Its workbook.
    pub path: PathBuf,
    /// The agency's name.
    pub agency: String,
    /// Its mission statement (empty when not yet written).
    pub mission: String,
    /// Its framework target and the teams' standing against its path.
    pub target: Option<TargetStanding>,
    /// Where its median team stands (the agency's headline standing).
    pub status: Status,
    /// Teams on track or with the target met, of the teams with a standing.
    pub on_track: (usize, usize),
    /// Wins achieved in the period.
    pub wins: usize,
    /// Serious integrity flags open (as last recorded by its checks).
    pub serious_flags: usize,
    /// The latest period any value was reported for.
    pub last_data: Option<NaiveDate>,
    /// How many active teams it has.
    pub teams: usize,
}

/// The roll-up of a folder of workbooks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Portfolio {
    /// The folder.
    pub folder: PathBuf,
    /// The day standings are computed for.
    pub as_of: Option<NaiveDate>,
    /// Wins are counted from this day on.
    pub since: Option<NaiveDate>,
    /// Each agency, by name.
    pub agencies: Vec<AgencyLine>,
    /// Workbooks that could not be read, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// The order the standings go in, best first.
fn rank(s: Status) -> usize {
    match s {
        Status::Met => 0,
        Status::OnTrack => 1,
        Status::AtRisk => 2,
        Status::OffTrack => 3,
        Status::NoData => 4,
        Status::NoTarget => 5,
    }
}

/// The standing of the median team, from the counts by standing (met, on
/// track, at risk, off track, no data).
pub fn median_status(counts: &[usize; 5]) -> Status {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return Status::NoTarget;
    }
    let middle = (total - 1) / 2;
    let mut seen = 0;
    let order = [
        Status::Met,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::NoData,
    ];
    for (n, s) in counts.iter().zip(order) {
        seen += n;
        if seen > middle {
            return s;
        }
    }
    Status::NoData
}

/// The columns the roll-up can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RollupColumn {
    /// The agency's name.
    #[default]
    Agency,
    /// The median team's standing (best first).
    Status,
    /// Share of teams on track.
    OnTrack,
    /// Wins in the period.
    Wins,
    /// Serious flags open.
    Flags,
    /// Latest data.
    LastData,
}

impl Portfolio {
    /// Sorts the agencies by a column (descending puts the largest, or the
    /// worst standing, first).
    pub fn sort(&mut self, column: RollupColumn, descending: bool) {
        let share = |l: &AgencyLine| {
            if l.on_track.1 == 0 {
                -1.0
            } else {
                l.on_track.0 as f64 / l.on_track.1 as f64
            }
        };
        self.agencies.sort_by(|a, b| {
            let order = match column {
                RollupColumn::Agency => a.agency.to_lowercase().cmp(&b.agency.to_lowercase()),
                RollupColumn::Status => rank(a.status).cmp(&rank(b.status)),
                RollupColumn::OnTrack => share(a).total_cmp(&share(b)),
                RollupColumn::Wins => a.wins.cmp(&b.wins),
                RollupColumn::Flags => a.serious_flags.cmp(&b.serious_flags),
                RollupColumn::LastData => a.last_data.cmp(&b.last_data),
            };
            let order = order.then_with(|| a.agency.cmp(&b.agency));
            if descending { order.reverse() } else { order }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_standing_is_the_median_teams() {
        assert_eq!(median_status(&[0, 0, 0, 0, 0]), Status::NoTarget);
        assert_eq!(median_status(&[1, 2, 0, 2, 0]), Status::OnTrack);
        assert_eq!(median_status(&[0, 1, 0, 3, 0]), Status::OffTrack);
        assert_eq!(median_status(&[0, 2, 2, 0, 0]), Status::OnTrack);
        assert_eq!(median_status(&[3, 0, 0, 0, 0]), Status::Met);
    }
}
