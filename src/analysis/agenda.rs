//! Building a stat meeting's agenda from the workbook: open follow-ups
//! (overdue first), teams off track or at risk, open integrity flags, wins
//! to recognise in the room, and capacity needs awaiting a decision.

use chrono::NaiveDate;

use super::progress::Status;
use crate::domain::capacity::{CapacityNeed, NeedStatus};
use crate::domain::integrity::{Flag, FlagStatus, Severity};
use crate::domain::meeting::{FollowUp, FollowUpStatus, ItemDraft, ItemKind, Links};
use crate::domain::win::Win;
use crate::domain::{IndicatorId, TeamId};

/// Days of wins an agenda looks back over when there was no earlier meeting.
pub const FIRST_WINS_WINDOW_DAYS: u64 = 28;

/// A team behind on an indicator, as the agenda needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Behind {
    /// The team.
    pub team: TeamId,
    /// The indicator.
    pub indicator: IndicatorId,
    /// Its standing (at risk or off track).
    pub status: Status,
    /// "North District Crew: off track on Potholes repaired within 48 hours".
    pub title: String,
    /// "Latest 61.2% (2026-W47) against a path of 78.4%".
    pub detail: String,
}

/// How much of what is open an agenda takes, so that a meeting discusses
/// what matters rather than everything ever found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgendaLimits {
    /// Flags and wins per team (the most serious or significant).
    pub per_team: usize,
    /// Flags whose latest evidence, and wins, older than this many days
    /// before the meeting are left out.
    pub max_age_days: u32,
}

impl Default for AgendaLimits {
    fn default() -> Self {
        AgendaLimits {
            per_team: 3,
            max_age_days: 180,
        }
    }
}

/// Everything the agenda is built from.
#[derive(Clone, Debug)]
pub struct AgendaInputs<'a> {
    /// When the meeting is held.
    pub held_on: NaiveDate,
    /// Teams attending (empty: all).
    pub teams: &'a [TeamId],
    /// When the previous meeting was held, if there was one.
    pub previous: Option<NaiveDate>,
    /// Every follow-up, with the date of the meeting it was raised at.
    pub follow_ups: &'a [(FollowUp, NaiveDate)],
    /// Teams behind on indicators with targets.
    pub behind: &'a [Behind],
    /// Every flag.
    pub flags: &'a [Flag],
    /// Every win, with who it is for.
    pub wins: &'a [(Win, String)],
    /// Every capacity need, with its team's name.
    pub needs: &'a [(CapacityNeed, String)],
    /// Teams that have not returned the latest data return, each with a
    /// line saying which request and when it was due.
    pub not_reported: &'a [(TeamId, String)],
    /// What the agenda takes.
    pub limits: AgendaLimits,
}

/// Builds the agenda, section by section.
pub fn build_agenda(i: &AgendaInputs<'_>) -> Vec<ItemDraft> {
    let mut items = Vec::new();
    follow_up_items(i, &mut items);
    behind_items(i, &mut items);
    flag_items(i, &mut items);
    win_items(i, &mut items);
    need_items(i, &mut items);
    // In the agenda's order: after the follow-ups.
    let at = items
        .iter()
        .position(|x| x.kind > ItemKind::NotReported)
        .unwrap_or(items.len());
    items.splice(at..at, not_reported_items(i));
    items
}

impl AgendaInputs<'_> {
    /// True when `team` attends (everyone does when no team was named; an
    /// item about no team concerns everyone).
    fn attending(&self, team: Option<TeamId>) -> bool {
        self.teams.is_empty() || team.is_none_or(|t| self.teams.contains(&t))
    }
}

