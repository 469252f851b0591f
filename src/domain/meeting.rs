//! Stat meetings (practice 5, with 6 and 8): the agenda built from the
//! workbook, what was noted and decided, and follow-ups carried from one
//! meeting to the next until they are resolved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::capacity::NeedId;
use super::integrity::FlagId;
use super::{IndicatorId, TeamId, WinId};

/// Identifies a meeting.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct MeetingId(pub i64);

/// Identifies an agenda item.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct ItemId(pub i64);

/// Identifies a follow-up.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct FollowUpId(pub i64);

impl std::fmt::Display for MeetingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::fmt::Display for FollowUpId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What an agenda item is about, in the order the agenda lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ItemKind {
    /// A follow-up from an earlier meeting, still open.
    FollowUp,
    /// A team that has not returned the latest data return request.
    NotReported,
    /// A team off track or at risk on an indicator.
    Behind,
    /// An open integrity flag.
    Flag,
    /// A win to recognise in the room.
    Win,
    /// A capacity need awaiting a decision.
    Need,
    /// Added by hand.
    Other,
}

impl ItemKind {
    /// Every kind, in agenda order.
    pub const ALL: [ItemKind; 7] = [
        ItemKind::FollowUp,
        ItemKind::NotReported,
        ItemKind::Behind,
        ItemKind::Flag,
        ItemKind::Win,
        ItemKind::Need,
        ItemKind::Other,
    ];

    /// The agenda section's heading.
    pub fn heading(self) -> &'static str {
        match self {
            ItemKind::FollowUp => "Follow-ups from earlier meetings",
            ItemKind::NotReported => "Teams that have not reported",
            ItemKind::Behind => "Teams off track or at risk",
            ItemKind::Flag => "Integrity flags to look into",
            ItemKind::Win => "Wins to recognise in the room",
            ItemKind::Need => "Capacity needs awaiting a decision",
            ItemKind::Other => "Other business",
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::FollowUp => "follow_up",
            ItemKind::NotReported => "not_reported",
            ItemKind::Behind => "behind",
            ItemKind::Flag => "flag",
            ItemKind::Win => "win",
            ItemKind::Need => "need",
            ItemKind::Other => "other",
        }
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<ItemKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What an agenda item links to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    /// A team.
    pub team: Option<TeamId>,
    /// An indicator.
    pub indicator: Option<IndicatorId>,
    /// An integrity flag.
    pub flag: Option<FlagId>,
    /// A win.
    pub win: Option<WinId>,
    /// A capacity need.
    pub need: Option<NeedId>,
    /// A follow-up.
    pub follow_up: Option<FollowUpId>,
}

/// An agenda item as built, before it is stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemDraft {
    /// What it is about.
    pub kind: ItemKind,
    /// A one-line title.
    pub title: String,
    /// The figures behind it.
    pub detail: String,
    /// What it links to.
    pub links: Links,
}

/// An agenda item of a meeting, with what was noted and decided.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgendaItem {
    /// Its id.
    pub id: ItemId,
    /// What it is about.
    pub kind: ItemKind,
    /// A one-line title.
    pub title: String,
    /// The figures behind it.
    pub detail: String,
    /// What it links to.
    pub links: Links,
    /// Notes taken.
    pub notes: String,
    /// Decisions taken.
    pub decisions: Vec<String>,
}

/// Where a follow-up stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FollowUpStatus {
    /// To be done.
    #[default]
    Open,
    /// Done.
    Done,
    /// No longer to be done.
    Dropped,
}

impl FollowUpStatus {
    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            FollowUpStatus::Open => "open",
            FollowUpStatus::Done => "done",
            FollowUpStatus::Dropped => "dropped",
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        self.label()
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<FollowUpStatus> {
        [
            FollowUpStatus::Open,
            FollowUpStatus::Done,
            FollowUpStatus::Dropped,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// A follow-up: what, who, by when, and where it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowUp {
    /// Its id.
    pub id: FollowUpId,
    /// The meeting it was raised at.
    pub raised_at: MeetingId,
    /// The agenda item it was raised on, if any.
    pub item: Option<ItemId>,
    /// What is to be done.
    pub text: String,
    /// Who does it.
    pub owner: String,
    /// By when.
    pub due: NaiveDate,
    /// What it links to.
    pub links: Links,
    /// Where it stands now.
    pub status: FollowUpStatus,
    /// The meeting at which it was resolved, if it was.
    pub resolved_at: Option<MeetingId>,
    /// How it was resolved.
    pub resolution: String,
}

impl FollowUp {
    /// True when it is open and past due on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status == FollowUpStatus::Open && self.due < today
    }
}

/// A follow-up being written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewFollowUp {
    /// What is to be done.
    pub text: String,
    /// Who does it.
    pub owner: String,
    /// By when.
    pub due: Option<NaiveDate>,
    /// What it links to.
    pub links: Links,
}

impl NewFollowUp {
    /// What stops it being recorded.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.text.trim().is_empty() {
            out.push("Say what is to be done.".to_owned());
        }
        if self.owner.trim().is_empty() {
            out.push("Say who does it.".to_owned());
        }
        if self.due.is_none() {
            out.push("Give a due date (YYYY-MM-DD).".to_owned());
        }
        out
    }
}

/// A meeting with its agenda.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Meeting {
    /// Its id.
    pub id: MeetingId,
    /// When.
    pub held_on: NaiveDate,
    /// A title ("CitiStat, week 12").
    pub title: String,
    /// Teams attending.
    pub teams: Vec<TeamId>,
    /// The agenda, in order.
    pub items: Vec<AgendaItem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_follow_ups_need_what_who_and_when() {
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::from_code(k.code()), Some(k));
        }
        assert_eq!(NewFollowUp::default().problems().len(), 3);
        let f = FollowUp {
            id: FollowUpId(1),
            raised_at: MeetingId(1),
            item: None,
            text: "Send the crew rota".into(),
            owner: "Rosa".into(),
            due: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            links: Links::default(),
            status: FollowUpStatus::Open,
            resolved_at: None,
            resolution: String::new(),
        };
        assert!(f.overdue(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()));
        assert!(!f.overdue(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
    }
}
