//! Data returns: the leader asks each team for its numbers of some periods
//! (one file per team), the teams fill the files in, and the leader
//! collects them. A request, who has returned what, and how a team stands.

use chrono::{DateTime, NaiveDate, Utc};

use super::TeamId;

/// Identifies one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub i64);

/// What a request asks for: the period containing `as_of` and the
/// `periods_before` periods before it, of each indicator's own frequency.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnSpec {
    /// The day whose period is the latest asked for.
    pub as_of: NaiveDate,
    /// How many earlier periods are asked for as well (0: only the latest).
    pub periods_before: u32,
    /// When the returns are due, if a day was set.
    pub due: Option<NaiveDate>,
    /// The teams asked (empty: every active team).
    pub teams: Vec<TeamId>,
}

/// Most periods one request may span (a team's file stays a page or two).
pub const MAX_PERIODS_BEFORE: u32 = 52;

impl ReturnSpec {
    /// What is wrong with the spec, if anything.
    pub fn problem(&self) -> Option<String> {
        (self.periods_before > MAX_PERIODS_BEFORE).then(|| {
            format!("Ask for at most {MAX_PERIODS_BEFORE} earlier periods in one request.")
        })
    }
}

/// A request as kept in the workbook.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnRequest {
    /// Its id.
    pub id: RequestId,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// What it asks for.
    pub spec: ReturnSpec,
    /// The folder its files were written to.
    pub folder: String,
}

/// One team's part of a request.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnTeam {
    /// The team.
    pub team: TeamId,
    /// The file written for it.
    pub file_name: String,
    /// How many values it was asked for.
    pub cells: usize,
    /// When its return was collected, by whom, and how many values it filled.
    pub collected: Option<Collected>,
}

/// A collected return.
#[derive(Clone, Debug, PartialEq)]
pub struct Collected {
    /// When.
    pub at: DateTime<Utc>,
    /// The name written in the return ("reported by").
    pub by: String,
    /// How many of the values asked for the return held.
    pub filled: usize,
}

/// Where a team stands on a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReturnStatus {
    /// Not returned and past its due day.
    Overdue,
    /// Not returned yet.
    NotYet,
    /// Returned with some values missing.
    Partly,
    /// Returned with every value.
    Returned,
}

impl ReturnStatus {
    /// A team's status on `today`.
    pub fn of(team: &ReturnTeam, due: Option<NaiveDate>, today: NaiveDate) -> ReturnStatus {
        match &team.collected {
            Some(c) if c.filled >= team.cells => ReturnStatus::Returned,
            Some(_) => ReturnStatus::Partly,
            None if due.is_some_and(|d| today > d) => ReturnStatus::Overdue,
            None => ReturnStatus::NotYet,
        }
    }

    /// The word the board shows.
    pub fn label(self) -> &'static str {
        match self {
            ReturnStatus::Overdue => "overdue",
            ReturnStatus::NotYet => "not yet",
            ReturnStatus::Partly => "partly",
            ReturnStatus::Returned => "returned",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_team_is_returned_partly_not_yet_or_overdue() {
        let mut team = ReturnTeam {
            team: TeamId(1),
            file_name: "North.xlsx".into(),
            cells: 10,
            collected: None,
        };
        assert_eq!(
            ReturnStatus::of(&team, Some(d(3, 6)), d(3, 6)),
            ReturnStatus::NotYet
        );
        assert_eq!(
            ReturnStatus::of(&team, Some(d(3, 6)), d(3, 7)),
            ReturnStatus::Overdue
        );
        assert_eq!(ReturnStatus::of(&team, None, d(9, 9)), ReturnStatus::NotYet);
        team.collected = Some(Collected {
            at: Utc::now(),
            by: "Ann".into(),
            filled: 9,
        });
        assert_eq!(ReturnStatus::of(&team, None, d(3, 1)), ReturnStatus::Partly);
        team.collected.as_mut().unwrap().filled = 10;
        assert_eq!(
            ReturnStatus::of(&team, Some(d(1, 1)), d(3, 1)),
            ReturnStatus::Returned
        );
    }

    #[test]
    fn a_request_spans_a_bounded_number_of_periods() {
        let mut spec = ReturnSpec {
            as_of: d(3, 1),
            periods_before: 4,
            due: None,
            teams: vec![],
        };
        assert_eq!(spec.problem(), None);
        spec.periods_before = MAX_PERIODS_BEFORE + 1;
        assert!(spec.problem().is_some());
    }
}