/// Follow-ups raised before this meeting and still open, overdue first.
fn follow_up_items(i: &AgendaInputs<'_>, items: &mut Vec<ItemDraft>) {
    let attending = |t: Option<TeamId>| i.attending(t);
    // Follow-ups raised before this meeting and still open, overdue first.
    let mut open: Vec<&(FollowUp, NaiveDate)> = i
        .follow_ups
        .iter()
        .filter(|(f, raised)| {
            f.status == FollowUpStatus::Open && *raised < i.held_on && attending(f.links.team)
        })
        .collect();
    open.sort_by_key(|(f, _)| (!f.overdue(i.held_on), f.due, f.id));
    for (f, raised) in open {
        let overdue = if f.overdue(i.held_on) {
            " — overdue"
        } else {
            ""
        };
        items.push(ItemDraft {
            kind: ItemKind::FollowUp,
            title: format!(
                "{} ({}, due {}){overdue}",
                f.text,
                f.owner,
                f.due.format("%-d %b %Y")
            ),
            detail: format!("Raised at the meeting of {}.", raised.format("%-d %B %Y")),
            links: Links {
                follow_up: Some(f.id),
                ..f.links
            },
        });
    }
}

/// Teams behind, off track before at risk.
fn behind_items(i: &AgendaInputs<'_>, items: &mut Vec<ItemDraft>) {
    let attending = |t: Option<TeamId>| i.attending(t);
    // Teams behind, off track before at risk.
    let mut behind: Vec<&Behind> = i
        .behind
        .iter()
        .filter(|b| {
            matches!(b.status, Status::OffTrack | Status::AtRisk) && attending(Some(b.team))
        })
        .collect();
    behind.sort_by_key(|b| (b.status != Status::OffTrack, b.title.clone()));
    for b in behind {
        items.push(ItemDraft {
            kind: ItemKind::Behind,
            title: b.title.clone(),
            detail: b.detail.clone(),
            links: Links {
                team: Some(b.team),
                indicator: Some(b.indicator),
                ..Links::default()
            },
        });
    }
}

/// Open flags worth asking about, most serious first, a few per team and
/// none older than the limit; a line says how many were set aside.
fn flag_items(i: &AgendaInputs<'_>, items: &mut Vec<ItemDraft>) {
    let attending = |t: Option<TeamId>| i.attending(t);
    // Open integrity flags worth asking about (warnings and serious ones),
    // most serious first; notes stay in the integrity panel.
    let mut flags: Vec<&Flag> = i
        .flags
        .iter()
        .filter(|f| {
            f.active
                && f.status == FlagStatus::Open
                && f.severity >= Severity::Warning
                && attending(f.team)
        })
        .collect();
    flags.sort_by(|a, b| crate::analysis::integrity::triage::compare(a, b));
    let oldest = i
        .held_on
        .checked_sub_days(chrono::Days::new(u64::from(i.limits.max_age_days)))
        .unwrap_or(i.held_on);
    let mut per_team: std::collections::HashMap<Option<TeamId>, usize> =
        std::collections::HashMap::new();
    let mut set_aside = 0;
    let flags: Vec<&Flag> = flags
        .into_iter()
        .filter(|f| {
            let latest = f
                .evidence
                .iter()
                .map(|e| e.period)
                .max()
                .unwrap_or(f.first_seen);
            let taken = per_team.entry(f.team).or_default();
            let keep = latest >= oldest && *taken < i.limits.per_team;
            if keep {
                *taken += 1;
            } else {
                set_aside += 1;
            }
            keep
        })
        .collect();
    for f in flags {
        items.push(ItemDraft {
            kind: ItemKind::Flag,
            title: format!("{} ({})", f.title, f.severity.label()),
            detail: f.explanation.clone(),
            links: Links {
                team: f.team,
                indicator: f.indicator,
                flag: Some(f.id),
                ..Links::default()
            },
        });
    }

    if set_aside > 0 {
        items.push(ItemDraft {
            kind: ItemKind::Flag,
            title: format!(
                "{} more open flags set aside (beyond {} per team, or older than {} days): see the Integrity screen",
                set_aside, i.limits.per_team, i.limits.max_age_days
            ),
            detail: String::new(),
            links: Links::default(),
        });
    }
}

