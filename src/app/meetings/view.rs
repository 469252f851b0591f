//! View models of the meeting and capacity screens: the list of meetings
//! with the follow-up board, one meeting as it stood, and the capacity log.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analysis::progress::Status;
use crate::domain::capacity::CapacityNeed;
use crate::domain::meeting::{FollowUp, FollowUpStatus, ItemId, Meeting, MeetingId};
use crate::domain::{Team, TeamId};
use crate::ops::meetings::as_it_stood;

/// A follow-up as the board shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardLine {
    /// The follow-up.
    pub follow_up: FollowUp,
    /// Its team's name (or "—").
    pub team: String,
    /// When it was raised.
    pub raised_on: NaiveDate,
    /// Past due.
    pub overdue: bool,
}

/// The meetings screen: every meeting, and every open follow-up by owner.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeetingsView {
    /// Every meeting (id, date, title), newest first.
    pub meetings: Vec<(MeetingId, NaiveDate, String)>,
    /// Open follow-ups, by owner then due date.
    pub board: Vec<BoardLine>,
}

impl MeetingsView {
    /// Builds the screen.
    pub fn new(
        meetings: Vec<(MeetingId, NaiveDate, String)>,
        follow_ups: Vec<FollowUp>,
        teams: &[Team],
        today: NaiveDate,
    ) -> MeetingsView {
        let dates: HashMap<MeetingId, NaiveDate> =
            meetings.iter().map(|(id, d, _)| (*id, *d)).collect();
        let mut board: Vec<BoardLine> = follow_ups
            .into_iter()
            .filter(|f| f.status == FollowUpStatus::Open)
            .map(|f| BoardLine {
                team: team_name(teams, f.links.team),
                raised_on: dates.get(&f.raised_at).copied().unwrap_or(today),
                overdue: f.overdue(today),
                follow_up: f,
            })
            .collect();
        board.sort_by(|a, b| {
            a.follow_up
                .owner
                .to_lowercase()
                .cmp(&b.follow_up.owner.to_lowercase())
                .then(b.overdue.cmp(&a.overdue))
                .then(a.follow_up.due.cmp(&b.follow_up.due))
        });
        MeetingsView { meetings, board }
    }
}

fn team_name(teams: &[Team], t: Option<TeamId>) -> String {
    t.and_then(|t| teams.iter().find(|x| x.id == t))
        .map_or_else(|| "—".to_owned(), |x| x.name.clone())
}

/// A follow-up in a meeting, with where it stood at the end of that meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingFollowUp {
    /// The follow-up as it is now.
    pub follow_up: FollowUp,
    /// Where it stood when the meeting ended.
    pub then: FollowUpStatus,
    /// The agenda item it was raised on, if any.
    pub item: Option<ItemId>,
}

/// One meeting, as it stood.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingView {
    /// The meeting and its agenda.
    pub meeting: Meeting,
    /// Follow-ups raised at this meeting.
    pub raised: Vec<MeetingFollowUp>,
    /// Follow-ups from earlier meetings on this agenda, with where they stood.
    pub carried: Vec<MeetingFollowUp>,
    /// Names of the teams attending.
    pub teams: Vec<String>,
    /// The later meetings, so resolving a follow-up there is visible here.
    pub is_latest: bool,
}

impl MeetingView {
    /// Builds the view of `meeting` from every follow-up.
    pub fn new(
        meeting: Meeting,
        follow_ups: &[FollowUp],
        dates: &HashMap<MeetingId, NaiveDate>,
        teams: &[Team],
    ) -> MeetingView {
        let held = meeting.held_on;
        let raised = follow_ups
            .iter()
            .filter(|f| f.raised_at == meeting.id)
            .map(|f| MeetingFollowUp {
                then: as_it_stood(f, held, dates),
                follow_up: f.clone(),
                item: f.item,
            })
            .collect();
        let on_agenda: Vec<_> = meeting
            .items
            .iter()
            .filter_map(|i| i.links.follow_up)
            .collect();
        let carried = follow_ups
            .iter()
            .filter(|f| on_agenda.contains(&f.id))
            .map(|f| MeetingFollowUp {
                then: as_it_stood(f, held, dates),
                follow_up: f.clone(),
                item: f.item,
            })
            .collect();
        let is_latest = dates.values().all(|d| *d <= held);
        MeetingView {
            teams: meeting
                .teams
                .iter()
                .map(|t| team_name(teams, Some(*t)))
                .collect(),
            meeting,
            raised,
            carried,
            is_latest,
        }
    }
}