/// Wins since the last meeting not yet recognised.
fn win_items(i: &AgendaInputs<'_>, items: &mut Vec<ItemDraft>) {
    let attending = |t: Option<TeamId>| i.attending(t);
    // Wins since the last meeting not yet recognised.
    let since = i.previous.unwrap_or_else(|| {
        i.held_on
            .checked_sub_days(chrono::Days::new(FIRST_WINS_WINDOW_DAYS))
            .unwrap_or(i.held_on)
    });
    let mut wins: Vec<&(Win, String)> = i
        .wins
        .iter()
        .filter(|(w, _)| {
            w.recognitions == 0
                && w.holds
                && w.achieved_on > since
                && w.achieved_on <= i.held_on
                && attending(w.team)
        })
        .collect();
    // The most significant first, a few per team, then in date order.
    wins.sort_by_key(|(w, _)| {
        (
            w.kind.significance(),
            std::cmp::Reverse(w.achieved_on),
            w.id,
        )
    });
    let mut per_team: std::collections::HashMap<Option<TeamId>, usize> =
        std::collections::HashMap::new();
    let mut wins: Vec<&(Win, String)> = wins
        .into_iter()
        .filter(|(w, _)| {
            let taken = per_team.entry(w.team).or_default();
            *taken += 1;
            *taken <= i.limits.per_team
        })
        .collect();
    wins.sort_by_key(|(w, _)| (w.achieved_on, w.id));
    for (w, who) in wins {
        items.push(ItemDraft {
            kind: ItemKind::Win,
            title: format!("{who}: {}", w.title),
            detail: w.explanation.clone(),
            links: Links {
                team: w.team,
                indicator: w.indicator,
                win: Some(w.id),
                ..Links::default()
            },
        });
    }
}

/// Capacity needs still waiting for a decision, longest waiting first.
fn need_items(i: &AgendaInputs<'_>, items: &mut Vec<ItemDraft>) {
    let attending = |t: Option<TeamId>| i.attending(t);
    // Needs still waiting for a decision, longest waiting first.
    let mut needs: Vec<&(CapacityNeed, String)> = i
        .needs
        .iter()
        .filter(|(n, _)| n.status == NeedStatus::Requested && attending(Some(n.team)))
        .collect();
    needs.sort_by_key(|(n, _)| (n.requested_on(), n.id));
    for (n, team) in needs {
        let amount = n.amount.map_or(String::new(), |a| {
            format!(", {}", crate::domain::number::format_number(a, 2))
        });
        items.push(ItemDraft {
            kind: ItemKind::Need,
            title: format!("{team}: {} — {}", n.category.label(), n.description),
            detail: format!(
                "Requested {}; waiting {} days{amount}.",
                n.requested_on()
                    .map_or("—".to_owned(), |d| d.format("%-d %b %Y").to_string()),
                n.waited_days(i.held_on)
            ),
            links: Links {
                team: Some(n.team),
                indicator: n.serves,
                need: Some(n.id),
                ..Links::default()
            },
        });
    }
}

/// The teams attending that have not returned the latest data return.
fn not_reported_items(i: &AgendaInputs<'_>) -> Vec<ItemDraft> {
    i.not_reported
        .iter()
        .filter(|(t, _)| i.teams.is_empty() || i.teams.contains(t))
        .map(|(team, line)| ItemDraft {
            kind: ItemKind::NotReported,
            title: line.clone(),
            detail: "Ask for the figures before the discussion; a team's numbers come in before the meeting, not during it.".into(),
            links: Links {
                team: Some(*team),
                ..Links::default()
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::capacity::{NeedCategory, NeedEvent, NeedId};
    use crate::domain::integrity::{FlagId, Rule};
    use crate::domain::meeting::{FollowUpId, MeetingId};
    use crate::domain::{WinId, WinKind};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn follow_up(
        id: i64,
        team: i64,
        due: NaiveDate,
        status: FollowUpStatus,
    ) -> (FollowUp, NaiveDate) {
        (
            FollowUp {
                id: FollowUpId(id),
                raised_at: MeetingId(1),
                item: None,
                text: format!("task {id}"),
                owner: "Rosa".into(),
                due,
                links: Links {
                    team: Some(TeamId(team)),
                    ..Links::default()
                },
                status,
                resolved_at: None,
                resolution: String::new(),
            },
            d(3, 1),
        )
    }

    #[test]
    fn each_section_holds_exactly_what_is_open_for_the_teams_attending() {
        let follow_ups = [
            follow_up(1, 1, d(3, 20), FollowUpStatus::Open),
            follow_up(2, 1, d(3, 5), FollowUpStatus::Open),
            follow_up(3, 1, d(3, 5), FollowUpStatus::Done),
            follow_up(4, 2, d(3, 5), FollowUpStatus::Open),
        ];
        let behind = [Behind {
            team: TeamId(1),
            indicator: IndicatorId(1),
            status: Status::OffTrack,
            title: "North: off track".into(),
            detail: String::new(),
        }];
        let flag = |id: i64, team: i64, status: FlagStatus, active: bool| Flag {
            id: FlagId(id),
            rule: Rule::Bunching,
            indicator: None,
            team: Some(TeamId(team)),
            key: String::new(),
            severity: Severity::Warning,
            title: format!("flag {id}"),
            explanation: String::new(),
            evidence: vec![],
            active,
            status,
            note: String::new(),
            settled_at: None,
            first_seen: d(1, 1),
        };
        let flags = [
            flag(1, 1, FlagStatus::Open, true),
            flag(2, 1, FlagStatus::Explained, true),
            flag(3, 1, FlagStatus::Open, false),
        ];
        let win = |id: i64, on: NaiveDate, recognised: u32| {
            (
                Win {
                    id: WinId(id),
                    kind: WinKind::Streak,
                    team: Some(TeamId(1)),
                    indicator: None,
                    people: String::new(),
                    achieved_on: on,
                    title: format!("win {id}"),
                    explanation: String::new(),
                    achievement: String::new(),
                    evidence: vec![],
                    holds: true,
                    recognitions: recognised,
                },
                "North".to_owned(),
            )
        };
        let wins = [win(1, d(3, 10), 0), win(2, d(3, 10), 1), win(3, d(2, 1), 0)];
        let need = |id: i64, status: NeedStatus| {
            (
                CapacityNeed {
                    id: NeedId(id),
                    team: TeamId(1),
                    category: NeedCategory::Staff,
                    description: format!("need {id}"),
                    amount: None,
                    amount_unit: String::new(),
                    serves: None,
                    status,
                    history: vec![NeedEvent {
                        status: NeedStatus::Requested,
                        on: d(2, 1),
                        note: String::new(),
                    }],
                },
                "North".to_owned(),
            )
        };
        let needs = [
            need(1, NeedStatus::Requested),
            need(2, NeedStatus::Approved),
        ];
        let items = build_agenda(&AgendaInputs {
            held_on: d(3, 15),
            teams: &[TeamId(1)],
            previous: Some(d(3, 1)),
            follow_ups: &follow_ups,
            behind: &behind,
            flags: &flags,
            wins: &wins,
            needs: &needs,
            not_reported: &[
                (TeamId(1), "North: data return 2 not returned".into()),
                (TeamId(2), "South: data return 2 not returned".into()),
            ],
            limits: AgendaLimits::default(),
        });
        let got: Vec<(ItemKind, Links)> = items.iter().map(|i| (i.kind, i.links)).collect();
        let ids = |k: ItemKind| -> Vec<i64> {
            got.iter()
                .filter(|(kind, _)| *kind == k)
                .map(|(_, l)| {
                    l.follow_up
                        .map(|x| x.0)
                        .or(l.flag.map(|x| x.0))
                        .or(l.win.map(|x| x.0))
                        .or(l.need.map(|x| x.0))
                        .unwrap_or(l.team.map_or(0, |t| t.0))
                })
                .collect()
        };
        assert_eq!(
            ids(ItemKind::FollowUp),
            [2, 1],
            "open ones for North, the overdue first"
        );
        assert_eq!(ids(ItemKind::Behind), [1]);
        assert_eq!(ids(ItemKind::Flag), [1], "open and still found");
        assert_eq!(
            ids(ItemKind::Win),
            [1],
            "unrecognised, since the last meeting"
        );
        assert_eq!(ids(ItemKind::Need), [1], "awaiting a decision");
        assert_eq!(ids(ItemKind::NotReported), [1], "only the teams attending");
        assert!(items[0].title.ends_with("overdue"));
        // The sections come in order.
        let kinds: Vec<ItemKind> = items.iter().map(|i| i.kind).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        assert_eq!(kinds, sorted);
    }
}