/// One need as the capacity log shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct NeedLine {
    /// The need.
    pub need: CapacityNeed,
    /// Its team's name.
    pub team: String,
    /// The indicator it serves, by name.
    pub serves: String,
    /// Days it has waited (or took).
    pub waited: i64,
}

/// Capacity per team.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamCapacity {
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub name: String,
    /// Needs still waiting.
    pub open: usize,
    /// The longest wait among them, in days.
    pub longest_wait: i64,
    /// Needs delivered.
    pub delivered: usize,
    /// Where it stands on the framework's indicator.
    pub status: Option<Status>,
    /// Waiting for help while falling behind: highlighted.
    pub starved: bool,
}

/// Days after which an open need counts as waiting long.
pub const LONG_WAIT_DAYS: i64 = 14;

/// The capacity screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CapacityView {
    /// Every need, newest first.
    pub needs: Vec<NeedLine>,
    /// Per team, most in need of help first.
    pub teams: Vec<TeamCapacity>,
}

impl CapacityView {
    /// Builds the screen from every need, the teams, and each team's standing.
    pub fn new(
        needs: Vec<CapacityNeed>,
        teams: &[Team],
        indicator_names: &HashMap<crate::domain::IndicatorId, String>,
        standing: &HashMap<TeamId, Status>,
        today: NaiveDate,
    ) -> CapacityView {
        let lines: Vec<NeedLine> = needs
            .into_iter()
            .map(|n| NeedLine {
                team: team_name(teams, Some(n.team)),
                serves: n
                    .serves
                    .and_then(|i| indicator_names.get(&i).cloned())
                    .unwrap_or_default(),
                waited: n.waited_days(today),
                need: n,
            })
            .collect();
        let mut per_team: Vec<TeamCapacity> = teams
            .iter()
            .filter(|t| !t.archived)
            .map(|t| {
                let mine: Vec<&NeedLine> = lines.iter().filter(|l| l.need.team == t.id).collect();
                let open: Vec<&&NeedLine> =
                    mine.iter().filter(|l| l.need.status.is_open()).collect();
                let longest = open.iter().map(|l| l.waited).max().unwrap_or(0);
                let status = standing.get(&t.id).copied();
                TeamCapacity {
                    team: t.id,
                    name: t.name.clone(),
                    open: open.len(),
                    longest_wait: longest,
                    delivered: mine
                        .iter()
                        .filter(|l| l.need.status == crate::domain::capacity::NeedStatus::Delivered)
                        .count(),
                    status,
                    starved: longest >= LONG_WAIT_DAYS
                        && matches!(status, Some(Status::AtRisk | Status::OffTrack)),
                }
            })
            .collect();
        per_team.sort_by(|a, b| {
            b.starved
                .cmp(&a.starved)
                .then(b.longest_wait.cmp(&a.longest_wait))
                .then(a.name.cmp(&b.name))
        });
        CapacityView {
            needs: lines,
            teams: per_team,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::capacity::{NeedCategory, NeedEvent, NeedId, NeedStatus};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_team_waiting_for_help_while_behind_is_highlighted() {
        let teams = vec![
            Team {
                id: TeamId(1),
                name: "West".into(),
                contact: String::new(),
                archived: false,
            },
            Team {
                id: TeamId(2),
                name: "South".into(),
                contact: String::new(),
                archived: false,
            },
        ];
        let need = |id: i64, team: i64, on: NaiveDate| CapacityNeed {
            id: NeedId(id),
            team: TeamId(team),
            category: NeedCategory::Equipment,
            description: "Van".into(),
            amount: None,
            amount_unit: String::new(),
            serves: None,
            status: NeedStatus::Requested,
            history: vec![NeedEvent {
                status: NeedStatus::Requested,
                on,
                note: String::new(),
            }],
        };
        let standing =
            HashMap::from([(TeamId(1), Status::OffTrack), (TeamId(2), Status::OffTrack)]);
        // West has waited 30 days while off track; South only 5.
        let v = CapacityView::new(
            vec![need(1, 1, d(3, 1)), need(2, 2, d(3, 26))],
            &teams,
            &HashMap::new(),
            &standing,
            d(3, 31),
        );
        assert_eq!(v.teams[0].name, "West");
        assert!(v.teams[0].starved);
        assert!(!v.teams[1].starved);
        assert_eq!(v.teams[0].longest_wait, 30);
    }
}
